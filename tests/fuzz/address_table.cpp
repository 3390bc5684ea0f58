// Fuzz target: the mapping-table file parser (RFC 2156 App. F) for each
// table kind, then a lookup in whatever was loaded. Bad input must give
// errors with a line number, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/tables/table_file.hpp"
#include "mapping/address/map_address.hpp"

namespace ct = mixer::config::tables;
namespace ma = mixer::mapping::address;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ma::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  for (auto kind : {ct::TableKind::kTable1, ct::TableKind::kTable2, ct::TableKind::kGateway}) {
    auto r = ct::parse_table(text, "fuzz.table", kind, ctx);
    if (!r.ok()) {
      if (r.error().empty()) __builtin_trap();
      for (const auto& e : r.error())
        if (e.line == 0 || e.message.empty()) __builtin_trap();
    }
  }
  for (const auto& e : ctx.table1.entries())
    if (!ctx.table1.longest_match(e.domain)) __builtin_trap();
  (void)ma::map_822_to_x400(ctx, "a.b@x.y.xyz.com");
  return 0;
}
