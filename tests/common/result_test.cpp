#include "common/result.hpp"

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "common/log_escape.hpp"

namespace mixer {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return fail(std::string("not a digit: ") + c);
  return c - '0';
}

Result<int> sum_two(char a, char b) {
  int x = MIXER_TRY(parse_digit(a));
  int y = MIXER_TRY(parse_digit(b));
  return x + y;
}

TEST(Result, ValueAndErrorPropagate) {
  auto ok = sum_two('3', '4');
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 7);
  auto bad = sum_two('3', 'x');
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "not a digit: x");
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(Result, VoidStatus) {
  Status<> good = Ok{};
  EXPECT_TRUE(good.ok());
  Status<> bad = fail(std::string("broken"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "broken");
}

TEST(Hex, RoundTripAndRejects) {
  std::vector<std::uint8_t> bytes{0x00, 0x7f, 0x80, 0xff};
  EXPECT_EQ(to_hex(bytes), "007f80ff");
  EXPECT_EQ(from_hex("00 7F:80ff\n").value(), bytes);
  EXPECT_FALSE(from_hex("0").has_value());
  EXPECT_FALSE(from_hex("zz").has_value());
}

TEST(LogEscape, ControlBytesAndTruncation) {
  EXPECT_EQ(log_escape("plain"), "plain");
  EXPECT_EQ(log_escape("a\r\nb"), "a\\x0d\\x0ab");
  EXPECT_EQ(log_escape("back\\slash"), "back\\\\slash");
  EXPECT_EQ(log_escape("\xc3\xa9"), "\\xc3\\xa9");
  EXPECT_EQ(log_escape(std::string(300, 'a'), 10), std::string(10, 'a') + "...");
}

}  // namespace
}  // namespace mixer
