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

// Reference encoder (one character at a time, the obvious way) for the
// one-pass line-at-a-time encoder.
std::string reference_base64(std::string_view in, std::string_view eol) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string chars;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16;
    if (i + 1 < in.size()) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    chars.push_back(kAlphabet[(v >> 18) & 63]);
    chars.push_back(kAlphabet[(v >> 12) & 63]);
    chars.push_back(i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=');
    chars.push_back(i + 2 < in.size() ? kAlphabet[v & 63] : '=');
  }
  std::string out;
  for (std::size_t i = 0; i < chars.size(); i += 76) {
    out.append(chars, i, 76);
    out.append(eol);
  }
  return out;
}

TEST(Base64, OnePassCodecMatchesReferenceAtEveryLength) {
  std::mt19937 rng(7);
  for (std::size_t len = 0; len <= 400; ++len) {
    std::string data(len, '\0');
    for (auto& c : data) c = static_cast<char>(rng() & 0xFF);
    for (std::string_view eol : {"\r\n", "\n", ""}) {
      std::string enc = base64_encode(data, eol);
      ASSERT_EQ(enc, reference_base64(data, eol)) << len;
      auto d = base64_decode(enc);
      ASSERT_TRUE(d.ok()) << len;
      ASSERT_EQ(*d, data) << len;
    }
  }
}

TEST(Base64, WhiteSpaceInsideQuantaLeavesTheFastPathAndComesBack) {
  std::mt19937 rng(11);
  std::string data(3000, '\0');
  for (auto& c : data) c = static_cast<char>(rng() & 0xFF);
  std::string enc = base64_encode(data, "\r\n");
  std::string spaced;
  for (char c : enc) {
    spaced.push_back(c);
    if (rng() % 7 == 0) spaced.push_back(rng() % 2 ? ' ' : '\t');
    if (rng() % 97 == 0) spaced += "\r\n";
  }
  auto d = base64_decode(spaced);
  ASSERT_TRUE(d.ok()) << d.error().to_string();
  EXPECT_EQ(*d, data);
}

TEST(Base64, ErrorOffsetsAreExactDeepInALongBody) {
  std::string enc = base64_encode(std::string(3000, 'q'), "\r\n");
  std::string bad = enc;
  bad[1000] = '*';  // inside a fast-path quantum
  auto d = base64_decode(bad);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().offset, 1000u);
  std::string after_pad = "Zg==" + enc;  // data after the padding, at offset 4
  auto d2 = base64_decode(after_pad);
  ASSERT_FALSE(d2.ok());
  EXPECT_EQ(d2.error().offset, 4u);
}

TEST(TransferEncoding, BinaryDecidesOnTheFirstNonTextOctet) {
  // The early exit gives the same answer as the full scan would.
  std::string head(100, 'a');
  EXPECT_EQ(choose_encoding(head + "\xFF" + std::string(5000, 'b'), false, {}), TransferEncoding::base64);
  EXPECT_EQ(choose_encoding(head + '\x01', false, {}), TransferEncoding::base64);
  EXPECT_EQ(choose_encoding("plain\r\nascii\r\n", false, {}), TransferEncoding::seven_bit);
  EXPECT_EQ(choose_encoding(std::string(1200, 'a'), false, {}), TransferEncoding::base64);  // > 998 per line
}

// The octet-by-octet rule choose_encoding had before it surveyed 8 octets
// at a time; the fast survey must give the same answer on any input.
TransferEncoding reference_choice(std::string_view data, bool is_text, const EncodingPolicy& policy) {
  std::size_t eight = 0, line = 0, longest = 0, ctl = 0;
  bool bare = false, nul = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c == '\n') {
      if (i == 0 || data[i - 1] != '\r') bare = true;
      longest = std::max(longest, line);
      line = 0;
      continue;
    }
    if (c == '\r') {
      if (i + 1 >= data.size() || data[i + 1] != '\n') bare = true;
      continue;
    }
    ++line;
    if (c >= 0x80) ++eight;
    if (c == 0) nul = true;
    if ((c < 32 && c != '\t') || c == 127) ++ctl;
  }
  longest = std::max(longest, line);
  bool line_safe = longest <= 998 && !nul && !bare;
  if (is_text && line_safe && ctl == 0) {
    if (eight == 0) return TransferEncoding::seven_bit;
    if (policy.peer_8bitmime) return TransferEncoding::eight_bit;
  }
  if (!is_text && eight == 0 && ctl == 0 && line_safe && !data.empty()) return TransferEncoding::seven_bit;
  if (is_text && eight * 3 <= data.size() && !nul) return TransferEncoding::quoted_printable;
  return TransferEncoding::base64;
}

TEST(TransferEncoding, FastSurveyAgreesWithTheOctetByOctetRule) {
  std::mt19937 rng(5);
  // Mostly printable text with rare special octets, so that every branch
  // (clean words, words with one special octet, line ends) is taken.
  const std::string specials = std::string("\r\n\t\x00\x01\x7F\x80\xE9\xFF", 9);
  for (int round = 0; round < 3000; ++round) {
    std::size_t len = rng() % 300;
    std::string data;
    for (std::size_t i = 0; i < len; ++i) {
      unsigned r = rng() % 100;
      if (r < 4)
        data += "\r\n";
      else if (r < 4 + (static_cast<unsigned>(round) % 4))
        data.push_back(specials[rng() % specials.size()]);
      else
        data.push_back(static_cast<char>(' ' + rng() % 95));
    }
    if (round % 50 == 0) data += std::string(999 + rng() % 3, 'x');  // long lines
    for (bool text : {true, false})
      for (bool peer8 : {false, true}) {
        EncodingPolicy pol{peer8};
        ASSERT_EQ(choose_encoding(data, text, pol), reference_choice(data, text, pol))
            << "round " << round << " text " << text;
      }
  }
}

}  // namespace
}  // namespace mixer::mapping::mime
