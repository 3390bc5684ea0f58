#include "mapping/report/gateway_reports.hpp"

#include "mapping/address/map_address.hpp"
#include "mapping/heading/identifiers.hpp"
#include "mapping/report/dsn_params.hpp"
#include "mapping/report/dsn_to_x400.hpp"
#include "mapping/report/field_groups.hpp"
#include "mapping/report/ipn_mdn.hpp"
#include "mapping/report/mdn.hpp"
#include "mapping/report/multipart_report.hpp"
#include "mapping/report/p1_adapter.hpp"
#include "mapping/report/probe.hpp"
#include "mapping/report/x400_to_dsn.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::mapping::report {

namespace asn = x400::asn;
namespace p22 = x400::p22;

namespace {

ReportError err(std::string what, std::string_view field = {}) {
  return ReportError{std::move(what), std::string(field), 0};
}

std::string gateway_from(const GatewayReportIdentity& gw) {
  return "MIXER gateway <postmaster@" + gw.domain + ">";
}

std::string message_id(const GatewayReportIdentity& gw, std::string_view unique, std::string_view kind) {
  std::string token;
  for (char c : unique)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') token += c;
  if (token.empty()) token = "report";
  return "<" + std::string(kind) + "." + token + "@" + gw.domain + ">";
}

Result<std::string, ReportError> map_to_822(const address::MappingContext& ctx, const x400::ORName& name,
                                            std::string_view field) {
  auto m = address::map_x400_to_822(ctx, name.address);
  if (!m) return fail(err("O/R address does not map to RFC 822: " + m.error().to_string(), field));
  return std::move(m).value().address;
}

// An "x400" typed recipient shown to an SMTP originator as the RFC 822
// address it knows (RFC 2156 §5.3.3: Final-Recipient in its own world);
// kept as x400 when it does not map.
TypedValue for_smtp_reader(const address::MappingContext& ctx, const TypedValue& v) {
  if (v.type != "x400") return v;
  auto a = or_name_from_typed(v, nullptr, "");
  if (!a) return v;
  auto m = address::map_x400_to_822(ctx, a.value().address);
  if (!m) return v;
  return TypedValue{"rfc822", std::move(m).value().address};
}

std::optional<std::string> header(const std::vector<Field>& headers, std::string_view name) {
  for (const auto& f : headers) {
    if (f.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(f.name[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return f.value;
  }
  return std::nullopt;
}

Result<asn::MtsApdu, ReportError> mdn_to_ipn_message(const ReceivedReport& rr, std::string_view rcpt_to,
                                                     const address::MappingContext& ctx,
                                                     const GatewayReportIdentity& gw, const ToX400Options& o,
                                                     const Ipn& ipn) {
  auto p22ipn = MIXER_TRY(ipn_to_p22(ipn, &ctx));
  auto ber = p22::encode_information_object(p22::InformationObject{std::move(p22ipn)});
  if (!ber) return fail(err("IPN does not encode: " + ber.error().to_string(), "ipn"));
  (void)rr;
  asn::Message m;
  auto& e = m.envelope;
  e.message_identifier = new_mts_identifier(gw, o.unique);
  auto originator = MIXER_TRY(or_name_from_typed(ipn.ipn_originator, &ctx, "mdn.From"));
  e.originator_name = std::move(originator);
  e.content_type = asn::ContentType::builtin(asn::ContentType::kInterpersonalMessaging1988);
  asn::TraceInformationElement te;
  te.global_domain_identifier = gw.gdi;
  te.domain_supplied_information.arrival_time = to_p1_time(o.now);
  e.trace_information.push_back(std::move(te));
  asn::PerRecipientTransferFields f;
  auto rcpt = MIXER_TRY(or_name_from_typed(TypedValue{"rfc822", std::string(rcpt_to)}, &ctx, "RCPT TO"));
  f.recipient_name = std::move(rcpt);
  f.originally_specified_recipient_number = 1;
  // responsibility(0): this MTA hands the message on; a notification asks
  // for no report beyond non-delivery (X.411 §12.2.1.1.1.x).
  f.per_recipient_indicators.set(asn::per_recipient_indicator::kResponsibility);
  f.per_recipient_indicators.set(asn::per_recipient_indicator::kOriginatingMtaNonDeliveryReport);
  f.per_recipient_indicators.set(asn::per_recipient_indicator::kOriginatorNonDeliveryReport);
  f.per_recipient_indicators = asn::at_least_8_bits(std::move(f.per_recipient_indicators));
  e.per_recipient_fields.push_back(std::move(f));
  m.content = asn::SharedBytes::adopt(std::move(ber).value());
  return asn::MtsApdu{std::move(m)};
}

}  // namespace

asn::MtsIdentifier new_mts_identifier(const GatewayReportIdentity& gw, std::string_view unique) {
  asn::MtsIdentifier id;
  id.global_domain_identifier = gw.gdi;
  std::string local;
  for (char c : unique)
    if (c > 0x20 && c < 0x7f) local += c;
  id.local_identifier = heading::derive_mts_local_id(local.empty() ? std::string_view("report") : local);
  return id;
}

// --- X.400 -> SMTP -------------------------------------------------------------------

Result<ReportMail, ReportError> report_apdu_to_dsn(const asn::Report& report,
                                                   const address::MappingContext& ctx,
                                                   const GatewayReportIdentity& gw, const ToSmtpOptions& o) {
  auto rep = MIXER_TRY(report_from_p1(report));
  auto to = MIXER_TRY(
      map_to_822(ctx, report.envelope.report_destination_name, "report.envelope.report-destination-name"));
  for (auto& r : rep.recipients) {
    r.actual_recipient = for_smtp_reader(ctx, r.actual_recipient);
    if (r.originally_intended_recipient)
      r.originally_intended_recipient = for_smtp_reader(ctx, *r.originally_intended_recipient);
  }
  if (o.map_returned_content && report.content.returned_content)
    rep.returned_content_rfc822 = o.map_returned_content(report.content);
  DsnEnvelope env;
  env.gateway_domain = gw.domain;
  env.from = gateway_from(gw);
  env.to = to;
  env.message_id = message_id(gw, o.unique.empty() ? rep.subject_mts_id : o.unique, "dsn");
  env.date = o.now;
  env.original_envelope_id = o.original_envelope_id;
  ReportMail mail;
  mail.recipients.push_back(std::move(to));
  mail.content = x400_report_to_dsn(rep, env);
  return mail;
}

bool is_ipn_message(const asn::Message& message) {
  const auto& ct = message.envelope.content_type;
  if (ct.extended || (ct.built_in != asn::ContentType::kInterpersonalMessaging1988 &&
                      ct.built_in != asn::ContentType::kInterpersonalMessaging1984))
    return false;
  // The InformationObject CHOICE tag: ipn is [1] (constructed, context): 0xA1.
  auto b = message.content.bytes();
  return !b.empty() && b[0] == 0xA1;
}

Result<ReportMail, ReportError> ipn_message_to_mdn(const asn::Message& message,
                                                   const address::MappingContext& ctx,
                                                   const GatewayReportIdentity& gw, const ToSmtpOptions& o) {
  if (!is_ipn_message(message)) return fail(err("content is not an IPN", "message.content"));
  auto obj = p22::decode_information_object(message.content.bytes());
  if (!obj) return fail(err("IPN does not decode: " + obj.error().to_string(), "message.content"));
  const auto* wire = std::get_if<p22::Ipn>(&obj.value());
  if (wire == nullptr) return fail(err("content is not an IPN", "message.content"));
  auto ipn = MIXER_TRY(ipn_from_p22(*wire, &ctx));
  ReportMail mail;
  std::size_t i = 0;
  for (const auto& f : message.envelope.per_recipient_fields) {
    auto a = MIXER_TRY(
        map_to_822(ctx, f.recipient_name,
                   "message.envelope.per-recipient-fields[" + std::to_string(i++) + "].recipient-name"));
    mail.recipients.push_back(std::move(a));
  }
  if (mail.recipients.empty()) return fail(err("IPN message without recipients", "message.envelope"));
  MdnEnvelope env;
  env.gateway_domain = gw.domain;
  // From: the IPN originator when it has an RFC 822 form, else the gateway.
  env.from = ipn.ipn_originator.type == "rfc822" ? ipn.ipn_originator.value : "postmaster@" + gw.domain;
  env.to = mail.recipients.front();
  env.message_id =
      message_id(gw, o.unique.empty() ? mts_id_text(message.envelope.message_identifier) : o.unique, "mdn");
  env.date = o.now;
  mail.content = ipn_to_mdn(ipn, env);
  return mail;
}

// --- SMTP -> X.400 -------------------------------------------------------------------

bool is_report_message(std::string_view rfc5322) {
  auto rr = parse_report(rfc5322);
  return rr && (rr.value().report_type == "delivery-status" ||
                rr.value().report_type == "disposition-notification");
}

Result<std::optional<asn::MtsApdu>, ReportError> report_mail_to_x400(std::string_view rfc5322,
                                                                     std::string_view rcpt_to,
                                                                     const address::MappingContext& ctx,
                                                                     const GatewayReportIdentity& gw,
                                                                     const ToX400Options& o) {
  auto rr = MIXER_TRY(parse_report(rfc5322));
  if (!rr.machine_index) return fail(err("multipart/report without a machine-readable part", "Content-Type"));
  const ReceivedPart& machine = rr.parts[*rr.machine_index];
  if (rr.report_type == "disposition-notification") {
    auto dn = MIXER_TRY(parse_disposition_notification(machine.body, {}, machine.body_line));
    std::optional<Timestamp> date;
    if (auto d = header(rr.headers, "Date")) date = parse_date_time(*d);
    auto ipn = MIXER_TRY(mdn_to_ipn(dn, date));
    if (!ipn) return std::optional<asn::MtsApdu>{};
    auto m = MIXER_TRY(mdn_to_ipn_message(rr, rcpt_to, ctx, gw, o, *ipn));
    return std::optional<asn::MtsApdu>(std::move(m));
  }
  if (rr.report_type != "delivery-status")
    return fail(err("report-type '" + printable_ascii(rr.report_type) + "' is neither a DSN nor an MDN",
                    "Content-Type"));
  auto ds = MIXER_TRY(parse_delivery_status(machine.body, {}, machine.body_line));
  auto mts = subject_mts_id(rr, ds);
  if (!mts)
    return fail(err("the DSN names no X.400 MTS identifier (Original-Envelope-Id or X400-MTS-Identifier)",
                    "Original-Envelope-Id"));
  // The gateway keeps no state about messages it passed on: the DSN itself
  // names the recipients (ORCPT "x400; std-or" as the gateway sent it, else
  // the Final-Recipient mapped back), and it exists because a report was
  // requested (reports.md §"DSN from SMTP").
  // RFC 3464 §2.2.1 writes the ENVID decoded (Postfix does); some MTAs
  // leave it in xtext: accept both.
  if (!mts_id_from_text(*mts)) {
    if (auto decoded = mts_id_from_envid(*mts); decoded && mts_id_from_text(*decoded)) mts = *decoded;
  }
  if (!mts_id_from_text(*mts))
    return fail(err("the DSN's envelope id '" + printable_ascii(mts->substr(0, 120)) +
                        "' is not an X.400 MTS identifier (RFC 2156 4.6.3): not a report for X.400",
                    "Original-Envelope-Id"));
  StoredSubject subject;
  subject.mts_id = *mts;
  for (const auto& r : ds.recipients) {
    StoredSubject::Recipient sr;
    sr.smtp_address = r.final_recipient.value;
    if (r.original_recipient && r.original_recipient->type == "x400") {
      sr.x400_recipient = *r.original_recipient;
    } else {
      auto name = or_name_from_typed(r.original_recipient && r.original_recipient->type == "rfc822"
                                         ? *r.original_recipient
                                         : TypedValue{"rfc822", r.final_recipient.value},
                                     &ctx, "Final-Recipient");
      if (!name) return fail(std::move(name).error());
      auto t = MIXER_TRY(typed_from_or_name(name.value(), "Final-Recipient"));
      sr.x400_recipient = std::move(t);
    }
    sr.request = ReportRequest{true, true};
    subject.recipients.push_back(std::move(sr));
  }
  auto report = MIXER_TRY(dsn_to_x400_report(ds, subject, gw.mta_name, o.now));
  if (!report) return std::optional<asn::MtsApdu>{};
  P1ReportWire wire;
  wire.report_identifier = new_mts_identifier(gw, o.unique);
  auto dest = MIXER_TRY(or_name_from_typed(TypedValue{"rfc822", std::string(rcpt_to)}, &ctx, "RCPT TO"));
  wire.destination = std::move(dest);
  wire.reporting_domain = gw.gdi;
  wire.now = o.now;
  wire.ctx = &ctx;
  auto p1 = MIXER_TRY(report_to_p1(*report, wire));
  return std::optional<asn::MtsApdu>(asn::MtsApdu{std::move(p1)});
}

// --- probes --------------------------------------------------------------------------

Result<std::optional<asn::Report>, ReportError> answer_probe_apdu(const asn::Probe& probe,
                                                                  const address::MappingContext& ctx,
                                                                  const GatewayReportIdentity& gw,
                                                                  const ProbePolicy& policy,
                                                                  const ToX400Options& o) {
  auto p = MIXER_TRY(probe_from_p1(probe, ctx));
  auto routable = policy.routable ? policy.routable : [](const std::string&) { return true; };
  auto rep = answer_probe(p, routable, policy.max_size, gw.mta_name, o.now);
  if (!rep) return std::optional<asn::Report>{};
  // Recipient numbers and report requests from the probe envelope, by position.
  for (std::size_t i = 0; i < rep->recipients.size(); ++i) {
    for (std::size_t j = 0; j < p.recipients.size(); ++j) {
      if (p.recipients[j].x400_recipient == rep->recipients[i].actual_recipient) {
        rep->recipients[i].recipient_number =
            probe.envelope.per_recipient_fields[j].originally_specified_recipient_number;
        break;
      }
    }
  }
  P1ReportWire wire;
  wire.report_identifier = new_mts_identifier(gw, o.unique);
  wire.destination = probe.envelope.originator_name;
  wire.reporting_domain = gw.gdi;
  wire.now = o.now;
  wire.content_type = probe.envelope.content_type;
  wire.ctx = &ctx;
  auto r = MIXER_TRY(report_to_p1(*rep, wire));
  return std::optional<asn::Report>(std::move(r));
}

}  // namespace mixer::mapping::report
