// Fuzz target: JSON text -> X.400 value -> BER (the path of `mixer x400
// encode`). Any input must give BER or an error message, never a crash; BER
// that comes out must decode and dump again.
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
  const std::string_view key = doc->as_object().front().key;
  const char* syntax = key == "notification" ? "ipn" : key == "orname" ? "orname" : "ipm";
  auto again = x400::xjson::dump_ber(syntax, *ber);
  if (!again.ok()) __builtin_trap();
  return 0;
}
