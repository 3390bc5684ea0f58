// Fuzz target: Internet -> X.400 for a whole message (mapping/message
// to_x400, RFC 2156 §5.1). The input is the RFC 5322/MIME message; the SMTP
// envelope is fixed. Any input must give a P1 message or a MappingFailure
// with a reason; a produced message must BER-encode, decode back equal, and
// convert back to Internet mail that our MIME parser accepts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
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

message::ConversionOptions options(bool odd) {
  message::ConversionOptions o;
  o.gateway = {"fuzz", "GB", "BT", "GW", "gw.example.org"};
  o.now = 1795435200;
  o.allow_p2 = odd;
  o.next_hop_8bit = odd;
  o.mime_limits.max_entities = 200;  // keep one run short; the limit itself is tested elsewhere
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bool odd = size % 2 == 1;
  message::SmtpEnvelope env;
  env.mail_from = "alice@example.org";
  env.recipients = {{"bob@example.net", odd ? "SUCCESS,FAILURE" : "", ""},
                    {"carol@example.net", "NEVER", ""}};
  env.ret = odd ? "HDRS" : "";
  const auto o = options(odd);
  auto m = message::to_x400(env, std::string_view(reinterpret_cast<const char*>(data), size), context(), o);
  if (!m.ok()) {
    if (m.error().what.empty()) {
      std::fprintf(stderr, "to_x400 failed without a reason at \"%s\"\n", m.error().where.c_str());
      __builtin_trap();
    }
    return 0;
  }
  auto ber = x400::asn::encode_mts_apdu(x400::asn::MtsApdu{*m});
  if (!ber.ok()) {
    std::fprintf(stderr, "encode: %s\n", ber.error().to_string().c_str());
    __builtin_trap();
  }  // what to_x400 produces must always encode
  auto shared = std::make_shared<const std::vector<std::uint8_t>>(std::move(*ber));
  auto decoded = x400::asn::decode_mts_apdu(shared);
  if (!decoded.ok()) {
    std::fprintf(stderr, "decode: %s\n", decoded.error().to_string().c_str());
    __builtin_trap();
  }
  const auto* msg = std::get_if<x400::asn::Message>(&*decoded);
  if (!msg || !(*msg == *m)) {
    std::fprintf(stderr, "decoded message differs\n");
    __builtin_trap();
  }
  auto back = message::to_internet(*msg, context(), o);
  if (!back.ok()) {
    if (back.error().what.empty()) __builtin_trap();
    return 0;
  }
  if (!mime::parse_message(back->content).ok()) {
    std::fprintf(stderr, "output does not parse\n");
    __builtin_trap();
  }
  return 0;
}
