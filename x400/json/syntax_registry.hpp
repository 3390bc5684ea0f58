// The X.400 syntaxes `mixer x400 dump` / `encode` know, by name: one BER value
// <-> one self-describing JSON document whose single top-level member names
// what it holds, so that encode needs no --as:
//   ipm / information-object  X.420 InformationObject -> {"ipm": ...} or {"ipn": ...}
//   ipn                       bare IPN SET (notification body part) -> {"notification": ...}
//   orname                    X.411 ORName -> {"orname": ...}
//   mts-apdu / p1             X.411 MTS-APDU -> {"mts-apdu": {"message"|"report"|"probe": ...}}
//   bind-argument / -result / -error, or bind (picked by the wrapper tag)
//                             X.411 MTA-bind PDUs -> {"bind-argument": {"wrapping", "value"}}, ...
// (JSON shapes: p22_json.hpp, or_address_json.hpp, p1_json.hpp, p1_bind_json.hpp.)
// (The names match the oracle's decode-ber aliases.) Errors are one line:
// the BER field path and byte offset, or the JSON path.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "x400/ber/reader.hpp"

namespace mixer::x400::xjson {

struct Syntax {
  std::string_view name;
  std::string_view summary;
};

std::span<const Syntax> syntaxes();
bool known_syntax(std::string_view name);

// BER -> JSON document; the whole input must be one value.
Result<json::Value, std::string> dump_ber(std::string_view syntax, ber::Bytes data,
                                          const ber::Limits& limits = {});
// JSON document (as produced by dump_ber) -> BER.
Result<std::vector<std::uint8_t>, std::string> encode_document(const json::Value& doc);
// The dump_ber syntax that prints a document with this top-level member
// ("notification" -> "ipn", "mts-apdu" -> "mts-apdu"), or "" when unknown.
std::string_view dump_syntax_of(std::string_view document_key);

}  // namespace mixer::x400::xjson
