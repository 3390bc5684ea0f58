#include "mapping/mime/encoded_word.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mapping/mime/charset.hpp"

namespace mixer::mapping::mime {
namespace {

// RFC 2047 §8 examples.
TEST(EncodedWord, DecodesRfc2047Examples) {
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?a?="), "a");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?a?= b"), "a b");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?="), "ab");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?a?=  \t =?ISO-8859-1?Q?b?="), "ab");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?a_b?="), "a b");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?="), "a b");
  EXPECT_EQ(decode_header_text("=?US-ASCII?Q?Keith_Moore?="), "Keith Moore");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?Andr=E9?= Pirard"), "Andr\xC3\xA9 Pirard");
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?="),
            "If you can read this yo");
  EXPECT_EQ(decode_header_text("=?utf-8*en?q?hi?="), "hi");  // RFC 2231 §5 language
}

TEST(EncodedWord, LeavesUndecodableWordsAsWritten) {
  EXPECT_EQ(decode_header_text("=?x-unknown?Q?abc?= rest"), "=?x-unknown?Q?abc?= rest");
  EXPECT_EQ(decode_header_text("not=?an?encoded word"), "not=?an?encoded word");
  EXPECT_EQ(decode_header_text("raw caf\xE9"), "raw caf\xC3\xA9");      // 8-bit Latin-1 header, no '?'
  EXPECT_EQ(decode_header_text("raw caf\xC3\xA9"), "raw caf\xC3\xA9");  // RFC 6532 UTF-8 kept
}

TEST(EncodedWord, AsciiPassesUnchanged) {
  EXPECT_EQ(encode_unstructured("Meeting at 10"), "Meeting at 10");
  EXPECT_EQ(encode_phrase("John Smith"), "John Smith");
  EXPECT_EQ(encode_phrase("Smith, John"), "\"Smith, John\"");
  EXPECT_EQ(encode_phrase("say \"hi\""), "\"say \\\"hi\\\"\"");
}

TEST(EncodedWord, EncodesOnlyTheNonAsciiSpan) {
  std::string e = encode_unstructured("Re: caf\xC3\xA9 au lait");
  EXPECT_EQ(e.rfind("Re: =?UTF-8?", 0), 0u) << e;
  EXPECT_NE(e.find(" au lait"), std::string::npos) << e;
  EXPECT_EQ(decode_header_text(e), "Re: caf\xC3\xA9 au lait");
}

TEST(EncodedWord, RoundTripsRandomUnicodeWithWordsAtMost75) {
  std::mt19937 rng(42);
  const char* pieces[] = {"a",  "Z",  " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                          "=?", "?=", "_", "\xD0\x96", "\t",           "x"};
  for (int round = 0; round < 300; ++round) {
    std::string s;
    std::size_t n = 1 + rng() % 60;
    for (std::size_t i = 0; i < n; ++i) s += pieces[rng() % std::size(pieces)];
    // Header text is compared as unfolded and with single-space structure kept.
    for (bool phrase : {false, true}) {
      std::string e = phrase ? encode_phrase(s) : encode_unstructured(s);
      EXPECT_TRUE(is_ascii(e)) << e;
      std::size_t pos = 0;
      while ((pos = e.find("=?UTF-8?", pos)) != std::string::npos) {
        auto end = e.find("?=", pos + 10);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end + 2 - pos, 75u);
        pos = end + 2;
      }
      if (phrase && e.front() == '"') continue;  // quoted-string: not decoded by this function
      EXPECT_EQ(decode_header_text(e), s) << e;
    }
  }
}

}  // namespace
}  // namespace mixer::mapping::mime
