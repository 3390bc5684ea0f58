// X.400 IPM body (X.420 7.3: SEQUENCE OF BodyPart) <-> MIME entity tree
// (RFC 2045/2046), the body half of RFC 2157 as RFC 2156 §1.9 requires.
// Digest §3; decisions in docs/conformance/x400-p22.md ("Bodies").
//
// X.400 -> MIME (body_to_mime):
//   one body part              -> that part's entity (no multipart)
//   several body parts         -> multipart/mixed, parts in order (RFC 2157 §3.1)
//   leaf parts                 -> mapping/body/leaf.hpp (IA5Text, GeneralText, Teletex,
//                                 BilaterallyDefined)
//   message [9] (ForwardedIPM) -> message/rfc822; inner heading via mapping/heading,
//                                 delivery time/envelope as X400-* fields (recursive, depth-limited)
//   a structure wrapper        -> the original multipart/<subtype> (see below)
//   file transfer (FTBP)       -> the attachment leaf (media type, file name, dates, size)
//   anything else              -> application/x400-bp (RFC 1494 §6.1 style tunnel: the
//                                 body part's BER, base64) that converts back unchanged
// MIME -> X.400 (body_from_mime): the reverse; the top-level multipart/mixed
//   becomes the body part sequence; multipart/alternative, /related and every
//   nested multipart become a structure wrapper (a message body part whose
//   heading's rfc-822-heading-list holds the original Content-* fields and whose
//   body holds the parts), so the reverse rebuilds the same structure;
//   message/rfc822 -> ForwardedIPM; text/plain us-ascii / ISO 8859-n -> IA5Text /
//   GeneralText; any other leaf -> FTBP (or BilaterallyDefined when the peer
//   is configured for it: attachments_as_bilateral).
// Only the Content-* fields of `e` are read; the caller owns the other headers.
// Pure functions; body bytes are shared (views), not copied, where no transfer
// encoding or charset conversion is needed.
#pragma once

#include <cstddef>
#include <vector>

#include "common/result.hpp"
#include "mapping/address/context.hpp"
#include "mapping/body/leaf.hpp"
#include "mapping/body/limits.hpp"
#include "mapping/failure.hpp"
#include "mapping/mime/entity.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::body {

// X.420 Body ::= SEQUENCE OF BodyPart
using Body = std::vector<x400::p22::BodyPart>;

struct BodyOptions {
  LeafOptions leaf;
  // Per peer: attachments (non-text leaves) as BilaterallyDefined (only the
  // octets survive) instead of the file transfer body part.
  bool attachments_as_bilateral = false;
  BodyLimits limits;
};

// X.400 body (sequence of body parts) -> one MIME entity (single part, or
// multipart/mixed). The entity's headers hold only Content-* fields.
Result<mime::Entity, MappingFailure> body_to_mime(const Body& body, const BodyOptions& o,
                                                  const address::MappingContext& ctx);

// MIME entity (the message's top-level entity, headers included) -> X.400 body.
Result<Body, MappingFailure> body_from_mime(const mime::Entity& e, const BodyOptions& o,
                                            const address::MappingContext& ctx);

}  // namespace mixer::mapping::body
