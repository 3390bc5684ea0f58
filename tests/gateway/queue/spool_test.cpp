#include "gateway/queue/spool.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <future>
#include <mutex>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "tests/support/temp_dir.hpp"

namespace mixer::queue {
namespace {

Record message(std::string content) {
  Record r;
  r.direction = Direction::smtp_to_x400;
  r.originator = "sender@example.org";
  Recipient rc;
  rc.address = "/C=XX/ADMD= /PRMD=TEST/S=Peer/";
  r.recipients.push_back(rc);
  r.content = std::move(content);
  return r;
}

std::unique_ptr<Spool> open_spool(const std::filesystem::path& dir, bool group = true) {
  auto s = Spool::open(SpoolOptions{dir, group, 512});
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().to_string());
  return s.ok() ? std::move(s).value() : nullptr;
}

TEST(Spool, StoreIsDurableAndParseable) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path());
  auto id = spool->store(message("hello"));
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_TRUE(valid_queue_id(*id));
  EXPECT_EQ(spool->list(State::incoming), std::vector<std::string>{*id});
  auto rec = spool->load(*id, State::incoming);
  ASSERT_TRUE(rec.ok()) << rec.error().to_string();
  EXPECT_EQ(rec->content, "hello");
  EXPECT_GT(rec->arrival, 0);
  auto st = spool->stats();
  EXPECT_EQ(st.accepted, 1u);
  EXPECT_EQ(st.file_syncs, 1u);
  EXPECT_EQ(st.dir_syncs, 1u);
}

TEST(Spool, StatesMoveByRenameAndRewriteKeepsOneFile) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), false);
  auto id = spool->store(message("x")).value();
  ASSERT_TRUE(spool->move(id, State::incoming, State::active).ok());
  EXPECT_EQ(spool->find(id), State::active);
  auto rec = spool->load(id, State::active).value();
  rec.recipients[0].status = RcptStatus::deferred;
  rec.recipients[0].attempts = 1;
  ASSERT_TRUE(spool->rewrite(rec, State::active).ok());
  ASSERT_TRUE(spool->move(id, State::active, State::deferred).ok());
  EXPECT_EQ(spool->load(id, State::deferred)->recipients[0].status, RcptStatus::deferred);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(tmp.path() / "active"),
                          std::filesystem::directory_iterator{}),
            0);
  auto again = spool->move(id, State::active, State::hold);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().to_string().find(id), std::string::npos);
  ASSERT_TRUE(spool->remove(id, State::deferred).ok());
  EXPECT_FALSE(spool->find(id).has_value());
}

TEST(Spool, IdsAreUniqueAndSortByArrival) {
  std::set<std::string> ids;
  std::string prev;
  for (int i = 0; i < 2000; ++i) {
    auto id = make_queue_id();
    EXPECT_TRUE(ids.insert(id).second);
    EXPECT_EQ(id.size(), 22u);
    EXPECT_LT(prev.substr(0, 13), id.substr(0, 13) + "~");  // time prefix never goes back
    prev = id;
  }
  EXPECT_FALSE(valid_queue_id("../etc/passwd"));
  EXPECT_FALSE(valid_queue_id(""));
}

TEST(Spool, GroupCommitSharesDirectorySyncsUnderConcurrency) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), true);
  constexpr int kThreads = 16, kEach = 40;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i)
        if (spool->store(message(std::string(1024, 'a'))).ok()) ++ok;
    });
  for (auto& t : threads) t.join();
  auto st = spool->stats();
  EXPECT_EQ(ok.load(), kThreads * kEach);
  EXPECT_EQ(st.accepted, static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_EQ(st.file_syncs, st.accepted);
  // Total syncs without group commit would be 2 per message.
  EXPECT_LT(st.dir_syncs, st.accepted) << "no sharing: " << st.batches << " batches";
  EXPECT_LT(st.file_syncs + st.dir_syncs, 2 * st.accepted);
  EXPECT_EQ(spool->list(State::incoming).size(), static_cast<std::size_t>(kThreads * kEach));
  std::cout << "group commit: " << st.accepted << " messages, " << st.batches << " batches, " << st.dir_syncs
            << " directory fsyncs\n";
}

TEST(Spool, WithoutGroupCommitEveryMessagePaysTwoSyncs) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), false);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(spool->store(message("m")).ok());
  EXPECT_EQ(spool->stats().dir_syncs, 5u);
  EXPECT_EQ(spool->stats().file_syncs, 5u);
}

TEST(Spool, RecoverRemovesUnacknowledgedTempsAndRequeuesActive) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), false);
  auto a = spool->store(message("a")).value();
  auto b = spool->store(message("b")).value();
  ASSERT_TRUE(spool->move(b, State::incoming, State::active).ok());
  test::write_file(tmp.path() / "incoming" / ".000000000000000001.tmp", "MIXERQ 1\nid 00");
  auto moved = spool->recover();
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(*moved, 1u);
  EXPECT_EQ(spool->list(State::incoming), (std::vector<std::string>{a, b}));
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "incoming" / ".000000000000000001.tmp"));
}

