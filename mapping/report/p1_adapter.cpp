#include "mapping/report/p1_adapter.hpp"

#include <cctype>

#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/heading/identifiers.hpp"

namespace mixer::mapping::report {

namespace asn = x400::asn;
namespace p22 = x400::p22;

namespace {

ReportError err(std::string what, std::string_view field) {
  return ReportError{std::move(what), std::string(field), 0};
}

x400::NumericOrPrintable nop(std::string v) {
  x400::NumericOrPrintable n;
  n.numeric = !v.empty() && v.find_first_not_of("0123456789 ") == std::string::npos;
  n.value = std::move(v);
  return n;
}

// Text already in PrintableString form (X.680 41.4) is kept as is (the
// report model holds supplementary information encoded, see
// to_supplementary_info); anything else is encoded once here.
std::string printable(const std::string& s) {
  static constexpr std::string_view extra = " '()+,-./:=?";
  bool ok = s.size() <= kMaxSupplementaryInfo;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && extra.find(c) == std::string_view::npos) ok = false;
  return ok ? s : to_supplementary_info(s);
}

}  // namespace

std::string mts_id_text(const asn::MtsIdentifier& id) {
  heading::MtsIdText t;
  const auto& g = id.global_domain_identifier;
  if (!g.country_name.value.empty()) t.country = g.country_name.value;
  if (!g.administration_domain_name.value.empty()) t.admd = g.administration_domain_name.value;
  if (g.private_domain_identifier) t.prmd = g.private_domain_identifier->value;
  t.local = id.local_identifier;
  return heading::format_mts_id(t);
}

Result<asn::MtsIdentifier, ReportError> mts_id_from_text(std::string_view text) {
  auto t = heading::parse_mts_id(text);
  if (!t)
    return fail(
        err("not an RFC 2156 MTS identifier: '" + printable_ascii(text.substr(0, 120)) + "'", "mts-id"));
  if (!t->country || !t->admd)
    return fail(
        err("MTS identifier without C and ADMD: '" + printable_ascii(text.substr(0, 120)) + "'", "mts-id"));
  asn::MtsIdentifier id;
  id.global_domain_identifier.country_name = nop(*t->country);
  id.global_domain_identifier.administration_domain_name = nop(*t->admd);
  if (t->prmd) id.global_domain_identifier.private_domain_identifier = nop(*t->prmd);
  id.local_identifier = t->local;
  return id;
}

Result<TypedValue, ReportError> typed_from_or_name(const x400::ORName& name, std::string_view field) {
  auto text = address::print_std_or(name.address);
  if (!text) return fail(err("O/R name has no std-or form: " + text.error().to_string(), field));
  return TypedValue{"x400", std::move(text).value()};
}

Result<x400::ORName, ReportError> or_name_from_typed(const TypedValue& v, const address::MappingContext* ctx,
                                                     std::string_view field) {
  std::string type = v.type;
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  x400::ORName out;
  if (type == "x400") {
    auto a = address::parse_std_or(v.value);
    if (!a) return fail(err("bad x400 address: " + a.error().to_string(), field));
    out.address = std::move(a).value();
    return out;
  }
  if (type == "rfc822" && ctx != nullptr) {
    auto m = address::map_822_to_x400(*ctx, v.value);
    if (!m) return fail(err("rfc822 address does not map to X.400: " + m.error().to_string(), field));
    out.address = std::move(m).value().address;
    return out;
  }
  return fail(err("address type '" + printable_ascii(v.type) + "' cannot become an O/R name", field));
}

x400::ber::Time to_p1_time(Timestamp t) {
  return x400::ber::Time::from_unix(t.time_since_epoch().count(), x400::ber::TimeKind::utc_time);
}

Timestamp from_p1_time(const x400::ber::Time& t) { return Timestamp{std::chrono::seconds{t.to_unix()}}; }

// --- reports ---------------------------------------------------------------------

ReportRequest report_request_from_indicators(const x400::ber::BitString& b) {
  ReportRequest r;
  r.report = b.test(asn::per_recipient_indicator::kOriginatorReport);
  r.non_delivery_report = b.test(asn::per_recipient_indicator::kOriginatorNonDeliveryReport);
  return r;
}

