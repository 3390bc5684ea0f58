// common/json: writer/parser round trips, RFC 8259 edge cases, limits, errors.
#include "common/json.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

using namespace mixer::json;

namespace {

Value parse_ok(std::string_view text) {
  auto r = parse(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string()) << " for " << text;
  return r.ok() ? *r : Value();
}

ParseError parse_err(std::string_view text, const ParseLimits& lim = {}) {
  auto r = parse(text, lim);
  EXPECT_FALSE(r.ok()) << "accepted: " << text;
  return r.ok() ? ParseError{} : r.error();
}

}  // namespace

TEST(Json, ScalarsParse) {
  EXPECT_TRUE(parse_ok("null").is_null());
  EXPECT_EQ(parse_ok("true").as_bool(), true);
  EXPECT_EQ(parse_ok(" false ").as_bool(), false);
  EXPECT_EQ(parse_ok("0").as_int(), 0);
  EXPECT_EQ(parse_ok("-42").as_int(), -42);
  EXPECT_EQ(parse_ok("9223372036854775807").as_int(), INT64_MAX);
  EXPECT_EQ(parse_ok("-9223372036854775808").as_int(), INT64_MIN);
  // Out of int64 range: kept as a double, not wrapped.
  auto big = parse_ok("9223372036854775808");
  EXPECT_EQ(big.kind(), Kind::Double);
  EXPECT_DOUBLE_EQ(big.as_double(), 9223372036854775808.0);
  EXPECT_DOUBLE_EQ(parse_ok("1.5e3").as_double(), 1500.0);
  EXPECT_DOUBLE_EQ(parse_ok("-0.25").as_double(), -0.25);
  EXPECT_EQ(parse_ok("\"a\\\"b\\\\c\\/d\\n\"").as_string(), "a\"b\\c/d\n");
}

