#include "mapping/mime/charset.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace mixer::mapping::mime {

namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

// glibc's names for the charsets we accept.
std::string iconv_name(const std::string& canonical) {
  // T.61 text is read and written as ISO 6937: the same non-spacing
  // diacritic scheme and a superset of T.61's graphics, but ASCII-compatible
  // (glibc's T.61-8BIT rejects '#', '$', '\\' and others that real Teletex
  // strings carry). docs/conformance/messages.md.
  if (canonical == "t.61") return "ISO_6937";
  if (canonical == "iso-6937") return "ISO_6937";
  return canonical;
}

Result<std::string, MimeError> convert(const std::string& from, const std::string& to, std::string_view in,
                                       std::string_view what) {
  iconv_t raw = iconv_open(to.c_str(), from.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1))
    return fail(MimeError{"unsupported charset conversion " + from + " -> " + to, "", 0});
  IconvHandle cd(raw);
  std::string out;
  out.resize(in.size() * 2 + 16);
  char* inp = const_cast<char*>(in.data());  // iconv's API is not const-correct; it does not write
  std::size_t inleft = in.size();
  std::size_t used = 0;
  while (true) {
    char* outp = out.data() + used;
    std::size_t outleft = out.size() - used;
    std::size_t r = iconv(static_cast<iconv_t>(cd.get()), inleft ? &inp : nullptr, &inleft, &outp, &outleft);
    used = out.size() - outleft;
    if (r != static_cast<std::size_t>(-1)) {
      if (inleft == 0) {
        // Flush any shift state.
        outp = out.data() + used;
        outleft = out.size() - used;
        iconv(static_cast<iconv_t>(cd.get()), nullptr, nullptr, &outp, &outleft);
        used = out.size() - outleft;
        break;
      }
      continue;
    }
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    std::size_t off = in.size() - inleft;
    if (errno == EILSEQ)
      return fail(MimeError{
          std::string(what) + ": byte sequence not valid in " + from + " or not representable in " + to, "",
          off});
    return fail(MimeError{std::string(what) + ": truncated multi-byte sequence in " + from, "", off});
  }
  out.resize(used);
  return out;
}

bool is_utf8_name(const std::string& c) { return c == "utf-8"; }
bool is_ascii_name(const std::string& c) { return c == "us-ascii"; }

}  // namespace

bool is_ascii(std::string_view s) noexcept {
  // OR of every octet in blocks (the compiler vectorises the inner loop);
  // an early exit per block, not per octet.
  constexpr std::size_t kBlock = 256;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  while (n > 0) {
    std::size_t k = n < kBlock ? n : kBlock;
    unsigned char acc = 0;
    for (std::size_t i = 0; i < k; ++i) acc = static_cast<unsigned char>(acc | p[i]);
    if (acc >= 0x80) return false;
    p += k;
    n -= k;
  }
  return true;
}

bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    unsigned cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= n) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF (RFC 3629 §3).
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

std::string canonical_charset(std::string_view name) {
  std::string c;
  for (char ch : name) c.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch);
  if (c == "ascii" || c == "us" || c == "ansi_x3.4-1968" || c == "iso646-us" || c == "ia5") return "us-ascii";
  if (c == "utf8") return "utf-8";
  if (c == "latin1" || c == "latin-1" || c == "iso8859-1" || c == "iso_8859-1") return "iso-8859-1";
  if (c == "teletex" || c == "t61" || c == "t.61-8bit") return "t.61";
  if (c == "iso6937" || c == "iso_6937" || c == "iso-6937") return "iso-6937";
  return c;
}

Result<std::string, MimeError> to_utf8(std::string_view charset, std::string_view bytes) {
  std::string c = canonical_charset(charset);
  if (is_utf8_name(c)) {
    if (!is_valid_utf8(bytes)) return fail(MimeError{"text is not valid UTF-8", "", 0});
    return std::string(bytes);
  }
  if ((is_ascii_name(c) || c.empty()) && is_ascii(bytes)) return std::string(bytes);
  if (is_ascii_name(c)) return fail(MimeError{"8-bit byte in us-ascii text", "", 0});
  return convert(iconv_name(c), "UTF-8", bytes, "decoding " + c);
}

Result<std::string, MimeError> from_utf8(std::string_view charset, std::string_view utf8) {
  std::string c = canonical_charset(charset);
  if (is_utf8_name(c)) {
    if (!is_valid_utf8(utf8)) return fail(MimeError{"text is not valid UTF-8", "", 0});
    return std::string(utf8);
  }
  bool wide = c.rfind("utf-16", 0) == 0 || c.rfind("utf-32", 0) == 0 || c.rfind("ucs", 0) == 0 || c.rfind("utf-7", 0) == 0;
  if (is_ascii(utf8) && !wide) return std::string(utf8);  // ASCII-compatible charsets
  if (is_ascii_name(c)) return fail(MimeError{"non-ASCII character cannot be written in us-ascii", "", 0});
  return convert("UTF-8", iconv_name(c), utf8, "encoding " + c);
}

}  // namespace mixer::mapping::mime
