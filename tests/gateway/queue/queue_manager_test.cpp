// The queue manager's file moves on a real spool. The transport here is a
// test double of the Transport seam (not of a protocol peer): it records what
// it is asked and answers the outcomes each test scripts.
#include "gateway/daemon/queue_manager.hpp"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

namespace mixer::daemon {
namespace {

constexpr std::int64_t kT0 = 1'763'900'000;

struct ScriptedTransport : Transport {
  std::vector<DeliveryRequest> requests;
  std::vector<Done> pending;
  std::string destination(const DeliveryRequest&) const override { return "peer"; }
  void deliver(DeliveryRequest r, Done done) override {
    requests.push_back(std::move(r));
    pending.push_back(std::move(done));
  }
  void answer(std::size_t i, queue::AttemptResult res, std::string diag) {
    std::vector<queue::RecipientOutcome> out;
    for (auto idx : requests.at(i).recipients) out.push_back({idx, res, diag});
    pending.at(i)(std::move(out));
  }
};

struct FakeReports : ReportFactory {
  std::vector<queue::ReportKind> kinds;
  Result<queue::Record, std::string> make_report(const queue::Record& subject, const queue::ReportNeeded& need) override {
    kinds.push_back(need.kind);
    queue::Record r;
    r.direction = subject.direction == queue::Direction::smtp_to_x400 ? queue::Direction::x400_to_smtp
                                                                      : queue::Direction::smtp_to_x400;
    r.originator = "";
    queue::Recipient rc;
    rc.address = subject.originator;
    r.recipients.push_back(rc);
    r.content = "report about " + subject.id;
    return r;
  }
};

class QueueManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spool_ = queue::Spool::open(queue::SpoolOptions{tmp_.path(), false, 1}).value();
    qm_ = std::make_unique<QueueManager>(
        *spool_, queue::RetryPolicy{60, 600, 3600, 7200}, 2,
        [this](int, const std::string& line) { log_ += line + "\n"; }, [](std::function<void()> f) { f(); });
    qm_->now = [this] { return now_; };
    transport_ = std::make_shared<ScriptedTransport>();
    qm_->set_transport(queue::Direction::smtp_to_x400, transport_);
  }
  std::string add(int recipients = 1) {
    queue::Record r;
    r.arrival = kT0;
    r.originator = "sender@example.org";
    for (int i = 0; i < recipients; ++i) {
      queue::Recipient rc;
      rc.address = "/C=XX/ADMD= /PRMD=Q/S=R" + std::to_string(i) + "/";
      r.recipients.push_back(rc);
    }
    r.content = "c";
    return spool_->store(r).value();
  }

  test::TempDir tmp_;
  std::unique_ptr<queue::Spool> spool_;
  std::unique_ptr<QueueManager> qm_;
  std::shared_ptr<ScriptedTransport> transport_;
  std::string log_;
  std::int64_t now_ = kT0;
};

TEST_F(QueueManagerTest, DeliveredMessageIsRemoved) {
  auto id = add(2);
  EXPECT_EQ(qm_->scan(kT0), 1u);
  EXPECT_EQ(spool_->find(id), queue::State::active);
  ASSERT_EQ(transport_->requests.size(), 1u);
  EXPECT_EQ(transport_->requests[0].recipients, (std::vector<std::size_t>{0, 1}));
  transport_->answer(0, queue::AttemptResult::delivered, "ok");
  EXPECT_FALSE(spool_->find(id).has_value());
  EXPECT_NE(log_.find(id + ": to=</C=XX/ADMD= /PRMD=Q/S=R1/>, status=delivered"), std::string::npos) << log_;
  EXPECT_EQ(qm_->stats().delivered, 2u);
}

TEST_F(QueueManagerTest, TemporaryFailureDefersThenRetriesWhenDue) {
  auto id = add();
  qm_->scan(kT0);
  transport_->answer(0, queue::AttemptResult::temporary_failure, "peer refused bind");
  EXPECT_EQ(spool_->find(id), queue::State::deferred);
  auto rec = spool_->load(id, queue::State::deferred).value();
  EXPECT_EQ(rec.recipients[0].next_retry, kT0 + 60);
  EXPECT_EQ(rec.recipients[0].diagnostic, "peer refused bind");
  EXPECT_EQ(qm_->scan(kT0 + 59), 0u);
  EXPECT_EQ(qm_->scan(kT0 + 60), 1u);
  EXPECT_EQ(transport_->requests.size(), 2u);
  // The state survives a restart of the manager (deferred times re-read).
  now_ = kT0 + 61;
  transport_->answer(1, queue::AttemptResult::temporary_failure, "again");
  QueueManager fresh(*spool_, queue::RetryPolicy{60, 600, 3600, 7200}, 2, [](int, const std::string&) {},
                     [](std::function<void()> f) { f(); });
  fresh.set_transport(queue::Direction::smtp_to_x400, transport_);
  fresh.load_deferred();
  EXPECT_EQ(fresh.scan(kT0 + 61 + 119), 0u);
  EXPECT_EQ(fresh.scan(kT0 + 61 + 120), 1u);
}

