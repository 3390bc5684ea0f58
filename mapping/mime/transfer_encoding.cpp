#include "mapping/mime/transfer_encoding.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include "mapping/mime/header.hpp"

namespace mixer::mapping::mime {

namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHex[] = "0123456789ABCDEF";

constexpr std::array<std::int8_t, 256> make_b64_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kB64[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kB64Table = make_b64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::optional<TransferEncoding> parse_transfer_encoding(std::string_view value) {
  // Strip comments and white space: "base64 (for the image)".
  std::string token;
  int depth = 0;
  for (char c : value) {
    if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (depth == 0 && !is_space(c))
      token.push_back(c);
  }
  if (token.empty() || iequals(token, "7bit")) return TransferEncoding::seven_bit;
  if (iequals(token, "8bit")) return TransferEncoding::eight_bit;
  if (iequals(token, "binary")) return TransferEncoding::binary;
  if (iequals(token, "quoted-printable")) return TransferEncoding::quoted_printable;
  if (iequals(token, "base64")) return TransferEncoding::base64;
  return std::nullopt;
}

std::string_view to_string(TransferEncoding te) noexcept {
  switch (te) {
    case TransferEncoding::seven_bit:
      return "7bit";
    case TransferEncoding::eight_bit:
      return "8bit";
    case TransferEncoding::binary:
      return "binary";
    case TransferEncoding::quoted_printable:
      return "quoted-printable";
    case TransferEncoding::base64:
      return "base64";
  }
  return "7bit";
}

Result<std::string, MimeError> base64_decode(std::string_view in) {
  std::string out;
  out.resize(in.size() / 4 * 3 + 3);
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  std::uint32_t acc = 0;
  int bits = 0;
  int pad = 0;
  std::size_t i = 0;
  while (i < n) {
    // Fast path: a whole quantum of four alphabet characters at a quantum
    // boundary (the common case: lines of 76 characters are 19 quanta).
    if (bits == 0 && pad == 0) {
      while (i + 4 <= n) {
        std::int32_t a = kB64Table[p[i]], b = kB64Table[p[i + 1]], c = kB64Table[p[i + 2]],
                     d = kB64Table[p[i + 3]];
        if ((a | b | c | d) < 0) break;
        std::uint32_t v = (static_cast<std::uint32_t>(a) << 18) | (static_cast<std::uint32_t>(b) << 12) |
                          (static_cast<std::uint32_t>(c) << 6) | static_cast<std::uint32_t>(d);
        o[0] = static_cast<char>(v >> 16);
        o[1] = static_cast<char>((v >> 8) & 0xFF);
        o[2] = static_cast<char>(v & 0xFF);
        o += 3;
        i += 4;
      }
      if (i >= n) break;
    }
    // Slow path, one character: white space, padding, partial quanta, errors.
    char ch = in[i];
    if (is_space(ch)) {
      ++i;
      continue;
    }
    if (ch == '=') {
      ++pad;
      ++i;
      continue;
    }
    int v = kB64Table[static_cast<unsigned char>(ch)];
    if (v < 0) return fail(MimeError{"invalid base64 character", "", i});
    if (pad > 0) return fail(MimeError{"base64 data after padding", "", i});
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *o++ = static_cast<char>((acc >> bits) & 0xFF);
    }
    if (bits == 0) acc = 0;
    ++i;
  }
  if (bits >= 6) return fail(MimeError{"base64 data ends with a single stray character", "", in.size()});
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

std::string base64_encode(std::string_view in, std::string_view eol) {
  // One pass into a buffer sized exactly: full lines are 57 input octets ->
  // 76 characters (RFC 2045 §6.8), then the last partial line and padding.
  constexpr std::size_t kLineIn = 57;
  const std::size_t chars = (in.size() + 2) / 3 * 4;
  const std::size_t lines = (chars + 75) / 76;
  std::string out;
  out.resize(chars + lines * eol.size());
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  auto quantum = [&](std::size_t i) {
    std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
    o[0] = kB64[(v >> 18) & 63];
    o[1] = kB64[(v >> 12) & 63];
    o[2] = kB64[(v >> 6) & 63];
    o[3] = kB64[v & 63];
    o += 4;
  };
  std::size_t i = 0;
  for (; i + kLineIn <= n; i += kLineIn) {
    for (std::size_t k = 0; k < kLineIn; k += 3) quantum(i + k);
    for (char c : eol) *o++ = c;
  }
  if (i < n) {
    for (; i + 3 <= n; i += 3) quantum(i);
    if (std::size_t rest = n - i; rest > 0) {
      std::uint32_t v = std::uint32_t{p[i]} << 16;
      if (rest == 2) v |= std::uint32_t{p[i + 1]} << 8;
      o[0] = kB64[(v >> 18) & 63];
      o[1] = kB64[(v >> 12) & 63];
      o[2] = rest == 2 ? kB64[(v >> 6) & 63] : '=';
      o[3] = '=';
      o += 4;
    }
    for (char c : eol) *o++ = c;
  }
  return out;
}

std::string qp_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '=') {
      // Soft line break: '=' then optional transport padding then a line break.
      std::size_t j = i + 1;
      while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
      if (j < in.size() && (in[j] == '\r' || in[j] == '\n')) {
        if (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n') ++j;
        i = j + 1;
        continue;
      }
      if (j == in.size()) {  // '=' at the very end: a soft break without a line break
        i = j;
        continue;
      }
      if (i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
        out.push_back(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
        i += 3;
        continue;
      }
      out.push_back('=');  // malformed: keep literally
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t') {
      // Trailing white space before a line break is transport padding (rule 3).
      std::size_t j = i;
      while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
      if (j == in.size() || in[j] == '\r' || in[j] == '\n') {
        i = j;
        continue;
      }
      out.append(in.substr(i, j - i));
      i = j;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string qp_encode(std::string_view in, bool text, std::string_view eol) {
  std::string out;
  out.reserve(in.size() + in.size() / 8 + 16);
  std::size_t col = 0;
  auto soft_break = [&] {
    out += '=';
    out.append(eol);
    col = 0;
  };
  auto emit = [&](std::string_view piece) {
    if (col + piece.size() > 75) soft_break();
    out.append(piece);
    col += piece.size();
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    // Only CRLF is a line break of canonical text (RFC 2049 §4); a bare CR
    // or LF is data and is encoded, so the decoded bytes stay identical.
    bool crlf_next = i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n';
    if (text && c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
      ++i;
      out.append(eol);
      col = 0;
      continue;
    }
    bool at_line_end = (i + 1 == in.size()) || (text && crlf_next);
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    // A leading '.' or "From " could be mangled by some relays; encode the dot.
    if (c == '.' && col == 0) literal = false;
    if (literal) {
      char ch = static_cast<char>(c);
      emit(std::string_view(&ch, 1));
    } else {
      char enc[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      emit(std::string_view(enc, 3));
    }
  }
  return out;
}

Result<std::string, MimeError> decode_body(TransferEncoding te, std::string_view body) {
  switch (te) {
    case TransferEncoding::base64:
      return base64_decode(body);
    case TransferEncoding::quoted_printable:
      return qp_decode(body);
    default:
      return std::string(body);
  }
}

namespace {

// What choose_encoding needs to know about some octets.
struct Survey {
  std::size_t eight = 0;    // octets >= 0x80
  std::size_t longest = 0;  // longest line, line break excluded
  bool bare_cr_lf = false;  // a CR or LF that is not part of CRLF
  bool nul = false;
  std::size_t ctl = 0;  // control characters other than HT, CR, LF
};

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// True when one of the 8 octets of w is >= 0x80, < 0x20 or 0x7F (may also be
// true for a clean word next to such an octet: the caller then looks at
// each octet, so a false positive costs time only).
bool word_needs_a_look(std::uint64_t w) {
  std::uint64_t high = w & kHighs;
  std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHighs;
  std::uint64_t del = w ^ (kOnes * 0x7F);
  std::uint64_t is_del = (del - kOnes) & ~del & kHighs;
  return (high | below_space | is_del) != 0;
}

// Octets of one line's content (no LF; a CR here is a bare CR).
// Returns false as soon as binary data is certainly not 7bit (stop_early).
bool survey_content(const unsigned char* p, std::size_t n, Survey& s, bool stop_early) {
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w = 0;
      std::memcpy(&w, p + i, 8);
      if (!word_needs_a_look(w)) {
        i += 8;
        continue;
      }
    }
    std::size_t stop = i + 8 < n ? i + 8 : n;
    for (; i < stop; ++i) {
      unsigned char c = p[i];
      if (c >= 0x80)
        ++s.eight;
      else if (c == '\r')
        s.bare_cr_lf = true;
      else if (c == 0) {
        s.nul = true;
        ++s.ctl;
      } else if ((c < 32 && c != '\t') || c == 127)
        ++s.ctl;
    }
    if (stop_early && (s.eight != 0 || s.ctl != 0 || s.bare_cr_lf)) return false;
  }
  return true;
}

}  // namespace

TransferEncoding choose_encoding(std::string_view data, bool is_text, const EncodingPolicy& policy) {
  // Line by line (memchr finds the breaks), 8 octets at a time within a
  // line: text is surveyed at several GB/s; binary data stops at the first
  // octet that rules out 7bit (a 10 MiB attachment is not scanned to the end).
  Survey s;
  const auto* begin = reinterpret_cast<const unsigned char*>(data.data());
  const auto* p = begin;
  const auto* end = begin + data.size();
  while (p < end) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const auto* nl = static_cast<const unsigned char*>(found);
    const unsigned char* content_end = nl ? nl : end;
    if (nl) {
      if (nl == p || nl[-1] != '\r')
        s.bare_cr_lf = true;
      else
        --content_end;
    }
    auto len = static_cast<std::size_t>(content_end - p);
    if (len > s.longest) s.longest = len;
    if (!survey_content(p, len, s, !is_text)) return TransferEncoding::base64;
    if (!is_text && s.bare_cr_lf) return TransferEncoding::base64;
    p = nl ? nl + 1 : end;
  }
  // A bare CR or LF would be changed by SMTP's line canonicalisation, so
  // such data is never sent 7bit/8bit (the decoded bytes must survive).
  bool line_safe = s.longest <= 998 && !s.nul && !s.bare_cr_lf;
  if (is_text && line_safe && s.ctl == 0) {
    if (s.eight == 0) return TransferEncoding::seven_bit;
    if (policy.peer_8bitmime) return TransferEncoding::eight_bit;
  }
  // Binary data goes 7bit only when it is plainly printable text already.
  if (!is_text && s.eight == 0 && s.ctl == 0 && line_safe && !data.empty()) return TransferEncoding::seven_bit;
  if (is_text && s.eight * 3 <= data.size() && !s.nul) return TransferEncoding::quoted_printable;
  return TransferEncoding::base64;
}

std::string encode_body(TransferEncoding te, std::string_view data, bool is_text, std::string_view eol) {
  switch (te) {
    case TransferEncoding::base64:
      return base64_encode(data, eol);
    case TransferEncoding::quoted_printable:
      return qp_encode(data, is_text, eol);
    default:
      return std::string(data);
  }
}

}  // namespace mixer::mapping::mime
