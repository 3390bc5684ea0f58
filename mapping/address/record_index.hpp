// RecordIndex: the hot half of an RFC 2156 mapping table (§4.2, App. F) -
// each entry's key AND the value a mapping needs (table 1: the packed O/R
// prefix, table 2: the domain) in one contiguous record, so that a hit on a
// 100,000+ entry table costs two cache misses (slot, record) instead of a
// chain of four (slot -> key bytes -> entry -> prefix strings).
//
// Contract:
//  - Records live in one arena addressed by 32-bit offsets:
//      u32 entry | u32 line | u16 key length | key | value length u16 | value
//    (integers little-endian via memcpy, no alignment). A slot is 8 bytes:
//    the high 32 bits of the key's hash (the tag) and the record offset.
//  - The caller supplies the 64-bit hash (so that a longest-match walk can
//    hash all suffixes of a domain in one pass, see tables.cpp); the slot
//    position is derived from the tag alone, so growing never rehashes keys.
//  - Named limits: keys and values up to kMaxField (65,535) octets, arena up
//    to kMaxArena octets (4 GiB - 1), at most 2^30 entries; insert() reports kFull beyond them
//    (the table loader turns that into an error with the line number).
//  - Load factor <= 1/2; linear probing; no deletion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace mixer::mapping::address {

// One record, decoded. `key` and `value` point into the index's arena.
struct RecordView {
  std::uint32_t entry = 0;
  std::uint32_t line = 0;
  std::string_view key;
  std::string_view value;
};

class RecordIndex {
 public:
  static constexpr std::size_t kMaxField = 0xffff;
  static constexpr std::size_t kMaxArena = 0xfffffffeu;
  static constexpr std::size_t kMaxSlots = std::size_t{1} << 31;  // so at most 2^30 entries

  enum class Insert { kAdded, kDuplicate, kFull };
  struct InsertResult {
    Insert status = Insert::kAdded;
    std::uint32_t existing = 0;  // entry of the duplicate key (kDuplicate)
  };
  // `hash` must be the caller's hash of `key`, the same function used for find().
  InsertResult insert(std::uint64_t hash, std::string_view key, std::uint32_t entry, std::uint32_t line,
                      std::string_view value);
  // The record whose key is `key` (hash `hash`), or false.
  bool find(std::uint64_t hash, std::string_view key, RecordView& out) const;
  void prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[position(tag_of(hash))]);
  }
  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t offset = kEmpty;
  };
  static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }
  std::size_t position(std::uint32_t tag) const { return shift_ >= 32 ? 0 : tag >> shift_; }
  RecordView decode(std::uint32_t offset) const;
  void grow();

  std::vector<Slot> slots_;
  std::string arena_;
  std::size_t count_ = 0;
  unsigned shift_ = 32;  // 32 - log2(slots_.size())
};

}  // namespace mixer::mapping::address
