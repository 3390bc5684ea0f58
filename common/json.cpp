// JSON value, writer and parser; see json.hpp for the contract (RFC 8259).
#include "common/json.hpp"

// GCC 12 with -fsanitize=address reports a false -Wmaybe-uninitialized for
// moving a std::string alternative of the Value variant (GCC bug 107919 family).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace mixer::json {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "boolean";
    case Kind::Int:
      return "integer";
    case Kind::Double:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Array:
      return "array";
    case Kind::Object:
      return "object";
  }
  return "?";
}

bool Value::as_bool() const {
  assert(is_bool());
  return std::get<bool>(v_);
}
std::int64_t Value::as_int() const {
  assert(is_int());
  return std::get<std::int64_t>(v_);
}
double Value::as_double() const {
  assert(is_number());
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(v_));
  return std::get<double>(v_);
}
const std::string& Value::as_string() const {
  assert(is_string());
  return std::get<std::string>(v_);
}
const Array& Value::as_array() const {
  assert(is_array());
  return std::get<Array>(v_);
}
Array& Value::as_array() {
  assert(is_array());
  return std::get<Array>(v_);
}
const Object& Value::as_object() const {
  assert(is_object());
  return std::get<Object>(v_);
}
Object& Value::as_object() {
  assert(is_object());
  return std::get<Object>(v_);
}

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& m : std::get<Object>(v_))
    if (m.key == key) return &m.value;
  return nullptr;
}
Value* Value::find(std::string_view key) {
  if (!is_object()) return nullptr;
  for (auto& m : std::get<Object>(v_))
    if (m.key == key) return &m.value;
  return nullptr;
}
Value& Value::set(std::string key, Value v) {
  assert(is_object());
  if (Value* existing = find(key)) {
    *existing = std::move(v);
    return *existing;
  }
  auto& obj = std::get<Object>(v_);
  obj.push_back(Member{std::move(key), std::move(v)});
  return obj.back().value;
}
Value& Value::push(Value v) {
  assert(is_array());
  auto& arr = std::get<Array>(v_);
  arr.push_back(std::move(v));
  return arr.back();
}
std::size_t Value::size() const {
  if (is_array()) return std::get<Array>(v_).size();
  if (is_object()) return std::get<Object>(v_).size();
  return 0;
}

bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

