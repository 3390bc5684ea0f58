// Value types of the BER universal types that have no natural C++ type:
// OBJECT IDENTIFIER / RELATIVE-OID (X.690 8.19, 8.20), BIT STRING (8.6),
// UTCTime / GeneralizedTime (X.680 46, 47; X.690 8.25, 8.26) and the
// character string kinds (X.680 41).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mixer::x400::ber {

// OBJECT IDENTIFIER or RELATIVE-OID: the arcs as numbers.
struct Oid {
  std::vector<std::uint64_t> arcs;

  Oid() = default;
  Oid(std::initializer_list<std::uint64_t> a) : arcs(a) {}
  explicit Oid(std::vector<std::uint64_t> a) : arcs(std::move(a)) {}

  // "2.6.1.10.1"; nullopt on anything but dot-separated decimal arcs.
  static std::optional<Oid> parse(std::string_view dotted);
  std::string to_string() const;
  friend bool operator==(const Oid&, const Oid&) = default;
  friend auto operator<=>(const Oid&, const Oid&) = default;
};

// BIT STRING: bits numbered from 0 = most significant bit of the first octet
// (X.690 8.6.2.1). `bytes.size()` is (bit_count + 7) / 8.
struct BitString {
  std::vector<std::uint8_t> bytes;
  std::size_t bit_count = 0;

  bool test(std::size_t bit) const {
    return bit < bit_count && (bytes[bit / 8] & (0x80u >> (bit % 8))) != 0;
  }
  // Sets a named bit, growing the string as needed.
  void set(std::size_t bit, bool value = true);
  // Drops trailing zero bits, as DER requires for named-bit lists (X.690 11.2.2).
  void trim_trailing_zeros();
  friend bool operator==(const BitString&, const BitString&) = default;
};

enum class TimeKind : std::uint8_t { utc_time, generalized_time };

// A UTCTime or GeneralizedTime value as written (no time-zone arithmetic).
struct Time {
  TimeKind kind = TimeKind::utc_time;
  int year = 1970;  // full year; UTCTime YY >= 50 -> 19YY, else 20YY (as RFC 5280 4.1.2.5.1)
  int month = 1, day = 1, hour = 0;
  std::optional<int> minute = 0;  // only GeneralizedTime may omit minutes
  std::optional<int> second;      // UTCTime and GeneralizedTime may omit seconds
  std::string fraction;           // GeneralizedTime fraction digits, without the '.'
  // nullopt: local time (GeneralizedTime without zone); 0 with utc_z: "Z";
  // else the offset in minutes east of UTC ("+hhmm" / "-hhmm").
  std::optional<int> offset_minutes = 0;
  bool utc_z = true;

  // Parses the contents octets of a UTCTime / GeneralizedTime.
  static std::optional<Time> parse(TimeKind kind, std::string_view text);
  // The contents octets for this value.
  std::string to_string() const;
  // Seconds since 1970-01-01T00:00:00Z (local time is taken as UTC).
  std::int64_t to_unix() const;
  static Time from_unix(std::int64_t seconds, TimeKind kind);
  friend bool operator==(const Time&, const Time&) = default;
};

// The restricted and unrestricted character string types (X.680 41).
enum class StringKind : std::uint8_t {
  numeric,    // [UNIVERSAL 18] digits and space
  printable,  // [UNIVERSAL 19] X.680 41.4 Table 10
  teletex,    // [UNIVERSAL 20] T.61 bytes, kept as they are
  videotex,   // [UNIVERSAL 21] T.100 bytes, kept as they are
  ia5,        // [UNIVERSAL 22] 0x00..0x7f
  graphic,    // [UNIVERSAL 25] ISO 2022 bytes, kept as they are
  visible,    // [UNIVERSAL 26] 0x20..0x7e
  general,    // [UNIVERSAL 27] ISO 2022 bytes, kept as they are
  universal,  // [UNIVERSAL 28] UCS-4 on the wire, UTF-8 in memory
  bmp,        // [UNIVERSAL 30] UCS-2 on the wire, UTF-8 in memory
  utf8,       // [UNIVERSAL 12] validated UTF-8
};

const char* to_string(StringKind k);
// True when `s` (in memory form) is a valid value of kind `k`.
bool valid_string(StringKind k, std::string_view s);
bool valid_utf8(std::string_view s);

}  // namespace mixer::x400::ber
