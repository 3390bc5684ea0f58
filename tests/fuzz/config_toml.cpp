// Fuzz target: the TOML configuration loader. Any input must give a Config or
// a list of errors with file and line, never a crash or an exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cfg = mixer::config::load_string(text, "fuzz.toml");
  if (!cfg.ok() && cfg.error().empty()) __builtin_trap();  // a failure must say why
  return 0;
}
