#include "mapping/report/xtext.hpp"

namespace mixer::mapping::report {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_xchar(unsigned char c) { return c >= 0x21 && c <= 0x7e && c != '+' && c != '='; }

}  // namespace

std::string xtext_encode(std::string_view raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(raw.size());
  for (char ch : raw) {
    auto c = static_cast<unsigned char>(ch);
    if (is_xchar(c)) {
      out.push_back(ch);
    } else {
      out.push_back('+');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

Result<std::string, ReportError> xtext_decode(std::string_view xtext) {
  std::string out;
  out.reserve(xtext.size());
  for (std::size_t i = 0; i < xtext.size(); ++i) {
    auto c = static_cast<unsigned char>(xtext[i]);
    if (c == '+') {
      if (i + 2 >= xtext.size()) {
        return fail(ReportError{"xtext: '+' at offset " + std::to_string(i) + " not followed by two hex digits", "", 0});
      }
      int hi = hex_value(xtext[i + 1]);
      int lo = hex_value(xtext[i + 2]);
      if (hi < 0 || lo < 0) {
        return fail(ReportError{"xtext: '+' at offset " + std::to_string(i) + " not followed by two hex digits", "", 0});
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (is_xchar(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      return fail(ReportError{"xtext: octet " + std::to_string(c) + " at offset " + std::to_string(i) +
                                  " is not an xchar",
                              "", 0});
    }
  }
  return out;
}

}  // namespace mixer::mapping::report
