// Internet date-times whose year a UTCTime cannot carry (X.680 47.3: two
// digits, read back in the 1950..2049 window) must not reach the P1
// envelope or the P22 heading: "Deferred-Delivery: ... 2726" became the
// UTCTime "26...", decoded as 2026 (fuzz target message_to_x400,
// corpus seed regression-deferred-delivery-year-2726.txt).
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "mapping/heading/values.hpp"
#include "mapping/message/convert.hpp"
#include "tests/mapping/message/message_test_support.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::mapping::message {
namespace {

using namespace test_support;

SmtpEnvelope envelope() {
  SmtpEnvelope e;
  e.mail_from = "alice@example.org";
  e.recipients = {{"bob@example.net", "", ""}};
  return e;
}

std::string message_with(const std::string& when) {
  return "Deferred-Delivery: " + when + "\r\nExpires: " + when +
         "\r\nFrom: alice@example.org\r\nTo: bob@example.net\r\nSubject: t\r\n"
         "Date: Mon, 23 Nov 2026 10:59:00 +0000\r\n\r\nBody.\r\n";
}

std::optional<x400::ber::Time> expiry_of(const x400::asn::Message& m) {
  auto io = x400::p22::decode_information_object(m.content.bytes());
  EXPECT_TRUE(io.ok());
  if (!io.ok()) return std::nullopt;
  const auto* ipm = std::get_if<x400::p22::Ipm>(&*io);
  EXPECT_NE(ipm, nullptr);
  return ipm ? ipm->heading.expiry_time : std::nullopt;
}

TEST(MessageToX400UtcTimeRange, YearBeyondUtcTimeIsNotMappedAndTheMessageRoundTrips) {
  for (const char* when : {"Mon, 23 Nov 2726 11:30:00 +0000", "Thu, 23 Nov 2051 11:30:00 +0000",
                           "Tue, 23 Nov 1948 11:30:00 +0000"}) {
    EXPECT_FALSE(heading::parse_date_time(when).has_value()) << when;
    auto m = to_x400(envelope(), message_with(when), context(), options());
    ASSERT_TRUE(m.ok()) << when << ": " << m.error().to_string();
    EXPECT_FALSE(m->envelope.deferred_delivery_time.has_value()) << when;
    EXPECT_FALSE(expiry_of(*m).has_value()) << when;
    const auto back = through_ber(*m);
    EXPECT_EQ(back.envelope.deferred_delivery_time, m->envelope.deferred_delivery_time) << when;
    EXPECT_TRUE(back == *m) << when;
  }
}

TEST(MessageToX400UtcTimeRange, WindowEdgesKeepTheirCenturyThroughBer) {
  for (int year : {1950, 2049}) {
    const std::string when = "23 Nov " + std::to_string(year) + " 11:30:00 +0000";
    auto m = to_x400(envelope(), message_with(when), context(), options());
    ASSERT_TRUE(m.ok()) << when << ": " << m.error().to_string();
    ASSERT_TRUE(m->envelope.deferred_delivery_time.has_value()) << when;
    EXPECT_EQ(m->envelope.deferred_delivery_time->year, year);
    const auto back = through_ber(*m);
    ASSERT_TRUE(back.envelope.deferred_delivery_time.has_value()) << when;
    EXPECT_EQ(back.envelope.deferred_delivery_time->year, year);
    EXPECT_EQ(back.envelope.deferred_delivery_time, m->envelope.deferred_delivery_time);
    auto expiry = expiry_of(back);
    ASSERT_TRUE(expiry.has_value()) << when;
    EXPECT_EQ(expiry->year, year);
    EXPECT_TRUE(back == *m) << when;
  }
}

}  // namespace
}  // namespace mixer::mapping::message
