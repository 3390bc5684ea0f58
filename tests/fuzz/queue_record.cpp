// Fuzz target: the spool file parser (gateway/queue/record.hpp). Any bytes
// must give a Record or a ParseError, never a crash; a parsed record must
// serialize back to bytes that parse to the same record.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gateway/queue/record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto r = mixer::queue::parse(bytes);
  if (!r.ok()) {
    if (r.error().message.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  auto again = mixer::queue::parse(mixer::queue::serialize(*r));
  if (!again.ok() || again->content != r->content || again->recipients.size() != r->recipients.size() ||
      again->id != r->id || again->attrs != r->attrs)
    __builtin_trap();
  return 0;
}
