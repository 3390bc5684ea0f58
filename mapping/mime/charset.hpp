// Character set conversion to and from UTF-8 for MIME charsets (RFC 2046
// §4.1.2, IANA names) and the X.400 text repertoires: T.61/Teletex
// (ITU-T T.61, glibc "T.61-8BIT") and ISO 6937 ("ISO_6937"). Uses glibc
// iconv; a byte sequence that is not valid in the source charset, or a
// character the target cannot represent, is an error, never a '?'.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "mapping/mime/error.hpp"

namespace mixer::mapping::mime {

bool is_ascii(std::string_view s) noexcept;
bool is_valid_utf8(std::string_view s) noexcept;

// Lower-case charset name with the common aliases folded ("latin1" ->
// "iso-8859-1", "teletex" -> "t.61", "ascii" -> "us-ascii").
std::string canonical_charset(std::string_view name);

// Converts bytes in `charset` to UTF-8.
Result<std::string, MimeError> to_utf8(std::string_view charset, std::string_view bytes);
// Converts UTF-8 to `charset`; fails if a character is not representable.
Result<std::string, MimeError> from_utf8(std::string_view charset, std::string_view utf8);

}  // namespace mixer::mapping::mime
