// Golden tables for the RFC 2156 header value syntaxes (digest §2.4).
#include "mapping/heading/values.hpp"

#include <gtest/gtest.h>

namespace mixer::mapping::heading {
namespace {

TEST(HeadingValues, ImportanceSensitivityPriorityTables) {
  const std::pair<const char*, int> importance[] = {{"low", 0}, {"normal", 1}, {"high", 2}};
  for (auto [text, v] : importance) {
    EXPECT_EQ(parse_importance(text), v);
    EXPECT_EQ(importance_text(v), text);
  }
  EXPECT_EQ(parse_importance(" HIGH (boss says)"), 2);
  EXPECT_FALSE(parse_importance("urgent").has_value());
  EXPECT_EQ(importance_text(3), "");

  const std::pair<const char*, int> sensitivity[] = {
      {"Personal", 1}, {"Private", 2}, {"Company-Confidential", 3}};
  for (auto [text, v] : sensitivity) {
    EXPECT_EQ(parse_sensitivity(text), v);
    EXPECT_EQ(sensitivity_text(v), text);
  }
  EXPECT_EQ(sensitivity_text(0), "");

  const std::pair<const char*, int> priority[] = {{"normal", 0}, {"non-urgent", 1}, {"urgent", 2}};
  for (auto [text, v] : priority) {
    EXPECT_EQ(parse_priority(text), v);
    EXPECT_EQ(priority_text(v), text);
  }
}

TEST(HeadingValues, AllowedProhibitedAndBoolean) {
  EXPECT_EQ(parse_prohibited("Prohibited"), true);
  EXPECT_EQ(parse_prohibited("allowed"), false);
  EXPECT_FALSE(parse_prohibited("maybe").has_value());
  EXPECT_EQ(prohibited_text(true), "Prohibited");
  EXPECT_EQ(prohibited_text(false), "Allowed");
  EXPECT_EQ(parse_boolean("TRUE"), true);
  EXPECT_EQ(parse_boolean("false"), false);
  EXPECT_EQ(boolean_text(true), "TRUE");
}

TEST(HeadingValues, DateTimeKeepsZoneAndSeconds) {
  auto t = parse_date_time("Mon, 23 Nov 2026 12:34:56 +0100");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->to_string(), "261123123456+0100");
  EXPECT_EQ(format_date_time(*t), "Mon, 23 Nov 2026 12:34:56 +0100");

  auto z = parse_date_time("23 Nov 2026 12:34 GMT");
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(z->to_string(), "2611231234Z");
  EXPECT_EQ(format_date_time(*z), "Mon, 23 Nov 2026 12:34 +0000");

  auto est = parse_date_time("Thu, 13 Feb 1969 23:32:54 EST");  // RFC 5322 A.5 obsolete zone
  ASSERT_TRUE(est.has_value());
  EXPECT_EQ(est->to_string(), "690213233254-0500");
  EXPECT_EQ(format_date_time(*est), "Thu, 13 Feb 1969 23:32:54 -0500");

  auto two_digit = parse_date_time("1 Jan 99 00:00:00 -0000");  // RFC 5322 §4.3 year, unknown zone
  ASSERT_TRUE(two_digit.has_value());
  EXPECT_EQ(two_digit->year, 1999);
  EXPECT_TRUE(two_digit->utc_z);  // UTCTime needs a zone (X.680 47.3)
  EXPECT_EQ(format_date_time(*two_digit), "Fri, 1 Jan 1999 00:00:00 +0000");  // -0000 is UTC (RFC 5322 3.3)

  auto leap = parse_date_time("29 Feb 2024 10:00 -0330 (Newfoundland)");
  ASSERT_TRUE(leap.has_value());
  EXPECT_EQ(leap->to_string(), "2402291000-0330");
}

TEST(HeadingValues, DateTimeRejectsNonsense) {
  for (const char* bad :
       {"", "yesterday", "31 Feb 2026 10:00 +0000", "1 Foo 2026 10:00 +0000", "1 Jan 2026 25:00 +0000",
        "1 Jan 2026 10:00 +01", "Mon 1 Jan 2026 10:00 +0000", "1 Jan 2026 10:00 +0000 trailing"})
    EXPECT_FALSE(parse_date_time(bad).has_value()) << bad;
}

TEST(HeadingValues, DateTimeRoundTripsEveryGeneratedUtcTime) {
  for (int y : {1950, 1999, 2000, 2049})
    for (int m = 1; m <= 12; ++m)
      for (int off : {0, 60, -330, 840}) {
        x400::ber::Time t;
        t.year = y;
        t.month = m;
        t.day = 28;
        t.hour = 23;
        t.minute = 59;
        t.second = 58;
        t.utc_z = off == 0;
        t.offset_minutes = off;
        auto back = parse_date_time(format_date_time(t));
        ASSERT_TRUE(back.has_value()) << format_date_time(t);
        EXPECT_EQ(back->to_string(), t.to_string());
      }
}

TEST(HeadingValues, Languages) {
  auto l = parse_languages("en, FR (French), de Deutsch");
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(*l, (std::vector<std::string>{"en", "fr", "de"}));
  EXPECT_EQ(format_languages(*l), "en, fr, de");
  EXPECT_FALSE(parse_languages("english").has_value());
}

TEST(HeadingValues, ContentType) {
  auto p2 = parse_content_type("P2-1988 (22)");
  ASSERT_TRUE(p2.has_value());
  EXPECT_EQ(std::get<std::int64_t>(*p2), 22);
  EXPECT_EQ(format_content_type(*p2), "P2-1988 (22)");
  EXPECT_EQ(format_content_type(*parse_content_type("2")), "P2-1984 (2)");
  auto oid = parse_content_type("1.3.26.0.4406.0.4.1");
  ASSERT_TRUE(oid.has_value());
  EXPECT_EQ(format_content_type(*oid), "1.3.26.0.4406.0.4.1");
  EXPECT_EQ(format_content_type(*parse_content_type("(35)")), "(35)");
  EXPECT_FALSE(parse_content_type("P2-1988 (x)").has_value());
  EXPECT_FALSE(parse_content_type("").has_value());
}

}  // namespace
}  // namespace mixer::mapping::heading
