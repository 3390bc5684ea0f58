// Hex text <-> bytes, for test vectors, logs and the CLI.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mixer {

std::string to_hex(std::span<const std::uint8_t> bytes);
// Accepts upper/lower case and ignores ASCII white space and ':'; nullopt on
// any other character or an odd number of digits.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text);

}  // namespace mixer
