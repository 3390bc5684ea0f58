// RFC 2047 encoded words in unstructured header text (Subject, Comments)
// and in phrases (display names). Decoding yields UTF-8; encoding writes
// UTF-8 encoded words (B or Q, whichever is shorter), at most 75 characters
// each (§2), never splitting a character (§5), only where the text is not
// plain ASCII, so ASCII text passes unchanged.
#pragma once

#include <string>
#include <string_view>

namespace mixer::mapping::mime {

// Decodes every well-formed encoded word (RFC 2047 §6.1; white space
// between two adjacent encoded words is dropped, §6.2). An encoded word
// whose charset is unknown or whose bytes are invalid is left as written.
// Raw 8-bit text that is valid UTF-8 is kept (RFC 6532); other 8-bit bytes
// are read as ISO 8859-1 so that nothing becomes '?'.
std::string decode_header_text(std::string_view unfolded);

// Unstructured text (RFC 2047 §5 (1)): leading and trailing ASCII words stay
// plain; the span from the first to the last word needing encoding becomes
// encoded words. Also encodes ASCII words that would be mistaken for an
// encoded word.
std::string encode_unstructured(std::string_view utf8);

// A phrase (display name, RFC 2047 §5 (3)): plain ASCII atoms are returned
// as they are, other ASCII as a quoted-string, anything else as encoded
// words using only the characters §5 (3) allows.
std::string encode_phrase(std::string_view utf8);

}  // namespace mixer::mapping::mime
