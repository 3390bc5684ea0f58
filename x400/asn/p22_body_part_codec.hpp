// BER encode/decode of ONE X.420 BodyPart (X.420 7.3, the CHOICE element of
// Body ::= SEQUENCE OF BodyPart) on its own, for the body mapping's tunnel
// of body parts with no MIME equivalent (mapping/body: application/x400-bp
// carries exactly these bytes, and the reverse decodes them back).
// Same rules, limits and zero-copy behaviour as p22_codec.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "x400/asn/p22_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::p22 {

// Decodes one BodyPart from the whole of `buffer` (no trailing bytes); the
// result's data shares `buffer`.
ber::BerResult<BodyPart> decode_body_part(std::shared_ptr<const std::vector<std::uint8_t>> buffer,
                                          const ber::Limits& limits = {});
ber::BerResult<std::vector<std::uint8_t>> encode_body_part(const BodyPart& v);

}  // namespace mixer::x400::p22
