// The RFC 2156 mapping tables in memory (§4.2, App. F; RFC 2163 names):
//  - DomainTable (table1 and gate2): RFC 822 domain -> O/R prefix; longest
//    match by whole domain labels (`axyz.com` never matches `xyz.com`).
//  - OrTable (table2 and gate1): O/R prefix -> RFC 822 domain; longest match
//    down the hierarchy C > ADMD > PRMD > O > OU1..OU4, case-insensitive,
//    omitted levels matching absent attributes.
// Lookups are hashed-trie walks: every entry is a node keyed by its full
// label/level path, so a lookup costs one hash probe per label or level of
// the input that some entry could match (never a scan of the table). The
// key and what a mapping reads of the entry (line, domain, packed prefix)
// sit together in a RecordIndex record: a hit on a large table costs two
// cache misses. Files are parsed by config/tables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/address/error.hpp"
#include "mapping/address/or_prefix.hpp"
#include "mapping/address/record_index.hpp"

namespace mixer::mapping::address {

// Open-addressing hash index from a key to an entry number. A slot holds
// the full hash, the value and where the key sits in one arena of key bytes:
// a hit costs one slot load plus one arena load (no per-key allocation, no
// separate value array), which matters once 100,000+ entries outgrow the
// cache. prefetch() lets a caller start the slot loads of several keys (the
// suffixes of one domain) before probing them, so their misses overlap.
class KeyIndex {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  // Inserts `key` -> `value` (value != kNone); returns the existing value
  // when the key exists (then nothing changes), else kNone.
  std::uint32_t insert(std::string_view key, std::uint32_t value);
  std::uint32_t find(std::string_view key) const { return find(key, hash(key)); }
  // `h` must be hash(key).
  std::uint32_t find(std::string_view key, std::uint64_t h) const;
  bool contains(std::string_view key) const { return find(key) != kNone; }
  void prefetch(std::uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  static std::uint64_t hash(std::string_view key);
  // The hash, step by step (FNV-1a, then a final mix): hash(k) ==
  // hash_finish(hash_step(...hash_step(kHashBasis, k[0])..., k[n-1])).
  static constexpr std::uint64_t kHashBasis = 1469598103934665603ull;
  static std::uint64_t hash_step(std::uint64_t h, char c) {
    return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  static std::uint64_t hash_finish(std::uint64_t h) {
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t offset = 0;        // key bytes: arena_[offset, offset + length)
    std::uint32_t length = 0;
    std::uint32_t value = kNone;   // kNone: empty slot
  };
  void grow();
  std::vector<Slot> slots_;
  std::string arena_;
  std::size_t count_ = 0;
};

struct TableEntry {
  std::string domain;   // lower-case, A-labels
  OrPrefix prefix;
  std::size_t line = 0; // line in the source file, 0 when built in code
};

// A match: the entry and how much of the input it covered. `line`,
// `domain` and `prefix` are read from the hot record and equal the entry's
// fields; prefer them on hot paths (`entry` itself is a further cache miss).
struct TableMatch {
  const TableEntry* entry = nullptr;
  std::size_t covered = 0;  // DomainTable: labels of the input matched; OrTable: prefix depth
  std::size_t line = 0;     // entry->line
  std::string_view domain;  // entry->domain
  PackedPrefix prefix;      // entry->prefix (DomainTable matches only)
  explicit operator bool() const { return entry != nullptr; }
};

class DomainTable {
 public:
  explicit DomainTable(std::string source = {}) : source_(std::move(source)) {}
  // Adds an entry; an error when the domain is already present.
  AddressResult<Ok> add(TableEntry e);
  // `domain` must be lower-case ASCII (A-labels).
  TableMatch longest_match(std::string_view domain) const;
  // The entry whose prefix is exactly `key` (prefix_key form), or null.
  const TableEntry* find_prefix(std::string_view key) const;
  const std::string& source() const { return source_; }
  std::size_t size() const { return entries_.size(); }
  const std::vector<TableEntry>& entries() const { return entries_; }

 private:
  TableMatch match(const RecordView& r, std::size_t labels) const;
  TableMatch longest_match_slow(std::string_view domain) const;
  bool may_match(std::size_t labels) const {
    return labels < 64 ? ((label_mask_ >> labels) & 1) != 0 : many_labels_;
  }

  std::string source_;
  std::vector<TableEntry> entries_;
  RecordIndex by_domain_;  // key: domain, hashed right to left; value: packed prefix
  KeyIndex by_prefix_;
  std::uint64_t label_mask_ = 0;  // bit n set: some entry's domain has n labels (n < 64)
  bool many_labels_ = false;      // some entry's domain has 64 labels or more
  std::size_t max_labels_ = 0;
};

class OrTable {
 public:
  explicit OrTable(std::string source = {}) : source_(std::move(source)) {}
  AddressResult<Ok> add(TableEntry e);
  TableMatch longest_match(const x400::ORAddress& a) const;
  // True when `domain` (lower-case) is the value of some entry (e.g. a gate1
  // gateway domain).
  bool has_domain(std::string_view domain) const { return domains_.contains(domain); }
  const std::string& source() const { return source_; }
  std::size_t size() const { return entries_.size(); }
  const std::vector<TableEntry>& entries() const { return entries_; }

 private:
  std::string source_;
  std::vector<TableEntry> entries_;
  RecordIndex by_prefix_;  // key: prefix_key; value: the domain
  KeyIndex domains_;
  std::uint32_t depth_mask_ = 0;  // bit d set: some entry has depth d
};

}  // namespace mixer::mapping::address
