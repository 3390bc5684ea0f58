// UCS-2 (BMPString) and UCS-4 (UniversalString) <-> UTF-8, for X.680 41.16 /
// 41.17 strings, which mixer keeps as UTF-8 in memory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mixer::x400::ber {

// Big-endian code units of `width` 2 or 4 octets to UTF-8. nullopt on a
// length that is not a multiple of `width`, a surrogate, or a value > 0x10FFFF.
std::optional<std::string> ucs_to_utf8(std::string_view ucs, int width);
// UTF-8 to big-endian UCS-2/UCS-4. nullopt on invalid UTF-8 or (UCS-2) a
// character outside the BMP.
std::optional<std::string> utf8_to_ucs(std::string_view utf8, int width);

}  // namespace mixer::x400::ber
