// O/R address prefixes and their dmn-or text form (RFC 2156 App. F, §4.2;
// RFC 1026 §3 "explicit missing components").
//
// A prefix is a walk down the mapping hierarchy C > ADMD > PRMD > O > OU1 >
// OU2 > OU3 > OU4 (§4.3.1). Each level holds a value or is explicitly
// omitted ("@" in dmn-or), meaning the attribute is absent at that level.
//
// dmn-or: "O$ABC.PRMD$XYZ.ADMD$BT.C$GB" — least significant first, "\." is a
// literal dot in a value, "@" an omitted level, a value may be a single space
// (the blank ADMD). Keys are C ADMD PRMD O OU (case-insensitive). C and ADMD
// must be present (X.411: every O/R address has both); levels skipped between
// present ones count as omitted; OUs must follow one another; teletex halves
// and DDAs ("~type") are not accepted in tables (documented in
// docs/conformance/addresses.md).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/address/error.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::mapping::address {

inline constexpr std::size_t kHierarchyLevels = 8;  // C ADMD PRMD O OU1..OU4
inline constexpr std::array<std::string_view, kHierarchyLevels> kLevelNames{"C",   "ADMD", "PRMD", "O",
                                                                            "OU1", "OU2",  "OU3",  "OU4"};

struct OrPrefix {
  std::vector<std::optional<std::string>> levels;  // levels[k]: value, or nullopt = omitted
  bool operator==(const OrPrefix&) const = default;
  std::size_t depth() const { return levels.size(); }
};

AddressResult<OrPrefix> parse_dmn_or(std::string_view text);
std::string print_dmn_or(const OrPrefix& p);

// The value of hierarchy level `k` of an address (printable forms), or
// nullopt when the attribute is absent.
std::optional<std::string_view> hierarchy_value(const x400::ORAddress& a, std::size_t k);

// The packed form of a prefix that a table keeps in its hot record
// (record_index.hpp): one octet depth, then per level one octet - the value's
// length, or kPackedOmitted - followed by the value. nullopt when a value is
// longer than kPackedMaxValue (X.411 bounds are all far below: O is 64).
inline constexpr unsigned char kPackedOmitted = 0xff;
inline constexpr std::size_t kPackedMaxValue = 0xfe;
std::optional<std::string> pack_prefix(const OrPrefix& p);

// A read-only view of a packed prefix (the bytes belong to the table).
class PackedPrefix {
 public:
  PackedPrefix() = default;
  explicit PackedPrefix(std::string_view packed) : packed_(packed) {}
  std::size_t depth() const { return packed_.empty() ? 0 : static_cast<unsigned char>(packed_[0]); }
  // Calls f(level, std::optional<std::string_view> value) for each level, most significant first.
  template <typename F>
  void for_each(F&& f) const {
    std::size_t pos = 1;
    for (std::size_t k = 0; k < depth(); ++k) {
      const auto len = static_cast<unsigned char>(packed_[pos++]);
      if (len == kPackedOmitted) {
        f(k, std::optional<std::string_view>{});
      } else {
        f(k, std::optional<std::string_view>(packed_.substr(pos, len)));
        pos += len;
      }
    }
  }

 private:
  std::string_view packed_;
};

// Writes the prefix's values into `a` (omitted levels are left absent).
void apply_prefix(x400::ORAddress& a, const OrPrefix& p);
void apply_prefix(x400::ORAddress& a, const PackedPrefix& p);
// Sets hierarchy level `k` of `a` to `value`.
void set_level(x400::ORAddress& a, std::size_t k, std::string value);

// Matching key of one level: lower-cased value; "" and " " (blank ADMD,
// X.400(1984) zero-length ADMD) are the same; "\x01" for absent/omitted.
void append_level_key(std::string& key, std::optional<std::string_view> value);
std::string prefix_key(const OrPrefix& p);

}  // namespace mixer::mapping::address
