// Spool acceptance rate with every message durable before "accepted": the
// raw fsync rate of this disk (the ceiling without group commit), then
// Spool::store from 8 and 50 concurrent writers with and without group
// commit. Then the queue manager's dispatch rate: messages already in
// incoming/ taken through classify -> active/ -> deliver -> unlink with a
// transport that answers at once (the queue's own cost per message, the
// ceiling it puts on end-to-end throughput), and the same with arrivals
// waking the manager as they are stored (intake + dispatch, no scan).
// Run: bench_queue_spool --benchmark_min_time=0.2
// The temp directory is on the same filesystem as $TMPDIR (default /tmp).
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <deque>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

#include "gateway/daemon/queue_manager.hpp"
#include "gateway/queue/spool.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace mixer;

// One create + 1 KiB write + fdatasync + close + directory fsync, as a
// message costs without group commit: the disk's "durable file" rate.
void BM_RawFsync(benchmark::State& state) {
  test::TempDir tmp("mixer-bench");
  int dir = ::open(tmp.path().c_str(), O_RDONLY | O_DIRECTORY);
  std::string data(1024, 'x');
  std::size_t n = 0;
  for (auto _ : state) {
    auto p = tmp.path() / std::to_string(n++);
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || ::write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size()) || ::fdatasync(fd) != 0) {
      state.SkipWithError("write/fdatasync failed");
      break;
    }
    ::close(fd);
    if (state.range(0) && ::fsync(dir) != 0) state.SkipWithError("fsync dir failed");
  }
  ::close(dir);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetLabel(state.range(0) ? "file fdatasync + dir fsync" : "file fdatasync only");
}
BENCHMARK(BM_RawFsync)->Arg(0)->Arg(1)->UseRealTime();

