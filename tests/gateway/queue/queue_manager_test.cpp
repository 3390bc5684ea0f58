// The queue manager's file moves on a real spool. The transport here is a
// test double of the Transport seam (not of a protocol peer): it records what
// it is asked and answers the outcomes each test scripts. Posted work (the
// strand) is a queue the test drains, so every hand-off and wake-up is
// observable step by step.
#include "gateway/daemon/queue_manager.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <future>
#include <mutex>

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
  Result<queue::Record, std::string> make_report(const queue::Record& subject,
                                                 const queue::ReportNeeded& need) override {
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

// The manager's strand: posted work waits here until the test drains it.
struct Strand {
  std::mutex mu;
  std::deque<std::function<void()>> work;
  QueueManager::Post post() {
    return [this](std::function<void()> f) {
      std::lock_guard lock(mu);
      work.push_back(std::move(f));
    };
  }
  std::size_t size() {
    std::lock_guard lock(mu);
    return work.size();
  }
  bool run_one() {
    std::function<void()> f;
    {
      std::lock_guard lock(mu);
      if (work.empty()) return false;
      f = std::move(work.front());
      work.pop_front();
    }
    f();
    return true;
  }
  void drain() {
    while (run_one()) {
    }
  }
  void discard() {
    std::lock_guard lock(mu);
    work.clear();
  }
};

class QueueManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spool_ = queue::Spool::open(queue::SpoolOptions{tmp_.path(), false, 1}).value();
    qm_ = make_manager(2);
    transport_ = std::make_shared<ScriptedTransport>();
    qm_->set_transport(queue::Direction::smtp_to_x400, transport_);
  }
  std::unique_ptr<QueueManager> make_manager(std::size_t per_destination) {
    auto qm = std::make_unique<QueueManager>(
        *spool_, queue::RetryPolicy{60, 600, 3600, 7200}, per_destination,
        [this](int, const std::string& line) { log_ += line + "\n"; }, strand_.post());
    qm->now = [this] { return now_; };
    return qm;
  }
  // The daemon's wiring: every stored message wakes the manager through the strand.
  void wire_wake_up() {
    spool_->set_stored_hook(
        [this](const std::string& id) { strand_.post()([this, id] { qm_->arrived(id); }); });
  }
  queue::Record record(int recipients = 1) {
    queue::Record r;
    r.arrival = kT0;
    r.originator = "sender@example.org";
    for (int i = 0; i < recipients; ++i) {
      queue::Recipient rc;
      rc.address = "/C=XX/ADMD= /PRMD=Q/S=R" + std::to_string(i) + "/";
      r.recipients.push_back(rc);
    }
    r.content = "c";
    return r;
  }
  std::string add(int recipients = 1) { return spool_->store(record(recipients)).value(); }

  test::TempDir tmp_;
  std::unique_ptr<queue::Spool> spool_;
  Strand strand_;
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
  strand_.drain();
  EXPECT_FALSE(spool_->find(id).has_value());
  EXPECT_NE(log_.find(id + ": to=</C=XX/ADMD= /PRMD=Q/S=R1/>, status=delivered"), std::string::npos) << log_;
  EXPECT_EQ(qm_->stats().delivered, 2u);
  EXPECT_EQ(qm_->in_flight(), 0u);
}

TEST_F(QueueManagerTest, NoRewriteAtStartAndOnlyAnUnlinkAtTheEnd) {
  add();
  add();
  const auto before = spool_->stats();
  qm_->scan(kT0);
  ASSERT_EQ(transport_->requests.size(), 2u);
  // Starting costs no file sync and no directory sync (the rename to active/
  // may be undone by a crash: that is one more attempt, not a loss).
  EXPECT_EQ(spool_->stats().file_syncs, before.file_syncs);
  EXPECT_EQ(spool_->stats().dir_syncs, before.dir_syncs);
  transport_->answer(0, queue::AttemptResult::delivered, "ok");
  transport_->answer(1, queue::AttemptResult::delivered, "ok");
  strand_.drain();
  EXPECT_TRUE(spool_->list(queue::State::active).empty());
  // Finished messages are unlinked, not rewritten; both removals share one
  // fsync of active/.
  EXPECT_EQ(spool_->stats().file_syncs, before.file_syncs);
  EXPECT_EQ(spool_->stats().dir_syncs, before.dir_syncs + 1);
  EXPECT_EQ(qm_->stats().active_syncs, 1u);
}

