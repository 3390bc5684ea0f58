// The reversible MIME form of an X.400 body part with no MIME equivalence
// (RFC 2157 via RFC 1494 §6.1's application/x400-bp idea; digest §3.2):
//   Content-Type: application/x400-bp; bp-type=<tag number | extended OID>
//   Content-Transfer-Encoding: base64
//   <the complete BER encoding of the BodyPart (X.420 7.3 CHOICE element)>
// bp-type is informative (the BER names the type); the reverse decodes the
// BER and so restores an equal body part whatever it is. Used for G3 fax,
// G4, videotex, encrypted, mixed-mode, nationally defined, voice, unknown
// extended and X.400 (1984) body parts.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "mapping/failure.hpp"
#include "mapping/mime/entity.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::body {

inline constexpr std::string_view kTunnelMediaType = "application/x400-bp";

// "9" for a basic body part [9], "2.6.1.4.16" for an extended one.
std::string bp_type_of(const x400::p22::BodyPart& part);

Result<mime::Entity, MappingFailure> tunnel_to_mime(const x400::p22::BodyPart& part,
                                                    const std::string& where);
// `leaf` is an application/x400-bp entity.
Result<x400::p22::BodyPart, MappingFailure> tunnel_from_mime(const mime::Entity& leaf,
                                                             const std::string& where);

}  // namespace mixer::mapping::body
