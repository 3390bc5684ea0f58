// Internal to the P1 codec (x400/asn/p1_*.cpp): the per-PDU decoders and
// encoders, and how Content bytes are kept (shared with the input buffer, or copied).
#pragma once

#include <memory>

#include "x400/asn/p1_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::asn::detail {

// Keeps Content views alive: when `owner` is set, content is a view into it.
struct ContentOwner {
  std::shared_ptr<const void> owner;
  ber::BerResult<SharedBytes> content(const ber::Element& e) const;
};

// An ORName whose [APPLICATION 0] tag may have been replaced implicitly.
ber::BerResult<ORName> read_or_name(const ber::Element& e);
// Keeps an unknown SET member.
inline RawBer raw(const ber::Element& e) { return RawBer(e.encoding.begin(), e.encoding.end()); }

ber::BerResult<PerRecipientTransferFields> decode_per_recipient(const ber::Element& e);
void encode_per_recipient(ber::Writer& w, const PerRecipientTransferFields& v);
ber::BerResult<std::vector<PerRecipientTransferFields>> decode_per_recipient_list(const ber::Element& e);

ber::BerResult<MessageTransferEnvelope> decode_message_envelope(const ber::Element& e);
void encode_message_envelope(ber::Writer& w, const MessageTransferEnvelope& v);
ber::BerResult<ProbeTransferEnvelope> decode_probe_envelope(const ber::Element& e);
void encode_probe_envelope(ber::Writer& w, const ProbeTransferEnvelope& v, ber::Tag t);
ber::BerResult<ReportTransferEnvelope> decode_report_envelope(const ber::Element& e);
void encode_report_envelope(ber::Writer& w, const ReportTransferEnvelope& v);
ber::BerResult<ReportTransferContent> decode_report_content(const ber::Element& e, const ContentOwner& owner);
void encode_report_content(ber::Writer& w, const ReportTransferContent& v);

}  // namespace mixer::x400::asn::detail
