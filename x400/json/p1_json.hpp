// X.411 MTS-APDU (x400/asn/p1_types.hpp) <-> JSON with the ASN.1 field names
// of MTAAbstractService (X.411 clause 12), what `mixer x400 dump --as
// mts-apdu` prints and `mixer x400 encode` reads:
//   {"message": {"envelope": {"message-identifier": {...}, "originator-name": {...},
//                  "content-type": {"built-in": 22}, "priority": "urgent",
//                  "per-message-indicators": ["content-return-request"],
//                  "trace-information": [...], "extensions": [...],
//                  "per-recipient-fields": [{"recipient-name": {...},
//                     "originally-specified-recipient-number": 1,
//                     "per-recipient-indicators": ["responsibility", "originator-report"],
//                     "explicit-conversion": "ia5-text-to-teletex", "extensions": [...]}]},
//                "content": {"hex": "...", "information-object": {"ipm": {...}}}}}
//   {"report": {"envelope": {"report-identifier", "report-destination-name",
//                 "trace-information", "extensions"},
//               "content": {"subject-identifier", "subject-intermediate-trace-information",
//                 "original-encoded-information-types", "content-type", "content-identifier",
//                 "returned-content": <content>, "additional-information": {"ber": ...},
//                 "extensions", "per-recipient-fields": [{"actual-recipient-name",
//                   "originally-specified-recipient-number", "per-recipient-indicators",
//                   "last-trace-information": {"arrival-time", "converted-encoded-information-types",
//                     "report-type": {"delivery": {"message-delivery-time", "type-of-MTS-user"}}
//                                  | {"non-delivery": {"non-delivery-reason-code": "unable-to-transfer",
//                                      "non-delivery-diagnostic-code": "unrecognised-OR-name"}}},
//                   "originally-intended-recipient-name", "supplementary-information", "extensions"}]}}}
//   {"probe": {"probe-identifier", "originator-name", ..., "content-length", ...}}
// Content (an OCTET STRING) is {"hex": ...}; when the content type is built-in
// 2 or 22 the decoded X.420 InformationObject (p22_json.hpp) is added as
// "information-object" (or "information-object-error" with the decoder's
// message when it does not decode). On input "hex" is authoritative and must
// agree with an "information-object" given beside it; "information-object"
// alone is encoded. SET members X.411 does not define are "unknown-members":
// [{"ber": ...}]. Shared types: p1_common_json.hpp.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "x400/asn/p1_types.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson {

json::Value to_json(const asn::MtsApdu& v);  // {"message"|"report"|"probe": ...}
JsonResult<asn::MtsApdu> mts_apdu_from_json(const json::Value& v, std::string_view path);

}  // namespace mixer::x400::xjson
