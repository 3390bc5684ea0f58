#include "gateway/daemon/snapshot.hpp"

#include "config/tables/mapping_context.hpp"

namespace mixer::daemon {

Result<std::shared_ptr<const Snapshot>, std::vector<std::string>> make_snapshot(config::Config cfg) {
  std::vector<std::string> errors;
  auto ctx = config::tables::build_mapping_context(cfg);
  if (!ctx)
    for (const auto& e : ctx.error()) errors.push_back(e.to_string());
  auto routes = routing::RouteTable::build(cfg.routes);
  if (!routes) errors.push_back(cfg.source.string() + ": " + routes.error().to_string());
  if (!errors.empty()) return fail(std::move(errors));
  auto s = std::make_shared<Snapshot>();
  s->cfg = std::move(cfg);
  s->ctx = std::make_shared<const mapping::address::MappingContext>(std::move(ctx).value());
  s->routes = std::make_shared<const routing::RouteTable>(std::move(routes).value());
  return std::shared_ptr<const Snapshot>(std::move(s));
}

}  // namespace mixer::daemon
