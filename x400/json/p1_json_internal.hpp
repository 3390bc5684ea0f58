// Internal to x400/json/p1_json*.cpp (MTS-APDU <-> JSON, split into the
// writer and the reader): the X.411 names of the enumerated and named-bit
// types and the helpers for named INTEGERs. Not a public API.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "x400/asn/p1_types.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson::detail {

inline constexpr std::array<std::string_view, 3> kPriority = {"normal", "non-urgent", "urgent"};
inline constexpr std::array<std::string_view, 8> kPerMessageIndicators = {
    "disclosure-of-other-recipients", "implicit-conversion-prohibited", "alternate-recipient-allowed",
    "content-return-request", "reserved", "bit-5", "bit-6", "service-message"};
inline constexpr std::array<std::string_view, 8> kPerRecipientIndicators = {
    "responsibility", "originating-MTA-report", "originating-MTA-non-delivery-report", "originator-report",
    "originator-non-delivery-report", "reserved-5", "reserved-6", "reserved-7"};
// PerRecipientIndicators ::= BIT STRING (SIZE (8..ub-bit-options)); the codec pads to 8.
inline constexpr std::size_t kPerRecipientIndicatorBits = 8;
inline constexpr std::array<std::string_view, 18> kExplicitConversion = {
    "ia5-text-to-teletex",      "teletex-to-telex",       "telex-to-ia5-text",    "telex-to-teletex",
    "telex-to-g4-class-1",      "telex-to-videotex",      "ia5-text-to-telex",    "telex-to-g3-facsimile",
    "ia5-text-to-g3-facsimile", "ia5-text-to-g4-class-1", "ia5-text-to-videotex", "teletex-to-ia5-text",
    "teletex-to-g3-facsimile",  "teletex-to-g4-class-1",  "teletex-to-videotex",  "videotex-to-telex",
    "videotex-to-ia5-text",     "videotex-to-teletex"};
inline constexpr std::array<std::string_view, 7> kTypeOfMtsUser = {"public", "private", "ms", "dl",
                                                                   "pdau",   "physical-recipient", "other"};
inline Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

// Integers are read as the model holds them: size constraints (1..ub-recipients,
// 0..ub-reason-codes, ...) are not checked, because the BER decoders keep such
// values from peers and `x400 encode` must take back everything `dump` prints.

// A named INTEGER (NonDeliveryReasonCode, ...): its ASN.1 name (as
// asn::to_string spells it) when 0 <= v <= max_named, else the number.
template <typename E>
json::Value code_json(E v, std::int64_t max_named) {
  const auto n = static_cast<std::int64_t>(v);
  if (n >= 0 && n <= max_named) return json::Value(asn::to_string(v));
  return json::Value(static_cast<long long>(n));
}

template <typename E>
JsonResult<E> code_from(const json::Value& v, std::string_view path, std::int64_t max_named) {
  if (v.is_string()) {
    for (std::int64_t n = 0; n <= max_named; ++n)
      if (asn::to_string(static_cast<E>(n)) == v.as_string()) return static_cast<E>(n);
    return error(path, "unknown name \"" + v.as_string() + "\" (give an X.411 name or a number)");
  }
  return static_cast<E>(MIXER_TRY(read_int(v, path)));
}

// Content ::= OCTET STRING as {"hex", "information-object"} (see p1_json.hpp); in p1_json.cpp.
JsonResult<asn::SharedBytes> content_from_json(const json::Value& v, std::string_view path);

}  // namespace mixer::x400::xjson::detail
