// P22 codec figures: decode+encode of a typical IPM (5 recipients, 4 KiB IA5
// body), and decode bandwidth of an IPM with a 1 MiB body next to memcpy of
// the same bytes (the body is a view into the input, so decoding costs a
// 7-bit scan, not a copy).
#include <benchmark/benchmark.h>

#include <cstring>

#include "tests/x400/asn/p22_samples.hpp"
#include "x400/asn/p22_codec.hpp"

using namespace p22_samples;

namespace {

std::shared_ptr<const std::vector<std::uint8_t>> encoded(std::size_t recipients, std::size_t body_size) {
  Ipm ipm = minimal_ipm(std::string(body_size, 'x'));
  ipm.heading.this_ipm = IpmIdentifier{orname("Smith"), "bench-1"};
  ipm.heading.originator = descriptor("Smith");
  for (std::size_t i = 0; i < recipients; ++i) {
    RecipientSpecifier r;
    r.recipient = descriptor("Rcpt" + std::to_string(i));
    ipm.heading.primary_recipients.push_back(r);
  }
  ipm.heading.subject = std::string("Benchmark message");
  return std::make_shared<const std::vector<std::uint8_t>>(*encode_information_object(ipm));
}

void BM_TypicalDecodeEncode(benchmark::State& state) {
  const auto bytes = encoded(5, 4096);
  for (auto _ : state) {
    auto v = decode_information_object(bytes);
    auto again = encode_information_object(*v);
    benchmark::DoNotOptimize(again);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes->size()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TypicalDecodeEncode);

void BM_Decode1MiBBody(benchmark::State& state) {
  const auto bytes = encoded(1, 1u << 20);
  for (auto _ : state) {
    auto v = decode_information_object(bytes);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes->size()));
}
BENCHMARK(BM_Decode1MiBBody);

void BM_Memcpy1MiB(benchmark::State& state) {
  const auto bytes = encoded(1, 1u << 20);
  std::vector<std::uint8_t> dst(bytes->size());
  for (auto _ : state) {
    std::memcpy(dst.data(), bytes->data(), bytes->size());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes->size()));
}
BENCHMARK(BM_Memcpy1MiB);

}  // namespace