// ---------------------------------------------------------------- writer

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629 s4 table), or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    if (i + k >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return b >= lo && b <= hi;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // no surrogates
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

void write_double(std::string& out, double d) {
  if (!std::isfinite(d)) {  // JSON has no NaN/Infinity (RFC 8259 s6)
    out += "null";
    return;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
  out += text;
  // Keep it a double on re-parse: "1" would come back as an integer.
  if (text.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

void write_value(std::string& out, const Value& v, const WriteOptions& o, int level) {
  auto newline = [&](int lvl) {
    if (o.indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(lvl * o.indent), ' ');
  };
  switch (v.kind()) {
    case Kind::Null:
      out += "null";
      return;
    case Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      return;
    case Kind::Int:
      out += std::to_string(v.as_int());
      return;
    case Kind::Double:
      write_double(out, v.as_double());
      return;
    case Kind::String:
      write_string(out, v.as_string());
      return;
    case Kind::Array: {
      const auto& a = v.as_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += ',';
        newline(level + 1);
        write_value(out, a[i], o, level + 1);
      }
      newline(level);
      out += ']';
      return;
    }
    case Kind::Object: {
      const auto& obj = v.as_object();
      if (obj.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (std::size_t i = 0; i < obj.size(); ++i) {
        if (i) out += ',';
        newline(level + 1);
        write_string(out, obj[i].key);
        out += o.indent > 0 ? ": " : ":";
        write_value(out, obj[i].value, o, level + 1);
      }
      newline(level);
      out += '}';
      return;
    }
  }
}

}  // namespace

void write_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  out += '"';
}

std::string write(const Value& v, const WriteOptions& opts) {
  std::string out;
  write_value(out, v, opts, 0);
  return out;
}

// ---------------------------------------------------------------- parser

std::string ParseError::to_string() const {
  return "JSON error at byte " + std::to_string(offset) + " (" + path + "): " + message;
}

namespace {

class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits) : s_(text), lim_(limits) {}

  Result<Value, ParseError> document() {
    if (s_.size() > lim_.max_input_bytes)
      return err("input is " + std::to_string(s_.size()) +
                 " bytes, over the limit max_input_bytes=" + std::to_string(lim_.max_input_bytes));
    skip_ws();
    auto v = MIXER_TRY(value(0));
    skip_ws();
    if (pos_ != s_.size()) return err("unexpected data after the JSON value");
    return v;
  }

 private:
  Unexpected<ParseError> err(std::string msg) const {
    std::string path = "$";
    for (const auto& p : path_) path += p;
    return fail(ParseError{std::move(msg), pos_, std::move(path)});
  }

  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Result<Value, ParseError> value(std::size_t depth) {
    if (pos_ >= s_.size()) return err("unexpected end of input, expected a value");
    const char c = s_[pos_];
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"': {
        auto str = MIXER_TRY(string());
        return Value(std::move(str));
      }
      case 't':
        if (literal("true")) return Value(true);
        break;
      case 'f':
        if (literal("false")) return Value(false);
        break;
      case 'n':
        if (literal("null")) return Value(nullptr);
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
    }
    return err(std::string("unexpected character '") + printable(c) + "', expected a value");
  }

  static std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string(1, c);
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", u);
    return buf;
  }

  Status<ParseError> count_element() {
    if (++elements_ > lim_.max_elements)
      return err("more than max_elements=" + std::to_string(lim_.max_elements) +
                 " array elements and members");
    return Ok{};
  }

  Result<Value, ParseError> array(std::size_t depth) {
    if (depth > lim_.max_depth) return err("nesting deeper than max_depth=" + std::to_string(lim_.max_depth));
    ++pos_;  // '['
    Array out;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return Value(std::move(out));
    }
    for (;;) {
      if (auto c = count_element(); !c.ok()) return fail(std::move(c).error());
      path_.push_back("[" + std::to_string(out.size()) + "]");
      skip_ws();
      auto v = MIXER_TRY(value(depth));
      path_.pop_back();
      out.push_back(std::move(v));
      skip_ws();
      if (pos_ >= s_.size()) return err("unexpected end of input in an array");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return Value(std::move(out));
      }
      return err("expected ',' or ']' in an array");
    }
  }

  Result<Value, ParseError> object(std::size_t depth) {
    if (depth > lim_.max_depth) return err("nesting deeper than max_depth=" + std::to_string(lim_.max_depth));
    ++pos_;  // '{'
    Value out = Value::object();
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return out;
    }
    for (;;) {
      if (auto c = count_element(); !c.ok()) return fail(std::move(c).error());
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') return err("expected a member name (a string)");
      const std::size_t key_at = pos_;
      auto key = MIXER_TRY(string());
      if (out.find(key)) {
        pos_ = key_at;
        return err("duplicate member name \"" + key + "\"");
      }
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return err("expected ':' after a member name");
      ++pos_;
      skip_ws();
      path_.push_back("." + key);
      auto v = MIXER_TRY(value(depth));
      path_.pop_back();
      out.as_object().push_back(Member{std::move(key), std::move(v)});
      skip_ws();
      if (pos_ >= s_.size()) return err("unexpected end of input in an object");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return out;
      }
      return err("expected ',' or '}' in an object");
    }
  }

  Result<unsigned, ParseError> hex4() {
    if (pos_ + 4 > s_.size()) return err("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_ + static_cast<std::size_t>(i)];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        return err("bad hex digit in a \\u escape");
    }
    pos_ += 4;
    return v;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  Result<std::string, ParseError> string() {
    ++pos_;  // '"'
    std::string out;
    for (;;) {
      if (out.size() > lim_.max_string_bytes)
        return err("string longer than max_string_bytes=" + std::to_string(lim_.max_string_bytes));
      if (pos_ >= s_.size()) return err("unterminated string");
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) return err("control character in a string (must be escaped)");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) return err("truncated escape");
        const char e = s_[pos_++];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            unsigned cp = MIXER_TRY(hex4());
            if (cp >= 0xDC00 && cp <= 0xDFFF) return err("unpaired low surrogate in a \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (s_.substr(pos_, 2) != "\\u") return err("unpaired high surrogate in a \\u escape");
              pos_ += 2;
              const unsigned lo = MIXER_TRY(hex4());
              if (lo < 0xDC00 || lo > 0xDFFF) return err("high surrogate not followed by a low surrogate");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            append_utf8(out, cp);
            break;
          }
          default:
            --pos_;
            return err(std::string("unknown escape '\\") + printable(e) + "'");
        }
        continue;
      }
      const std::size_t n = utf8_sequence_length(s_, pos_);
      if (n == 0) return err("ill-formed UTF-8 in a string");
      out.append(s_.substr(pos_, n));
      pos_ += n;
    }
  }

  // RFC 8259 s6 grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  Result<Value, ParseError> number() {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return err("bad number: expected a digit");
    }
    bool is_integer = true;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      is_integer = false;
      if (digits() == 0) return err("bad number: expected a digit after '.'");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      is_integer = false;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return err("bad number: expected a digit in the exponent");
    }
    const std::string_view text = s_.substr(start, pos_ - start);
    if (is_integer) {
      std::int64_t i = 0;
      auto r = std::from_chars(text.data(), text.data() + text.size(), i);
      if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return Value(static_cast<long long>(i));
    }
    double d = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), d);
    if (r.ec == std::errc::result_out_of_range) {
      pos_ = start;
      return err("number out of range");
    }
    if (r.ec != std::errc()) {
      pos_ = start;
      return err("bad number");
    }
    return Value(d);
  }

  std::string_view s_;
  const ParseLimits& lim_;
  std::size_t pos_ = 0;
  std::size_t elements_ = 0;
  std::vector<std::string> path_;
};

}  // namespace

Result<Value, ParseError> parse(std::string_view text, const ParseLimits& limits) {
  return Parser(text, limits).document();
}

}  // namespace mixer::json
