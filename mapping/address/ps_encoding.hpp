// ps-encoding (RFC 2156 §3.4, App. E `ps-encoded`): ASCII text carried inside
// an X.400 PrintableString. PrintableString characters other than "(" and ")"
// are copied; @ % ! " _ ( ) become (a) (p) (b) (q) (u) (l) (r); every other
// ASCII character becomes "(" 3DIGIT ")" with its decimal code.
//
// Applied only where RFC 2156 applies it: the value of the RFC-822 domain
// defined attribute (§4.3.2) and IPM identifiers made from msg-ids (§4.7.3).
// Never to ordinary O/R attribute values (those use std-or "$" escaping).
#pragma once

#include <string>
#include <string_view>

#include "mapping/address/error.hpp"

namespace mixer::mapping::address {

// True for the App. E `ps-restricted-char` set (PrintableString minus "(" ")").
bool is_ps_restricted_char(char c);
// True for every X.208 PrintableString character (ps-restricted-char, "(", ")").
bool is_printable_string_char(char c);
bool is_printable_string(std::string_view s);

// Encodes ASCII text; a byte >= 0x80 is an error (kNonAscii): RFC 2156 defines
// the encoding for ASCII only.
AddressResult<std::string> ps_encode(std::string_view ascii);

// Exact inverse of ps_encode. Errors: a character outside PrintableString, an
// unknown or unterminated "(...)" escape, a numeric escape above 127.
AddressResult<std::string> ps_decode(std::string_view printable);

}  // namespace mixer::mapping::address
