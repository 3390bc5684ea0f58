// One immutable view of everything mixerd derives from its configuration:
// the Config itself, the RFC 2156 mapping context (tables loaded from the
// [tables] files, config/tables) and the X.400 routing table (gateway/
// routing). Built in full before it replaces the running one, so a SIGHUP
// reload with a bad table file or route is refused as a whole (every error
// logged, the old snapshot kept) and readers never see half a reload.
// Readers hold a shared_ptr to the snapshot they started with.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "config/config.hpp"
#include "gateway/routing/route_table.hpp"
#include "mapping/address/context.hpp"

namespace mixer::daemon {

struct Snapshot {
  config::Config cfg;
  std::shared_ptr<const mapping::address::MappingContext> ctx;
  std::shared_ptr<const routing::RouteTable> routes;
};

// Errors are complete lines ("FILE:LINE: message" for tables).
Result<std::shared_ptr<const Snapshot>, std::vector<std::string>> make_snapshot(config::Config cfg);

}  // namespace mixer::daemon
