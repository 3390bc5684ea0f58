// X.420 information objects (x400/asn/p22_types.hpp) <-> JSON, with the
// ASN.1 field names of X.420 Annex A as keys (what `mixer x400 dump` prints
// and `mixer x400 encode` reads):
//   {"ipm": {"heading": {"this-IPM": {...}, "originator": {...},
//            "primary-recipients": [{"recipient": {"formal-name": {...}},
//                                    "notification-requests": ["rn"]}],
//            "subject": "Hi", "importance": "high", "extensions": [...]},
//            "body": [{"ia5-text": {"data": "Hello\r\n"}}, ...]}}
//   {"ipn": {"subject-ipm": {...}, "choice": {"receipt-fields": {...}}}}
// A CHOICE is an object with exactly one member naming the alternative.
// Heading extensions are {"type": "<OID>", "value": ...}: the value is typed
// JSON for rfc-822-heading-list and languages (arrays of strings) and
// auto-submitted (a name), {"ber": "..."} for any other type; absent when the
// extension has no value (DEFAULT NULL). Primitive forms: json_fields.hpp;
// O/R names: or_address_json.hpp. JSON -> value rejects unknown members and
// values the ASN.1 type cannot hold, with the JSON path in the message.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "x400/asn/p22_types.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson {

json::Value to_json(const p22::InformationObject& v);
json::Value to_json(const p22::Ipm& v);
json::Value to_json(const p22::Ipn& v);

JsonResult<p22::InformationObject> information_object_from_json(const json::Value& v,
                                                                std::string_view path = "$");
JsonResult<p22::Ipm> ipm_from_json(const json::Value& v, std::string_view path);
JsonResult<p22::Ipn> ipn_from_json(const json::Value& v, std::string_view path);

}  // namespace mixer::x400::xjson
