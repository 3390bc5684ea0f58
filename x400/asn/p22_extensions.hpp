// Typed access to the heading extensions the gateway maps (the model keeps
// every extension as {OID, TLV}, p22_types.hpp):
//  - rfc-822-heading-list (RFC 2156 5.1.2): RFC822FieldList ::= SEQUENCE OF
//    RFC822Field, RFC822Field ::= IA5String, one complete header field each;
//  - languages (X.420 Annex A, id-hex-languages): SET OF Language,
//    Language ::= PrintableString (SIZE (2..5));
//  - auto-submitted (id-hex-auto-submitted): ENUMERATED { not-auto-submitted(0),
//    auto-generated(1), auto-replied(2) };
//  - incomplete-copy (id-hex-incomplete-copy): NULL.
// decode_* take the value TLV of an IpmsExtension; make_* build the whole
// extension. find_extension() returns the first extension with a type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "x400/asn/p22_oids.hpp"
#include "x400/asn/p22_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::p22 {

enum class AutoSubmitted : std::uint8_t { not_auto_submitted = 0, auto_generated = 1, auto_replied = 2 };

const IpmsExtension* find_extension(const std::vector<IpmsExtension>& list, const ber::Oid& type);
bool is_rfc822_field_list(const ber::Oid& type);  // either spelling, see p22_oids.hpp

ber::BerResult<std::vector<std::string>> decode_rfc822_field_list(const RawBer& value);
ber::BerResult<std::vector<std::string>> decode_languages(const RawBer& value);
ber::BerResult<AutoSubmitted> decode_auto_submitted(const RawBer& value);

// Encoding errors (a non-IA5 header, a language code that is not 2..5
// printable characters) come back as BerError kind encode.
ber::BerResult<IpmsExtension> make_rfc822_field_list(const std::vector<std::string>& fields);
ber::BerResult<IpmsExtension> make_languages(const std::vector<std::string>& codes);
IpmsExtension make_auto_submitted(AutoSubmitted v);
IpmsExtension make_incomplete_copy();

// The RFC 822 header fields of a heading: nullopt when it has no
// rfc-822-heading-list extension, an error when the extension is malformed.
ber::BerResult<std::optional<std::vector<std::string>>> rfc822_heading_list(const Heading& h);

}  // namespace mixer::x400::p22
