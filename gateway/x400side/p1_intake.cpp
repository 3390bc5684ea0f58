#include "gateway/x400side/p1_intake.hpp"

#include <memory>
#include <vector>

#include "gateway/queue/attr_keys.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/heading/identifiers.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::x400side {

namespace address = mapping::address;
namespace attr = queue::attr;
using x400::asn::per_recipient_indicator::kResponsibility;

std::string mts_id_text(const x400::asn::MtsIdentifier& id) {
  mapping::heading::MtsIdText t;
  const auto& g = id.global_domain_identifier;
  t.country = g.country_name.value;
  t.admd = g.administration_domain_name.value;
  if (g.private_domain_identifier) t.prmd = g.private_domain_identifier->value;
  t.local = id.local_identifier;
  return mapping::heading::format_mts_id(t);
}

namespace {

std::string std_or_or_empty(const x400::ORAddress& a) {
  auto s = address::print_std_or(a);
  return s ? *s : std::string();
}

// One recipient of the record: mapped to RFC 5321, or failed with the reason.
queue::Recipient make_recipient(const x400::ORAddress& a, std::int64_t number,
                                const address::MappingContext& ctx, bool loop) {
  queue::Recipient r;
  const std::string std_or = std_or_or_empty(a);
  if (!std_or.empty()) r.attrs[attr::kOrAddress] = std_or;
  r.attrs[attr::kRecipientNumber] = std::to_string(number);
  auto mapped = address::map_x400_to_822(ctx, a);
  if (mapped) {
    r.address = mapped->address;
  } else {
    r.address = std_or.empty() ? kUnmappablePlaceholder : std_or;
    r.status = queue::RcptStatus::failed;
    r.diagnostic = "unmappable recipient: " + mapped.error().to_string();
  }
  if (loop && r.status != queue::RcptStatus::failed) {
    r.status = queue::RcptStatus::failed;
    r.diagnostic = kLoopDiagnostic;
  }
  return r;
}

}  // namespace

Result<Intake, std::string> intake_apdu(std::span<const std::uint8_t> bytes, std::string_view peer_mta,
                                        const address::MappingContext& ctx, const IntakeSettings& s,
                                        std::int64_t now) {
  if (bytes.size() > s.max_size)
    return fail("MTS-APDU of " + std::to_string(bytes.size()) + " octets exceeds limits.max_message_size (" +
                std::to_string(s.max_size) + ")");
  auto buffer = std::make_shared<const std::vector<std::uint8_t>>(bytes.begin(), bytes.end());
  auto decoded = x400::asn::decode_mts_apdu(buffer);
  if (!decoded) return fail("undecodable MTS-APDU: " + decoded.error().to_string());

  Intake in;
  in.apdu = std::move(decoded).value();
  queue::Record& rec = in.record;
  rec.arrival = now;
  rec.direction = queue::Direction::x400_to_smtp;
  rec.attrs[attr::kFormat] = attr::kFormatP1Apdu;
  rec.attrs[attr::kReceivedFrom] = std::string(peer_mta);
  rec.content.assign(bytes.begin(), bytes.end());

  auto add_per_recipient = [&](const auto& fields, bool loop) -> Result<Ok, std::string> {
    std::size_t ours = 0;
    for (const auto& f : fields) {
      if (!f.per_recipient_indicators.test(kResponsibility)) continue;
      if (++ours > s.max_recipients)
        return fail("more than limits.max_recipients (" + std::to_string(s.max_recipients) +
                    ") recipients this MTA is responsible for");
      rec.recipients.push_back(
          make_recipient(f.recipient_name.address, f.originally_specified_recipient_number, ctx, loop));
      if (rec.recipients.back().status == queue::RcptStatus::failed) ++in.failed;
    }
    if (ours == 0)
      return fail("no recipient with the responsibility bit set (X.411 per-recipient-indicators)");
    return Ok{};
  };

  if (auto* m = std::get_if<x400::asn::Message>(&in.apdu)) {
    in.kind = ApduKind::message;
    rec.attrs[attr::kMtsId] = mts_id_text(m->envelope.message_identifier);
    rec.originator = std_or_or_empty(m->envelope.originator_name.address);
    in.loop = m->envelope.trace_information.size() > s.max_trace_elements;
    MIXER_TRY(add_per_recipient(m->envelope.per_recipient_fields, in.loop));
  } else if (auto* p = std::get_if<x400::asn::Probe>(&in.apdu)) {
    in.kind = ApduKind::probe;
    rec.attrs[attr::kMtsId] = mts_id_text(p->envelope.probe_identifier);
    rec.originator = std_or_or_empty(p->envelope.originator_name.address);
    in.loop = p->envelope.trace_information.size() > s.max_trace_elements;
    MIXER_TRY(add_per_recipient(p->envelope.per_recipient_fields, in.loop));
  } else {
    const auto& r = std::get<x400::asn::Report>(in.apdu);
    in.kind = ApduKind::report;
    rec.attrs[attr::kMtsId] = mts_id_text(r.envelope.report_identifier);
    rec.attrs[attr::kIsReport] = "1";
    // A report is never reported on: the originator stays empty (null path).
    in.loop = r.envelope.trace_information.size() > s.max_trace_elements;
    rec.recipients.push_back(make_recipient(r.envelope.report_destination_name.address, 1, ctx, in.loop));
    if (rec.recipients.back().status == queue::RcptStatus::failed) ++in.failed;
  }
  return in;
}

}  // namespace mixer::x400side