TEST_F(QueueManagerTest, TemporaryFailureDefersThenRetriesWhenDue) {
  auto id = add();
  qm_->scan(kT0);
  transport_->answer(0, queue::AttemptResult::temporary_failure, "peer refused bind");
  strand_.drain();
  EXPECT_EQ(spool_->find(id), queue::State::deferred);
  auto rec = spool_->load(id, queue::State::deferred).value();
  EXPECT_EQ(rec.recipients[0].next_retry, kT0 + 60);
  EXPECT_EQ(rec.recipients[0].attempts, 1u);
  EXPECT_EQ(rec.recipients[0].diagnostic, "peer refused bind");
  EXPECT_EQ(qm_->scan(kT0 + 59), 0u);
  EXPECT_EQ(qm_->scan(kT0 + 60), 1u);
  EXPECT_EQ(transport_->requests.size(), 2u);
  // The state survives a restart of the manager (deferred times re-read).
  now_ = kT0 + 61;
  transport_->answer(1, queue::AttemptResult::temporary_failure, "again");
  strand_.drain();
  QueueManager fresh(
      *spool_, queue::RetryPolicy{60, 600, 3600, 7200}, 2, [](int, const std::string&) {}, strand_.post());
  fresh.set_transport(queue::Direction::smtp_to_x400, transport_);
  fresh.load_deferred();
  EXPECT_EQ(fresh.scan(kT0 + 61 + 119), 0u);
  EXPECT_EQ(fresh.scan(kT0 + 61 + 120), 1u);
}

TEST_F(QueueManagerTest, BusyDestinationWaitsInMemoryNeverInDeferred) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(add());
  EXPECT_EQ(qm_->scan(kT0), 2u);
  EXPECT_EQ(transport_->requests.size(), 2u);
  EXPECT_EQ(qm_->in_flight(), 2u);
  EXPECT_EQ(qm_->ready(), 3u);
  // Nothing went to deferred/ and nothing was charged an attempt: the three
  // waiting files are untouched in incoming/.
  EXPECT_TRUE(spool_->list(queue::State::deferred).empty());
  ASSERT_EQ(spool_->list(queue::State::incoming), (std::vector<std::string>{ids[2], ids[3], ids[4]}));
  for (int i = 2; i < 5; ++i)
    EXPECT_EQ(spool_->load(ids[i], queue::State::incoming)->recipients[0].attempts, 0u);
  // A later scan does not start them twice nor move them.
  EXPECT_EQ(qm_->scan(kT0 + 1), 0u);
  EXPECT_EQ(qm_->ready(), 3u);
  EXPECT_EQ(transport_->requests.size(), 2u);
}

TEST_F(QueueManagerTest, ReadyHandOffWhenASlotFrees) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(add());
  qm_->scan(kT0);
  ASSERT_EQ(transport_->requests.size(), 2u);
  // The completion alone (no scan) starts the next waiting message, in
  // arrival order, whatever the outcome of the one that finished.
  transport_->answer(0, queue::AttemptResult::delivered, "");
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 3u);
  EXPECT_EQ(transport_->requests[2].record.id, ids[2]);
  transport_->answer(1, queue::AttemptResult::temporary_failure, "busy");
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 4u);
  EXPECT_EQ(transport_->requests[3].record.id, ids[3]);
  EXPECT_EQ(qm_->in_flight(), 2u);
  EXPECT_EQ(qm_->ready(), 1u);
  EXPECT_EQ(qm_->stats().handoffs, 2u);
  for (std::size_t i = 2; i < 4; ++i) transport_->answer(i, queue::AttemptResult::delivered, "");
  strand_.drain();
  transport_->answer(4, queue::AttemptResult::delivered, "");
  strand_.drain();
  EXPECT_EQ(transport_->requests.size(), 5u);
  EXPECT_EQ(qm_->in_flight(), 0u);
  EXPECT_EQ(qm_->ready(), 0u);
  EXPECT_EQ(spool_->list(queue::State::deferred), std::vector<std::string>{ids[1]});
  EXPECT_TRUE(spool_->list(queue::State::incoming).empty());
}

