// Typed access to the few X.411 envelope extensions the MIXER header fields
// carry (X.411 clause 12.2.1.1, MTSAbstractService; RFC 2156 App. C):
//   conversion-with-loss-prohibited (4)  ENUMERATED { allowed (0), prohibited (1) }
//   latest-delivery-time (5)             Time (UTCTime)
//   dl-expansion-history (26)            SEQUENCE OF DLExpansion ::= SEQUENCE {
//                                          address ORName ([APPLICATION 0]),
//                                          dl-expansion-time Time }
// Values are the TLV inside the extension's [2] (ExtensionField::value).
// A value that does not decode is reported as nullopt: the caller treats the
// extension as unknown (kept on relay, listed as discarded on the Internet).
#pragma once

#include <optional>
#include <vector>

#include "x400/asn/p1_common.hpp"

namespace mixer::mapping::message {

struct DlExpansion {
  x400::ORName address;
  x400::ber::Time time;
  friend bool operator==(const DlExpansion&, const DlExpansion&) = default;
};

// The first standard extension with this number, or nullptr.
const x400::asn::ExtensionField* find_standard(const x400::asn::Extensions& exts, std::int64_t number);

std::optional<bool> decode_conversion_with_loss_prohibited(const x400::asn::RawBer& value);
x400::asn::ExtensionField conversion_with_loss_prohibited_extension(bool prohibited);

std::optional<x400::ber::Time> decode_latest_delivery_time(const x400::asn::RawBer& value);
x400::asn::ExtensionField latest_delivery_time_extension(const x400::ber::Time& t);

std::optional<std::vector<DlExpansion>> decode_dl_expansion_history(const x400::asn::RawBer& value);
x400::asn::ExtensionField dl_expansion_history_extension(const std::vector<DlExpansion>& history);

}  // namespace mixer::mapping::message
