#include "mapping/address/tables.hpp"

#include <array>

namespace mixer::mapping::address {

std::uint64_t KeyIndex::hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, then a final mix
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return h;
}

void KeyIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const auto& s : old) {
    if (s.value == kNone) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].value != kNone) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t KeyIndex::insert(std::string_view key, std::uint32_t value) {
  const std::uint64_t h = hash(key);
  if (const auto existing = find(key, h); existing != kNone) return existing;
  if ((count_ + 1) * 2 > slots_.size()) grow();  // load factor <= 1/2
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].value != kNone) i = (i + 1) & mask;
  slots_[i] = Slot{h, arena_.size(), static_cast<std::uint32_t>(key.size()), value};
  arena_ += key;
  ++count_;
  return kNone;
}

std::uint32_t KeyIndex::find(std::string_view key, std::uint64_t h) const {
  if (slots_.empty()) return kNone;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value == kNone) return kNone;
    if (s.hash == h && s.length == key.size() && std::string_view(arena_).substr(s.offset, s.length) == key)
      return s.value;
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
  // Whole-label suffixes, longest first: "a.b.c", "b.c", "c". The hashes of
  // up to kPrefetched suffixes are computed and their slots prefetched first,
  // so that the cache misses of a large table overlap instead of adding up.
  constexpr std::size_t kPrefetched = 8;
  std::array<std::uint64_t, kPrefetched> hashes{};
  std::size_t n = 0;
  for (std::size_t start = 0; n < kPrefetched;) {
    hashes[n] = KeyIndex::hash(domain.substr(start));
    by_domain_.prefetch(hashes[n++]);
    const auto dot = domain.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  std::size_t labels = 1;
  for (char c : domain) labels += c == '.';
  std::size_t start = 0;
  for (std::size_t k = 0; start <= domain.size(); ++k) {
    const std::string_view suffix = domain.substr(start);
    const auto idx = k < n ? by_domain_.find(suffix, hashes[k]) : by_domain_.find(suffix);
    if (idx != KeyIndex::kNone) return TableMatch{&entries_[idx], labels};
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
