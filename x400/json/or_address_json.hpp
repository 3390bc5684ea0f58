// ORName / ORAddress (X.411 12.5, x400/asn/or_address.hpp) <-> JSON, with the
// X.411 ASN.1 attribute names as keys, flattened into one object:
//   {"country-name": "GB", "administration-domain-name": " ",
//    "private-domain-name": "ACME", "personal-name": {"surname": "Smith"},
//    "organizational-unit-names": ["Sales"], "common-name": "...",
//    "extension-attributes-other": [{"type": 99, "value": {"ber": "..."}}],
//    "directory-name": {"ber": "..."}}
// CHOICE {NumericString, PrintableString} attributes (country-name, ADMD,
// PRMD, postal-code, physical-delivery-country-name) are a string for the
// printable alternative and {"numeric": "..."} for the numeric one. Teletex
// attributes use the octet-text form of json_fields.hpp; universal-* ones are
// {"text": "<UTF-8>", "form": "bmp"|"universal", "language": "en"}.
// Only present attributes are written; reading rejects unknown keys and
// characters outside each attribute's string type.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "x400/asn/or_address.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson {

json::Value to_json(const ORAddress& a);
json::Value to_json(const ORName& n);

JsonResult<ORAddress> or_address_from_json(const json::Value& v, std::string_view path);

// The CHOICE { NumericString, PrintableString } strings (country name, ADMD,
// PRMD): "GB" printable, {"numeric": "234"} numeric. Shared with the P1
// GlobalDomainIdentifier (p1_common_json.hpp).
json::Value to_json(const NumericOrPrintable& v);
JsonResult<NumericOrPrintable> numeric_or_printable_from_json(const json::Value& v, std::string_view path);
JsonResult<ORName> or_name_from_json(const json::Value& v, std::string_view path);

}  // namespace mixer::x400::xjson
