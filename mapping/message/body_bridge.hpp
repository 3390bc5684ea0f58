// The IPM body <-> the MIME body of the whole message (RFC 2157; digest §3),
// as the whole-message conversion needs it: the top-level entity of the
// Internet message (its Content-* fields and body) on one side, the body part
// sequence on the other.
//
// This first version maps a body of one leaf body part (mapping/body/leaf)
// and the empty body (an empty text/plain message); body part sequences,
// forwarded IPMs and file transfer body parts belong to mapping/body's
// sequence mapping and give conversion-impractical until it is wired in.
// Encoded information types are computed from the body parts (X.420 7.4:
// extended body parts contribute their type OID).
#pragma once

#include <vector>

#include "common/result.hpp"
#include "mapping/body/leaf.hpp"
#include "mapping/failure.hpp"
#include "mapping/mime/entity.hpp"
#include "x400/asn/p1_common.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::message {

// The entity that becomes the message body: its headers are only Content-*
// fields (the caller adds the message header before them).
Result<mime::Entity, MappingFailure> body_to_mime(const std::vector<x400::p22::BodyPart>& body,
                                                  const body::LeafOptions& options);

// `message` is the parsed top-level entity (its non-MIME header fields are ignored).
Result<std::vector<x400::p22::BodyPart>, MappingFailure> body_from_mime(const mime::Entity& message);

x400::asn::EncodedInformationTypes encoded_information_types(const std::vector<x400::p22::BodyPart>& body);

}  // namespace mixer::mapping::message
