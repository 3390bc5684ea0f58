#include "gateway/queue/record.hpp"

#include <gtest/gtest.h>

namespace mixer::queue {
namespace {

Record sample() {
  Record r;
  r.id = "0005F3A2B1C4D00010ABCD";
  r.arrival = 1763900000;
  r.direction = Direction::x400_to_smtp;
  r.originator = "/C=XX/ADMD= /PRMD=MIXER/O=Gateway/S=Smith/";
  r.attrs["ENVID"] = "env 1%\n";
  Recipient a;
  a.address = "alice@example.org";
  a.attrs["NOTIFY"] = "FAILURE,DELAY";
  Recipient b;
  b.address = "bob@example.org";
  b.status = RcptStatus::deferred;
  b.attempts = 3;
  b.next_retry = 1763900600;
  b.delay_warned = true;
  b.diagnostic = "451 4.4.1 no answer\r\nfrom host";
  r.recipients = {a, b};
  r.content = std::string("Subject: hi\r\n\r\nbody\0with NUL\nMIXEREND\n", 39);
  return r;
}

TEST(QueueRecord, RoundTripsEveryField) {
  Record r = sample();
  auto bytes = serialize(r);
  auto back = parse(bytes);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(back->arrival, r.arrival);
  EXPECT_EQ(back->direction, r.direction);
  EXPECT_EQ(back->originator, r.originator);
  EXPECT_EQ(back->attrs, r.attrs);
  ASSERT_EQ(back->recipients.size(), 2u);
  EXPECT_EQ(back->recipients[0].attrs, r.recipients[0].attrs);
  EXPECT_EQ(back->recipients[1].status, RcptStatus::deferred);
  EXPECT_EQ(back->recipients[1].attempts, 3u);
  EXPECT_EQ(back->recipients[1].next_retry, 1763900600);
  EXPECT_TRUE(back->recipients[1].delay_warned);
  EXPECT_FALSE(back->recipients[1].reported);
  EXPECT_EQ(back->recipients[1].diagnostic, r.recipients[1].diagnostic);
  EXPECT_EQ(back->content, r.content);
}

TEST(QueueRecord, EveryTruncationIsAnError) {
  // A torn write of any length must never parse as a (shorter) message.
  auto bytes = serialize(sample());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = parse(std::string_view(bytes).substr(0, n));
    EXPECT_FALSE(r.ok()) << "prefix of " << n << " bytes parsed";
  }
}

TEST(QueueRecord, DamagedHeaderNamesTheLine) {
  auto bytes = serialize(sample());
  auto pos = bytes.find("arrival ");
  bytes.replace(pos, 8, "arrivel ");
  auto r = parse(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 3u);
  EXPECT_NE(r.error().message.find("unexpected header line"), std::string::npos);
}

TEST(QueueRecord, RejectsBadMagicBadEscapeAndNoRecipients) {
  EXPECT_EQ(parse("HELLO\n").error().message, "not a mixer queue file (bad magic)");
  auto r = sample();
  r.recipients.clear();
  EXPECT_EQ(parse(serialize(r)).error().message, "no recipients");
  auto bytes = serialize(sample());
  bytes.replace(bytes.find("originator ") + 11, 1, "%G");
  EXPECT_FALSE(parse(bytes).ok());
  EXPECT_FALSE(unescape_value("ab%4").ok());
}

TEST(QueueRecord, EscapeKeepsHeaderOnOneLine) {
  std::string v = "a b\nc%d\x7f";
  auto e = escape_value(v);
  EXPECT_EQ(e, "a%20b%0Ac%25d%7F");
  EXPECT_EQ(unescape_value(e).value(), v);
  EXPECT_EQ(escape_value(""), "%");
  EXPECT_EQ(unescape_value("%").value(), "");
}

}  // namespace
}  // namespace mixer::queue
