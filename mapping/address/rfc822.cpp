#include "mapping/address/rfc822.hpp"

namespace mixer::mapping::address {

namespace {

AddressError syntax(std::string what, std::string_view input, std::size_t offset) {
  return address_error(AddressErrorKind::kSyntax, std::move(what), input, offset);
}

// Cursor over the input with RFC 5322 lexical helpers.
class Lexer {
 public:
  Lexer(std::string_view text, bool cfws) : s_(text), cfws_(cfws) {}

  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::size_t pos() const { return i_; }
  std::string_view text() const { return s_; }
  void advance() { ++i_; }

  // CFWS (§3.2.2): white space and nested comments, when allowed.
  AddressResult<Ok> skip_cfws() {
    if (!cfws_) return Ok{};
    for (;;) {
      while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) ++i_;
      if (peek() != '(') return Ok{};
      const std::size_t start = i_;
      int depth = 0;
      do {
        if (done()) return fail(syntax("unterminated comment", s_, start));
        const char c = s_[i_++];
        if (c == '\\') {
          if (done()) return fail(syntax("unterminated comment", s_, start));
          ++i_;
        } else if (c == '(') {
          if (++depth > 32) return fail(syntax("comments nested too deeply", s_, i_ - 1));
        } else if (c == ')') {
          --depth;
        }
      } while (depth > 0);
    }
  }

  // atom / dot-atom text run (no dots).
  std::string_view atom() {
    const std::size_t start = i_;
    while (!done() && is_atext(peek())) ++i_;
    return s_.substr(start, i_ - start);
  }

  // quoted-string content, unescaped. Precondition: peek() == '"'.
  AddressResult<std::string> quoted_string() {
    const std::size_t start = i_++;
    std::string out;
    for (;;) {
      if (done()) return fail(syntax("unterminated quoted-string", s_, start));
      const char c = s_[i_++];
      if (c == '"') return out;
      if (c == '\\') {
        if (done()) return fail(syntax("unterminated quoted-pair", s_, i_ - 1));
        const char q = s_[i_++];
        if (static_cast<unsigned char>(q) < 0x20 && q != '\t')
          return fail(syntax("control character in quoted-pair", s_, i_ - 1));
        out.push_back(q);
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (!cfws_) return fail(syntax("line break in quoted-string", s_, i_ - 1));
        continue;  // folding: CRLF is removed, the WSP after it stays (§3.2.2)
      }
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) return fail(syntax("control character in quoted-string", s_, i_ - 1));
      out.push_back(c);
    }
  }

 private:
  std::string_view s_;
  bool cfws_;
  std::size_t i_ = 0;
};

AddressResult<std::string> parse_local_part(Lexer& lx) {
  std::string out;
  bool first = true;
  for (;;) {
    MIXER_TRY(lx.skip_cfws());
    if (lx.peek() == '"') {
      out += MIXER_TRY(lx.quoted_string());
    } else {
      auto a = lx.atom();
      if (a.empty())
        return fail(syntax(first ? "empty local part" : "empty word in local part (\"..\" or trailing '.')",
                           lx.text(), lx.pos()));
      out += a;
    }
    first = false;
    MIXER_TRY(lx.skip_cfws());
    if (lx.peek() != '.') return out;
    out.push_back('.');
    lx.advance();
  }
}

AddressResult<std::pair<std::string, bool>> parse_domain(Lexer& lx) {
  MIXER_TRY(lx.skip_cfws());
  if (lx.peek() == '[') {
    const std::size_t start = lx.pos();
    lx.advance();
    std::string lit;
    for (;;) {
      if (lx.done()) return fail(syntax("unterminated domain literal", lx.text(), start));
      const char c = lx.peek();
      lx.advance();
      if (c == ']') break;
      const auto u = static_cast<unsigned char>(c);
      if (c == '[' || c == '\\' || u <= 0x20 || u == 0x7f)
        return fail(syntax("character not allowed in a domain literal", lx.text(), lx.pos() - 1));
      lit.push_back(c);
    }
    if (lit.empty()) return fail(syntax("empty domain literal", lx.text(), start));
    return std::pair{lit, true};
  }
  // dot-atom: one run of the input (no CFWS between labels), copied once.
  const std::size_t start = lx.pos();
  for (;;) {
    auto a = lx.atom();
    if (a.empty())
      return fail(syntax(lx.pos() == start ? "missing domain" : "empty domain label", lx.text(), lx.pos()));
    if (lx.peek() != '.') break;
    lx.advance();
  }
  return std::pair{std::string(lx.text().substr(start, lx.pos() - start)), false};
}