x400::ber::BitString indicators_from_report_request(const ReportRequest& r) {
  x400::ber::BitString b;
  // responsibility(0) stays clear: the reporting MTA is no longer responsible.
  b.set(asn::per_recipient_indicator::kOriginatorReport, r.report);
  b.set(asn::per_recipient_indicator::kOriginatorNonDeliveryReport, r.non_delivery_report);
  return asn::at_least_8_bits(std::move(b));
}

Result<X400Report, ReportError> report_from_p1(const asn::Report& r) {
  X400Report out;
  out.subject_mts_id = mts_id_text(r.content.subject_identifier);
  out.reporting_mta = mts_id_text(asn::MtsIdentifier{
      r.envelope.trace_information.empty() ? r.content.subject_identifier.global_domain_identifier
                                           : r.envelope.trace_information.back().global_domain_identifier,
      ""});
  // "[/C=../ADMD=../;]" -> the GDI part only, as Reporting-MTA text.
  if (out.reporting_mta.size() >= 3 && out.reporting_mta.front() == '[')
    out.reporting_mta = out.reporting_mta.substr(1, out.reporting_mta.size() - 3);
  out.content_identifier = r.content.content_identifier;
  if (r.content.content_type) {
    const auto& ct = *r.content.content_type;
    if (!ct.extended) {
      out.content_type = ct.built_in == asn::ContentType::kInterpersonalMessaging1988 ? "P2-1988"
                         : ct.built_in == asn::ContentType::kInterpersonalMessaging1984
                             ? "P2"
                             : std::to_string(ct.built_in);
    }
  }
  std::size_t i = 0;
  for (const auto& f : r.content.per_recipient_fields) {
    const std::string path = "report.content.per-recipient-fields[" + std::to_string(i++) + "]";
    X400ReportRecipient rr;
    auto actual = MIXER_TRY(typed_from_or_name(f.actual_recipient_name, path + ".actual-recipient-name"));
    rr.actual_recipient = std::move(actual);
    if (f.originally_intended_recipient_name) {
      auto oir = MIXER_TRY(typed_from_or_name(*f.originally_intended_recipient_name,
                                              path + ".originally-intended-recipient-name"));
      rr.originally_intended_recipient = std::move(oir);
    }
    rr.recipient_number = f.originally_specified_recipient_number;
    rr.subject_request = report_request_from_indicators(f.per_recipient_indicators);
    const auto& lt = f.last_trace_information;
    if (!out.arrival_time) out.arrival_time = from_p1_time(lt.arrival_time);
    if (const auto* d = std::get_if<asn::DeliveryReport>(&lt.report_type)) {
      rr.delivered = true;
      rr.delivery_time = from_p1_time(d->message_delivery_time);
    } else {
      const auto& n = std::get<asn::NonDeliveryReport>(lt.report_type);
      rr.delivered = false;
      auto reason = static_cast<std::int64_t>(n.reason);
      // Unknown reason codes keep their meaning as closely as the model
      // allows: unable-to-transfer is the generic permanent failure.
      rr.codes.reason = reason >= 0 && reason <= kMaxReason ? static_cast<NonDeliveryReason>(reason)
                                                            : NonDeliveryReason::unable_to_transfer;
      if (n.diagnostic) {
        auto d = static_cast<std::int64_t>(*n.diagnostic);
        if (d >= 0 && d <= 1000) rr.codes.diagnostic = static_cast<int>(d);
      }
    }
    rr.supplementary_information = f.supplementary_information;
    out.recipients.push_back(std::move(rr));
  }
  if (out.recipients.empty()) return fail(err("report without per-recipient fields", "report.content"));
  return out;
}

