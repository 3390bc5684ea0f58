// Fuzz target: JSON text -> X.400 value -> BER (the path of `mixer x400
// encode`), for every document kind: ipm/ipn, notification, orname,
// mts-apdu (message/report/probe, typed extension values, nested content),
// bind-argument/-result/-error. Any input must give BER or an error message,
// never a crash; BER that comes out must dump again, and that dump must encode
// to the same BER (encode is deterministic and dump is its inverse).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/json.hpp"
#include "x400/json/syntax_registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer;
  auto doc = json::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!doc.ok()) return 0;
  auto ber = x400::xjson::encode_document(*doc);
  if (!ber.ok()) {
    if (ber.error().empty()) __builtin_trap();
    return 0;
  }
  const std::string_view syntax = x400::xjson::dump_syntax_of(doc->as_object().front().key);
  if (syntax.empty()) __builtin_trap();  // encode accepted a document kind dump cannot print
  auto again = x400::xjson::dump_ber(syntax, *ber);
  if (!again.ok()) __builtin_trap();
  auto ber2 = x400::xjson::encode_document(*again);
  if (!ber2.ok() || *ber2 != *ber) __builtin_trap();
  return 0;
}