TEST(Json, UnicodeEscapesAndUtf8) {
  EXPECT_EQ(parse_ok(R"("\u00e9")").as_string(), "\xC3\xA9");
  EXPECT_EQ(parse_ok(R"("\u20AC")").as_string(), "\xE2\x82\xAC");
  EXPECT_EQ(parse_ok(R"("\ud83d\ude00")").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(parse_ok("\"\xF0\x9F\x98\x80\"").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_NE(parse_err(R"("\ud83d")").message.find("surrogate"), std::string::npos);
  EXPECT_NE(parse_err(R"("\ude00")").message.find("surrogate"), std::string::npos);
  EXPECT_NE(parse_err("\"\xC3\"").message.find("UTF-8"), std::string::npos);
  EXPECT_NE(parse_err("\"\xED\xA0\x80\"").message.find("UTF-8"), std::string::npos);  // encoded surrogate
  EXPECT_NE(parse_err("\"\xC0\xAF\"").message.find("UTF-8"), std::string::npos);      // overlong
}

TEST(Json, WriterEscapesAndRepairsUtf8) {
  EXPECT_EQ(write(Value("a\"\\\x01\x7f\t")), R"("a\"\\\u0001\u007f\t")");
  // Ill-formed bytes become U+FFFD so the output is always valid JSON.
  const std::string bad = "x\xFFy";
  const std::string out = write(Value(bad));
  EXPECT_EQ(out, R"("x\ufffdy")");
  EXPECT_EQ(parse_ok(out).as_string(), "x\xEF\xBF\xBDy");
  EXPECT_EQ(write(Value("\xE2\x82\xAC")), "\"\xE2\x82\xAC\"");
}

TEST(Json, ObjectKeepsOrderAndRoundTrips) {
  Value v = Value::object();
  v.set("zeta", 1);
  v.set("alpha", Value::array());
  v.find("alpha")->push("x");
  v.find("alpha")->push(nullptr);
  v.find("alpha")->push(2.5);
  v.set("nested", Value::object()).set("k", true);
  v.set("zeta", 7);  // replace keeps position
  EXPECT_EQ(write(v), R"({"zeta":7,"alpha":["x",null,2.5],"nested":{"k":true}})");
  const std::string pretty = write(v, {.indent = 2});
  EXPECT_EQ(pretty,
            "{\n  \"zeta\": 7,\n  \"alpha\": [\n    \"x\",\n    null,\n    2.5\n  ],\n"
            "  \"nested\": {\n    \"k\": true\n  }\n}");
  EXPECT_EQ(parse_ok(pretty), v);
  EXPECT_EQ(parse_ok(write(v)), v);
  EXPECT_EQ(v.size(), 3u);
  EXPECT_EQ(v.find("missing"), nullptr);
}

TEST(Json, DoublesStayDoubles) {
  EXPECT_EQ(write(Value(3.0)), "3.0");
  EXPECT_EQ(parse_ok(write(Value(3.0))).kind(), Kind::Double);
  EXPECT_EQ(write(Value(1e300)), "1e+300");
  EXPECT_EQ(write(Value(std::numeric_limits<double>::infinity())), "null");
}

TEST(Json, SyntaxErrorsCarryOffsetAndPath) {
  auto e = parse_err(R"({"a": [1, 2, x]})");
  EXPECT_EQ(e.offset, 13u);
  EXPECT_EQ(e.path, "$.a[2]");
  EXPECT_NE(e.to_string().find("byte 13"), std::string::npos);

  e = parse_err(R"({"a": 1, "a": 2})");
  EXPECT_NE(e.message.find("duplicate"), std::string::npos);
  EXPECT_EQ(e.offset, 9u);

  for (const char* bad :
       {"",    " ",        "{",     "[",        "[1,]",        "{\"a\"}", "{\"a\":}",
        "{,}", "01",       "1.",    ".5",       "-",           "1e",      "+1",
        "tru", "nul",      "\"abc", "\"\\x\"",  "\"\\u12G4\"", "[1 2]",   "{\"a\":1 \"b\":2}",
        "1 2", "\"a\nb\"", "NaN",   "Infinity", "[1]]"}) {
    auto r = parse(bad);
    EXPECT_FALSE(r.ok()) << "accepted: " << bad;
    if (!r.ok()) {
      EXPECT_FALSE(r.error().message.empty());
    }
  }
}

TEST(Json, LimitsAreEnforced) {
  ParseLimits lim;
  lim.max_depth = 3;
  EXPECT_TRUE(parse("[[[1]]]", lim).ok());
  EXPECT_NE(parse_err("[[[[1]]]]", lim).message.find("max_depth"), std::string::npos);

  // Deep nesting under the default limit is an error, not a stack overflow.
  const std::string deep(100000, '[');
  EXPECT_NE(parse_err(deep).message.find("max_depth"), std::string::npos);

  lim = {};
  lim.max_input_bytes = 4;
  EXPECT_NE(parse_err("12345", lim).message.find("max_input_bytes"), std::string::npos);

  lim = {};
  lim.max_string_bytes = 3;
  EXPECT_TRUE(parse("\"abc\"", lim).ok());
  EXPECT_NE(parse_err("\"abcde\"", lim).message.find("max_string_bytes"), std::string::npos);

  lim = {};
  lim.max_elements = 3;
  EXPECT_TRUE(parse("[1,2,3]", lim).ok());
  EXPECT_NE(parse_err("[1,2,3,4]", lim).message.find("max_elements"), std::string::npos);
  EXPECT_NE(parse_err(R"({"a":[1,2]," b":3})", lim).message.find("max_elements"), std::string::npos);
}

TEST(Json, EveryTruncationIsAnErrorNotACrash) {
  const std::string doc = R"({"heading":{"subject":"h\u00e9llo","to":[{"n":1},{"n":-2.5e-3}]},"ok":true})";
  ASSERT_TRUE(parse(doc).ok());
  for (std::size_t n = 0; n < doc.size(); ++n) {
    auto r = parse(std::string_view(doc).substr(0, n));
    EXPECT_FALSE(r.ok()) << "prefix of length " << n << " accepted";
  }
}
