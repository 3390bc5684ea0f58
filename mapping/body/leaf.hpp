// Leaf body parts <-> MIME leaf entities (RFC 2157, digest §3.2):
//   IA5Text                       <-> text/plain; charset=us-ascii
//   GeneralText (ISO 2375 sets)   <-> text/plain; charset=<ISO 8859-n> (registrations 6 + right half)
//   Teletex (T.61)                 -> text/plain; charset=utf-8 (a conversion)
//   BilaterallyDefined            <-> application/octet-stream
// Data is shared, never copied, where no conversion happens (the MIME body
// view becomes the X.400 SharedBytes and back). Other body parts and media
// types are not mapped here yet: they give a MappingFailure
// (conversion-impractical) rather than a lossy guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "mapping/failure.hpp"
#include "mapping/mime/entity.hpp"
#include "mapping/mime/transfer_encoding.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::body {

struct LeafOptions {
  bool conversion_prohibited = false;  // MTS implicit-conversion-prohibited
  mime::EncodingPolicy encoding;       // next hop's capabilities
};

// ISO 2375 registrations <-> MIME charset name ("iso-8859-1" <-> {6, 100}).
std::optional<std::string> charset_of_registrations(const std::vector<std::int64_t>& sets);
std::optional<std::vector<std::int64_t>> registrations_of_charset(std::string_view charset);

// A MIME body view as X.400 body part data: shares the owner (no copy), or
// copies when the view has no owner.
x400::p22::SharedBytes shared_of(const mime::BodyRef& r);

Result<mime::Entity, MappingFailure> leaf_to_mime(const x400::p22::BodyPart& part, const LeafOptions& options,
                                                  const std::string& where);
Result<x400::p22::BodyPart, MappingFailure> leaf_from_mime(const mime::Entity& leaf,
                                                           const std::string& where);

}  // namespace mixer::mapping::body
