// Helpers shared by the X.400 <-> JSON converters (x400/json): reading typed
// fields out of a json::Value with errors that name the JSON path, and the
// JSON forms of the ASN.1 primitive types.
//
// JSON forms (one rule per ASN.1 type, used by every converter):
//  - OBJECT IDENTIFIER: "2.6.1.4.11" (dotted string).
//  - UTCTime / GeneralizedTime: the string as written on the wire ("240501120000Z").
//  - octet strings that carry text in a 8-bit character set the gateway does
//    not transcode (TeletexString, VideotexString, GeneralString, IA5 data):
//    a JSON string when every octet is printable ASCII, TAB, CR or LF; else
//    {"hex": "..."}. Both forms are accepted on input.
//  - opaque octets (OCTET STRING data): {"hex": "..."}.
//  - a kept BER TLV (open types, unknown extensions): {"ber": "<hex of the TLV>"}.
//  - BIT STRING: {"hex": "...", "bit-count": n}; named-bit lists use an
//    array of names (unknown bits as numbers).
// Unknown object members are rejected (a misspelt field is an error, not a
// silently dropped value).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "x400/ber/types.hpp"

namespace mixer::x400::xjson {

// Errors are "<json path>: <what>", e.g. "$.ipm.heading.subject: expected a string".
template <typename T>
using JsonResult = Result<T, std::string>;
using JsonStatus = Status<std::string>;

std::string join_path(std::string_view path, std::string_view key);
std::string index_path(std::string_view path, std::size_t i);

// ---- writing ----
json::Value octet_text(std::string_view octets);
json::Value hex_bytes(std::span<const std::uint8_t> bytes);
json::Value ber_tlv(std::span<const std::uint8_t> tlv);
json::Value bit_string(const ber::BitString& bits);
json::Value named_bits(const ber::BitString& bits, std::span<const std::string_view> names);
json::Value time_value(const ber::Time& t);

// ---- reading ----
JsonStatus expect_object(const json::Value& v, std::string_view path,
                         std::initializer_list<std::string_view> allowed_keys);
// The member, or nullptr when absent; a JSON null counts as absent.
const json::Value* optional_member(const json::Value& obj, std::string_view key);
JsonResult<const json::Value*> required_member(const json::Value& obj, std::string_view key,
                                               std::string_view path);

JsonResult<std::string> read_string(const json::Value& v, std::string_view path);
// Checks the characters of a restricted string type (PrintableString, ...).
JsonResult<std::string> read_restricted(const json::Value& v, std::string_view path, ber::StringKind kind);
JsonResult<std::string> read_octet_text(const json::Value& v, std::string_view path);
JsonResult<std::vector<std::uint8_t>> read_hex_bytes(const json::Value& v, std::string_view path);
JsonResult<std::vector<std::uint8_t>> read_ber_tlv(const json::Value& v, std::string_view path);
JsonResult<std::int64_t> read_int(const json::Value& v, std::string_view path);
JsonResult<bool> read_bool(const json::Value& v, std::string_view path);
JsonResult<ber::Oid> read_oid(const json::Value& v, std::string_view path);
JsonResult<ber::Time> read_time(const json::Value& v, std::string_view path, ber::TimeKind kind);
JsonResult<ber::BitString> read_bit_string(const json::Value& v, std::string_view path);
JsonResult<ber::BitString> read_named_bits(const json::Value& v, std::string_view path,
                                           std::span<const std::string_view> names);
JsonResult<const json::Array*> read_array(const json::Value& v, std::string_view path);
// An enumerated value given by name (index = value) or as an integer.
JsonResult<std::int64_t> read_enum(const json::Value& v, std::string_view path,
                                   std::span<const std::string_view> names);
// Name of an enumerated value, or the integer when unnamed.
json::Value enum_value(std::int64_t v, std::span<const std::string_view> names);

}  // namespace mixer::x400::xjson

// Propagates the error of a JsonStatus (MIXER_TRY needs a value).
#define MIXER_XJSON_CHECK(expr)                                                        \
  do {                                                                                 \
    auto mixer_xjson_s_ = (expr);                                                      \
    if (!mixer_xjson_s_.ok()) return ::mixer::fail(std::move(mixer_xjson_s_).error()); \
  } while (0)
