#include "mapping/mime/charset.hpp"

#include <gtest/gtest.h>

namespace mixer::mapping::mime {
namespace {

TEST(Charset, Latin1ToUtf8AndBack) {
  auto u = to_utf8("ISO-8859-1", "caf\xE9");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(*u, "caf\xC3\xA9");
  auto l = from_utf8("latin1", "caf\xC3\xA9");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(*l, "caf\xE9");
}

TEST(Charset, TeletexAndIso6937NonSpacingAccentsDecodeToUtf8) {
  // T.61 / ISO 6937: a non-spacing acute accent (0xC2) precedes its base letter.
  auto t = to_utf8("teletex",
                   "caf\xC2"
                   "e");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(*t, "caf\xC3\xA9");
  auto i = to_utf8("ISO_6937", "M\xC8uller");  // 0xC8 = diaeresis
  ASSERT_TRUE(i.ok()) << i.error().to_string();
  EXPECT_EQ(*i, "M\xC3\xBCller");
  auto back = from_utf8("iso-6937", "M\xC3\xBCller");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "M\xC8uller");
}

TEST(Charset, TeletexKeepsAsciiPunctuation) {
  auto t = to_utf8("t.61", "#$@[\\]^_`{|}~ 100%");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, "#$@[\\]^_`{|}~ 100%");
  EXPECT_EQ(*from_utf8("t.61", "a#b$"), "a#b$");
}

TEST(Charset, ErrorsInsteadOfQuestionMarks) {
  EXPECT_FALSE(to_utf8("utf-8", "bad \xC3(").ok());
  EXPECT_FALSE(to_utf8("us-ascii", "caf\xE9").ok());
  auto r = from_utf8("iso-8859-1", "\xE2\x82\xAC");  // euro sign is not in Latin-1
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("not representable"), std::string::npos);
  EXPECT_FALSE(to_utf8("x-no-such-charset", "abc").ok());
}

TEST(Charset, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
}

TEST(Charset, CanonicalNames) {
  EXPECT_EQ(canonical_charset("US-ASCII"), "us-ascii");
  EXPECT_EQ(canonical_charset("Latin1"), "iso-8859-1");
  EXPECT_EQ(canonical_charset("UTF8"), "utf-8");
  EXPECT_EQ(canonical_charset("T61"), "t.61");
}

}  // namespace
}  // namespace mixer::mapping::mime
