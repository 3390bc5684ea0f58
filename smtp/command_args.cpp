#include "smtp/command_args.hpp"

#include <cctype>
#include <charconv>

#include "smtp/xtext.hpp"

namespace mixer::smtp {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool is_atext(unsigned char c, bool utf8) {
  // RFC 5322 3.2.3 atext; RFC 6531 3.3 adds UTF8-non-ascii.
  if (c >= 0x80) return utf8;
  if (std::isalnum(c)) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool has_non_ascii(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

Reply syntax(std::string text) { return Reply::make(501, "5.5.4", std::move(text)); }

struct PathAndParams {
  std::string path;
  std::string_view params;
};

// Splits ' FROM:<path> params' into the path (source route dropped) and params.
std::variant<PathAndParams, Reply> split_path(std::string_view rest, std::string_view keyword,
                                             const ArgLimits& lim, std::string_view usage) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() < keyword.size() || !iequals(rest.substr(0, keyword.size()), keyword)) return syntax(std::string(usage));
  rest.remove_prefix(keyword.size());
  // Leniency: "MAIL FROM: <a@b>" (space after the colon) is common and harmless.
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty() || rest.front() != '<') return syntax(std::string(usage));
  std::size_t i = 1;
  bool quoted = false;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (quoted && c == '\\' && i + 1 < rest.size()) {
      ++i;
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '>') break;
  }
  if (i >= rest.size()) return syntax(std::string(usage) + " (missing '>')");
  std::string_view path = rest.substr(1, i - 1);
  std::string_view params = rest.substr(i + 1);
  if (!params.empty() && params.front() != ' ') return syntax("Syntax error after the path");
  if (path.size() + 2 > lim.max_path_length) return syntax("Path too long (limit " + std::to_string(lim.max_path_length) + ")");
  // RFC 5321 4.1.2 A-d-l: "@a,@b:" source routes are accepted and ignored (C.).
  if (!path.empty() && path.front() == '@') {
    const auto colon = path.find(':');
    if (colon == std::string_view::npos) return syntax("Malformed source route");
    path.remove_prefix(colon + 1);
  }
  return PathAndParams{std::string(path), params};
}

struct Param {
  std::string_view keyword, value;
  bool has_value;
};

// RFC 5321 4.1.2: esmtp-keyword ["=" esmtp-value], separated by spaces.
std::variant<std::vector<Param>, Reply> split_params(std::string_view params, bool utf8) {
  std::vector<Param> out;
  while (!params.empty()) {
    while (!params.empty() && params.front() == ' ') params.remove_prefix(1);
    if (params.empty()) break;
    const auto end = params.find(' ');
    const auto item = params.substr(0, end);
    params = end == std::string_view::npos ? std::string_view{} : params.substr(end);
    const auto eq = item.find('=');
    Param p{item.substr(0, eq), {}, eq != std::string_view::npos};
    if (p.has_value) p.value = item.substr(eq + 1);
    if (p.keyword.empty()) return syntax("Empty ESMTP parameter keyword");
    for (const char c : p.keyword)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return syntax("Bad ESMTP parameter keyword");
    if (p.has_value && p.value.empty()) return syntax("Empty ESMTP parameter value");
    for (const char c : p.value) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 33 || u == '=' || u == 127) || (u >= 0x80 && !utf8)) return syntax("Bad ESMTP parameter value");
    }
    for (const auto& q : out)
      if (iequals(q.keyword, p.keyword)) return syntax("Duplicate ESMTP parameter " + std::string(p.keyword));
    out.push_back(p);
  }
  return out;
}

