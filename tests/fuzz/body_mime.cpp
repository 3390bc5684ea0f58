// Fuzz target: MIME -> X.400 body (mapping/body body_from_mime) and back.
// Any input must give a body or a MappingFailure with a message; a body must
// BER-encode (every produced X.400 value is valid), convert back to MIME,
// and that MIME must convert to X.400 again.
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
  mime::MimeLimits limits;
  limits.max_depth = 20;
  limits.max_entities = 200;
  auto e = mime::parse_message(std::string(reinterpret_cast<const char*>(data), size), limits);
  if (!e.ok()) return 0;
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  body::BodyOptions o;
  o.attachments_as_bilateral = size % 7 == 3;
  auto b = body::body_from_mime(*e, o, ctx);
  if (!b.ok()) {
    if (b.error().what.empty()) __builtin_trap();
    return 0;
  }
  x400::p22::Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = "fuzz";
  ipm.body = *b;
  if (!x400::p22::encode_information_object(x400::p22::InformationObject{ipm}).ok()) __builtin_trap();
  auto m = body::body_to_mime(*b, o, ctx);
  if (!m.ok()) {
    if (m.error().what.empty()) __builtin_trap();
    return 0;
  }
  auto again = mime::parse_message(mime::print_message(*m));
  if (!again.ok()) __builtin_trap();
  auto b2 = body::body_from_mime(*again, o, ctx);
  if (!b2.ok() && b2.error().what.empty()) __builtin_trap();
  return 0;
}
