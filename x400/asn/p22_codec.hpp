// BER encode/decode of the X.420 information objects (p22_types.hpp):
// InformationObject (content types 22 and 2), IPM, IPN, and the bare IPN SET
// carried in a notification body part (id-et-notification).
//
// Decoding follows X.420 (1999) Annex A with IMPLICIT TAGS, the X.690 BER
// rules of x400/ber (definite and indefinite lengths, constructed strings,
// SET members in any order) and the limits of ber::Limits. Errors carry the
// ASN.1 field path ("InformationObject.ipm.heading.primary-recipients[1]
// .recipient.formal-name") and the byte offset of the offending element.
// A member that appears twice, a missing mandatory member, an unknown tag in
// a SET without extension marker, an ENUMERATED value outside its list (for
// the non-extensible importance and sensitivity), and trailing bytes are
// errors; unknown heading extensions and unknown extended body part types are
// kept (as TLVs / EXTERNALs), not errors.
//
// Zero copy: body part data points into the decoded buffer (SharedBytes
// holding `owner`); constructed (segmented) strings are reassembled once.
//
// Encoding produces definite-length BER; SET members are written in tag order
// and DEFAULT values only when the model holds them (see p22_types.hpp), so
// the output is DER for values without open types. Values the type cannot
// carry (an IA5 body with octets > 0x7f, a PrintableString with '@', an
// importance outside its list) are an encode error naming the field.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "x400/asn/p22_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::p22 {

// The content type of the information object (X.411 ContentType built-in).
enum class ContentKind : std::uint8_t {
  p2 = 2,    // X.420 (1984): no heading extensions, no extended body parts
  p22 = 22,  // X.420 (1988+)
};

// Decodes an InformationObject from the whole of `buffer` (no trailing bytes).
// The result's body data shares `buffer`.
ber::BerResult<InformationObject> decode_information_object(
    std::shared_ptr<const std::vector<std::uint8_t>> buffer, const ber::Limits& limits = {});
// The same from bytes the caller keeps: they are copied once into a shared buffer.
ber::BerResult<InformationObject> decode_information_object(ber::Bytes data, const ber::Limits& limits = {});
// The bare IPN SET of a notification body part (X.420 7.4.13, id-et-notification).
ber::BerResult<Ipn> decode_ipn(ber::Bytes data, const ber::Limits& limits = {});

// Decoding of one element already read by a caller (the P1 content, an
// extended body part), with the owner of the element's bytes.
ber::BerResult<InformationObject> read_information_object(const ber::Element& e,
                                                          const std::shared_ptr<const void>& owner);

ber::BerResult<std::vector<std::uint8_t>> encode_information_object(const InformationObject& v);
ber::BerResult<std::vector<std::uint8_t>> encode_ipn(const Ipn& v);  // bare SET
void write_information_object(ber::Writer& w, const InformationObject& v);

// Checks that an IPM uses only what X.420 (1984) can carry (content type 2):
// no heading extensions, no extended body parts, no recipient extensions, no
// 1988 notification-request bits. The error names the first offending field.
ber::BerStatus check_p2_compatible(const InformationObject& v);

}  // namespace mixer::x400::p22