Reply unknown_param(std::string_view kw) {
  return Reply::make(555, "5.5.4", "Unsupported ESMTP parameter " + std::string(kw.substr(0, 32)));
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and values above U+10FFFF (RFC 3629 3).
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::string check_mailbox(std::string_view mb, bool utf8) {
  if (mb.empty()) return "empty address";
  if (utf8 && !valid_utf8(mb)) return "address is not valid UTF-8";
  const auto at = mb.rfind('@');
  if (at == std::string_view::npos) return "address has no domain";
  const auto local = mb.substr(0, at);
  const auto domain = mb.substr(at + 1);
  if (local.empty()) return "empty local part";
  if (local.size() > 64 && !utf8) return "local part longer than 64 octets";
  if (local.front() == '"') {
    if (local.size() < 2 || local.back() != '"') return "malformed quoted local part";
    for (std::size_t i = 1; i + 1 < local.size(); ++i) {
      const auto c = static_cast<unsigned char>(local[i]);
      if (c == '\\') {
        if (i + 2 >= local.size()) return "malformed quoted pair";
        const auto q = static_cast<unsigned char>(local[++i]);
        if (q < 32 || q > 126) return "bad quoted pair";
      } else if (c == '"' || (c < 32) || c == 127 || (c >= 0x80 && !utf8)) {
        return "bad character in quoted local part";
      }
    }
  } else {
    bool prev_dot = true;
    for (const char ch : local) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '.') {
        if (prev_dot) return "malformed dot-string local part";
        prev_dot = true;
      } else if (is_atext(c, utf8)) {
        prev_dot = false;
      } else {
        return "bad character in local part";
      }
    }
    if (prev_dot) return "local part ends with a dot";
  }
  if (domain.empty()) return "empty domain";
  if (domain.size() > 255) return "domain longer than 255 octets";
  if (domain.front() == '[') {
    if (domain.back() != ']' || domain.size() < 3) return "malformed address literal";
    for (const char c : domain.substr(1, domain.size() - 2)) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 33 || u > 126 || c == '[' || c == ']' || c == '\\') return "bad character in address literal";
    }
    return {};
  }
  std::size_t label = 0;
  char prev = '.';
  for (const char ch : domain) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '.') {
      if (label == 0 || prev == '-') return "malformed domain";
      label = 0;
    } else if (std::isalnum(c) || (c >= 0x80 && utf8) || (c == '-' && label > 0)) {
      if (++label > 63) return "domain label longer than 63 octets";
    } else {
      return "bad character in domain";
    }
    prev = ch;
  }
  if (label == 0 || prev == '-') return "malformed domain";
  return {};
}

std::variant<MailArgs, Reply> parse_mail_args(std::string_view rest, const ArgLimits& lim) {
  auto split = split_path(rest, "FROM:", lim, "Syntax: MAIL FROM:<address> [parameters]");
  if (auto* r = std::get_if<Reply>(&split)) return *r;
  auto& pp = std::get<PathAndParams>(split);
  MailArgs out;
  auto params = split_params(pp.params, true);
  if (auto* r = std::get_if<Reply>(&params)) return *r;
  const auto& list = std::get<std::vector<Param>>(params);
  if (!list.empty() && !lim.extensions) return Reply::make(555, "5.5.4", "ESMTP parameters need EHLO");
  for (const auto& p : list) {
    if (iequals(p.keyword, "SIZE")) {  // RFC 1870 6
      std::uint64_t v = 0;
      const auto* end = p.value.data() + p.value.size();
      if (!p.has_value || p.value.size() > 20 || std::from_chars(p.value.data(), end, v).ptr != end)
        return syntax("Bad SIZE parameter");
      out.size = v;
    } else if (iequals(p.keyword, "BODY")) {  // RFC 6152 2
      if (iequals(p.value, "7BIT")) out.body = BodyType::k7Bit;
      else if (iequals(p.value, "8BITMIME")) out.body = BodyType::k8BitMime;
      else return Reply::make(501, "5.5.4", "Unsupported BODY type");
    } else if (iequals(p.keyword, "SMTPUTF8")) {  // RFC 6531 3.4: no value
      if (p.has_value) return syntax("SMTPUTF8 takes no value");
      out.smtputf8 = true;
    } else if (iequals(p.keyword, "RET")) {  // RFC 3461 4.3
      if (iequals(p.value, "FULL")) out.ret = DsnRet::kFull;
      else if (iequals(p.value, "HDRS")) out.ret = DsnRet::kHeaders;
      else return syntax("Bad RET parameter");
    } else if (iequals(p.keyword, "ENVID")) {  // RFC 3461 4.4: xtext, at most 100 chars
      auto v = p.has_value && p.value.size() <= 100 ? xtext_decode(p.value) : std::nullopt;
      if (!v) return syntax("Bad ENVID parameter");
      out.envid = std::move(*v);
    } else {
      return unknown_param(p.keyword);
    }
  }
  if (!pp.path.empty()) {
    const bool non_ascii = has_non_ascii(pp.path);
    if (non_ascii && !out.smtputf8) return Reply::make(553, "5.6.7", "Non-ASCII sender address needs SMTPUTF8");
    const auto err = check_mailbox(pp.path, out.smtputf8);
    if (!err.empty()) return Reply::make(501, "5.1.7", "Bad sender address syntax: " + err);
  }
  out.reverse_path = std::move(pp.path);
  return out;
}

