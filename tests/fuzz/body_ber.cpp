// Fuzz target: X.400 body (from a BER InformationObject) -> MIME
// (mapping/body body_to_mime) and back. Any input must give an entity or a
// MappingFailure with a message; the printed entity must parse, and convert
// back to an X.400 body that BER-encodes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "mapping/body/body.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"
#include "x400/asn/p22_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer;
  using namespace mixer::mapping;
  auto v = x400::p22::decode_information_object(x400::ber::Bytes(data, size));
  if (!v.ok()) return 0;
  const auto* ipm = std::get_if<x400::p22::Ipm>(&*v);
  if (!ipm) return 0;
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  body::BodyOptions o;
  o.leaf.encoding.peer_8bitmime = size % 2 == 1;
  auto m = body::body_to_mime(ipm->body, o, ctx);
  if (!m.ok()) {
    if (m.error().what.empty()) __builtin_trap();
    return 0;
  }
  auto parsed = mime::parse_message(mime::print_message(*m));
  if (!parsed.ok()) __builtin_trap();
  auto back = body::body_from_mime(*parsed, o, ctx);
  if (!back.ok()) {
    if (back.error().what.empty()) __builtin_trap();
    return 0;
  }
  x400::p22::Ipm again;
  again.heading.this_ipm.user_relative_identifier = "fuzz";
  again.body = *back;
  if (!x400::p22::encode_information_object(x400::p22::InformationObject{again}).ok()) __builtin_trap();
  return 0;
}
