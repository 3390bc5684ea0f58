#include "mapping/mime/content_type.hpp"

#include <algorithm>
#include <map>

#include "mapping/mime/charset.hpp"

namespace mixer::mapping::mime {

namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_tspecial(char c) { return std::string_view("()<>@,;:\\\"/[]?=").find(c) != std::string_view::npos; }
bool is_token_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u > 32 && u < 127 && !is_tspecial(c);
}
std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return o;
}

// Skips white space and (nested) comments.
void skip_cfws(std::string_view s, std::size_t& i) {
  while (i < s.size()) {
    if (is_wsp(s[i])) {
      ++i;
    } else if (s[i] == '(') {
      int depth = 0;
      while (i < s.size()) {
        if (s[i] == '\\') {
          i += 2;
          continue;
        }
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0) {
          ++i;
          break;
        }
        ++i;
      }
    } else {
      break;
    }
  }
}

std::string read_quoted(std::string_view s, std::size_t& i) {
  std::string out;
  ++i;  // opening quote
  while (i < s.size() && s[i] != '"') {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out.push_back(s[i++]);
  }
  if (i < s.size()) ++i;  // closing quote
  return out;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto hex = [](char c) {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct RawParam {
  std::string name;  // full name as written, lower case ("filename*0*")
  std::string value;
};

}  // namespace

const std::string* ParameterizedValue::param(std::string_view name) const {
  for (const auto& p : params)
    if (iequals(p.name, name)) return &p.value;
  return nullptr;
}

void ParameterizedValue::set_param(std::string_view name, std::string value) {
  for (auto& p : params)
    if (iequals(p.name, name)) {
      p.value = std::move(value);
      return;
    }
  params.push_back({lower(name), std::move(value)});
}

ParameterizedValue parse_parameterized(std::string_view s) {
  ParameterizedValue out;
  std::size_t i = 0;
  skip_cfws(s, i);
  // The main value: tokens and '/' with optional white space around '/'.
  std::string value;
  while (i < s.size() && s[i] != ';') {
    if (s[i] == '(') {
      skip_cfws(s, i);
      continue;
    }
    if (!is_wsp(s[i])) value.push_back(s[i]);
    ++i;
  }
  out.value = lower(value);
  std::vector<RawParam> raw;
  while (i < s.size()) {
    ++i;  // ';'
    skip_cfws(s, i);
    std::size_t n0 = i;
    while (i < s.size() && (is_token_char(s[i]) || s[i] == '*')) ++i;
    std::string name = lower(s.substr(n0, i - n0));
    skip_cfws(s, i);
    if (name.empty() || i >= s.size() || s[i] != '=') {
      while (i < s.size() && s[i] != ';') ++i;  // malformed parameter: skip it
      continue;
    }
    ++i;
    skip_cfws(s, i);
    std::string pv;
    if (i < s.size() && s[i] == '"') {
      pv = read_quoted(s, i);
    } else {
      std::size_t v0 = i;
      while (i < s.size() && s[i] != ';' && !is_wsp(s[i]) && s[i] != '(') ++i;
      pv = std::string(s.substr(v0, i - v0));
    }
    skip_cfws(s, i);
    while (i < s.size() && s[i] != ';') ++i;
    raw.push_back({std::move(name), std::move(pv)});
  }
  // RFC 2231 §3/§4: join name*0, name*1*, ... in section order; decode
  // charset'lang'%XX from the first section when it is extended.
  struct Pieces {
    std::map<int, std::pair<bool, std::string>> sections;  // n -> (extended, value)
    std::size_t order = 0;
  };
  std::map<std::string, Pieces> joined;
  std::vector<std::string> order;
  for (auto& p : raw) {
    std::string base = p.name;
    bool extended = false;
    int section = -1;
    if (!base.empty() && base.back() == '*') {
      extended = true;
      base.pop_back();
    }
    if (auto star = base.find('*'); star != std::string::npos) {
      std::string num = base.substr(star + 1);
      if (num.empty() || num.size() > 4 ||
          !std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; }))
        continue;
      section = std::stoi(num);
      base = base.substr(0, star);
    }
    if (!joined.count(base)) order.push_back(base);
    auto& pieces = joined[base];
    int key = section < 0 ? 0 : section;
    if (!pieces.sections.count(key)) pieces.sections[key] = {extended, p.value};
  }
  for (const auto& name : order) {
    const auto& pieces = joined[name];
    std::string charset;
    std::string bytes;
    bool first = true;
    for (const auto& [n, ev] : pieces.sections) {
      const auto& [extended, v] = ev;
      if (extended && first) {
        auto q1 = v.find('\'');
        auto q2 = q1 == std::string::npos ? q1 : v.find('\'', q1 + 1);
        if (q2 != std::string::npos) {
          charset = v.substr(0, q1);
          bytes += percent_decode(std::string_view(v).substr(q2 + 1));
        } else {
          bytes += percent_decode(v);
        }
      } else {
        bytes += extended ? percent_decode(v) : v;
      }
      first = false;
    }
    std::string text = bytes;
    if (!charset.empty()) {
      auto conv = to_utf8(charset, bytes);
      if (conv) text = std::move(conv).value();
    }
    out.params.push_back({name, std::move(text)});
  }
  return out;
}

