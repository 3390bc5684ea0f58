// Text forms of the X.411 envelope values that the MIXER header fields carry
// (RFC 2156 App. C, §5.3; digest §2.4, §5.1). Each parse_* is the exact
// inverse of its format_* on values format_* can produce; parse_* returns
// nullopt for text it does not recognise (the caller then keeps the header
// field verbatim in the rfc-822-heading-list instead of guessing).
//
//   global-id     "/C=GB/ADMD=BT/PRMD=XYZ/" (most significant first, as the
//                 MTS identifier writes it, mapping/heading/identifiers.hpp)
//   encoded-info  "IA5-Text, Teletex, 2.6.1.4.11" (built-in names of RFC
//                 1327/2156; extended EITs as dotted OIDs)
//   x400-trace    "by /C=GB/ADMD=BT/; deferred until <date-time>; converted
//                 (IA5-Text); attempted /C=../ADMD=../; Relayed, Expanded;
//                 <date-time>" (X400-Received, one trace element)
//   dl-expansion  "<mailbox> ; <date-time>" (DL-Expansion-History, one entry)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x400/asn/p1_common.hpp"

namespace mixer::mapping::message {

std::string format_gdi(const x400::asn::GlobalDomainIdentifier& gdi);
std::optional<x400::asn::GlobalDomainIdentifier> parse_gdi(std::string_view text);

std::string format_eits(const x400::asn::EncodedInformationTypes& eits);
std::optional<x400::asn::EncodedInformationTypes> parse_eits(std::string_view text);

std::string format_trace_element(const x400::asn::TraceInformationElement& t);
std::optional<x400::asn::TraceInformationElement> parse_trace_element(std::string_view text);

// "a, b, c" split at top-level commas (none of our values holds a comma
// outside a date-time, which is never split here).
std::vector<std::string> split_list(std::string_view text, char sep = ',');
std::string_view trim(std::string_view s);

}  // namespace mixer::mapping::message