TEST_F(QueueManagerTest, IntakeWakeUpStartsADeliveryWithoutAnyScan) {
  wire_wake_up();
  auto id = add();
  EXPECT_EQ(strand_.size(), 1u);  // the wake-up, posted by the store
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 1u);
  EXPECT_EQ(transport_->requests[0].record.id, id);
  EXPECT_EQ(spool_->find(id), queue::State::active);
  // The same through submit() from a group-commit committer thread.
  test::TempDir tmp2;
  auto spool2 = queue::Spool::open(queue::SpoolOptions{tmp2.path(), true, 2}).value();
  QueueManager qm2(
      *spool2, queue::RetryPolicy{}, 4, [](int, const std::string&) {}, strand_.post());
  qm2.now = [] { return kT0; };
  qm2.set_transport(queue::Direction::smtp_to_x400, transport_);
  spool2->set_stored_hook(
      [this, &qm2](const std::string& stored) { strand_.post()([&qm2, stored] { qm2.arrived(stored); }); });
  std::promise<std::string> accepted;
  spool2->submit(record(), [&accepted](queue::SpoolResult<std::string> r) { accepted.set_value(r.value()); });
  auto id2 = accepted.get_future().get();
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 2u);
  EXPECT_EQ(transport_->requests[1].record.id, id2);
}

TEST_F(QueueManagerTest, AtMostOneInFlightPerMessage) {
  wire_wake_up();
  auto id = add();
  // Woken, then woken again and scanned while it is in flight.
  strand_.drain();
  qm_->arrived(id);
  qm_->scan(kT0);
  qm_->scan(kT0 + 1000);
  strand_.drain();
  EXPECT_EQ(transport_->requests.size(), 1u);
  // The same while it waits for a slot: fill the destination first.
  auto a = add();
  auto b = add();
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 2u);
  EXPECT_EQ(qm_->ready(), 1u);
  qm_->arrived(b);
  qm_->scan(kT0);
  EXPECT_EQ(qm_->ready(), 1u);
  EXPECT_EQ(transport_->requests.size(), 2u);
  transport_->answer(0, queue::AttemptResult::delivered, "");
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 3u);
  EXPECT_EQ(transport_->requests[1].record.id, a);
  EXPECT_EQ(transport_->requests[2].record.id, b);
  // A duplicate completion (a transport bug) changes nothing.
  transport_->answer(0, queue::AttemptResult::delivered, "");
  strand_.drain();
  EXPECT_NE(log_.find("not in flight; ignored"), std::string::npos);
  EXPECT_EQ(qm_->in_flight(), 2u);
}

TEST_F(QueueManagerTest, OperatorHoldWhileWaitingIsRespected) {
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(add());
  qm_->scan(kT0);
  ASSERT_EQ(qm_->ready(), 2u);
  ASSERT_TRUE(spool_->move(ids[2], queue::State::incoming, queue::State::hold).ok());
  transport_->answer(0, queue::AttemptResult::delivered, "");
  strand_.drain();
  // The held one is skipped; the next waiting one takes the slot.
  ASSERT_EQ(transport_->requests.size(), 3u);
  EXPECT_EQ(transport_->requests[2].record.id, ids[3]);
  EXPECT_EQ(spool_->find(ids[2]), queue::State::hold);
  // Released later (hold -> incoming): the scan picks it up again.
  ASSERT_TRUE(spool_->move(ids[2], queue::State::hold, queue::State::incoming).ok());
  transport_->answer(1, queue::AttemptResult::delivered, "");
  strand_.drain();
  qm_->scan(kT0);
  ASSERT_EQ(transport_->requests.size(), 4u);
  EXPECT_EQ(transport_->requests[3].record.id, ids[2]);
}

TEST_F(QueueManagerTest, LargeBacklogIsClassifiedInBatchesBetweenCompletions) {
  auto qm = make_manager(1000);
  qm->set_transport(queue::Direction::smtp_to_x400, transport_);
  for (int i = 0; i < 100; ++i) add();
  EXPECT_EQ(qm->scan(kT0), QueueManager::kClassifyBatch);
  EXPECT_EQ(qm->backlog(), 100 - QueueManager::kClassifyBatch);
  // A completion queued now runs before the next batch (one batch per turn).
  transport_->answer(0, queue::AttemptResult::delivered, "");
  ASSERT_EQ(strand_.size(), 2u);
  strand_.run_one();  // the next batch
  EXPECT_EQ(qm->in_flight(), 2 * QueueManager::kClassifyBatch);
  strand_.run_one();  // the completion, not stuck behind the other batches
  EXPECT_EQ(qm->in_flight(), 2 * QueueManager::kClassifyBatch - 1);
  strand_.drain();
  EXPECT_EQ(transport_->requests.size(), 100u);
  EXPECT_EQ(qm->backlog(), 0u);
}

