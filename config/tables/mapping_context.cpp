#include "config/tables/mapping_context.hpp"

#include "mapping/address/idn.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::config::tables {

namespace ma = mixer::mapping::address;

Result<Ok, TableErrors> set_gateway_identity(ma::MappingContext& ctx, std::string_view domain,
                                             std::string_view or_address, std::string_view origin) {
  TableErrors errors;
  if (!domain.empty()) {
    auto d = ma::domain_to_ascii(domain);
    if (d.ok()) ctx.local_domain = *d;
    else errors.push_back({std::string(origin), 0, "gateway domain: " + d.error().what});
  }
  if (!or_address.empty()) {
    auto a = ma::parse_std_or(or_address);
    if (a.ok() && a->country_name && a->administration_domain_name) ctx.local_or = *a;
    else if (a.ok()) errors.push_back({std::string(origin), 0, "gateway O/R address needs C and ADMD"});
    else errors.push_back({std::string(origin), 0, "gateway O/R address: " + a.error().to_string()});
  }
  if (!errors.empty()) return fail(std::move(errors));
  return Ok{};
}

Result<ma::MappingContext, TableErrors> build_mapping_context(const Config& config, const TableLimits& limits) {
  ma::MappingContext ctx;
  TableErrors errors;
  auto id = set_gateway_identity(ctx, config.gateway.domain, config.gateway.or_address, config.source.string());
  if (!id.ok()) errors = std::move(id).error();
  const std::pair<const std::filesystem::path*, TableKind> files[] = {
      {&config.tables.domain_to_or, TableKind::kTable1},
      {&config.tables.or_to_domain, TableKind::kTable2},
      {&config.tables.gateways, TableKind::kGateway},
  };
  for (const auto& [path, kind] : files) {
    if (path->empty()) continue;
    auto r = load_table_file(*path, kind, ctx, limits);
    if (!r.ok()) {
      auto e = std::move(r).error();
      errors.insert(errors.end(), e.begin(), e.end());
    }
  }
  if (!errors.empty()) return fail(std::move(errors));
  return ctx;
}

}  // namespace mixer::config::tables
