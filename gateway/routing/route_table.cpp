#include "gateway/routing/route_table.hpp"

#include <algorithm>

#include "mapping/address/or_prefix.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::routing {

namespace address = mapping::address;

std::string RouteError::to_string() const {
  std::string s = "route '" + route + "'";
  if (line) s += " (line " + std::to_string(line) + ")";
  return s + ": " + message;
}

namespace {

std::string level_key(std::optional<std::string_view> v) {
  std::string k;
  address::append_level_key(k, v);
  return k;
}

}  // namespace

Result<RouteTable, RouteError> RouteTable::build(const std::vector<config::Route>& routes) {
  RouteTable t;
  t.routes_ = routes;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const auto& r = routes[i];
    Entry e;
    e.route = i;
    if (!r.or_prefix.empty()) {
      auto parsed = address::parse_std_or(r.or_prefix);
      if (!parsed) return fail(RouteError{r.name, r.line, "or_prefix: " + parsed.error().to_string()});
      std::size_t depth = 0;
      for (std::size_t k = 0; k < address::kHierarchyLevels; ++k)
        if (address::hierarchy_value(*parsed, k)) depth = k + 1;
      // Anything below the hierarchy (personal name, DDAs...) cannot select a
      // route by prefix: refuse rather than silently ignore it.
      auto probe = *parsed;
      for (std::size_t k = 0; k < address::kHierarchyLevels; ++k) {
        if (k == 0) probe.country_name.reset();
        if (k == 1) probe.administration_domain_name.reset();
        if (k == 2) probe.private_domain_name.reset();
        if (k == 3) probe.organization_name.reset();
      }
      probe.organizational_unit_names.clear();
      if (!(probe == x400::ORAddress{}))
        return fail(RouteError{
            r.name, r.line,
            "or_prefix may only hold C, ADMD, PRMD, O and OU attributes (RFC 2156 4.3.1 hierarchy): '" +
                r.or_prefix + "'"});
      for (std::size_t k = 0; k < depth; ++k)
        e.level_keys.push_back(level_key(address::hierarchy_value(*parsed, k)));
    }
    for (const auto& other : t.entries_) {
      if (other.level_keys == e.level_keys)
        return fail(RouteError{
            r.name, r.line,
            "same or_prefix as route '" + routes[other.route].name + "': the choice would be arbitrary"});
    }
    t.entries_.push_back(std::move(e));
  }
  std::stable_sort(t.entries_.begin(), t.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.level_keys.size() > b.level_keys.size(); });
  return t;
}

const config::Route* RouteTable::find(const x400::ORAddress& recipient) const {
  std::vector<std::string> keys;
  keys.reserve(address::kHierarchyLevels);
  for (std::size_t k = 0; k < address::kHierarchyLevels; ++k)
    keys.push_back(level_key(address::hierarchy_value(recipient, k)));
  for (const auto& e : entries_) {
    if (std::equal(e.level_keys.begin(), e.level_keys.end(), keys.begin())) return &routes_[e.route];
  }
  return nullptr;
}

const config::Route* RouteTable::by_name(const std::string& name) const {
  for (const auto& r : routes_)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace mixer::routing
