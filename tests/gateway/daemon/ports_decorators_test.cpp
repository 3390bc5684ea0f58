// The daemon's port decorators: SuccessReports stores a success report in the
// spool before the outcomes reach the queue manager (crash-safe order), never
// for a report and never when none is owed; MeteredTransport counts outcomes
// per direction; SpoolIntake refuses arrivals beyond queue.max_messages
// without writing anything.
#include <future>
#include <gtest/gtest.h>

#include "gateway/daemon/metered.hpp"
#include "gateway/daemon/spool_intake.hpp"
#include "gateway/daemon/success_reports.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::daemon {
namespace {

// A transport that answers at once with fixed outcomes (the decorators'
// contract is about what they do with outcomes, not about a protocol).
class FixedOutcomes final : public Transport {
 public:
  explicit FixedOutcomes(std::vector<queue::RecipientOutcome> o) : o_(std::move(o)) {}
  std::string destination(const DeliveryRequest&) const override { return "fixed"; }
  void deliver(DeliveryRequest, Done done) override { done(o_); }

 private:
  std::vector<queue::RecipientOutcome> o_;
};

queue::Record subject() {
  queue::Record r;
  r.id = "0000000000001000100001";
  r.direction = queue::Direction::smtp_to_x400;
  r.originator = "a@example.com";
  r.recipients.resize(2);
  r.recipients[0].address = "x@x400.example.org";
  r.recipients[1].address = "y@x400.example.org";
  r.content = "x";
  return r;
}

queue::Record report_for(const queue::Record& s) {
  queue::Record r;
  r.direction = queue::Direction::x400_to_smtp;
  r.attrs[queue::attr::kIsReport] = "1";
  r.recipients.resize(1);
  r.recipients[0].address = s.originator;
  r.content = "DSN";
  return r;
}

TEST(SuccessReports, StoresTheReportBeforeTheOutcomesAreApplied) {
  test::TempDir tmp;
  auto spool = queue::Spool::open({tmp / "spool", true, 1}).value();
  std::vector<std::size_t> asked;
  auto t = std::make_shared<SuccessReports>(
      std::make_shared<FixedOutcomes>(std::vector<queue::RecipientOutcome>{
          {0, queue::AttemptResult::delivered, "ok"}, {1, queue::AttemptResult::temporary_failure, "later"}}),
      [&asked](const queue::Record& s, const std::vector<std::size_t>& idx) -> Result<queue::Record, std::string> {
        asked = idx;
        return report_for(s);
      },
      *spool, nullptr);
  std::promise<std::pair<std::size_t, std::vector<queue::RecipientOutcome>>> p;
  t->deliver({subject(), {0, 1}}, [&](std::vector<queue::RecipientOutcome> o) {
    p.set_value({spool->list(queue::State::incoming).size(), std::move(o)});
  });
  auto f = p.get_future();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto [stored_when_done, got] = f.get();
  EXPECT_EQ(asked, (std::vector<std::size_t>{0}));
  EXPECT_EQ(stored_when_done, 1u);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].diagnostic, "later");
}

TEST(SuccessReports, NothingForReportsOrWhenNoneIsOwed) {
  test::TempDir tmp;
  auto spool = queue::Spool::open({tmp / "spool", true, 1}).value();
  int made = 0;
  auto inner = std::make_shared<FixedOutcomes>(
      std::vector<queue::RecipientOutcome>{{0, queue::AttemptResult::delivered, "ok"}});
  SuccessReports none(inner, [&made](const queue::Record&, const std::vector<std::size_t>&) -> Result<queue::Record, std::string> {
    ++made;
    return queue::Record{};  // no recipients: nothing owed
  }, *spool, nullptr);
  int done = 0;
  none.deliver({subject(), {0}}, [&](auto) { ++done; });
  auto rep = subject();
  rep.attrs[queue::attr::kIsReport] = "1";
  none.deliver({rep, {0}}, [&](auto) { ++done; });
  EXPECT_EQ(done, 2);
  EXPECT_EQ(made, 1);  // not asked for the report's own delivery
  EXPECT_TRUE(spool->list(queue::State::incoming).empty());
}

TEST(MeteredTransport, CountsOutcomesPerDirection) {
  metrics::Metrics m;
  MeteredTransport t(std::make_shared<FixedOutcomes>(std::vector<queue::RecipientOutcome>{
                         {0, queue::AttemptResult::delivered, ""},
                         {1, queue::AttemptResult::permanent_failure, ""},
                         {2, queue::AttemptResult::temporary_failure, ""}}),
                     m);
  auto r = subject();
  r.direction = queue::Direction::x400_to_smtp;
  std::size_t n = 0;
  t.deliver({r, {0, 1, 2}}, [&](auto o) { n = o.size(); });
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(m.dir[1].delivered.load(), 1u);
  EXPECT_EQ(m.dir[1].failed.load(), 1u);
  EXPECT_EQ(m.dir[1].deferred.load(), 1u);
  EXPECT_EQ(m.dir[1].latency_count.load(), 1u);
  EXPECT_EQ(m.dir[0].delivered.load(), 0u);
}

TEST(SpoolIntake, RefusesBeyondMaxMessagesWithoutWriting) {
  test::TempDir tmp;
  auto spool = queue::Spool::open({tmp / "spool", false, 1}).value();
  metrics::Metrics m;
  SpoolIntake intake(*spool, 2, &m);
  std::vector<bool> ok;
  for (int i = 0; i < 3; ++i) {
    auto r = subject();
    r.id.clear();  // a new queue id each
    intake.accept(std::move(r), [&](queue::SpoolResult<std::string> r) {
      ok.push_back(r.ok());
      if (!r) {
        EXPECT_NE(r.error().message.find("queue is full"), std::string::npos);
      }
    });
  }
  EXPECT_EQ(ok, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(spool->list(queue::State::incoming).size(), 2u);
  EXPECT_EQ(m.dir[0].received.load(), 2u);
  // refresh() recounts from the directories (e.g. after deliveries removed files).
  ASSERT_TRUE(spool->remove(spool->list(queue::State::incoming)[0], queue::State::incoming).ok());
  intake.refresh();
  EXPECT_EQ(intake.size(), 1u);
  EXPECT_FALSE(intake.full());
  EXPECT_EQ(intake.sizes().at("incoming"), 1u);
}

}  // namespace
}  // namespace mixer::daemon
