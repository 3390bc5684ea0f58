#include "mapping/address/tables.hpp"

namespace mixer::mapping::address {

namespace {
std::uint64_t hash_key(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, then a final mix
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return h;
}
}  // namespace

void KeyIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const auto& s : old) {
    if (s.key == kNone) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].key != kNone) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t KeyIndex::insert(std::string key, std::uint32_t value) {
  if (const auto existing = find(key); existing != kNone) return existing;
  if ((keys_.size() + 1) * 2 > slots_.size()) grow();  // load factor <= 1/2
  const std::uint64_t h = hash_key(key);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].key != kNone) i = (i + 1) & mask;
  slots_[i] = Slot{h, static_cast<std::uint32_t>(keys_.size())};
  keys_.push_back(std::move(key));
  values_.push_back(value);
  return kNone;
}

std::uint32_t KeyIndex::find(std::string_view key) const {
  if (slots_.empty()) return kNone;
  const std::uint64_t h = hash_key(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == kNone) return kNone;
    if (s.hash == h && keys_[s.key] == key) return values_[s.key];
  }
}

AddressResult<Ok> DomainTable::add(TableEntry e) {
  const auto idx = static_cast<std::uint32_t>(entries_.size());
  if (const auto prev = by_domain_.insert(e.domain, idx); prev != KeyIndex::kNone)
    return fail(address_error(AddressErrorKind::kSyntax, "domain '" + e.domain + "' already mapped (line " +
                                                             std::to_string(entries_[prev].line) + ")"));
  by_prefix_.insert(prefix_key(e.prefix), idx);
  entries_.push_back(std::move(e));
  return Ok{};
}

TableMatch DomainTable::longest_match(std::string_view domain) const {
  // Whole-label suffixes, longest first: "a.b.c", "b.c", "c".
  std::size_t labels = 1;
  for (char c : domain) labels += c == '.';
  std::size_t start = 0;
  while (start <= domain.size()) {
    if (const auto idx = by_domain_.find(domain.substr(start)); idx != KeyIndex::kNone)
      return TableMatch{&entries_[idx], labels};
    const auto dot = domain.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
    --labels;
  }
  return {};
}

const TableEntry* DomainTable::find_prefix(std::string_view key) const {
  const auto idx = by_prefix_.find(key);
  return idx == KeyIndex::kNone ? nullptr : &entries_[idx];
}

AddressResult<Ok> OrTable::add(TableEntry e) {
  const auto idx = static_cast<std::uint32_t>(entries_.size());
  if (const auto prev = by_prefix_.insert(prefix_key(e.prefix), idx); prev != KeyIndex::kNone)
    return fail(address_error(AddressErrorKind::kSyntax, "O/R prefix '" + print_dmn_or(e.prefix) +
                                                             "' already mapped (line " +
                                                             std::to_string(entries_[prev].line) + ")"));
  depth_mask_ |= 1u << e.prefix.depth();
  domains_.insert(e.domain, idx);
  entries_.push_back(std::move(e));
  return Ok{};
}

TableMatch OrTable::longest_match(const x400::ORAddress& a) const {
  // One buffer per thread, reused: the key grows level by level and a
  // lookup allocates nothing once the buffer has its capacity.
  thread_local std::string key;
  key.clear();
  TableMatch best;
  for (std::size_t d = 1; d <= kHierarchyLevels; ++d) {
    append_level_key(key, hierarchy_value(a, d - 1));
    if (!(depth_mask_ & (1u << d))) continue;
    if (const auto idx = by_prefix_.find(key); idx != KeyIndex::kNone) best = TableMatch{&entries_[idx], d};
    if (depth_mask_ >> (d + 1) == 0) break;
  }
  return best;
}

}  // namespace mixer::mapping::address
