// Fuzz target: the RFC 5322/MIME parser, printer, transfer decoders and
// RFC 2047/2231 decoding. Any input gives an entity tree or a MimeError that
// says why; printing is a fixed point (print(parse(print(x))) == print(x)).
#include <cstddef>
#include <cstdint>
#include <string>

#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/encoded_word.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"

namespace mime = mixer::mapping::mime;

static void walk(const mime::Entity& e) {
  for (const auto& f : e.headers) {
    std::string v = f.value();
    (void)mime::decode_header_text(v);
    (void)mime::parse_parameterized(v);
  }
  if (e.kind == mime::EntityKind::leaf) {
    auto d = mime::decoded_body(e);
    if (!d.ok() && d.error().what.empty()) __builtin_trap();
    if (d.ok()) {
      // Re-encoding what we decoded must decode to the same bytes.
      auto ct = mime::content_type_of(e.headers);
      auto leaf = mime::make_leaf(ct, *d, mime::EncodingPolicy{false});
      auto again = mime::decoded_body(leaf);
      if (!again.ok() || again->bytes != d->bytes) __builtin_trap();
    }
  }
  for (const auto& p : e.parts) walk(p);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mime::MimeLimits limits;
  limits.max_depth = 16;
  limits.max_entities = 500;
  std::string input(reinterpret_cast<const char*>(data), size);
  auto r = mime::parse_message(std::move(input), limits);
  if (!r.ok()) {
    if (r.error().what.empty()) __builtin_trap();
    return 0;
  }
  walk(*r);
  std::string once = mime::print_message(*r, "\r\n");
  auto again = mime::parse_message(once, limits);
  if (!again.ok()) return 0;  // printing may add close delimiters that cross a limit
  if (mime::print_message(*again, "\r\n") != once) __builtin_trap();
  (void)mime::encode_unstructured(mime::decode_header_text(once.substr(0, 200)));
  return 0;
}
