// Building MIME entities for output (X.400 -> Internet direction) and
// reading decoded content back: the transfer encoding is chosen from the
// data and the next hop (RFC 2045 §6, RFC 6152), multipart boundaries are
// chosen so that they occur in no part (RFC 2046 §5.1.1).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/entity.hpp"
#include "mapping/mime/error.hpp"
#include "mapping/mime/transfer_encoding.hpp"

namespace mixer::mapping::mime {

// A leaf with Content-Type `ct` holding `decoded` content; adds
// Content-Transfer-Encoding (omitted for 7bit). When no encoding is needed
// the body is the same view (no copy). `extra` fields are written after
// Content-Type.
Entity make_leaf(const ContentType& ct, const BodyRef& decoded, const EncodingPolicy& policy,
                 std::string_view eol = "\r\n");

// multipart/<subtype> over `parts`; the boundary is unique against every
// part's bytes.
Entity make_multipart(std::string_view subtype, std::vector<Entity> parts,
                      std::vector<Parameter> extra_params = {});

// message/rfc822 around `inner` (7bit or 8bit per the inner content).
Entity make_message(Entity inner);

// The decoded content of a leaf (transfer encoding removed). 7bit/8bit/
// binary bodies are returned as the same view, without copying.
Result<BodyRef, MimeError> decoded_body(const Entity& leaf);

}  // namespace mixer::mapping::mime
