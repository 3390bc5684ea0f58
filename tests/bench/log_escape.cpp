// Sample benchmark: escaping untrusted text for log lines (every SMTP command
// argument and peer string goes through it).
#include <benchmark/benchmark.h>

#include "common/log_escape.hpp"

static void BM_LogEscapeAscii(benchmark::State& state) {
  std::string input(static_cast<std::size_t>(state.range(0)), 'a');
  for (auto _ : state) benchmark::DoNotOptimize(mixer::log_escape(input, input.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_LogEscapeAscii)->Arg(64)->Arg(4096);

static void BM_LogEscapeBinary(benchmark::State& state) {
  std::string input;
  for (int i = 0; i < state.range(0); ++i) input.push_back(static_cast<char>(i & 0xff));
  for (auto _ : state) benchmark::DoNotOptimize(mixer::log_escape(input, input.size() * 4));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_LogEscapeBinary)->Arg(64)->Arg(4096);
