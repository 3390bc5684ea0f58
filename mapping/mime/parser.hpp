// RFC 5322 + MIME (RFC 2045/2046) message parser. Why our own parser and
// not mimetic's: we need header fields kept verbatim in order (for the
// rfc-822-heading-list round trip, RFC 2156 §5.1.2), bodies as views instead
// of copies, named limits and errors with byte offsets.
//
// Accepts CRLF and bare-LF line ends (files on disk use LF). Leniency where
// real mail needs it, matching Python's email package: a line that is not a
// header field ends the header (no separator); a missing close delimiter
// ends the multipart at the end of its body; an invalid Content-Type means
// text/plain. Limits (MimeLimits) are hard errors.
#pragma once

#include <string>

#include "common/result.hpp"
#include "mapping/mime/entity.hpp"
#include "mapping/mime/error.hpp"
#include "mapping/mime/limits.hpp"

namespace mixer::mapping::mime {

// Parses a whole message; the entity tree views `input`'s buffer.
Result<Entity, MimeError> parse_message(const BodyRef& input, const MimeLimits& limits = {});
Result<Entity, MimeError> parse_message(std::string input, const MimeLimits& limits = {});

// "\r\n" if the first line break of `text` is CRLF (or there is none), else "\n".
std::string_view detect_eol(std::string_view text) noexcept;

}  // namespace mixer::mapping::mime
