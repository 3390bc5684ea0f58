#include "mapping/mime/encoded_word.hpp"

#include <optional>

#include "mapping/mime/charset.hpp"
#include "mapping/mime/transfer_encoding.hpp"

namespace mixer::mapping::mime {

namespace {

constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 §2
constexpr char kHex[] = "0123456789ABCDEF";

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Tries to decode an encoded word starting at s[i]; on success returns the
// UTF-8 text and sets `next` past the closing "?=".
std::optional<std::string> try_decode(std::string_view s, std::size_t i, std::size_t& next) {
  if (s.compare(i, 2, "=?") != 0) return std::nullopt;
  std::size_t q1 = s.find('?', i + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= s.size() || s[q1 + 2] != '?') return std::nullopt;
  std::size_t end = s.find("?=", q1 + 3);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view charset = s.substr(i + 2, q1 - i - 2);
  if (auto star = charset.find('*'); star != std::string_view::npos)
    charset = charset.substr(0, star);  // RFC 2231 §5
  char enc = s[q1 + 1];
  std::string_view text = s.substr(q1 + 3, end - q1 - 3);
  for (char c : text)
    if (c == ' ' || c == '\t') return std::nullopt;  // encoded words contain no white space
  if (charset.empty()) return std::nullopt;
  std::string bytes;
  if (enc == 'B' || enc == 'b') {
    auto d = base64_decode(text);
    if (!d) return std::nullopt;
    bytes = std::move(d).value();
  } else if (enc == 'Q' || enc == 'q') {
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k] == '_') {
        bytes.push_back(' ');
      } else if (text[k] == '=' && k + 2 < text.size() && hexv(text[k + 1]) >= 0 && hexv(text[k + 2]) >= 0) {
        bytes.push_back(static_cast<char>(hexv(text[k + 1]) * 16 + hexv(text[k + 2])));
        k += 2;
      } else {
        bytes.push_back(text[k]);
      }
    }
  } else {
    return std::nullopt;
  }
  auto utf8 = to_utf8(charset, bytes);
  if (!utf8) return std::nullopt;
  next = end + 2;
  return std::move(utf8).value();
}

std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Length of the UTF-8 sequence starting with byte c (1 for invalid bytes).
std::size_t utf8_len(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

bool q_safe(unsigned char c) {  // RFC 2047 §5 (3): the strictest set, valid everywhere
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '!' || c == '*' ||
         c == '+' || c == '-' || c == '/';
}

std::size_t q_len(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (q_safe(c) || c == ' ') ? 1 : 3;
  return n;
}

// Encodes `text` as encoded words separated by a space, none longer than 75.
std::string encode_words(std::string_view text) {
  bool use_q = q_len(text) <= (text.size() + 2) / 3 * 4;
  const std::string_view prefix = use_q ? "=?UTF-8?Q?" : "=?UTF-8?B?";
  const std::size_t room = kMaxEncodedWord - prefix.size() - 2;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    // Take whole characters while the encoded form fits.
    std::size_t j = i;
    std::size_t enc = 0;
    while (j < text.size()) {
      std::size_t cl = std::min(utf8_len(static_cast<unsigned char>(text[j])), text.size() - j);
      std::size_t add;
      if (use_q) {
        add = 0;
        for (std::size_t k = 0; k < cl; ++k) {
          auto c = static_cast<unsigned char>(text[j + k]);
          add += (q_safe(c) || c == ' ') ? 1 : 3;
        }
        if (enc + add > room) break;
        enc += add;
      } else {
        std::size_t bytes = j + cl - i;
        if ((bytes + 2) / 3 * 4 > room) break;
      }
      j += cl;
    }
    if (j == i) j = i + 1;  // cannot happen with room >= 12, but never loop forever
    if (!out.empty()) out += ' ';
    out += prefix;
    std::string_view chunk = text.substr(i, j - i);
    if (use_q) {
      for (unsigned char c : chunk) {
        if (c == ' ') {
          out += '_';
        } else if (q_safe(c)) {
          out += static_cast<char>(c);
        } else {
          out += '=';
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
      }
    } else {
      std::string b = base64_encode(chunk, "");
      out += b;
    }
    out += "?=";
    i = j;
  }
  return out;
}

bool needs_encoding(std::string_view word) {
  if (!is_ascii(word)) return true;
  if (word.find("=?") != std::string_view::npos) return true;  // would look like an encoded word
  for (unsigned char c : word)
    if (c < 32 || c == 127) return true;
  return false;
}

}  // namespace

std::string decode_header_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  bool last_was_word = false;
  std::size_t pending_ws_begin = 0;
  std::size_t pending_ws_end = 0;
  while (i < s.size()) {
    if (is_wsp(s[i])) {
      std::size_t j = i;
      while (j < s.size() && is_wsp(s[j])) ++j;
      pending_ws_begin = i;
      pending_ws_end = j;
      i = j;
      // Adjacent encoded word follows? Then the white space is dropped.
      std::size_t next = 0;
      if (last_was_word && i < s.size()) {
        if (auto w = try_decode(s, i, next)) {
          out += *w;
          i = next;
          continue;
        }
      }
      out.append(s.substr(pending_ws_begin, pending_ws_end - pending_ws_begin));
      last_was_word = false;
      continue;
    }
    std::size_t next = 0;
    if (s[i] == '=' && (i == 0 || is_wsp(s[i - 1]) || last_was_word)) {
      if (auto w = try_decode(s, i, next)) {
        // An encoded word must be followed by white space or end (§5 (1)).
        out += *w;
        i = next;
        last_was_word = true;
        continue;
      }
    }
    // Plain word up to the next white space.
    std::size_t j = i;
    while (j < s.size() && !is_wsp(s[j])) ++j;
    std::string_view word = s.substr(i, j - i);
    if (is_ascii(word) || is_valid_utf8(word)) {
      out.append(word);
    } else {
      out += latin1_to_utf8(word);
    }
    i = j;
    last_was_word = false;
  }
  return out;
}

std::string encode_unstructured(std::string_view s) {
  // Words are separated by single spaces/tabs; keep the white space.
  std::size_t first = std::string_view::npos;
  std::size_t last_end = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_wsp(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_wsp(s[j])) ++j;
    if (j > i && needs_encoding(s.substr(i, j - i))) {
      if (first == std::string_view::npos) first = i;
      last_end = j;
    }
    i = j;
  }
  if (first == std::string_view::npos) return std::string(s);
  std::string out(s.substr(0, first));
  out += encode_words(s.substr(first, last_end - first));
  out.append(s.substr(last_end));
  return out;
}

std::string encode_phrase(std::string_view s) {
  bool ascii = is_ascii(s) && s.find("=?") == std::string_view::npos;
  for (unsigned char c : s)
    if (c < 32 || c == 127) ascii = false;
  if (ascii) {
    bool atoms = !s.empty();
    for (char c : s) {
      bool atext = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' ||
                   std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
      if (!atext) atoms = false;
    }
    if (atoms && !is_wsp(s.front()) && !is_wsp(s.back()) && s.find("  ") == std::string_view::npos)
      return std::string(s);
    std::string q = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    q += '"';
    return q;
  }
  return encode_words(s);
}

}  // namespace mixer::mapping::mime
