// Address mapping throughput (RFC 2156 4.3.4 / 4.3.5) with 100,000-entry
// tables, and the load time of a 1,000,000-line table file (generated in a
// temporary directory). Figures: items_per_second = mappings per second.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "config/tables/table_file.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "tests/support/temp_dir.hpp"

namespace ma = mixer::mapping::address;
namespace ct = mixer::config::tables;

namespace {

constexpr int kEntries = 100'000;

std::string domain_of(int i) { return "org" + std::to_string(i) + ".region" + std::to_string(i % 97) + ".example"; }
std::string prefix_of(int i) {
  return "PRMD$P" + std::to_string(i) + ".ADMD$A" + std::to_string(i % 97) + ".C$GB";
}

const ma::MappingContext& context() {
  static const ma::MappingContext ctx = [] {
    ma::MappingContext c;
    std::string t1, t2;
    for (int i = 0; i < kEntries; ++i) {
      t1 += domain_of(i) + "#" + prefix_of(i) + "#\n";
      t2 += prefix_of(i) + "#" + domain_of(i) + "#\n";
    }
    if (!ct::parse_table(t1, "bench-table1", ct::TableKind::kTable1, c).ok() ||
        !ct::parse_table(t2, "bench-table2", ct::TableKind::kTable2, c).ok())
      std::abort();
    c.local_domain = "gw.example.org";
    c.local_or = *ma::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
    return c;
  }();
  return ctx;
}

void BM_Map822ToX400_Table1(benchmark::State& state) {
  const auto& ctx = context();
  std::vector<std::string> inputs;
  for (int i = 0; i < 1024; ++i) inputs.push_back("John.Smith@sales.org" + std::to_string(i * 97 % kEntries) + ".region" +
                                                  std::to_string(i * 97 % kEntries % 97) + ".example");
  std::size_t k = 0;
  for (auto _ : state) {
    auto r = ma::map_822_to_x400(ctx, inputs[k++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Map822ToX400_Table1);

void BM_Map822ToX400_NoMatchDda(benchmark::State& state) {
  const auto& ctx = context();
  std::size_t k = 0;
  const std::string inputs[] = {"fred@example.org", "jo_smith@org5.region5.example", "\"a b\"@x.example.net"};
  for (auto _ : state) {
    auto r = ma::map_822_to_x400(ctx, inputs[k++ % 3]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Map822ToX400_NoMatchDda);

void BM_MapX400To822_Table2(benchmark::State& state) {
  const auto& ctx = context();
  std::vector<mixer::x400::ORAddress> inputs;
  for (int i = 0; i < 1024; ++i) {
    const int e = i * 97 % kEntries;
    inputs.push_back(*ma::parse_std_or("/C=GB/ADMD=A" + std::to_string(e % 97) + "/PRMD=P" + std::to_string(e) +
                                       "/O=sales/S=Smith/G=John/"));
  }
  std::size_t k = 0;
  for (auto _ : state) {
    auto r = ma::map_x400_to_822(ctx, inputs[k++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_MapX400To822_Table2);

void BM_Table1LongestMatch(benchmark::State& state) {
  const auto& ctx = context();
  std::vector<std::string> inputs;
  for (int i = 0; i < 1024; ++i) inputs.push_back("a.b." + domain_of(i * 89 % kEntries));
  std::size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ctx.table1.longest_match(inputs[k++ & 1023]));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Table1LongestMatch);

void BM_LoadTableFile1M(benchmark::State& state) {
  mixer::test::TempDir dir("mixer-bench-table");
  const auto path = dir / "table1.table";
  {
    std::ofstream out(path);
    out << "# generated: 1,000,000 table 1 lines\n";
    for (int i = 0; i < 999'999; ++i) out << "org" << i << ".region" << i % 997 << ".example#PRMD$P" << i % 100000
                                           << ".ADMD$A" << i % 997 << ".C$GB#\n";
  }
  for (auto _ : state) {
    ma::MappingContext ctx;
    auto r = ct::load_table_file(path, ct::TableKind::kTable1, ctx);
    if (!r.ok() || ctx.table1.size() != 999'999) state.SkipWithError("table did not load");
    benchmark::DoNotOptimize(ctx);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1'000'000);
}
BENCHMARK(BM_LoadTableFile1M)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
