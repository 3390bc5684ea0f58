// P1 MTS-APDU codec figures: decode+encode rate of a typical message (5
// recipients, 4 KiB IA5 body in its IPM content) and decode bandwidth of a
// message with a 1 MiB body next to memcpy of the same bytes in the same run
// (Content is a view into the shared buffer, so decode should not scale with
// the body size). Figures, not pass/fail.
#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>

#include "tests/x400/asn/p1_samples.hpp"

namespace asn = mixer::x400::asn;

namespace {

std::shared_ptr<const std::vector<std::uint8_t>> encoded(std::size_t recipients, std::size_t body) {
  auto bytes = asn::encode_mts_apdu(asn::samples::message(recipients, std::string(body, 'x')));
  return std::make_shared<const std::vector<std::uint8_t>>(*bytes);
}

void BM_P1TypicalDecodeEncode(benchmark::State& state) {
  const auto bytes = encoded(5, 4096);
  for (auto _ : state) {
    auto v = asn::decode_mts_apdu(bytes);
    auto out = asn::encode_mts_apdu(*v);
    benchmark::DoNotOptimize(out->data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes->size()));
}
BENCHMARK(BM_P1TypicalDecodeEncode);

void BM_P1Decode1MiBBody(benchmark::State& state) {
  const auto bytes = encoded(5, 1u << 20);
  for (auto _ : state) {
    auto v = asn::decode_mts_apdu(bytes);
    benchmark::DoNotOptimize(std::get<asn::Message>(*v).content.bytes().data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes->size()));
}
BENCHMARK(BM_P1Decode1MiBBody);

void BM_P1Memcpy1MiBMessage(benchmark::State& state) {
  const auto bytes = encoded(5, 1u << 20);
  std::vector<std::uint8_t> dst(bytes->size());
  for (auto _ : state) {
    std::memcpy(dst.data(), bytes->data(), bytes->size());
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes->size()));
}
BENCHMARK(BM_P1Memcpy1MiBMessage);

void BM_P1Encode1MiBBody(benchmark::State& state) {
  const auto v = asn::decode_mts_apdu(encoded(5, 1u << 20));
  for (auto _ : state) {
    auto out = asn::encode_mts_apdu(*v);
    benchmark::DoNotOptimize(out->data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (1u << 20)));
}
BENCHMARK(BM_P1Encode1MiBBody);

}  // namespace
