// Typed JSON views of the values of X.411 standard extensions
// (MTSAbstractService, clause 12.2.1.1 and its EXTENSION definitions), shown
// by `mixer x400 dump` next to the raw TLV as "decoded":
//   1  recipient-reassignment-prohibited  "recipient-reassignment-allowed" | "...-prohibited"
//   3  dl-expansion-prohibited            "dl-expansion-allowed" | "dl-expansion-prohibited"
//   4  conversion-with-loss-prohibited    "conversion-with-loss-allowed" | "...-prohibited"
//   5  latest-delivery-time               "YYMMDDhhmmssZ" (UTCTime)
//   13 originator-return-address          ORAddress (or_address_json.hpp)
//   23 content-correlator                 {"ia5text": "..."} | {"octets": {"hex": ...}}
//   26 dl-expansion-history               [{"address": ORName, "dl-expansion-time": "..."}]
//   37 trace-information                  TraceInformation (p1_common_json.hpp)
//   38 internal-trace-information         InternalTraceInformation
//   39 reporting-MTA-name                 {"domain": GDI, "mta-name": "...",
//                                          "mta-directory-name": {"ber": ...}}
// Every other type (security ones included) stays only as {"ber": ...}.
// The raw TLV is authoritative when both are present (it may be valid
// non-canonical BER); a "decoded" alone is encoded from its typed JSON.
#pragma once

#include <optional>
#include <string_view>

#include "common/json.hpp"
#include "x400/asn/p1_common.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson {

// The typed view of `x.value`, or nullopt when its type is not listed above
// or its value does not decode as that type (then only the raw TLV is shown).
std::optional<json::Value> extension_value_to_json(const asn::ExtensionField& x);

// The value TLV for the typed JSON `decoded` of extension `x` (its type set);
// an error naming `path` when the type is not listed above or the JSON does
// not fit the type.
JsonResult<asn::RawBer> extension_value_from_json(const asn::ExtensionField& x, const json::Value& decoded,
                                                  std::string_view path);

}  // namespace mixer::x400::xjson
