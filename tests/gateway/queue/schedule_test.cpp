#include "gateway/queue/schedule.hpp"

#include <gtest/gtest.h>

namespace mixer::queue {
namespace {

constexpr std::int64_t kT0 = 1'763'900'000;

RetryPolicy policy() { return RetryPolicy{60, 1000, 3600, 86400}; }

Record two_recipients() {
  Record r;
  r.id = "ID1";
  r.arrival = kT0;
  r.originator = "a@example.org";
  r.recipients.resize(2);
  r.recipients[0].address = "x@example.org";
  r.recipients[1].address = "y@example.org";
  return r;
}

TEST(Backoff, DoublesWithinBounds) {
  auto p = policy();
  EXPECT_EQ(backoff(p, 0), 60);
  EXPECT_EQ(backoff(p, 1), 60);
  EXPECT_EQ(backoff(p, 2), 120);
  EXPECT_EQ(backoff(p, 3), 240);
  EXPECT_EQ(backoff(p, 5), 960);
  EXPECT_EQ(backoff(p, 6), 1000);
  EXPECT_EQ(backoff(p, 4'000'000'000u), 1000);  // no overflow at absurd counts
  for (std::uint32_t a = 0; a < 100; ++a) {
    EXPECT_GE(backoff(p, a), p.min_backoff);
    EXPECT_LE(backoff(p, a), p.max_backoff);
  }
  // Inverted bounds are clamped to the minimum, never zero or negative.
  EXPECT_EQ(backoff(RetryPolicy{0, -5, 1, 1}, 3), 1);
}

TEST(Schedule, TemporaryFailureDefersWithBackoff) {
  auto r = two_recipients();
  auto d = apply_outcomes(r, {{0, AttemptResult::delivered, "250 ok"}, {1, AttemptResult::temporary_failure, "451 busy"}},
                          policy(), kT0 + 10);
  EXPECT_EQ(r.recipients[0].status, RcptStatus::delivered);
  EXPECT_EQ(r.recipients[1].status, RcptStatus::deferred);
  EXPECT_EQ(r.recipients[1].attempts, 1u);
  EXPECT_EQ(r.recipients[1].next_retry, kT0 + 70);
  EXPECT_EQ(r.recipients[1].diagnostic, "451 busy");
  EXPECT_EQ(d.disposition, Disposition::deferred);
  EXPECT_EQ(d.next_attempt, kT0 + 70);
  EXPECT_TRUE(d.reports.empty());
  EXPECT_TRUE(due_recipients(r, kT0 + 69).empty());
  EXPECT_EQ(due_recipients(r, kT0 + 70), std::vector<std::size_t>{1});
}

TEST(Schedule, PermanentFailureReportsOnceAndFinishes) {
  auto r = two_recipients();
  auto d = apply_outcomes(r, {{0, AttemptResult::delivered, ""}, {1, AttemptResult::permanent_failure, "550 no"}},
                          policy(), kT0);
  EXPECT_EQ(d.disposition, Disposition::finished);
  ASSERT_EQ(d.reports.size(), 1u);
  EXPECT_EQ(d.reports[0].kind, ReportKind::failure);
  EXPECT_EQ(d.reports[0].recipients, std::vector<std::size_t>{1});
  EXPECT_TRUE(r.recipients[1].reported);
  // Re-running (e.g. after a crash before the file was deleted) owes nothing new.
  EXPECT_TRUE(expire(r, policy(), kT0 + 1).reports.empty());
  // A late duplicate outcome does not reopen a final recipient.
  apply_outcomes(r, {{1, AttemptResult::temporary_failure, "451"}}, policy(), kT0 + 2);
  EXPECT_EQ(r.recipients[1].status, RcptStatus::failed);
  EXPECT_EQ(r.recipients[1].attempts, 1u);
}

TEST(Schedule, DelayWarningThenGiveUp) {
  auto r = two_recipients();
  auto p = policy();
  apply_outcomes(r, {{0, AttemptResult::temporary_failure, "451 a"}, {1, AttemptResult::temporary_failure, "451 b"}},
                 p, kT0);
  // Before the warning time: nothing owed.
  EXPECT_TRUE(expire(r, p, kT0 + p.delay_warning - 1).reports.empty());
  auto w = expire(r, p, kT0 + p.delay_warning);
  ASSERT_EQ(w.reports.size(), 1u);
  EXPECT_EQ(w.reports[0].kind, ReportKind::delay);
  EXPECT_EQ(w.reports[0].recipients, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(expire(r, p, kT0 + p.delay_warning + 5).reports.empty()) << "delay warning repeated";
  // The wake-up time never lies beyond the give-up time.
  r.recipients[0].next_retry = kT0 + 10 * p.give_up;
  r.recipients[1].next_retry = kT0 + 10 * p.give_up;
  EXPECT_EQ(expire(r, p, kT0 + 1).next_attempt, kT0 + p.give_up);
  auto g = expire(r, p, kT0 + p.give_up);
  EXPECT_EQ(g.disposition, Disposition::finished);
  ASSERT_EQ(g.reports.size(), 1u);
  EXPECT_EQ(g.reports[0].kind, ReportKind::failure);
  EXPECT_EQ(r.recipients[0].status, RcptStatus::failed);
  EXPECT_NE(r.recipients[0].diagnostic.find("expired"), std::string::npos);
  EXPECT_NE(r.recipients[0].diagnostic.find("451 a"), std::string::npos);
}

TEST(Schedule, UntriedRecipientGetsNoDelayWarning) {
  // A message held (or never attempted) is not "delayed by the network".
  auto r = two_recipients();
  EXPECT_TRUE(expire(r, policy(), kT0 + policy().delay_warning + 1).reports.empty());
}

TEST(ConcurrencyLimiter, CapsEachDestinationSeparately) {
  ConcurrencyLimiter lim(2);
  EXPECT_TRUE(lim.try_acquire("peer-a"));
  EXPECT_TRUE(lim.try_acquire("peer-a"));
  EXPECT_FALSE(lim.try_acquire("peer-a"));
  EXPECT_TRUE(lim.try_acquire("smtp-next-hop"));
  EXPECT_EQ(lim.in_flight("peer-a"), 2u);
  lim.release("peer-a");
  EXPECT_TRUE(lim.try_acquire("peer-a"));
  lim.release("unknown");  // harmless
  lim.release("peer-a");
  lim.release("peer-a");
  lim.release("peer-a");
  EXPECT_EQ(lim.in_flight("peer-a"), 0u);
}

}  // namespace
}  // namespace mixer::queue
