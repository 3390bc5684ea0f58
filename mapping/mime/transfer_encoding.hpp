// Content-Transfer-Encoding (RFC 2045 §6): base64 and quoted-printable
// decode/encode, and the choice of an encoding for output: 7bit for a
// 7-bit next hop, 8bit when the next hop offers 8BITMIME (RFC 6152) and the
// data is line-oriented text, else quoted-printable for mostly-ASCII text and
// base64 for everything else.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "mapping/mime/error.hpp"

namespace mixer::mapping::mime {

enum class TransferEncoding { seven_bit, eight_bit, binary, quoted_printable, base64 };

// From the unfolded Content-Transfer-Encoding value (case-insensitive,
// comments allowed); nullopt for an unknown token (RFC 2045 §6.4: treat the
// body as application/octet-stream).
std::optional<TransferEncoding> parse_transfer_encoding(std::string_view value);
std::string_view to_string(TransferEncoding te) noexcept;

// RFC 2045 §6.8. White space and line breaks are skipped; any other
// character outside the alphabet, or data after the padding, is an error
// with its offset. Missing final padding is accepted.
Result<std::string, MimeError> base64_decode(std::string_view in);
// Lines of 76 characters separated by `eol`, with a final `eol` when
// non-empty.
std::string base64_encode(std::string_view in, std::string_view eol = "\r\n");

// RFC 2045 §6.7. Soft line breaks removed, =XX decoded (either case);
// malformed '=' sequences are kept literally (§6.7 note 1), and transport
// padding before a line break is dropped (rule 3).
std::string qp_decode(std::string_view in);
// Text: CRLF line breaks become `eol` hard breaks; bare CR and LF are
// encoded (=0D, =0A) so decoding restores the exact bytes. Binary: CR and
// LF are always encoded. Lines never exceed 76 characters.
std::string qp_encode(std::string_view in, bool text, std::string_view eol = "\r\n");

// Decodes a body with the given encoding (7bit/8bit/binary are copied).
Result<std::string, MimeError> decode_body(TransferEncoding te, std::string_view body);

struct EncodingPolicy {
  bool peer_8bitmime = false;  // the next hop offered 8BITMIME
};

// Picks the encoding that carries `data` unchanged over the next hop.
TransferEncoding choose_encoding(std::string_view data, bool is_text, const EncodingPolicy& policy);

// Encodes for output; 7bit/8bit return the data unchanged.
std::string encode_body(TransferEncoding te, std::string_view data, bool is_text,
                        std::string_view eol = "\r\n");

}  // namespace mixer::mapping::mime
