#include "mapping/address/ps_encoding.hpp"

namespace mixer::mapping::address {

bool is_ps_restricted_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ': case '\'': case '+': case ',': case '-': case '.': case '/': case ':': case '=': case '?':
      return true;
    default:
      return false;
  }
}

bool is_printable_string_char(char c) { return is_ps_restricted_char(c) || c == '(' || c == ')'; }

bool is_printable_string(std::string_view s) {
  for (char c : s)
    if (!is_printable_string_char(c)) return false;
  return true;
}

AddressResult<std::string> ps_encode(std::string_view ascii) {
  std::string out;
  out.reserve(ascii.size() + 8);
  for (std::size_t i = 0; i < ascii.size(); ++i) {
    const char c = ascii[i];
    if (static_cast<unsigned char>(c) >= 0x80)
      return fail(address_error(AddressErrorKind::kNonAscii, "ps-encoding (RFC 2156 3.4) is defined for ASCII only",
                                ascii, i));
    if (is_ps_restricted_char(c)) {
      out.push_back(c);
      continue;
    }
    switch (c) {
      case '@': out += "(a)"; break;
      case '%': out += "(p)"; break;
      case '!': out += "(b)"; break;
      case '"': out += "(q)"; break;
      case '_': out += "(u)"; break;
      case '(': out += "(l)"; break;
      case ')': out += "(r)"; break;
      default: {
        const auto v = static_cast<unsigned>(static_cast<unsigned char>(c));
        out.push_back('(');
        out.push_back(static_cast<char>('0' + v / 100));
        out.push_back(static_cast<char>('0' + v / 10 % 10));
        out.push_back(static_cast<char>('0' + v % 10));
        out.push_back(')');
      }
    }
  }
  return out;
}

AddressResult<std::string> ps_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (is_ps_restricted_char(c)) {
      out.push_back(c);
      continue;
    }
    if (c != '(')
      return fail(address_error(AddressErrorKind::kSyntax,
                                c == ')' ? "unbalanced ')' in ps-encoded text" : "character outside PrintableString",
                                s, i));
    if (i + 2 < s.size() && s[i + 2] == ')') {
      char d = 0;
      switch (s[i + 1]) {
        case 'a': d = '@'; break;
        case 'p': d = '%'; break;
        case 'b': d = '!'; break;
        case 'q': d = '"'; break;
        case 'u': d = '_'; break;
        case 'l': d = '('; break;
        case 'r': d = ')'; break;
        default:
          return fail(address_error(AddressErrorKind::kSyntax, "unknown ps-encoding escape", s, i));
      }
      out.push_back(d);
      i += 2;
      continue;
    }
    if (i + 4 < s.size() && s[i + 4] == ')') {
      unsigned v = 0;
      for (std::size_t k = 1; k <= 3; ++k) {
        const char dch = s[i + k];
        if (dch < '0' || dch > '9')
          return fail(address_error(AddressErrorKind::kSyntax, "ps-encoding escape is not (ddd)", s, i));
        v = v * 10 + static_cast<unsigned>(dch - '0');
      }
      if (v > 127)
        return fail(address_error(AddressErrorKind::kSyntax, "ps-encoding escape above 127 (ASCII only)", s, i));
      out.push_back(static_cast<char>(v));
      i += 4;
      continue;
    }
    return fail(address_error(AddressErrorKind::kSyntax, "unterminated ps-encoding escape", s, i));
  }
  return out;
}

}  // namespace mixer::mapping::address
