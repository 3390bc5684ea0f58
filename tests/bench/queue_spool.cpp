// Spool acceptance rate with every message durable before "accepted": the
// raw fsync rate of this disk (the ceiling without group commit), then
// Spool::store from 8 and 50 concurrent writers with and without group
// commit. Run: bench_queue_spool --benchmark_min_time=0.2
// The temp directory is on the same filesystem as $TMPDIR (default /tmp).
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <thread>
#include <unistd.h>
#include <vector>

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

}  // namespace