Result<asn::Report, ReportError> report_to_p1(const X400Report& rep, const P1ReportWire& wire) {
  if (rep.recipients.empty()) return fail(err("report without recipients", "report"));
  asn::Report r;
  r.envelope.report_identifier = wire.report_identifier;
  r.envelope.report_destination_name = wire.destination;
  asn::TraceInformationElement te;
  te.global_domain_identifier = wire.reporting_domain;
  te.domain_supplied_information.arrival_time = to_p1_time(wire.now);
  r.envelope.trace_information.push_back(std::move(te));

  auto subject = MIXER_TRY(mts_id_from_text(rep.subject_mts_id));
  r.content.subject_identifier = std::move(subject);
  r.content.content_type = wire.content_type;
  r.content.content_identifier = rep.content_identifier;
  if (wire.returned_content) r.content.returned_content = wire.returned_content;
  std::int64_t position = 0;
  for (const auto& rr : rep.recipients) {
    ++position;
    const std::string path = "report.recipients[" + std::to_string(position - 1) + "]";
    asn::PerRecipientReportTransferFields f;
    auto actual = MIXER_TRY(or_name_from_typed(rr.actual_recipient, wire.ctx, path + ".actual-recipient"));
    f.actual_recipient_name = std::move(actual);
    if (rr.originally_intended_recipient) {
      auto oir = or_name_from_typed(*rr.originally_intended_recipient, wire.ctx,
                                    path + ".originally-intended-recipient");
      // An original recipient we cannot express is left out (X.411: OPTIONAL)
      // rather than failing the whole report.
      if (oir) f.originally_intended_recipient_name = std::move(oir).value();
    }
    f.originally_specified_recipient_number = rr.recipient_number > 0 ? rr.recipient_number : position;
    f.per_recipient_indicators =
        indicators_from_report_request(rr.subject_request.value_or(ReportRequest{true, true}));
    f.last_trace_information.arrival_time = to_p1_time(rep.arrival_time.value_or(wire.now));
    if (rr.delivered) {
      asn::DeliveryReport d;
      d.message_delivery_time = to_p1_time(rr.delivery_time.value_or(wire.now));
      f.last_trace_information.report_type = d;
    } else {
      asn::NonDeliveryReport n;
      n.reason = static_cast<asn::NonDeliveryReason>(static_cast<int>(rr.codes.reason));
      if (rr.codes.diagnostic) n.diagnostic = static_cast<asn::NonDeliveryDiagnostic>(*rr.codes.diagnostic);
      f.last_trace_information.report_type = n;
    }
    if (rr.supplementary_information && !rr.supplementary_information->empty())
      f.supplementary_information = printable(*rr.supplementary_information);
    r.content.per_recipient_fields.push_back(std::move(f));
  }
  return r;
}

// --- probes ----------------------------------------------------------------------

Result<Probe, ReportError> probe_from_p1(const asn::Probe& p, const address::MappingContext& ctx) {
  Probe out;
  out.mts_id = mts_id_text(p.envelope.probe_identifier);
  if (p.envelope.content_length && *p.envelope.content_length >= 0)
    out.content_length = static_cast<std::size_t>(*p.envelope.content_length);
  out.content_identifier = p.envelope.content_identifier;
  if (!p.envelope.trace_information.empty())
    out.arrival_time =
        from_p1_time(p.envelope.trace_information.back().domain_supplied_information.arrival_time);
  std::size_t i = 0;
  for (const auto& f : p.envelope.per_recipient_fields) {
    const std::string path = "probe.envelope.per-recipient-fields[" + std::to_string(i++) + "]";
    ProbeRecipient pr;
    auto name = MIXER_TRY(typed_from_or_name(f.recipient_name, path + ".recipient-name"));
    pr.x400_recipient = std::move(name);
    pr.request = report_request_from_indicators(f.per_recipient_indicators);
    auto mapped = address::map_x400_to_822(ctx, f.recipient_name.address);
    if (mapped) pr.mapped_rfc822 = std::move(mapped).value().address;
    out.recipients.push_back(std::move(pr));
  }
  if (out.recipients.empty())
    return fail(err("probe without recipients", "probe.envelope.per-recipient-fields"));
  return out;
}

// --- IPN ---------------------------------------------------------------------------

namespace {

Result<TypedValue, ReportError> typed_from_descriptor(const p22::OrDescriptor& d,
                                                      const address::MappingContext* ctx,
                                                      std::string_view field) {
  if (!d.formal_name) {
    if (d.free_form_name) return TypedValue{"x400", "/CN=" + printable_ascii(*d.free_form_name) + "/"};
    return fail(err("ORDescriptor without formal-name", field));
  }
  if (ctx != nullptr) {
    auto m = address::map_x400_to_822(*ctx, d.formal_name->address);
    if (m) return TypedValue{"rfc822", std::move(m).value().address};
  }
  return typed_from_or_name(*d.formal_name, field);
}

Result<p22::OrDescriptor, ReportError> descriptor_from_typed(const TypedValue& v,
                                                             const address::MappingContext* ctx,
                                                             std::string_view field) {
  auto name = MIXER_TRY(or_name_from_typed(v, ctx, field));
  p22::OrDescriptor d;
  d.formal_name = std::move(name);
  return d;
}

}  // namespace