AddressResult<AddrSpec> parse_addr_spec_at(Lexer& lx) {
  AddrSpec a;
  a.local_part = MIXER_TRY(parse_local_part(lx));
  if (lx.peek() != '@') return fail(syntax("missing '@'", lx.text(), lx.pos()));
  lx.advance();
  auto [d, lit] = MIXER_TRY(parse_domain(lx));
  a.domain = std::move(d);
  a.domain_literal = lit;
  MIXER_TRY(lx.skip_cfws());
  return a;
}

}  // namespace

bool AddrSpec::is_ascii() const {
  for (char c : local_part)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  for (char c : domain)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool is_atext(char c, bool utf8) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return utf8;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '/':
    case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~':
      return true;
    default:
      return false;
  }
}

bool is_dot_atom_text(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i + 1] == '.') return false;
    } else if (!is_atext(s[i])) {
      return false;
    }
  }
  return true;
}

AddressResult<AddrSpec> parse_addr_spec(std::string_view text, bool allow_cfws) {
  Lexer lx(text, allow_cfws);
  auto a = MIXER_TRY(parse_addr_spec_at(lx));
  if (!lx.done()) return fail(syntax("unexpected text after the address", text, lx.pos()));
  return a;
}

AddressResult<RoutedAddress> parse_address(std::string_view text) {
  const auto lt = text.rfind('<');
  if (lt == std::string_view::npos) return RoutedAddress{{}, MIXER_TRY(parse_addr_spec(text, true))};
  // Anything before '<' is a display name (phrase); it is not part of the address.
  Lexer lx(text, true);
  for (std::size_t k = 0; k < lt; ++k) lx.advance();
  lx.advance();
  RoutedAddress r;
  MIXER_TRY(lx.skip_cfws());
  if (lx.peek() == '@') {  // obs-route / RFC 5321 A-d-l
    for (;;) {
      lx.advance();
      auto [d, lit] = MIXER_TRY(parse_domain(lx));
      r.route.push_back(lit ? "[" + d + "]" : d);
      MIXER_TRY(lx.skip_cfws());
      if (lx.peek() == ',') {
        lx.advance();
        MIXER_TRY(lx.skip_cfws());
        if (lx.peek() != '@') return fail(syntax("route element must start with '@'", text, lx.pos()));
        continue;
      }
      if (lx.peek() != ':') return fail(syntax("source route must end with ':'", text, lx.pos()));
      lx.advance();
      break;
    }
  }
  r.addr = MIXER_TRY(parse_addr_spec_at(lx));
  if (lx.peek() != '>') return fail(syntax("missing '>'", text, lx.pos()));
  lx.advance();
  MIXER_TRY(lx.skip_cfws());
  if (!lx.done()) return fail(syntax("unexpected text after '>'", text, lx.pos()));
  return r;
}

AddressResult<std::string> print_local_part(std::string_view local) {
  if (is_dot_atom_text(local)) return std::string(local);
  std::string out = "\"";
  for (std::size_t i = 0; i < local.size(); ++i) {
    const char c = local[i];
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f)
      return fail(syntax("control character cannot be written in an RFC 5322 local part", local, i));
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

AddressResult<std::string> print_addr_spec(const AddrSpec& a) {
  std::string out = MIXER_TRY(print_local_part(a.local_part));
  out.push_back('@');
  if (a.domain_literal) out += "[" + a.domain + "]";
  else out += a.domain;
  return out;
}

bool is_domain_syntax(std::string_view label) {
  if (label.empty()) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(label.front()) || !alnum(label.back())) return false;
  for (char c : label)
    if (!alnum(c) && c != '-') return false;
  return true;
}

}  // namespace mixer::mapping::address
