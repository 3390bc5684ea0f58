// Internal to mapping/body: the state of one body conversion (options,
// mapping context, part count against BodyLimits) and the recursive entry
// points the per-concept files (forwarded IPM, structure wrapper, file
// transfer, tunnel) call back into. Not a public API.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/body/body.hpp"

namespace mixer::mapping::body::detail {

struct Walk {
  const BodyOptions& options;
  const address::MappingContext& ctx;
  std::size_t parts = 0;  // body parts / entities seen so far (all levels)

  // Counts one more part; fails when BodyLimits::max_parts is exceeded.
  Status<MappingFailure> count(const std::string& where);
  // Fails when `depth` exceeds BodyLimits::max_depth.
  Status<MappingFailure> enter(std::size_t depth, const std::string& where) const;
};

// "Content-..." (the fields the body mapping owns).
bool is_content_field(std::string_view name);
// base64 in 64-character words separated by spaces, so that a header field
// carrying it folds (X400-Delivery-Envelope, X400-FTBP-Parameters).
std::string spaced_base64(const std::vector<std::uint8_t>& bytes);

// A body (sequence of parts) -> one entity: the single part's entity, or
// multipart/mixed. `where` names the body ("body", "body[2].message.body").
Result<mime::Entity, MappingFailure> body_to_entity(const Body& body, Walk& w, std::size_t depth,
                                                    const std::string& where);
// An entity (headers beyond Content-* ignored) -> a body: multipart/mixed
// becomes the sequence, any other entity one part.
Result<Body, MappingFailure> entity_to_body(const mime::Entity& e, Walk& w, std::size_t depth,
                                            const std::string& where);
// One body part -> one entity (counted against max_parts).
Result<mime::Entity, MappingFailure> part_to_mime(const x400::p22::BodyPart& part, Walk& w, std::size_t depth,
                                                  const std::string& where);
// One entity -> one body part (multipart/mixed nested inside a body becomes
// a structure wrapper too, so that nesting survives).
Result<x400::p22::BodyPart, MappingFailure> entity_to_part(const mime::Entity& e, Walk& w, std::size_t depth,
                                                           const std::string& where);

// forwarded.cpp: message [9] <-> message/rfc822, and the structure wrapper
// (a message body part standing for a multipart other than the top-level
// multipart/mixed).
bool is_structure_wrapper(const x400::p22::MessageBodyPart& m);
Result<mime::Entity, MappingFailure> message_to_mime(const x400::p22::MessageBodyPart& m, Walk& w,
                                                     std::size_t depth, const std::string& where);
Result<x400::p22::BodyPart, MappingFailure> message_from_mime(const mime::Entity& e, Walk& w,
                                                              std::size_t depth, const std::string& where);
Result<mime::Entity, MappingFailure> wrapper_to_mime(const x400::p22::MessageBodyPart& m, Walk& w,
                                                     std::size_t depth, const std::string& where);
Result<x400::p22::BodyPart, MappingFailure> wrapper_from_mime(const mime::Entity& multipart, Walk& w,
                                                              std::size_t depth, const std::string& where);

// attachment.cpp: file transfer body part <-> attachment leaf.
Result<mime::Entity, MappingFailure> ftbp_to_mime(const x400::p22::FileTransferBodyPart& part, const Walk& w,
                                                  const std::string& where);
// Any leaf -> FTBP (or BilaterallyDefined when the peer wants it).
Result<x400::p22::BodyPart, MappingFailure> attachment_from_mime(const mime::Entity& leaf, const Walk& w,
                                                                 const std::string& where);

}  // namespace mixer::mapping::body::detail
