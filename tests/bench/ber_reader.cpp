// BER reader bandwidth next to memcpy: a SEQUENCE of OCTET STRINGs walked
// element by element (views only), and one large OCTET STRING (the shape of a
// P1 content). Figures, not pass/fail.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "x400/ber/ber.hpp"

namespace ber = mixer::x400::ber;

namespace {

std::vector<std::uint8_t> make_sequence(std::size_t elements, std::size_t each) {
  ber::Writer w;
  auto m = w.begin(ber::tags::kSequence);
  const std::vector<std::uint8_t> chunk(each, 0x41);
  for (std::size_t i = 0; i < elements; ++i) w.octets(ber::Bytes(chunk));
  w.end(m);
  return *std::move(w).finish();
}

void BM_BerWalkSmallElements(benchmark::State& state) {
  const auto bytes = make_sequence(static_cast<std::size_t>(state.range(0)), 16);
  for (auto _ : state) {
    ber::Reader r(bytes);
    auto seq = *r.next();
    auto c = *seq.children();
    std::size_t total = 0;
    while (!c.empty()) total += (*c.next()).content.size();
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BerWalkSmallElements)->Arg(1000);

void BM_BerReadLargeOctets(benchmark::State& state) {
  const auto bytes = make_sequence(1, static_cast<std::size_t>(state.range(0)));
  std::vector<std::uint8_t> scratch;
  for (auto _ : state) {
    ber::Reader r(bytes);
    auto c = *(*r.next()).children();
    auto v = *ber::read_octets(*c.next(), scratch);
    benchmark::DoNotOptimize(v.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_BerReadLargeOctets)->Arg(1 << 20);

void BM_BerReadLargeOctetsAndCopy(benchmark::State& state) {
  const auto bytes = make_sequence(1, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    ber::Reader r(bytes);
    auto c = *(*r.next()).children();
    auto v = *ber::read_octets_copy(*c.next());
    benchmark::DoNotOptimize(v.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_BerReadLargeOctetsAndCopy)->Arg(1 << 20);

void BM_Memcpy(benchmark::State& state) {
  const std::vector<std::uint8_t> src(static_cast<std::size_t>(state.range(0)), 0x41);
  std::vector<std::uint8_t> dst(src.size());
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), src.size());
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * src.size()));
}
BENCHMARK(BM_Memcpy)->Arg(1 << 20);

}  // namespace
