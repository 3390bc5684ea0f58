#include "mapping/address/tables.hpp"

namespace mixer::mapping::address {

AddressResult<Ok> DomainTable::add(TableEntry e) {
  const auto idx = static_cast<std::uint32_t>(entries_.size());
  if (!by_domain_.emplace(e.domain, idx).second)
    return fail(address_error(AddressErrorKind::kSyntax,
                              "domain '" + e.domain + "' already mapped (line " +
                                  std::to_string(entries_[by_domain_.find(e.domain)->second].line) + ")"));
  by_prefix_.emplace(prefix_key(e.prefix), idx);
  entries_.push_back(std::move(e));
  return Ok{};
}

TableMatch DomainTable::longest_match(std::string_view domain) const {
  // Whole-label suffixes, longest first: "a.b.c", "b.c", "c".
  std::size_t labels = 1;
  for (char c : domain) labels += c == '.';
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto it = by_domain_.find(domain.substr(start));
    if (it != by_domain_.end()) return TableMatch{&entries_[it->second], labels};
    const auto dot = domain.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
    --labels;
  }
  return {};
}

const TableEntry* DomainTable::find_prefix(std::string_view key) const {
  const auto it = by_prefix_.find(key);
  return it == by_prefix_.end() ? nullptr : &entries_[it->second];
}

AddressResult<Ok> OrTable::add(TableEntry e) {
  const auto idx = static_cast<std::uint32_t>(entries_.size());
  const std::string key = prefix_key(e.prefix);
  if (!by_prefix_.emplace(key, idx).second)
    return fail(address_error(AddressErrorKind::kSyntax,
                              "O/R prefix '" + print_dmn_or(e.prefix) + "' already mapped (line " +
                                  std::to_string(entries_[by_prefix_.find(key)->second].line) + ")"));
  depth_mask_ |= 1u << e.prefix.depth();
  domains_.emplace(e.domain, idx);
  entries_.push_back(std::move(e));
  return Ok{};
}

TableMatch OrTable::longest_match(const x400::ORAddress& a) const {
  std::string key;
  key.reserve(96);
  TableMatch best;
  for (std::size_t d = 1; d <= kHierarchyLevels; ++d) {
    append_level_key(key, hierarchy_value(a, d - 1));
    if (!(depth_mask_ & (1u << d))) continue;
    const auto it = by_prefix_.find(key);
    if (it != by_prefix_.end()) best = TableMatch{&entries_[it->second], d};
    if (depth_mask_ >> (d + 1) == 0) break;
  }
  return best;
}

}  // namespace mixer::mapping::address
