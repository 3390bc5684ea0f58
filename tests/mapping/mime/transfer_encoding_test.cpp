#include "mapping/mime/transfer_encoding.hpp"

#include <gtest/gtest.h>

#include <random>

namespace mixer::mapping::mime {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string, std::string> v[] = {{"", ""},
                                                   {"f", "Zg=="},
                                                   {"fo", "Zm8="},
                                                   {"foo", "Zm9v"},
                                                   {"foob", "Zm9vYg=="},
                                                   {"fooba", "Zm9vYmE="},
                                                   {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : v) {
    EXPECT_EQ(base64_encode(plain, ""), enc);
    auto d = base64_decode(enc);
    ASSERT_TRUE(d.ok()) << enc;
    EXPECT_EQ(*d, plain);
  }
}

TEST(Base64, LinesAre76CharactersWithFinalBreak) {
  std::string data(200, 'x');
  std::string enc = base64_encode(data, "\r\n");
  std::size_t start = 0;
  while (start < enc.size()) {
    auto crlf = enc.find("\r\n", start);
    ASSERT_NE(crlf, std::string::npos);
    EXPECT_LE(crlf - start, 76u);
    start = crlf + 2;
  }
  EXPECT_EQ(*base64_decode(enc), data);
}

TEST(Base64, RejectsGarbageWithOffset) {
  auto d = base64_decode("Zm9v\r\nY!==");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().offset, 7u);
  EXPECT_FALSE(base64_decode("Zg==Zg").ok());  // data after padding
  EXPECT_FALSE(base64_decode("Zm9vY").ok());   // one stray character
  EXPECT_EQ(*base64_decode("Zg"), "f");        // missing padding tolerated
}

TEST(QuotedPrintable, DecodesRfc2045Rules) {
  EXPECT_EQ(qp_decode("caf=C3=A9 =3D ok"), "caf\xC3\xA9 = ok");
  EXPECT_EQ(qp_decode("soft=\r\nbreak"), "softbreak");
  EXPECT_EQ(qp_decode("soft= \t\nbreak"), "softbreak");
  EXPECT_EQ(qp_decode("pad   \r\nnext"), "pad\r\nnext");   // rule 3: trailing white space dropped
  EXPECT_EQ(qp_decode("bad=ZZ and =4"), "bad=ZZ and =4");  // malformed kept literally
  EXPECT_EQ(qp_decode("lower=c3=a9"), "lower\xC3\xA9");
}

TEST(QuotedPrintable, EncodeRoundTripsRandomTextAndBinary) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string data;
    std::size_t n = rng() % 400;
    for (std::size_t i = 0; i < n; ++i) {
      int pick = static_cast<int>(rng() % 10);
      data.push_back(pick < 6   ? static_cast<char>('a' + rng() % 26)
                     : pick < 7 ? ' '
                     : pick < 8 ? '='
                                : static_cast<char>(rng() % 256));
    }
    for (bool text : {false, true}) {
      std::string enc = qp_encode(data, text);
      std::size_t start = 0;
      while (start < enc.size()) {
        auto crlf = enc.find("\r\n", start);
        std::size_t len = (crlf == std::string::npos ? enc.size() : crlf) - start;
        EXPECT_LE(len, 76u);
        if (crlf == std::string::npos) break;
        start = crlf + 2;
      }
      EXPECT_EQ(qp_decode(enc), data);
      for (unsigned char c : enc) EXPECT_TRUE(c == '\r' || c == '\n' || c == '\t' || (c >= 32 && c < 127));
    }
  }
}

TEST(QuotedPrintable, TextKeepsLineBreaksAndEncodesTrailingSpace) {
  EXPECT_EQ(qp_encode("a \r\nb", true), "a=20\r\nb");
  EXPECT_EQ(qp_encode("a\nb\rc", true), "a=0Ab=0Dc");  // bare LF/CR are data, not line breaks
  EXPECT_EQ(qp_decode(qp_encode("line one \r\nline two\t\r\n", true)), "line one \r\nline two\t\r\n");
  EXPECT_EQ(qp_encode(".dot", true), "=2Edot");
}

TEST(TransferEncoding, ParsesTokensCaseInsensitiveWithComments) {
  EXPECT_EQ(parse_transfer_encoding("BASE64"), TransferEncoding::base64);
  EXPECT_EQ(parse_transfer_encoding(" quoted-printable (qp) "), TransferEncoding::quoted_printable);
  EXPECT_EQ(parse_transfer_encoding(""), TransferEncoding::seven_bit);
  EXPECT_EQ(parse_transfer_encoding("8Bit"), TransferEncoding::eight_bit);
  EXPECT_FALSE(parse_transfer_encoding("x-uuencode").has_value());
}

TEST(TransferEncoding, ChoosesByDataAndPeer) {
  EncodingPolicy seven{false}, eight{true};
  EXPECT_EQ(choose_encoding("hello\r\nworld\r\n", true, seven), TransferEncoding::seven_bit);
  EXPECT_EQ(choose_encoding("caf\xC3\xA9\r\n", true, seven), TransferEncoding::quoted_printable);
  EXPECT_EQ(choose_encoding("caf\xC3\xA9\r\n", true, eight), TransferEncoding::eight_bit);
  EXPECT_EQ(choose_encoding(std::string(1200, 'a'), true, eight),
            TransferEncoding::quoted_printable);  // > 998
  EXPECT_EQ(choose_encoding(std::string("\x00\x01\xFF\xFE", 4), false, eight), TransferEncoding::base64);
  EXPECT_EQ(choose_encoding(std::string(100, '\xE9'), true, seven), TransferEncoding::base64);
  EXPECT_EQ(choose_encoding("a\rb", false, seven), TransferEncoding::base64);  // bare CR in binary
  EXPECT_EQ(choose_encoding("unix\nlines\n", true, eight),
            TransferEncoding::quoted_printable);  // bare LF kept exact
}

}  // namespace
}  // namespace mixer::mapping::mime