TEST(Spool, RecoverSharesOneDirectorySyncAndDeferredMovesSyncNothing) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), false);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(spool->store(message("m")).value());
  const auto before = spool->stats().dir_syncs;
  for (const auto& id : ids) ASSERT_TRUE(spool->move(id, State::incoming, State::active, Durability::deferred).ok());
  ASSERT_TRUE(spool->remove(ids[0], State::active, Durability::deferred).ok());
  EXPECT_EQ(spool->stats().dir_syncs, before);
  EXPECT_FALSE(spool->find(ids[0]).has_value());  // visible at once, durable at the next sync
  ASSERT_TRUE(spool->sync_state(State::active).ok());
  EXPECT_EQ(spool->stats().dir_syncs, before + 1);
  auto moved = spool->recover();
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(*moved, 3u);
  EXPECT_EQ(spool->stats().dir_syncs, before + 2);  // one for the three moves
  EXPECT_EQ(spool->list(State::incoming), (std::vector<std::string>{ids[1], ids[2], ids[3]}));
}

TEST(Spool, StoredHookSeesEveryAcceptedMessageBeforeItsCallback) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), true);
  std::mutex mu;
  std::vector<std::string> hooked;
  spool->set_stored_hook([&](const std::string& id) {
    std::lock_guard lock(mu);
    hooked.push_back(id);
  });
  std::promise<bool> seen_first;
  spool->submit(message("a"), [&](SpoolResult<std::string> id) {
    std::lock_guard lock(mu);
    seen_first.set_value(id.ok() && hooked.size() == 1 && hooked[0] == *id);
  });
  EXPECT_TRUE(seen_first.get_future().get());
  auto b = spool->store(message("b")).value();
  std::lock_guard lock(mu);
  ASSERT_EQ(hooked.size(), 2u);
  EXPECT_EQ(hooked[1], b);
}

TEST(Spool, UnparseableFileIsReportedWithIdAndPath) {
  test::TempDir tmp;
  auto spool = open_spool(tmp.path(), false);
  test::write_file(tmp.path() / "incoming" / "ABC", "MIXERQ 1\nid ABC\narrival 1\n");
  auto rec = spool->load("ABC", State::incoming);
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().operation, "parse");
  EXPECT_NE(rec.error().to_string().find("incoming/ABC"), std::string::npos);
  ASSERT_TRUE(spool->move("ABC", State::incoming, State::corrupt).ok());
  EXPECT_EQ(spool->list(State::corrupt), std::vector<std::string>{"ABC"});
}

// A writer process acknowledges messages (appending each id to a log only
// after the completion callback, as the SMTP server sends 250 only then) and
// is killed with SIGKILL at an arbitrary moment. After recovery every
// acknowledged id must be present and parse with its exact content.
TEST(Spool, KillNineLosesNothingAcknowledged) {
  for (int round = 0; round < 4; ++round) {
    test::TempDir tmp;
    auto ack_path = tmp.path() / "acked";
    test::write_file(ack_path, "");
    std::error_code ec;
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int ack = ::open(ack_path.c_str(), O_WRONLY | O_APPEND);
      auto s = Spool::open(SpoolOptions{tmp.path() / "spool", round % 2 == 0, 512});
      if (!s.ok() || ack < 0) _exit(3);
      auto& spool = *s.value();
      std::vector<std::thread> writers;
      for (int t = 0; t < 8; ++t)
        writers.emplace_back([&, t] {
          for (int i = 0;; ++i) {
            std::string body = "thread " + std::to_string(t) + " message " + std::to_string(i) + "\n";
            body += std::string(static_cast<std::size_t>(i % 7) * 1000, 'z');
            // Like an SMTP session: the next message only after the 250.
            auto r = spool.store(message(body));
            if (!r.ok()) continue;
            std::string line = r.value() + "\n";
            if (::write(ack, line.data(), line.size()) < 0) _exit(4);
          }
        });
      for (auto& w : writers) w.join();
      _exit(0);
    }
    // Kill at an arbitrary instant once the writer is acknowledging.
    for (int i = 0; i < 500 && std::filesystem::file_size(ack_path, ec) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + 37 * round));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited with " << WEXITSTATUS(status);

    auto spool = open_spool(tmp.path() / "spool", false);
    ASSERT_TRUE(spool->recover().ok());
    std::istringstream acked(test::read_file(ack_path));
    std::string id;
    std::size_t n = 0;
    while (std::getline(acked, id)) {
      ++n;
      auto rec = spool->load(id, State::incoming);
      ASSERT_TRUE(rec.ok()) << "acknowledged " << id << " lost: " << rec.error().to_string();
      EXPECT_EQ(rec->content.rfind("thread ", 0), 0u);
    }
    // Every file that is there (acknowledged or not) parses: no torn files.
    for (const auto& qid : spool->list(State::incoming)) EXPECT_TRUE(spool->load(qid, State::incoming).ok()) << qid;
    EXPECT_GT(n, 0u) << "the writer acknowledged nothing before the kill";
    std::cout << "round " << round << ": " << n << " acknowledged, " << spool->list(State::incoming).size()
              << " in the spool after SIGKILL\n";
  }
}

}  // namespace
}  // namespace mixer::queue
