// `mixer map-address`: maps one address with the RFC 2156 rules and the
// operator's tables, so tables can be tried before they are deployed.
// RFC 822 input gives an O/R address (std-or), O/R input (std-or or RFC 1685
// form) gives an RFC 822 address; --to forces the direction. --explain adds
// the deciding rule and table line. Exit 0 mapped, 1 not mappable / bad
// input or table, 2 usage.
#include <ostream>

#include "config/load.hpp"
#include "config/tables/mapping_context.hpp"
#include "gateway/cli/commands.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::cli {

namespace {

namespace ma = mixer::mapping::address;
namespace tables = mixer::config::tables;

// An O/R address starts with "/" (std-or) or is "KEY=value;..." (RFC 1685)
// without an "@"; everything else is taken as RFC 822.
bool looks_like_or(const std::string& s) {
  if (s.starts_with("/") && !s.ends_with("/") && s.find('@') != std::string::npos) return false;
  if (s.starts_with("/")) return true;
  return s.find('@') == std::string::npos && s.find('=') != std::string::npos;
}

int report_table_errors(const tables::TableErrors& errors, CommandIo& io) {
  for (const auto& e : errors) io.err << "mixer map-address: " << e.to_string() << "\n";
  return kExitFailure;
}

int run_map_address(const ParsedArgs& args, CommandIo& io) {
  ma::MappingContext ctx;
  if (auto cfg_path = args.get("--config")) {
    auto cfg = config::load_file(*cfg_path);
    if (!cfg.ok()) {
      for (const auto& e : cfg.error()) io.err << "mixer map-address: " << e.to_string() << "\n";
      return kExitFailure;
    }
    auto built = tables::build_mapping_context(*cfg);
    if (!built.ok()) return report_table_errors(built.error(), io);
    ctx = std::move(*built);
  }
  const std::pair<const char*, tables::TableKind> table_options[] = {
      {"--table1", tables::TableKind::kTable1},
      {"--table2", tables::TableKind::kTable2},
      {"--gateway-table", tables::TableKind::kGateway},
  };
  for (const auto& [option, kind] : table_options)
    if (auto file = args.get(option)) {
      auto r = tables::load_table_file(*file, kind, ctx);
      if (!r.ok()) return report_table_errors(r.error(), io);
    }
  auto id = tables::set_gateway_identity(ctx, args.get_or("--local-domain", ""), args.get_or("--local-or", ""),
                                         "command line");
  if (!id.ok()) return report_table_errors(id.error(), io);

  const std::string& input = args.positionals().at(0);
  std::string to = args.get_or("--to", looks_like_or(input) ? "822" : "x400");
  if (to != "822" && to != "x400") {
    io.err << "mixer map-address: --to must be x400 or 822, not '" << to << "'\n";
    return kExitUsage;
  }
  const bool explain = args.has("--explain");
  if (to == "x400") {
    auto r = ma::map_822_to_x400(ctx, input);
    if (!r.ok()) {
      io.err << "mixer map-address: " << r.error().to_string() << "\n";
      return kExitFailure;
    }
    auto text = ma::print_std_or(r->address);
    if (!text.ok()) {
      io.err << "mixer map-address: " << text.error().to_string() << "\n";
      return kExitFailure;
    }
    io.out << *text << "\n";
    if (explain) io.out << "rule: " << r->decision.explain() << "\n";
    return kExitOk;
  }
  auto parsed = ma::parse_std_or(input);
  if (!parsed.ok()) {
    io.err << "mixer map-address: not an O/R address: " << parsed.error().to_string() << "\n";
    return kExitFailure;
  }
  auto r = ma::map_x400_to_822(ctx, *parsed);
  if (!r.ok()) {
    io.err << "mixer map-address: " << r.error().to_string() << "\n";
    return kExitFailure;
  }
  io.out << r->address << "\n";
  if (explain) io.out << "rule: " << r->decision.explain() << "\n";
  return kExitOk;
}

}  // namespace

Command map_address_command() {
  return Command{
      "map-address",
      "Map an address between RFC 822 and X.400 (RFC 2156) with the configured tables",
      [] {
        return ArgSpec{}
            .option("--config", "FILE", "read [gateway] domain/or_address and the [tables] files from FILE")
            .option("--to", "x400|822", "force the direction (default: detected from ADDRESS)")
            .flag("--explain", "also print the rule and table line that decided the mapping")
            .option("--table1", "FILE", "RFC 2156 table 1 (domain#dmn-or#), on top of --config")
            .option("--table2", "FILE", "RFC 2156 table 2 (dmn-or#domain#), on top of --config")
            .option("--gateway-table", "FILE", "gateway table (gate1 dmn-or#domain# and gate2 domain#dmn-or# lines)")
            .option("--local-domain", "DOMAIN", "the gateway's own RFC 822 domain")
            .option("--local-or", "ORADDRESS", "the gateway's own O/R address (std-or)")
            .positional("ADDRESS", "an RFC 822 address, or an O/R address in std-or or RFC 1685 form");
      },
      run_map_address,
  };
}

}  // namespace mixer::cli
