// Value syntaxes of the RFC 2156 header fields (App. C, §5.3; digest §2.4)
// and their X.400 counterparts, as pure functions over plain values. The
// heading/envelope mapping uses these; each pair is an exact inverse on the
// values the other side can produce.
//
//   Importance          "low" / "normal" / "high"       <-> X.420 Importance 0/1/2
//   Sensitivity         "Personal" / "Private" /
//                       "Company-Confidential"          <-> X.420 Sensitivity 1/2/3
//   Priority            "normal" / "non-urgent" /
//                       "urgent"                        <-> X.411 Priority 0/1/2
//   Conversion, Conversion-With-Loss, Alternate-Recipient, Disclose-Recipients,
//   Content-Return      "Allowed" / "Prohibited"        <-> BOOLEAN (true = prohibited
//                                                           for the *-prohibited fields)
//   Autoforwarded       "TRUE" / "FALSE"                <-> BOOLEAN
//   date-time           RFC 5322 §3.3                    <-> UTCTime (§3.3.5 of RFC 2156)
//   Language            1#(2ALPHA [comment])             <-> languages extension (ISO 639)
//   X400-Content-Type   "P2-1988 (22)" / "22" / OID      <-> built-in integer or OID
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "x400/ber/types.hpp"

namespace mixer::mapping::heading {

// Case-insensitive keyword tables. parse_* return nullopt for a value that
// is not in the table: the caller keeps such a header in the heading list.
std::optional<int> parse_importance(std::string_view v);
std::string_view importance_text(int v);  // "" for a value outside 0..2
std::optional<int> parse_sensitivity(std::string_view v);
std::string_view sensitivity_text(int v);  // "" for a value outside 1..3
std::optional<int> parse_priority(std::string_view v);
std::string_view priority_text(int v);  // "" for a value outside 0..2

// "Allowed" -> false, "Prohibited" -> true.
std::optional<bool> parse_prohibited(std::string_view v);
std::string_view prohibited_text(bool prohibited);
std::optional<bool> parse_boolean(std::string_view v);  // "TRUE"/"FALSE" (also yes/no)
std::string_view boolean_text(bool v);

// RFC 5322 §3.3 date-time (obsolete zones and two-digit years of §4.3
// accepted) -> UTCTime with the zone kept as written: "+0000", "GMT" and
// "UT" become "Z", other zones a numeric offset, "-0000" (unknown zone)
// local time. Seconds stay absent when absent. nullopt outside 1950..2049.
std::optional<x400::ber::Time> parse_date_time(std::string_view v);
// UTCTime/GeneralizedTime -> "Mon, 23 Nov 2026 12:00:00 +0100" (four-digit
// year, numeric zone; local time -> "-0000").
std::string format_date_time(const x400::ber::Time& t);

// Language: ISO 639 two-letter codes, comments and descriptions dropped;
// nullopt when an element is not a two-letter code.
std::optional<std::vector<std::string>> parse_languages(std::string_view v);
std::string format_languages(const std::vector<std::string>& codes);

// X400-Content-Type: built-in content types are integers (X.411
// BuiltInContentType: 2 = P2-1984, 22 = P2-1988), extended ones OIDs.
using ContentTypeValue = std::variant<std::int64_t, x400::ber::Oid>;
std::optional<ContentTypeValue> parse_content_type(std::string_view v);
std::string format_content_type(const ContentTypeValue& v);

}  // namespace mixer::mapping::heading
