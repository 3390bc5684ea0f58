#include "mapping/mime/content_type.hpp"

#include <gtest/gtest.h>

namespace mixer::mapping::mime {
namespace {

TEST(ContentType, ParsesTypeAndParameters) {
  auto v = parse_parameterized("Multipart/Mixed; boundary=\"=_a b\\\"c\" ; Charset = UTF-8 (comment)");
  EXPECT_EQ(v.value, "multipart/mixed");
  ASSERT_NE(v.param("boundary"), nullptr);
  EXPECT_EQ(*v.param("boundary"), "=_a b\"c");
  ASSERT_NE(v.param("CHARSET"), nullptr);
  EXPECT_EQ(*v.param("charset"), "UTF-8");
}

TEST(ContentType, Rfc2231ContinuationsAndCharset) {
  auto v = parse_parameterized(
      "attachment; filename*0*=iso-8859-1'fr'caf%E9; filename*1=\" menu.txt\"; "
      "title*=us-ascii'en-us'This%20is");
  ASSERT_NE(v.param("filename"), nullptr);
  EXPECT_EQ(*v.param("filename"), "caf\xC3\xA9 menu.txt");
  EXPECT_EQ(*v.param("title"), "This is");
}

TEST(ContentType, SkipsMalformedParameters) {
  auto v = parse_parameterized("text/plain; garbage; charset=us-ascii; =x");
  EXPECT_EQ(v.params.size(), 1u);
  EXPECT_EQ(*v.param("charset"), "us-ascii");
}

TEST(ContentType, FormatQuotesAndEncodesAndReparses) {
  ParameterizedValue v{"attachment",
                       {{"filename", "r\xC3\xA9sum\xC3\xA9 1.pdf"}, {"size", "42"}, {"x", "a\"b"}}};
  std::string s = format_parameterized(v);
  EXPECT_EQ(s, "attachment; filename*=utf-8''r%C3%A9sum%C3%A9%201.pdf; size=42; x=\"a\\\"b\"");
  auto back = parse_parameterized(s);
  EXPECT_EQ(back.value, "attachment");
  ASSERT_EQ(back.params.size(), 3u);
  EXPECT_EQ(back.params[0].value, v.params[0].value);
  EXPECT_EQ(back.params[2].value, "a\"b");
}

TEST(ContentType, DefaultsPerRfc2045And2046) {
  HeaderList none;
  auto ct = content_type_of(none);
  EXPECT_EQ(ct.media_type(), "text/plain");
  EXPECT_EQ(ct.charset(), "us-ascii");
  EXPECT_EQ(content_type_of(none, true).media_type(), "message/rfc822");
  HeaderList bad;
  bad.add("Content-Type", "garbage");
  EXPECT_EQ(content_type_of(bad).media_type(), "text/plain");
  HeaderList latin;
  latin.add("Content-Type", "text/plain; charset=Latin1");
  EXPECT_EQ(content_type_of(latin).charset(), "iso-8859-1");
}

}  // namespace
}  // namespace mixer::mapping::mime
