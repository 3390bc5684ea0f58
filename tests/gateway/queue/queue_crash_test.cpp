// Crash points of the queue manager on a real spool: messages are stored,
// delivered through a counting peer (a test double of the Transport seam),
// and the manager and spool objects are destroyed at arbitrary points of the
// interleaving of completions and strand work - what kill -9 leaves behind,
// since every state lives in the files. Then Spool::recover(), a new manager,
// and delivery to the end. Checked: no message is lost; a message is sent
// again only if its file was still in active/ at the crash (in flight, or
// acknowledged by the peer but the completion not yet run), and never more
// often than that; active/ never holds more than the destination's limit, so
// a crash re-sends at most that many messages.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <random>
#include <set>

#include "gateway/daemon/queue_manager.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::daemon {
namespace {

constexpr std::int64_t kT0 = 1'763'900'000;
constexpr std::size_t kLimit = 4;

// The far side: counts every message it accepted, across restarts of the gateway.
struct CountingPeer : Transport {
  struct Open {
    std::string id;
    std::vector<std::size_t> recipients;
    Done done;
  };
  std::deque<Open> open;
  std::map<std::string, int> accepted;
  std::string destination(const DeliveryRequest&) const override { return "peer"; }
  void deliver(DeliveryRequest r, Done done) override {
    open.push_back(Open{r.record.id, r.recipients, std::move(done)});
  }
  // Answers the oldest open transfer: accepted (delivered) or a temporary refusal.
  void answer(bool ok) {
    Open o = std::move(open.front());
    open.pop_front();
    if (ok) ++accepted[o.id];
    std::vector<queue::RecipientOutcome> out;
    for (auto i : o.recipients)
      out.push_back({i, ok ? queue::AttemptResult::delivered : queue::AttemptResult::temporary_failure,
                     ok ? "250 ok" : "451 try later"});
    o.done(std::move(out));
  }
};

struct Strand {
  std::deque<std::function<void()>> work;
  QueueManager::Post post() {
    return [this](std::function<void()> f) { work.push_back(std::move(f)); };
  }
  bool run_one() {
    if (work.empty()) return false;
    auto f = std::move(work.front());
    work.pop_front();
    f();
    return true;
  }
};

class Gateway {
 public:
  Gateway(const std::filesystem::path& dir, CountingPeer& peer, std::int64_t& clock) {
    spool_ = queue::Spool::open(queue::SpoolOptions{dir, false, 1}).value();
    EXPECT_TRUE(spool_->recover().ok());
    qm_ = std::make_unique<QueueManager>(
        *spool_, queue::RetryPolicy{60, 600, 86400, 864000}, kLimit, [](int, const std::string&) {},
        strand_.post());
    qm_->now = [&clock] { return clock; };
    qm_->set_transport(queue::Direction::smtp_to_x400, std::shared_ptr<Transport>(&peer, [](Transport*) {}));
    spool_->set_stored_hook(
        [this](const std::string& id) { strand_.post()([this, id] { qm_->arrived(id); }); });
    qm_->load_deferred();
  }
  std::string store(int n) {
    queue::Record r;
    r.arrival = kT0;
    r.originator = "sender@example.org";
    r.recipients.resize(1);
    r.recipients[0].address = "/C=XX/ADMD= /PRMD=Q/S=R/";
    r.content = "message " + std::to_string(n);
    return spool_->store(std::move(r)).value();
  }
  queue::Spool& spool() { return *spool_; }
  QueueManager& qm() { return *qm_; }
  Strand& strand() { return strand_; }

 private:
  Strand strand_;
  std::unique_ptr<queue::Spool> spool_;
  std::unique_ptr<QueueManager> qm_;
};

class QueueCrash : public ::testing::TestWithParam<unsigned> {};

TEST_P(QueueCrash, NothingLostAndOnlyWhatWasInFlightIsSentAgain) {
  test::TempDir tmp;
  CountingPeer peer;
  std::int64_t clock = kT0;
  std::minstd_rand rng(GetParam());
  std::set<std::string> stored;
  std::map<std::string, int> resent_expected;
  int next_message = 0;

  for (int crash = 0; crash < 3; ++crash) {
    Gateway gw(tmp.path(), peer, clock);
    gw.qm().scan(clock);
    // Random interleaving of arrivals, peer answers and strand turns.
    const int steps = 40 + static_cast<int>(rng() % 80);
    for (int s = 0; s < steps; ++s) {
      switch (rng() % 4) {
        case 0:
          if (next_message < 60) stored.insert(gw.store(next_message++));
          break;
        case 1:
          if (!peer.open.empty()) peer.answer(rng() % 8 != 0);
          break;
        default:
          gw.strand().run_one();
          break;
      }
      ASSERT_LE(gw.spool().list(queue::State::active).size(), kLimit);
    }
    // kill -9: the peer may have taken every open transfer without the
    // confirmation getting back (the worst case), and nothing posted runs.
    for (auto& o : peer.open) ++peer.accepted[o.id];
    peer.open.clear();
    for (const auto& id : gw.spool().list(queue::State::active))
      if (peer.accepted[id] > 0) ++resent_expected[id];
    clock += 1;
  }
  // Last start: run to the end, retries included.
  Gateway gw(tmp.path(), peer, clock);
  while (next_message < 60) stored.insert(gw.store(next_message++));
  for (int round = 0; round < 200; ++round) {
    gw.qm().scan(clock);
    while (gw.strand().run_one() || !peer.open.empty())
      if (!peer.open.empty()) peer.answer(true);
    if (gw.spool().list(queue::State::deferred).empty() && gw.spool().list(queue::State::incoming).empty())
      break;
    clock += 700;  // past max_backoff
  }
  for (auto st : {queue::State::incoming, queue::State::active, queue::State::deferred, queue::State::hold,
                  queue::State::corrupt})
    EXPECT_TRUE(gw.spool().list(st).empty()) << queue::to_string(st);
  int copies = 0, twice = 0;
  for (const auto& id : stored) {
    const int got = peer.accepted[id];
    EXPECT_GE(got, 1) << id << " lost";
    EXPECT_EQ(got, 1 + resent_expected[id]) << id << " sent again without being in flight at a crash";
    copies += got;
    twice += got > 1;
  }
  std::printf(
      "seed %u: %zu messages, 3 crashes, %d deliveries, %d sent again (each was in flight at a crash)\n",
      GetParam(), stored.size(), copies, twice);
}

INSTANTIATE_TEST_SUITE_P(Seeds, QueueCrash, ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u));

}  // namespace
}  // namespace mixer::daemon
