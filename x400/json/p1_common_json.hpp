// X.411 parameter types shared by the P1 envelopes (x400/asn/p1_common.hpp)
// <-> JSON, keyed by the X.411 ASN.1 field names (MTAAbstractService /
// MTSAbstractService). Used by p1_json.hpp (MTS-APDU) and printed by
// `mixer x400 dump --as mts-apdu`.
//
// Shapes:
//   GlobalDomainIdentifier  {"country-name": "GB", "administration-domain-name": " ",
//                            "private-domain-identifier": "ACME"}   (CHOICE strings as in
//                            or_address_json.hpp: "x" printable, {"numeric": "1"} numeric)
//   MTSIdentifier           {"global-domain-identifier": {...}, "local-identifier": "..."}
//   ContentType             {"built-in": 22} | {"extended": "2.6.1.10.1"}
//   EncodedInformationTypes {"built-in-encoded-information-types": ["ia5-text"],
//                            "g3-facsimile": [8, 9], "teletex": {"ber": ...},
//                            "extended-encoded-information-types": ["2.6.3.4.0"]}
//   ExtensionField          {"standard-extension": "latest-delivery-time" | 99
//                            or "private-extension": "1.2.3",
//                            "type-form": "explicit-1988" (PP's [0] EXPLICIT; absent = 1992),
//                            "criticality": ["for-transfer"],
//                            "value": {"ber": "<TLV hex>"}, "decoded": <typed, see
//                            p1_extension_json.hpp>}
//   TraceInformationElement {"global-domain-identifier": {...}, "domain-supplied-information":
//                            {"arrival-time": "...", "routing-action": "relayed",
//                             "attempted-domain": {...}, "deferred-time": "...",
//                             "converted-encoded-information-types": {...},
//                             "other-actions": ["redirected"]}}
//   InternalTraceInformationElement: the same with "mta-name" and "mta-supplied-information"
//                            (whose attempted CHOICE is "attempted-mta" or "attempted-domain").
//   PerDomainBilateralInformation {"country-name", "administration-domain-name",
//                            "private-domain-identifier" (present = the private-domain
//                            alternative), "bilateral-information": {"ber": ...}}
// Named-bit lists are arrays of names (unnamed bits as numbers) when that
// array gives back the same BIT STRING; when the wire value carries trailing
// zero bits the array cannot express, they are {"hex", "bit-count"} (both
// forms are read), so decode -> JSON -> encode -> decode is an identity.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "x400/asn/p1_common.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson {

// Named-bit lists (see above). `min_bits`: the reader pads to it (e.g. 8 for
// PerRecipientIndicators, SIZE (8..)), and the writer knows the reader does.
json::Value flags_json(const ber::BitString& bits, std::span<const std::string_view> names,
                       std::size_t min_bits = 0);
JsonResult<ber::BitString> read_flags(const json::Value& v, std::string_view path,
                                      std::span<const std::string_view> names, std::size_t min_bits = 0);

json::Value to_json(const asn::GlobalDomainIdentifier& v);
json::Value to_json(const asn::MtsIdentifier& v);
json::Value to_json(const asn::ContentType& v);
json::Value to_json(const asn::EncodedInformationTypes& v);
json::Value to_json(const asn::ExtensionField& v);
json::Value to_json(const asn::Extensions& v);
json::Value to_json(const asn::TraceInformation& v);
json::Value to_json(const asn::InternalTraceInformation& v);
json::Value to_json(const asn::PerDomainBilateralInformation& v);
json::Value raw_list_json(const std::vector<asn::RawBer>& v);  // [{"ber": ...}, ...]

JsonResult<asn::GlobalDomainIdentifier> gdi_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::MtsIdentifier> mts_identifier_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::ContentType> content_type_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::EncodedInformationTypes> eits_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::ExtensionField> extension_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::Extensions> extensions_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::TraceInformation> trace_from_json(const json::Value& v, std::string_view path);
JsonResult<asn::InternalTraceInformation> internal_trace_from_json(const json::Value& v,
                                                                   std::string_view path);
JsonResult<asn::PerDomainBilateralInformation> pdbi_from_json(const json::Value& v, std::string_view path);
JsonResult<std::vector<asn::RawBer>> raw_list_from_json(const json::Value& v, std::string_view path);

// Reads a JSON array with `one` per element (errors name the element's index).
template <typename T, typename F>
JsonResult<std::vector<T>> list_from_json(const json::Value& v, std::string_view path, F&& one) {
  const auto* arr = MIXER_TRY(read_array(v, path));
  std::vector<T> out;
  out.reserve(arr->size());
  for (std::size_t i = 0; i < arr->size(); ++i) out.push_back(MIXER_TRY(one((*arr)[i], index_path(path, i))));
  return out;
}

template <typename T, typename F>
json::Value list_to_json(const std::vector<T>& list, F&& one) {
  json::Value a = json::Value::array();
  for (const auto& x : list) a.push(one(x));
  return a;
}

}  // namespace mixer::x400::xjson
