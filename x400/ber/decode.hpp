// Decoding the contents of one Element as a universal type (X.690 8.2-8.26).
// These functions do not check the tag, so they serve both the universal tag
// and IMPLICIT context tags: the caller has already matched the tag with
// Reader::expect / Reader::optional. Each checks the primitive/constructed
// form the type allows and reports errors at the element's offset.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "x400/ber/reader.hpp"
#include "x400/ber/types.hpp"

namespace mixer::x400::ber {

// BOOLEAN (8.2): one octet, any non-zero value is TRUE in BER.
BerResult<bool> read_boolean(const Element& e);
// INTEGER (8.3) that must fit in 64 bits; minimal encoding required (8.3.2).
BerResult<std::int64_t> read_integer(const Element& e);
// INTEGER of any size: the two's-complement contents octets (a view).
BerResult<Bytes> read_big_integer(const Element& e);
// ENUMERATED (8.4): encoded as an INTEGER.
inline BerResult<std::int64_t> read_enumerated(const Element& e) { return read_integer(e); }
// NULL (8.8): no contents octets.
BerStatus read_null(const Element& e);
// OBJECT IDENTIFIER (8.19) and RELATIVE-OID (8.20): arcs minimal, < 2^64.
BerResult<Oid> read_oid(const Element& e);
BerResult<Oid> read_relative_oid(const Element& e);

// OCTET STRING (8.7): a view of the contents when primitive; a constructed
// encoding (8.7.3) is reassembled into `scratch` and the view points there.
// Segments must be OCTET STRINGs ([UNIVERSAL 4]) themselves (8.7.3.2).
BerResult<Bytes> read_octets(const Element& e, std::vector<std::uint8_t>& scratch);
BerResult<std::vector<std::uint8_t>> read_octets_copy(const Element& e);
// BIT STRING (8.6), primitive or constructed (8.6.4).
BerResult<BitString> read_bit_string(const Element& e);
// A character string (8.23): checks the character set of the kind, converts
// BMPString and UniversalString to UTF-8, keeps T.61/ISO 2022 bytes as they are.
BerResult<std::string> read_string(const Element& e, StringKind kind);
// UTCTime (8.25) / GeneralizedTime (8.26).
BerResult<Time> read_time(const Element& e, TimeKind kind);
// Either time type, chosen by the element's universal tag.
BerResult<Time> read_any_time(const Element& e);

}  // namespace mixer::x400::ber
