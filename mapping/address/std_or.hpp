// The RFC 2156 textual O/R address, std-or (§4.1, App. E std-or-address and
// std-or-address-input), and the RFC 1685 / F.401 form.
//
// Parsing accepts:
//  - "/KEY=value/KEY=value/" with "/" or ";" as separators, keywords in any
//    case, the canonical keys of §4.1.1 (C ADMD PRMD X121 T-ID O OU UA-ID PN
//    S G I GQ CN PD-* NET-NUM NET-SUB T-TY), DDAs as "DD.type=value",
//    "DDA:type=value" or "RFC-822=value", and F.401 aliases (A P Q N-ID
//    X.121 OU1..OU4);
//  - the RFC 1685 form "C=GB;A=BT;P=XYZ;O=ABC;S=Smith;G=John" (no leading
//    separator).
//  OU and DDA order (§4.3.3, RFC 1026 §2): in the "/" form the most
//  significant OU/DDA is the rightmost; in the RFC 1685 form (no leading
//  separator) it is the leftmost, as F.401 writes it. OU1..OU4 keys give the
//  position explicitly in either form.
//  Values: "$" escapes ("$/", "$="), teletex-and-or-ps ("Muller*M{200}uller").
//  The result is checked against X.411 upper bounds (check_or_address).
//
// Printing writes the generated form of §4.1: canonical upper-case keys,
// least significant attribute first ("/G=John/S=Smith/OU=Dev/OU=Sales/O=ABC/
// PRMD=XYZ/ADMD=BT/C=GB/"), so that the most significant OU/DDA is on the
// right. Attributes with no std-or keyword (universal-* forms, unknown
// extensions, NET-PSAP) make print_std_or fail (kUnmappable): they cannot be
// written without loss.
#pragma once

#include <string>
#include <string_view>

#include "mapping/address/error.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::mapping::address {

AddressResult<x400::ORAddress> parse_std_or(std::string_view text);
AddressResult<std::string> print_std_or(const x400::ORAddress& address);

// encoded-pn (§4.1.2): [given "."] *(initial ".") surname. Fails when the
// text does not fit the grammar.
AddressResult<x400::PersonalName> parse_encoded_pn(std::string_view text);
// The encoded-pn form when it parses back to exactly `pn` (§4.1.2 rules),
// else nullopt.
std::optional<std::string> print_encoded_pn(const x400::PersonalName& pn);

}  // namespace mixer::mapping::address
