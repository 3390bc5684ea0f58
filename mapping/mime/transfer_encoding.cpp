#include "mapping/mime/transfer_encoding.hpp"

#include <array>
#include <cstdint>

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
  out.reserve(in.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int bits = 0;
  int pad = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (is_space(c)) continue;
    if (c == '=') {
      ++pad;
      continue;
    }
    int v = kB64Table[static_cast<unsigned char>(c)];
    if (v < 0) return fail(MimeError{"invalid base64 character", "", i});
    if (pad > 0) return fail(MimeError{"base64 data after padding", "", i});
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits >= 6) return fail(MimeError{"base64 data ends with a single stray character", "", in.size()});
  return out;
}

std::string base64_encode(std::string_view in, std::string_view eol) {
  std::string out;
  std::size_t groups = (in.size() + 2) / 3;
  out.reserve(groups * 4 + (groups / 19 + 1) * eol.size());
  std::size_t col = 0;
  auto put = [&](char c) {
    out.push_back(c);
    if (++col == 76) {
      out.append(eol);
      col = 0;
    }
  };
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (; i + 3 <= in.size(); i += 3) {
    std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
    put(kB64[(v >> 18) & 63]);
    put(kB64[(v >> 12) & 63]);
    put(kB64[(v >> 6) & 63]);
    put(kB64[v & 63]);
  }
  if (std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t v = std::uint32_t{p[i]} << 16;
    if (rest == 2) v |= std::uint32_t{p[i + 1]} << 8;
    put(kB64[(v >> 18) & 63]);
    put(kB64[(v >> 12) & 63]);
    put(rest == 2 ? kB64[(v >> 6) & 63] : '=');
    put('=');
  }
  if (col != 0) out.append(eol);
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

TransferEncoding choose_encoding(std::string_view data, bool is_text, const EncodingPolicy& policy) {
  std::size_t eight = 0;
  std::size_t line = 0;
  std::size_t longest = 0;
  bool bare_cr_lf = false;
  bool nul = false;
  std::size_t ctl = 0;  // control characters other than HT, CR, LF
  for (std::size_t i = 0; i < data.size(); ++i) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c == '\n') {
      if (i == 0 || data[i - 1] != '\r') bare_cr_lf = true;
      longest = std::max(longest, line);
      line = 0;
      continue;
    }
    if (c == '\r') {
      if (i + 1 >= data.size() || data[i + 1] != '\n') bare_cr_lf = true;
      continue;
    }
    ++line;
    if (c >= 0x80) ++eight;
    if (c == 0) nul = true;
    if ((c < 32 && c != '\t') || c == 127) ++ctl;
  }
  longest = std::max(longest, line);
  // A bare CR or LF would be changed by SMTP's line canonicalisation, so
  // such data is never sent 7bit/8bit (the decoded bytes must survive).
  bool line_safe = longest <= 998 && !nul && !bare_cr_lf;
  if (is_text && line_safe && ctl == 0) {
    if (eight == 0) return TransferEncoding::seven_bit;
    if (policy.peer_8bitmime) return TransferEncoding::eight_bit;
  }
  // Binary data goes 7bit only when it is plainly printable text already.
  if (!is_text && eight == 0 && ctl == 0 && line_safe && !data.empty()) return TransferEncoding::seven_bit;
  if (is_text && eight * 3 <= data.size() && !nul) return TransferEncoding::quoted_printable;
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
