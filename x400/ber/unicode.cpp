// UCS-2/UCS-4 <-> UTF-8 (ISO/IEC 10646, RFC 3629).
#include "x400/ber/unicode.hpp"

#include <cstdint>

#include "x400/ber/types.hpp"

namespace mixer::x400::ber {
namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

// Decodes one UTF-8 sequence at s[i]; advances i. nullopt when invalid
// (overlong, surrogate, > 0x10FFFF, truncated).
std::optional<std::uint32_t> next_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<std::uint8_t>(s[i]);
  int n = 0;
  std::uint32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xe0) == 0xc0) {
    n = 1, cp = b0 & 0x1f;
  } else if ((b0 & 0xf0) == 0xe0) {
    n = 2, cp = b0 & 0x0f;
  } else if ((b0 & 0xf8) == 0xf0) {
    n = 3, cp = b0 & 0x07;
  } else {
    return std::nullopt;
  }
  if (s.size() - i <= static_cast<std::size_t>(n)) return std::nullopt;
  for (int k = 1; k <= n; ++k) {
    const auto b = static_cast<std::uint8_t>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xc0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3f);
  }
  static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
  i += static_cast<std::size_t>(n) + 1;
  return cp;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!next_utf8(s, i)) return false;
  return true;
}

std::optional<std::string> ucs_to_utf8(std::string_view ucs, int width) {
  const auto w = static_cast<std::size_t>(width);
  if (ucs.size() % w != 0) return std::nullopt;
  std::string out;
  out.reserve(ucs.size());
  for (std::size_t i = 0; i < ucs.size(); i += w) {
    std::uint32_t cp = 0;
    for (std::size_t k = 0; k < w; ++k) cp = (cp << 8) | static_cast<std::uint8_t>(ucs[i + k]);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
    put_utf8(out, cp);
  }
  return out;
}

std::optional<std::string> utf8_to_ucs(std::string_view utf8, int width) {
  std::string out;
  out.reserve(utf8.size() * static_cast<std::size_t>(width));
  for (std::size_t i = 0; i < utf8.size();) {
    auto cp = next_utf8(utf8, i);
    if (!cp || (width == 2 && *cp > 0xffff)) return std::nullopt;
    for (int k = width - 1; k >= 0; --k) out.push_back(static_cast<char>((*cp >> (8 * k)) & 0xff));
  }
  return out;
}

}  // namespace mixer::x400::ber