std::variant<Recipient, Reply> parse_rcpt_args(std::string_view rest, const ArgLimits& lim, bool smtputf8) {
  auto split = split_path(rest, "TO:", lim, "Syntax: RCPT TO:<address> [parameters]");
  if (auto* r = std::get_if<Reply>(&split)) return *r;
  auto& pp = std::get<PathAndParams>(split);
  Recipient out;
  auto params = split_params(pp.params, true);
  if (auto* r = std::get_if<Reply>(&params)) return *r;
  const auto& list = std::get<std::vector<Param>>(params);
  if (!list.empty() && !lim.extensions) return Reply::make(555, "5.5.4", "ESMTP parameters need EHLO");
  for (const auto& p : list) {
    if (iequals(p.keyword, "NOTIFY")) {  // RFC 3461 4.1
      if (!p.has_value) return syntax("Bad NOTIFY parameter");
      out.notify.given = true;
      std::string_view v = p.value;
      while (true) {
        const auto comma = v.find(',');
        const auto item = v.substr(0, comma);
        if (iequals(item, "NEVER")) out.notify.never = true;
        else if (iequals(item, "SUCCESS")) out.notify.success = true;
        else if (iequals(item, "FAILURE")) out.notify.failure = true;
        else if (iequals(item, "DELAY")) out.notify.delay = true;
        else return syntax("Bad NOTIFY parameter");
        if (comma == std::string_view::npos) break;
        v.remove_prefix(comma + 1);
      }
      if (out.notify.never && (out.notify.success || out.notify.failure || out.notify.delay))
        return syntax("NOTIFY=NEVER cannot be combined");
    } else if (iequals(p.keyword, "ORCPT")) {  // RFC 3461 4.2: addr-type ";" xtext
      const auto semi = p.value.find(';');
      if (!p.has_value || semi == std::string_view::npos || semi == 0) return syntax("Bad ORCPT parameter");
      auto v = xtext_decode(p.value.substr(semi + 1));
      if (!v || v->empty() || p.value.size() > 500) return syntax("Bad ORCPT parameter");
      out.orcpt_type = std::string(p.value.substr(0, semi));
      out.orcpt_address = std::move(*v);
    } else {
      return unknown_param(p.keyword);
    }
  }
  if (pp.path.empty()) return Reply::make(501, "5.1.3", "Empty recipient address");
  // RFC 5321 4.5.1: <Postmaster> without a domain must be accepted.
  if (!iequals(pp.path, "postmaster")) {
    const bool non_ascii = has_non_ascii(pp.path);
    if (non_ascii && !smtputf8) return Reply::make(553, "5.6.7", "Non-ASCII recipient address needs SMTPUTF8");
    const auto err = check_mailbox(pp.path, smtputf8);
    if (!err.empty()) return Reply::make(501, "5.1.3", "Bad recipient address syntax: " + err);
  }
  out.address = std::move(pp.path);
  return out;
}

}  // namespace mixer::smtp