Result<Ipn, ReportError> ipn_from_p22(const p22::Ipn& ipn, const address::MappingContext* ctx) {
  Ipn out;
  std::optional<x400::ORAddress> user;
  if (ipn.subject_ipm.user) user = ipn.subject_ipm.user->address;
  out.subject_message_id = heading::ipm_id_to_msg_id(user, ipn.subject_ipm.user_relative_identifier);
  if (!ipn.ipn_originator) return fail(err("IPN without ipn-originator", "ipn.ipn-originator"));
  auto orig = MIXER_TRY(typed_from_descriptor(*ipn.ipn_originator, ctx, "ipn.ipn-originator"));
  out.ipn_originator = std::move(orig);
  if (ipn.ipm_intended_recipient) {
    auto r = typed_from_descriptor(*ipn.ipm_intended_recipient, ctx, "ipn.ipm-intended-recipient");
    if (r) out.ipm_intended_recipient = std::move(r).value();
  }
  if (const auto* rf = std::get_if<p22::ReceiptFields>(&ipn.choice)) {
    out.receipt = true;
    out.receipt_time = from_p1_time(rf->receipt_time);
    out.acknowledgment_mode =
        rf->acknowledgment_mode.value_or(0) == 1 ? AcknowledgmentMode::automatic : AcknowledgmentMode::manual;
    out.suppl_receipt_info = rf->suppl_receipt_info;
  } else if (const auto* nf = std::get_if<p22::NonReceiptFields>(&ipn.choice)) {
    out.receipt = false;
    if (nf->non_receipt_reason != 0 && nf->non_receipt_reason != 1)
      return fail(
          err("non-receipt-reason " + std::to_string(nf->non_receipt_reason) + " has no MDN counterpart",
              "ipn.choice.non-receipt-fields.non-receipt-reason"));
    out.non_receipt_reason = static_cast<NonReceiptReason>(nf->non_receipt_reason);
    if (nf->discard_reason && *nf->discard_reason >= 0 && *nf->discard_reason <= 2)
      out.discard_reason = static_cast<DiscardReason>(*nf->discard_reason);
    out.auto_forward_comment = nf->auto_forward_comment;
  } else {
    return fail(err("other-notification-type IPN has no MDN counterpart", "ipn.choice"));
  }
  return out;
}

Result<p22::Ipn, ReportError> ipn_to_p22(const Ipn& ipn, const address::MappingContext* ctx) {
  p22::Ipn out;
  auto id = heading::msg_id_to_ipm_id(ipn.subject_message_id);
  if (!id) return fail(err("subject Message-ID: " + id.error(), "ipn.subject-ipm"));
  if (id.value().user) out.subject_ipm.user = x400::ORName{*id.value().user, std::nullopt};
  out.subject_ipm.user_relative_identifier = id.value().uri;
  auto orig = MIXER_TRY(descriptor_from_typed(ipn.ipn_originator, ctx, "ipn.ipn-originator"));
  out.ipn_originator = std::move(orig);
  if (ipn.ipm_intended_recipient) {
    auto r = descriptor_from_typed(*ipn.ipm_intended_recipient, ctx, "ipn.ipm-intended-recipient");
    if (r) out.ipm_intended_recipient = std::move(r).value();
  }
  if (ipn.receipt) {
    p22::ReceiptFields rf;
    rf.receipt_time = to_p1_time(ipn.receipt_time.value_or(Timestamp{}));
    if (ipn.acknowledgment_mode == AcknowledgmentMode::automatic) rf.acknowledgment_mode = 1;
    if (ipn.suppl_receipt_info) rf.suppl_receipt_info = printable(*ipn.suppl_receipt_info);
    out.choice = std::move(rf);
  } else {
    p22::NonReceiptFields nf;
    nf.non_receipt_reason = static_cast<std::int64_t>(ipn.non_receipt_reason);
    if (ipn.discard_reason) nf.discard_reason = static_cast<std::int64_t>(*ipn.discard_reason);
    if (ipn.auto_forward_comment) nf.auto_forward_comment = printable(*ipn.auto_forward_comment);
    out.choice = std::move(nf);
  }
  return out;
}

}  // namespace mixer::mapping::report
