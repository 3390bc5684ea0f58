// MTS-APDU ::= CHOICE { message [0] Message, probe [2] Probe, report [1] Report }
// (X.411 MTAAbstractService). Message ::= SEQUENCE { envelope, content },
// Report ::= SEQUENCE { envelope, content }, Probe ::= ProbeTransferEnvelope
// (so [2] replaces the SET tag implicitly).
#include "x400/asn/p1_apdu.hpp"

#include "x400/asn/p1_codec_internal.hpp"

namespace mixer::x400::asn {

using namespace ber;  // NOLINT: codec file

namespace {

BerResult<MtsApdu> decode(Bytes data, const Limits& limits, const detail::ContentOwner& owner) {
  Reader top(data, limits);
  auto e = MIXER_BER_FIELD("MTS-APDU", top.next());
  MtsApdu out;
  if (e.tag == context(0)) {
    auto r = MIXER_BER_FIELD("MTS-APDU.message", e.children());
    Message m;
    auto env = MIXER_BER_FIELD("MTS-APDU.message.envelope", r.expect(tags::kSet));
    m.envelope = MIXER_BER_FIELD("MTS-APDU.message.envelope", detail::decode_message_envelope(env));
    auto content = MIXER_BER_FIELD("MTS-APDU.message.content", r.expect(tags::kOctetString));
    m.content = MIXER_BER_FIELD("MTS-APDU.message.content", owner.content(content));
    MIXER_BER_CHECK("MTS-APDU.message", r.finish());
    out = std::move(m);
  } else if (e.tag == context(1)) {
    auto r = MIXER_BER_FIELD("MTS-APDU.report", e.children());
    Report rep;
    auto env = MIXER_BER_FIELD("MTS-APDU.report.envelope", r.expect(tags::kSet));
    rep.envelope = MIXER_BER_FIELD("MTS-APDU.report.envelope", detail::decode_report_envelope(env));
    auto content = MIXER_BER_FIELD("MTS-APDU.report.content", r.expect(tags::kSet));
    rep.content = MIXER_BER_FIELD("MTS-APDU.report.content", detail::decode_report_content(content, owner));
    MIXER_BER_CHECK("MTS-APDU.report", r.finish());
    out = std::move(rep);
  } else if (e.tag == context(2)) {
    out = Probe{MIXER_BER_FIELD("MTS-APDU.probe", detail::decode_probe_envelope(e))};
  } else {
    return fail(within(unexpected(e.offset, "expected message [0], report [1] or probe [2], found " + e.tag.to_string()),
                       "MTS-APDU"));
  }
  MIXER_BER_CHECK("MTS-APDU", top.finish());
  return out;
}

}  // namespace

BerResult<MtsApdu> decode_mts_apdu(std::shared_ptr<const std::vector<std::uint8_t>> buffer, const Limits& limits) {
  if (!buffer) return fail(within(unexpected(0, "no buffer"), "MTS-APDU"));
  const Bytes data(*buffer);
  return decode(data, limits, detail::ContentOwner{std::move(buffer)});
}

BerResult<MtsApdu> decode_mts_apdu(Bytes data, const Limits& limits) {
  return decode(data, limits, detail::ContentOwner{});
}

void encode_mts_apdu(Writer& w, const MtsApdu& apdu) {
  if (const auto* m = std::get_if<Message>(&apdu)) {
    auto t = w.begin(context(0));
    detail::encode_message_envelope(w, m->envelope);
    w.octets(m->content.bytes());
    w.end(t);
  } else if (const auto* r = std::get_if<Report>(&apdu)) {
    auto t = w.begin(context(1));
    detail::encode_report_envelope(w, r->envelope);
    detail::encode_report_content(w, r->content);
    w.end(t);
  } else {
    detail::encode_probe_envelope(w, std::get<Probe>(apdu).envelope, context(2));
  }
}

BerResult<std::vector<std::uint8_t>> encode_mts_apdu(const MtsApdu& apdu) {
  Writer w;
  if (const auto* m = std::get_if<Message>(&apdu)) w.reserve(m->content.size() + 1024);
  encode_mts_apdu(w, apdu);
  return std::move(w).finish();
}

const char* kind_name(const MtsApdu& apdu) {
  switch (apdu.index()) {
    case 0: return "message";
    case 1: return "report";
    default: return "probe";
  }
}

}  // namespace mixer::x400::asn