TEST_F(QueueManagerTest, StopStartingLeavesWaitingMessagesQueued) {
  for (int i = 0; i < 3; ++i) add();
  qm_->scan(kT0);
  qm_->stop_starting();
  transport_->answer(0, queue::AttemptResult::delivered, "");
  strand_.drain();
  EXPECT_EQ(transport_->requests.size(), 2u);
  EXPECT_EQ(qm_->in_flight(), 1u);
  EXPECT_EQ(spool_->list(queue::State::incoming).size(), 1u);
}

TEST_F(QueueManagerTest, PermanentFailureWithoutReportMappingIsHeld) {
  auto id = add();
  qm_->scan(kT0);
  transport_->answer(0, queue::AttemptResult::permanent_failure, "unknown recipient");
  strand_.drain();
  EXPECT_EQ(spool_->find(id), queue::State::hold);
  EXPECT_NE(log_.find("no report mapping is wired"), std::string::npos);
  // The file still owes the report (flag not set), so a later run reports it.
  EXPECT_FALSE(spool_->load(id, queue::State::hold)->recipients[0].reported);
}

TEST_F(QueueManagerTest, ReportsAreQueuedBeforeTheMessageGoesAndWakeTheManager) {
  wire_wake_up();
  auto back = std::make_shared<ScriptedTransport>();
  qm_->set_transport(queue::Direction::x400_to_smtp, back);
  auto reports = std::make_shared<FakeReports>();
  qm_->set_report_factory(reports);
  auto id = add();
  strand_.drain();
  ASSERT_EQ(transport_->requests.size(), 1u);
  transport_->answer(0, queue::AttemptResult::permanent_failure, "unknown recipient");
  strand_.run_one();  // the completion: report stored, message removed
  EXPECT_FALSE(spool_->find(id).has_value());
  ASSERT_EQ(reports->kinds, std::vector<queue::ReportKind>{queue::ReportKind::failure});
  auto incoming = spool_->list(queue::State::incoming);
  ASSERT_EQ(incoming.size(), 1u);
  EXPECT_EQ(spool_->load(incoming[0], queue::State::incoming)->content, "report about " + id);
  // The stored report woke the manager: it goes out without a scan.
  strand_.drain();
  ASSERT_EQ(back->requests.size(), 1u);
  EXPECT_EQ(back->requests[0].record.id, incoming[0]);
}

TEST_F(QueueManagerTest, ExpiryGivesUpWithAReport) {
  auto reports = std::make_shared<FakeReports>();
  qm_->set_report_factory(reports);
  auto id = add();
  qm_->scan(kT0);
  now_ = kT0 + 10;
  transport_->answer(0, queue::AttemptResult::temporary_failure, "busy");
  strand_.drain();
  // Due again after the delay-warning time: a delay report first (still
  // deferred and due), then the next attempt.
  qm_->scan(kT0 + 3600);
  EXPECT_EQ(transport_->requests.size(), 1u);
  EXPECT_EQ(spool_->find(id), queue::State::deferred);
  qm_->scan(kT0 + 3600);
  ASSERT_EQ(transport_->requests.size(), 2u);
  now_ = kT0 + 3601;
  transport_->answer(1, queue::AttemptResult::temporary_failure, "busy");
  strand_.drain();
  EXPECT_EQ(reports->kinds, std::vector<queue::ReportKind>{queue::ReportKind::delay});
  EXPECT_EQ(spool_->find(id), queue::State::deferred);
  // Past the give-up time the manager fails it without another attempt.
  auto before = transport_->requests.size();
  qm_->scan(kT0 + 7200);
  strand_.drain();
  EXPECT_EQ(transport_->requests.size(), before);
  EXPECT_FALSE(spool_->find(id).has_value());
  EXPECT_EQ(reports->kinds,
            (std::vector<queue::ReportKind>{queue::ReportKind::delay, queue::ReportKind::failure}));
}

TEST_F(QueueManagerTest, NoTransportDefersWithAnAttemptAndADiagnostic) {
  auto qm = make_manager(2);  // no transport at all
  auto id = add();
  qm->scan(kT0);
  strand_.drain();
  ASSERT_EQ(spool_->find(id), queue::State::deferred);
  auto rec = spool_->load(id, queue::State::deferred).value();
  EXPECT_EQ(rec.recipients[0].attempts, 1u);
  EXPECT_NE(rec.recipients[0].diagnostic.find("no smtp-x400 transport is configured"), std::string::npos)
      << rec.recipients[0].diagnostic;
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
