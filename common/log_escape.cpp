#include "common/log_escape.hpp"

namespace mixer {

std::string log_escape(std::string_view untrusted, std::size_t max_len) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(untrusted.size() < max_len ? untrusted.size() : max_len);
  for (unsigned char c : untrusted) {
    if (out.size() >= max_len) {
      out += "...";
      return out;
    }
    if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 0x0f]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace mixer