std::string format_parameterized(const ParameterizedValue& v) {
  std::string out = v.value;
  for (const auto& p : v.params) {
    out += "; ";
    if (!is_ascii(p.value) || p.value.find_first_of("\r\n") != std::string::npos) {
      // RFC 2231 §4 extended value, UTF-8.
      out += p.name + "*=utf-8''";
      static constexpr char kHex[] = "0123456789ABCDEF";
      for (unsigned char c : p.value) {
        if (is_token_char(static_cast<char>(c)) && c != '%' && c != '\'' && c != '*') {
          out.push_back(static_cast<char>(c));
        } else {
          out.push_back('%');
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        }
      }
      continue;
    }
    out += p.name + "=";
    bool token = !p.value.empty() && std::all_of(p.value.begin(), p.value.end(), is_token_char);
    if (token) {
      out += p.value;
    } else {
      out.push_back('"');
      for (char c : p.value) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
      }
      out.push_back('"');
    }
  }
  return out;
}

const std::string* ContentType::param(std::string_view name) const {
  for (const auto& p : params)
    if (iequals(p.name, name)) return &p.value;
  return nullptr;
}

std::string ContentType::charset() const {
  const std::string* c = param("charset");
  return c ? canonical_charset(*c) : std::string("us-ascii");
}

ContentType to_content_type(const ParameterizedValue& v) {
  ContentType ct;
  auto slash = v.value.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == v.value.size()) return ct;
  std::string type = v.value.substr(0, slash);
  std::string sub = v.value.substr(slash + 1);
  if (!std::all_of(type.begin(), type.end(), is_token_char) ||
      !std::all_of(sub.begin(), sub.end(), is_token_char))
    return ct;
  ct.type = std::move(type);
  ct.subtype = std::move(sub);
  ct.params = v.params;
  return ct;
}

ParameterizedValue from_content_type(const ContentType& ct) {
  return ParameterizedValue{ct.media_type(), ct.params};
}

ContentType content_type_of(const HeaderList& headers, bool in_digest) {
  auto v = headers.get("Content-Type");
  ContentType dflt;
  if (in_digest) {
    dflt.type = "message";
    dflt.subtype = "rfc822";
  }
  if (!v) return dflt;
  ContentType ct = to_content_type(parse_parameterized(*v));
  if (ct.type == "text" && ct.subtype == "plain" && ct.params.empty() &&
      parse_parameterized(*v).value != "text/plain")
    return ContentType{};  // invalid syntax: RFC 2045 §5.2 default
  return ct;
}

}  // namespace mixer::mapping::mime
