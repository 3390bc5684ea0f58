// Fuzz target: X.400 -> Internet for a whole message (mapping/message
// to_internet, RFC 2156 §5.3). The input is a BER MTS-APDU. Any input must
// give an SMTP envelope + RFC 5322 message or a MappingFailure with a
// reason; a produced message must parse with our MIME parser and convert
// back to a P1 message (or a failure with a reason) that BER-encodes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "mapping/address/std_or.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/mime/parser.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace {

using namespace mixer;
using namespace mixer::mapping;

const address::MappingContext& context() {
  static const address::MappingContext ctx = [] {
    address::MappingContext c;
    c.local_domain = "gw.example.org";
    c.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
    return c;
  }();
  return ctx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = std::make_shared<const std::vector<std::uint8_t>>(data, data + size);
  auto apdu = x400::asn::decode_mts_apdu(bytes);
  if (!apdu.ok()) return 0;
  const auto* m = std::get_if<x400::asn::Message>(&*apdu);
  if (!m) return 0;
  message::ConversionOptions o;
  o.gateway = {"fuzz", "GB", "BT", "GW", "gw.example.org"};
  o.now = 1795435200;
  o.next_hop_8bit = size % 2 == 1;
  auto r = message::to_internet(*m, context(), o);
  if (!r.ok()) {
    if (r.error().what.empty()) __builtin_trap();
    return 0;
  }
  if (!mime::parse_message(r->content).ok()) __builtin_trap();
  if (r->envelope.recipients.empty()) return 0;  // nothing this MTA is responsible for
  auto back = message::to_x400(r->envelope, r->content, context(), o);
  if (!back.ok()) {
    if (back.error().what.empty()) __builtin_trap();
    return 0;
  }
  if (!x400::asn::encode_mts_apdu(x400::asn::MtsApdu{*back}).ok()) __builtin_trap();
  return 0;
}