TEST_F(QueueManagerTest, ConcurrencyLimitPerDestination) {
  for (int i = 0; i < 5; ++i) add();
  qm_->scan(kT0);
  EXPECT_EQ(transport_->requests.size(), 2u);
  EXPECT_EQ(qm_->in_flight(), 2u);
  EXPECT_EQ(spool_->list(queue::State::deferred).size(), 3u);
  transport_->answer(0, queue::AttemptResult::delivered, "");
  qm_->scan(kT0);
  EXPECT_EQ(transport_->requests.size(), 3u);
  EXPECT_EQ(qm_->in_flight(), 2u);
}

TEST_F(QueueManagerTest, PermanentFailureWithoutReportMappingIsHeld) {
  auto id = add();
  qm_->scan(kT0);
  transport_->answer(0, queue::AttemptResult::permanent_failure, "unknown recipient");
  EXPECT_EQ(spool_->find(id), queue::State::hold);
  EXPECT_NE(log_.find("no report mapping is wired"), std::string::npos);
  // The file still owes the report (flag not set), so a later run reports it.
  EXPECT_FALSE(spool_->load(id, queue::State::hold)->recipients[0].reported);
}

TEST_F(QueueManagerTest, ReportsAreQueuedBeforeTheMessageGoes) {
  auto reports = std::make_shared<FakeReports>();
  qm_->set_report_factory(reports);
  auto id = add();
  qm_->scan(kT0);
  transport_->answer(0, queue::AttemptResult::permanent_failure, "unknown recipient");
  EXPECT_FALSE(spool_->find(id).has_value());
  ASSERT_EQ(reports->kinds, std::vector<queue::ReportKind>{queue::ReportKind::failure});
  auto incoming = spool_->list(queue::State::incoming);
  ASSERT_EQ(incoming.size(), 1u);
  EXPECT_EQ(spool_->load(incoming[0], queue::State::incoming)->content, "report about " + id);
}

TEST_F(QueueManagerTest, ExpiryGivesUpWithAReport) {
  auto reports = std::make_shared<FakeReports>();
  qm_->set_report_factory(reports);
  auto id = add();
  qm_->scan(kT0);
  now_ = kT0 + 10;
  transport_->answer(0, queue::AttemptResult::temporary_failure, "busy");
  // Due again after the delay-warning time: a delay report first (still
  // deferred and due), then the next attempt.
  qm_->scan(kT0 + 3600);
  EXPECT_EQ(transport_->requests.size(), 1u);
  EXPECT_EQ(spool_->find(id), queue::State::deferred);
  qm_->scan(kT0 + 3600);
  ASSERT_EQ(transport_->requests.size(), 2u);
  now_ = kT0 + 3601;
  transport_->answer(1, queue::AttemptResult::temporary_failure, "busy");
  EXPECT_EQ(reports->kinds, std::vector<queue::ReportKind>{queue::ReportKind::delay});
  EXPECT_EQ(spool_->find(id), queue::State::deferred);
  // Past the give-up time the manager fails it without another attempt.
  auto before = transport_->requests.size();
  qm_->scan(kT0 + 7200);
  EXPECT_EQ(transport_->requests.size(), before);
  EXPECT_FALSE(spool_->find(id).has_value());
  EXPECT_EQ(reports->kinds, (std::vector<queue::ReportKind>{queue::ReportKind::delay, queue::ReportKind::failure}));
}

TEST_F(QueueManagerTest, CorruptFilesAreQuarantinedNeverDeleted) {
  test::write_file(tmp_.path() / "incoming" / "00BAD", "MIXERQ 1\nid 00BAD\n");
  qm_->scan(kT0);
  EXPECT_EQ(spool_->list(queue::State::corrupt), std::vector<std::string>{"00BAD"});
  EXPECT_EQ(qm_->stats().corrupt, 1u);
  EXPECT_NE(log_.find("00BAD: unparseable queue file moved to corrupt/"), std::string::npos);
}

}  // namespace
}  // namespace mixer::daemon
