// Message identifiers (RFC 2156 §4.6.3, §4.7.3; digest §2.6).
//
// IPM identifier <-> msg-id (§4.7.3):
//   <local@domain>            <-> user absent, URI = ps-encoding("local@domain")
//   <URI*std-or@MHS>          <-> user = std-or, URI = ps-decoded URI (an id this
//                                 scheme generated from X.400)
//   A msg-id whose ps-encoding exceeds ub-local-ipm-identifier (64), or that
//   is not ASCII, cannot be carried reversibly: the URI becomes a unique
//   digest form and `keep_original` tells the caller to keep the original
//   Message-ID field in the rfc-822-heading-list, which wins on the way back
//   (project decision, docs/conformance/messages.md).
//
// MTS identifier (§4.6.3): "[" global-id ";" local-identifier "]", global-id
// written as std-or with the most significant attribute first, as real
// gateways write it ("[/C=JP/ADMD=HITNET/PRMD=HITACHI/;gmml16061023151403GAB]").
// A local identifier derived from a Message-ID is the msg-id itself when it
// fits (<= 32 IA5 characters), else a digest, never a truncation (digest §7.12).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::mapping::heading {

inline constexpr std::size_t kMaxLocalIpmIdentifier = 64;  // X.420 ub-local-ipm-identifier
inline constexpr std::size_t kMaxMtsLocalIdentifier = 32;  // X.411 ub-local-id-length

struct IpmIdParts {
  std::optional<x400::ORAddress> user;
  std::string uri;             // PrintableString
  bool keep_original = false;  // the msg-id did not map reversibly
};

// `msg_id` is the unfolded Message-ID (or one element of References, ...),
// with or without angle brackets and surrounding comments.
Result<IpmIdParts, std::string> msg_id_to_ipm_id(std::string_view msg_id);
// "<...>" for an IPM identifier.
std::string ipm_id_to_msg_id(const std::optional<x400::ORAddress>& user, std::string_view uri);

// Splits a list of msg-ids ("<a@b> <c@d>", comments and phrases dropped).
std::vector<std::string> split_msg_ids(std::string_view v);

struct MtsIdText {
  std::optional<std::string> country;  // C
  std::optional<std::string> admd;     // ADMD
  std::optional<std::string> prmd;     // PRMD
  std::string local;                   // IA5
  friend bool operator==(const MtsIdText&, const MtsIdText&) = default;
};

std::string format_mts_id(const MtsIdText& id);
std::optional<MtsIdText> parse_mts_id(std::string_view v);

// A local identifier for a message entering X.400 from the Internet.
std::string derive_mts_local_id(std::string_view msg_id);

}  // namespace mixer::mapping::heading
