// X.400 routing: which configured peer MTA ([[route]] in the configuration)
// takes a recipient's O/R address. A route's `or_prefix` (std-or text, e.g.
// "/C=XX/ADMD= /PRMD=EXAMPLE/") is read as a walk down the RFC 2156 §4.3.1
// mapping hierarchy C > ADMD > PRMD > O > OU1..OU4; a recipient matches when
// every level up to the prefix's deepest given attribute is equal (values
// compared case-insensitively, the blank ADMD " " equal to the empty one).
// A level skipped between given ones means "absent" (as in the RFC 2156
// tables, or_prefix.hpp), not "any". The deepest matching prefix wins
// (longest match, X.411 routing by O/R address); an empty or_prefix is the
// default route (depth 0). Equal prefixes on two routes are refused at build
// time: the choice would be arbitrary. No match: the caller fails the
// recipient permanently with kNoRouteDiagnostic (an NDR / DSN follows through
// the queue, X.411 non-delivery reason unable-to-transfer).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "config/config.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::routing {

inline constexpr const char* kNoRouteDiagnostic =
    "no route: no configured X.400 route matches the recipient's O/R address";

struct RouteError {
  std::string route;     // route name
  std::size_t line = 0;  // where the route is declared (config file line)
  std::string message;
  std::string to_string() const;
};

class RouteTable {
 public:
  RouteTable() = default;
  // Copies the routes; refuses an unparseable or duplicate prefix.
  static Result<RouteTable, RouteError> build(const std::vector<config::Route>& routes);

  // The route of the deepest matching prefix, or nullptr.
  const config::Route* find(const x400::ORAddress& recipient) const;
  // The route named `name`, or nullptr.
  const config::Route* by_name(const std::string& name) const;
  const std::vector<config::Route>& routes() const { return routes_; }
  std::size_t size() const { return routes_.size(); }

 private:
  struct Entry {
    std::vector<std::string> level_keys;  // append_level_key() of levels 0..depth-1
    std::size_t route = 0;                // index into routes_
  };
  std::vector<config::Route> routes_;
  std::vector<Entry> entries_;  // deepest first
};

}  // namespace mixer::routing
