#include "mapping/address/tables.hpp"

#include <array>

namespace mixer::mapping::address {

std::uint64_t KeyIndex::hash(std::string_view s) {
  std::uint64_t h = kHashBasis;
  for (char c : s) h = hash_step(h, c);
  return hash_finish(h);
}

namespace {

// A table 1 / gate2 key is hashed from its LAST octet to its first, so that
// one right-to-left pass over an input domain yields the hash of every
// whole-label suffix on the way (longest_match).
std::uint64_t domain_hash(std::string_view domain) {
  std::uint64_t h = KeyIndex::kHashBasis;
  for (std::size_t i = domain.size(); i-- > 0;) h = KeyIndex::hash_step(h, domain[i]);
  return KeyIndex::hash_finish(h);
}

std::size_t label_count(std::string_view domain) {
  std::size_t labels = 1;
  for (char c : domain) labels += c == '.';
  return labels;
}

AddressError too_large(std::string_view what) {
  return address_error(AddressErrorKind::kTooLong,
                       std::string(what) + ": over the table's record limits (keys and values up to 65,535 octets, "
                                           "4 GiB of records, 2^30 entries, line numbers up to 2^32 - 1)");
}

}  // namespace

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
  const auto packed = pack_prefix(e.prefix);
  if (!packed)
    return fail(address_error(AddressErrorKind::kTooLong, "O/R prefix of '" + e.domain +
                                                              "' deeper than 8 levels or with a value over 254 octets"));
  if (e.line > 0xffffffffu) return fail(too_large("line number of '" + e.domain + "'"));
  const auto r = by_domain_.insert(domain_hash(e.domain), e.domain, idx, static_cast<std::uint32_t>(e.line), *packed);
  if (r.status == RecordIndex::Insert::kDuplicate)
    return fail(address_error(AddressErrorKind::kSyntax, "domain '" + e.domain + "' already mapped (line " +
                                                             std::to_string(entries_[r.existing].line) + ")"));
  if (r.status == RecordIndex::Insert::kFull) return fail(too_large("domain '" + e.domain + "'"));
  const std::size_t labels = label_count(e.domain);
  if (labels < 64) label_mask_ |= std::uint64_t{1} << labels;
  else many_labels_ = true;
  if (labels > max_labels_) max_labels_ = labels;
  by_prefix_.insert(prefix_key(e.prefix), idx);
  entries_.push_back(std::move(e));
  return Ok{};
}

TableMatch DomainTable::match(const RecordView& r, std::size_t labels) const {
  return TableMatch{&entries_[r.entry], labels, r.line, r.key, PackedPrefix(r.value)};
}

TableMatch DomainTable::longest_match(std::string_view domain) const {
  // Whole-label suffixes, longest first: "a.b.c", "b.c", "c". One
  // right-to-left pass hashes them all (keys are hashed backwards) and stops
  // at the most labels any entry has; only suffixes whose label count some
  // entry has are probed. Their slots are prefetched before the first probe,
  // so that the cache misses of a large table overlap instead of adding up.
  if (entries_.empty()) return {};
  struct Probe {
    std::size_t start = 0;
    std::size_t labels = 0;
    std::uint64_t hash = 0;
  };
  constexpr std::size_t kMaxProbes = 16;
  std::array<Probe, kMaxProbes> probes{};
  std::size_t n = 0;
  std::uint64_t h = KeyIndex::kHashBasis;
  std::size_t labels = 1;
  for (std::size_t i = domain.size();;) {
    if (i == 0 || domain[i - 1] == '.') {  // domain[i, end) is a suffix of `labels` labels
      if (may_match(labels)) {
        if (n == kMaxProbes) return longest_match_slow(domain);
        probes[n] = Probe{i, labels, KeyIndex::hash_finish(h)};
        by_domain_.prefetch(probes[n++].hash);
      }
      if (i == 0 || labels >= max_labels_) break;
      ++labels;
    }
    h = KeyIndex::hash_step(h, domain[--i]);
  }
  RecordView r;
  for (std::size_t k = n; k-- > 0;)
    if (by_domain_.find(probes[k].hash, domain.substr(probes[k].start), r)) return match(r, probes[k].labels);
  return {};
}

TableMatch DomainTable::longest_match_slow(std::string_view domain) const {
  // More candidate suffixes than longest_match keeps: one hash per suffix.
  std::size_t labels = label_count(domain);
  RecordView r;
  for (std::size_t start = 0;; --labels) {
    const std::string_view suffix = domain.substr(start);
    if (may_match(labels) && by_domain_.find(domain_hash(suffix), suffix, r)) return match(r, labels);
    const auto dot = domain.find('.', start);
    if (dot == std::string_view::npos) return {};
    start = dot + 1;
  }
}

const TableEntry* DomainTable::find_prefix(std::string_view key) const {
  const auto idx = by_prefix_.find(key);
  return idx == KeyIndex::kNone ? nullptr : &entries_[idx];
}

AddressResult<Ok> OrTable::add(TableEntry e) {
  const auto idx = static_cast<std::uint32_t>(entries_.size());
  if (e.prefix.depth() > kHierarchyLevels)
    return fail(address_error(AddressErrorKind::kTooLong, "O/R prefix deeper than 8 levels for '" + e.domain + "'"));
  if (e.line > 0xffffffffu) return fail(too_large("line number of '" + e.domain + "'"));
  const auto r = by_prefix_.insert(KeyIndex::hash(prefix_key(e.prefix)), prefix_key(e.prefix), idx,
                                   static_cast<std::uint32_t>(e.line), e.domain);
  if (r.status == RecordIndex::Insert::kDuplicate)
    return fail(address_error(AddressErrorKind::kSyntax, "O/R prefix '" + print_dmn_or(e.prefix) +
                                                             "' already mapped (line " +
                                                             std::to_string(entries_[r.existing].line) + ")"));
  if (r.status == RecordIndex::Insert::kFull) return fail(too_large("domain '" + e.domain + "'"));
  depth_mask_ |= 1u << e.prefix.depth();
  domains_.insert(e.domain, idx);
  entries_.push_back(std::move(e));
  return Ok{};
}

TableMatch OrTable::longest_match(const x400::ORAddress& a) const {
  // One buffer per thread, reused: the key grows level by level and a
  // lookup allocates nothing once the buffer has its capacity. The hash
  // grows with it (one pass over the key, not one per level).
  thread_local std::string key;
  key.clear();
  std::uint64_t h = KeyIndex::kHashBasis;
  TableMatch best;
  RecordView r;
  for (std::size_t d = 1; d <= kHierarchyLevels; ++d) {
    const std::size_t from = key.size();
    append_level_key(key, hierarchy_value(a, d - 1));
    for (std::size_t i = from; i < key.size(); ++i) h = KeyIndex::hash_step(h, key[i]);
    if (!(depth_mask_ & (1u << d))) continue;
    if (by_prefix_.find(KeyIndex::hash_finish(h), key, r)) best = TableMatch{&entries_[r.entry], d, r.line, r.value, {}};
    if (depth_mask_ >> (d + 1) == 0) break;
  }
  return best;
}

}  // namespace mixer::mapping::address
