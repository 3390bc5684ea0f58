// MTS-APDU codec (X.411 clause 12 / X.419 P1): decode and encode Message,
// Report and Probe transfer PDUs. Tags per Wireshark's X.411 modules
// (MTAAbstractService, IMPLICIT TAGS).
//
// Decoding a shared buffer keeps Content and returned-content as views into
// it (no copy of body bytes; a constructed/indefinite Content, as PP sends,
// is reassembled once). Decoding a plain view copies them.
// Errors: a BerError whose path starts with "MTS-APDU", e.g.
// "MTS-APDU.message.envelope.per-recipient-fields[2].recipient-name".
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "x400/asn/p1_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::asn {

ber::BerResult<MtsApdu> decode_mts_apdu(std::shared_ptr<const std::vector<std::uint8_t>> buffer,
                                        const ber::Limits& limits = {});
ber::BerResult<MtsApdu> decode_mts_apdu(ber::Bytes data, const ber::Limits& limits = {});
ber::BerResult<std::vector<std::uint8_t>> encode_mts_apdu(const MtsApdu& apdu);
void encode_mts_apdu(ber::Writer& w, const MtsApdu& apdu);

// "message" / "report" / "probe"
const char* kind_name(const MtsApdu& apdu);

}  // namespace mixer::x400::asn
