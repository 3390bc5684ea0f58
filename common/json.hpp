// mixer::json: a small JSON value (RFC 8259) with a writer and a strict,
// limited parser. Used for CLI output (`mixer x400 dump`), spool metadata and
// test fixtures; no JSON library is available in the build.
//
// Contract:
//  - Objects keep their members in insertion order (deterministic output);
//    duplicate keys are rejected by the parser (RFC 8259 s4 says names
//    "SHOULD be unique"; we choose to refuse, so a value cannot mean two things).
//  - Numbers: an integer literal that fits std::int64_t is kept exactly as an
//    integer; anything else (fraction, exponent, out of range) is a double.
//  - Strings are UTF-8. The parser validates UTF-8 and \u escapes (surrogate
//    pairs must pair up, RFC 8259 s7); the writer escapes '"', '\\' and control
//    characters and writes any ill-formed UTF-8 byte as U+FFFD, so its output
//    is always valid JSON.
//  - Every parse is bounded by ParseLimits (depth, input size, string length,
//    element count); exceeding one is an error naming the limit, never a crash.
//  - Errors carry the byte offset and the JSON path ($.a[2].b) where they occurred.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace mixer::json {

class Value;
struct Member;
using Array = std::vector<Value>;
using Object = std::vector<Member>;

enum class Kind { Null, Bool, Int, Double, String, Array, Object };

std::string_view kind_name(Kind k);

class Value {
 public:
  Value() = default;                                        // null
  Value(std::nullptr_t) {}                                  // NOLINT: implicit by design
  Value(bool b) : v_(b) {}                                  // NOLINT
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}        // NOLINT
  Value(long i) : v_(static_cast<std::int64_t>(i)) {}       // NOLINT
  Value(long long i) : v_(static_cast<std::int64_t>(i)) {}  // NOLINT
  Value(unsigned i) : v_(static_cast<std::int64_t>(i)) {}   // NOLINT
  Value(double d) : v_(d) {}                                // NOLINT
  Value(std::string s) : v_(std::move(s)) {}                // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}         // NOLINT
  Value(const char* s) : v_(std::string(s)) {}              // NOLINT
  Value(Array a) : v_(std::move(a)) {}                      // NOLINT
  Value(Object o) : v_(std::move(o)) {}                     // NOLINT

  static Value array() { return Value(Array{}); }
  static Value object() { return Value(Object{}); }

  Kind kind() const noexcept { return static_cast<Kind>(v_.index()); }
  bool is_null() const noexcept { return kind() == Kind::Null; }
  bool is_bool() const noexcept { return kind() == Kind::Bool; }
  bool is_int() const noexcept { return kind() == Kind::Int; }
  bool is_number() const noexcept { return kind() == Kind::Int || kind() == Kind::Double; }
  bool is_string() const noexcept { return kind() == Kind::String; }
  bool is_array() const noexcept { return kind() == Kind::Array; }
  bool is_object() const noexcept { return kind() == Kind::Object; }

  // Accessors; calling the wrong one is a programming error (asserts). Use the
  // is_*() checks or the get_*() helpers below for untrusted values.
  bool as_bool() const;
  std::int64_t as_int() const;
  double as_double() const;  // Int converts
  const std::string& as_string() const;
  const Array& as_array() const;
  Array& as_array();
  const Object& as_object() const;
  Object& as_object();

  // Object helpers. find() returns nullptr when absent or not an object.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Adds or replaces a member (the value must be an object).
  Value& set(std::string key, Value v);
  // Appends to an array.
  Value& push(Value v);
  std::size_t size() const;  // members / elements; 0 for scalars

  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> v_{nullptr};
};

struct Member {
  std::string key;
  Value value;
  friend bool operator==(const Member&, const Member&) = default;
};

// ---- writer ----

struct WriteOptions {
  int indent = 0;  // 0: compact on one line; n > 0: pretty, n spaces per level
};

std::string write(const Value& v, const WriteOptions& opts = {});
// Appends the JSON string literal (with quotes) for s.
void write_string(std::string& out, std::string_view s);

// ---- parser ----

struct ParseLimits {
  std::size_t max_depth = 64;                // nesting of arrays/objects; range 1..10000
  std::size_t max_input_bytes = 64u << 20;   // whole document; range 1..SIZE_MAX
  std::size_t max_string_bytes = 32u << 20;  // one decoded string or key
  std::size_t max_elements = 1u << 20;       // members + elements over the whole document
};

struct ParseError {
  std::string message;  // what was wrong
  std::size_t offset = 0;
  std::string path;  // "$", "$.heading.subject", "$.body[2]"
  std::string to_string() const;
};

Result<Value, ParseError> parse(std::string_view text, const ParseLimits& limits = {});

}  // namespace mixer::json