// args: writers, group commit (0/1). One iteration = every writer stores
// kPerWriter 1 KiB messages, each waiting for its acknowledgement like an
// SMTP session waiting for 250.
void BM_SpoolAccept(benchmark::State& state) {
  constexpr int kPerWriter = 10;
  const int writers = static_cast<int>(state.range(0));
  const bool group = state.range(1) != 0;
  test::TempDir tmp("mixer-bench");
  auto spool = queue::Spool::open(queue::SpoolOptions{tmp.path(), group, 512}).value();
  queue::Record proto;
  proto.originator = "sender@example.org";
  proto.recipients.resize(1);
  proto.recipients[0].address = "/C=XX/ADMD= /PRMD=Q/S=Peer/";
  proto.content.assign(1024, 'm');
  std::atomic<bool> failed{false};
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
      threads.emplace_back([&] {
        for (int i = 0; i < kPerWriter; ++i)
          if (!spool->store(proto).ok()) failed = true;
      });
    for (auto& t : threads) t.join();
  }
  if (failed) state.SkipWithError("store failed");
  auto st = spool->stats();
  state.SetItemsProcessed(static_cast<std::int64_t>(st.accepted));
  state.counters["fsyncs_per_msg"] =
      static_cast<double>(st.file_syncs + st.dir_syncs) / static_cast<double>(st.accepted ? st.accepted : 1);
  state.counters["batches"] = static_cast<double>(st.batches);
  state.SetLabel(std::string(group ? "group commit" : "fsync per message") + ", " + std::to_string(writers) +
                 " writers");
}
BENCHMARK(BM_SpoolAccept)
    ->Args({8, 0})
    ->Args({8, 1})
    ->Args({50, 0})
    ->Args({50, 1})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Answers every delivery at once as delivered (the manager's own cost only).
struct InstantTransport : daemon::Transport {
  std::string destination(const daemon::DeliveryRequest&) const override { return "peer"; }
  void deliver(daemon::DeliveryRequest r, Done done) override {
    std::vector<queue::RecipientOutcome> out;
    for (auto i : r.recipients) out.push_back({i, queue::AttemptResult::delivered, "ok"});
    done(std::move(out));
  }
};

// The manager's strand as a locked queue drained by the benchmark thread.
struct Strand {
  std::mutex mu;
  std::deque<std::function<void()>> work;
  void post(std::function<void()> f) {
    std::lock_guard lock(mu);
    work.push_back(std::move(f));
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
};

queue::Record bench_record(std::size_t size) {
  queue::Record r;
  r.originator = "sender@example.org";
  r.recipients.resize(1);
  r.recipients[0].address = "/C=XX/ADMD= /PRMD=Q/S=Peer/";
  r.content.assign(size, 'm');
  return r;
}

// args: messages per iteration, content KiB, destination concurrency.
void BM_QueueDispatch(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  test::TempDir tmp("mixer-bench");
  auto spool = queue::Spool::open(queue::SpoolOptions{tmp.path(), false, 1}).value();
  Strand strand;
  daemon::QueueManager qm(*spool, queue::RetryPolicy{}, static_cast<std::size_t>(state.range(2)),
                          [](int, const std::string&) {}, [&strand](std::function<void()> f) { strand.post(std::move(f)); });
  qm.set_transport(queue::Direction::smtp_to_x400, std::make_shared<InstantTransport>());
  const auto proto = bench_record(static_cast<std::size_t>(state.range(1)) * 1024);
  for (auto _ : state) {
    state.PauseTiming();
    for (int i = 0; i < n; ++i) (void)spool->store(proto);
    state.ResumeTiming();
    qm.scan(0);
    while (strand.run_one()) {
    }
    if (!spool->list(queue::State::incoming).empty() || qm.in_flight() != 0) state.SkipWithError("not all delivered");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(qm.stats().delivered));
  state.counters["active_syncs_per_msg"] =
      static_cast<double>(qm.stats().active_syncs) / static_cast<double>(qm.stats().delivered ? qm.stats().delivered : 1);
  state.SetLabel(std::to_string(state.range(1)) + " KiB, concurrency " + std::to_string(state.range(2)));
}
BENCHMARK(BM_QueueDispatch)->Args({500, 1, 10})->Args({500, 100, 10})->UseRealTime()->Unit(benchmark::kMillisecond);

// args: writers. Each writer stores kPerWriter 1 KiB messages (group commit,
// waiting for each acknowledgement); every stored message wakes the manager,
// which delivers it at once. One iteration ends when all are delivered.
void BM_IntakeToDelivered(benchmark::State& state) {
  constexpr int kPerWriter = 20;
  const int writers = static_cast<int>(state.range(0));
  test::TempDir tmp("mixer-bench");
  auto spool = queue::Spool::open(queue::SpoolOptions{tmp.path(), true, 16}).value();
  Strand strand;
  daemon::QueueManager qm(*spool, queue::RetryPolicy{}, 10, [](int, const std::string&) {},
                          [&strand](std::function<void()> f) { strand.post(std::move(f)); });
  qm.set_transport(queue::Direction::smtp_to_x400, std::make_shared<InstantTransport>());
  spool->set_stored_hook([&](const std::string& id) { strand.post([&qm, id] { qm.arrived(id); }); });
  const auto proto = bench_record(1024);
  std::atomic<bool> failed{false};
  for (auto _ : state) {
    const auto target = qm.stats().delivered + static_cast<std::uint64_t>(writers * kPerWriter);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
      threads.emplace_back([&] {
        for (int i = 0; i < kPerWriter; ++i)
          if (!spool->store(proto).ok()) failed = true;
      });
    // The benchmark thread is the manager's strand meanwhile.
    while (qm.stats().delivered < target && !failed) {
      if (!strand.run_one()) std::this_thread::yield();
    }
    for (auto& t : threads) t.join();
    while (strand.run_one()) {
    }
  }
  if (failed) state.SkipWithError("store failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(qm.stats().delivered));
  state.SetLabel(std::to_string(writers) + " writers, wake-up per arrival, no scan");
}
BENCHMARK(BM_IntakeToDelivered)->Arg(10)->Arg(50)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
