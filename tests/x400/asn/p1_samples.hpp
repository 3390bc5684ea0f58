// Sample P1 values with every optional field set, for the round-trip,
// oracle, fuzz-seed and benchmark code.
#pragma once

#include <string>

#include "x400/asn/p1_apdu.hpp"

namespace mixer::x400::asn::samples {

inline GlobalDomainIdentifier gdi(bool with_prmd = true) {
  GlobalDomainIdentifier g{{"GB", false}, {" ", false}, std::nullopt};
  if (with_prmd) g.private_domain_identifier = NumericOrPrintable{"ACME", false};
  return g;
}

inline ORName name(const std::string& surname) {
  ORName n;
  n.address.country_name = NumericOrPrintable{"GB", false};
  n.address.administration_domain_name = NumericOrPrintable{" ", false};
  n.address.private_domain_name = NumericOrPrintable{"ACME", false};
  n.address.organization_name = "Acme";
  n.address.personal_name = PersonalName{surname, "Jo", std::nullopt, std::nullopt};
  return n;
}

inline ber::Time utc(const char* text) { return *ber::Time::parse(ber::TimeKind::utc_time, text); }

inline EncodedInformationTypes eits() {
  EncodedInformationTypes e;
  e.built_in.set(EncodedInformationTypes::kIa5Text);
  e.g3_facsimile = ber::BitString{};
  e.g3_facsimile->set(8);
  e.teletex = std::vector<std::uint8_t>{0xa2, 0x03, 0x80, 0x01, 0x41};
  e.extended = {ber::Oid{2, 6, 1, 4, 0}};
  return e;
}

inline TraceInformation trace(bool full) {
  TraceInformationElement t;
  t.global_domain_identifier = gdi();
  t.domain_supplied_information.arrival_time = utc("261123120000Z");
  if (full) {
    t.domain_supplied_information.routing_action = RoutingAction::rerouted;
    t.domain_supplied_information.attempted_domain = gdi(false);
    t.domain_supplied_information.deferred_time = utc("261123130000Z");
    t.domain_supplied_information.converted_encoded_information_types = eits();
    t.domain_supplied_information.other_actions.set(1);
  }
  return {t};
}

inline Extensions extensions(bool full) {
  Extensions x;
  ExtensionField rrp;  // recipient-reassignment-prohibited, critical for delivery
  rrp.standard = std_ext::kRecipientReassignmentProhibited;
  rrp.criticality.set(criticality::kForDelivery);
  rrp.value = std::vector<std::uint8_t>{0x0a, 0x01, 0x01};
  x.push_back(rrp);
  if (!full) return x;
  ExtensionField ldt;  // latest-delivery-time
  ldt.standard = std_ext::kLatestDeliveryTime;
  ldt.value = std::vector<std::uint8_t>{0x17, 0x0d, '2', '6', '1', '1', '2', '4', '1', '2', '0', '0', '0', '0', 'Z'};
  x.push_back(ldt);
  ExtensionField corr;  // content-correlator, 1988 explicit form as PP writes it
  corr.standard = std_ext::kContentCorrelator;
  corr.form = ExtensionField::TypeForm::explicit_1988;
  corr.value = std::vector<std::uint8_t>{0x16, 0x03, 'a', 'b', 'c'};
  x.push_back(corr);
  ExtensionField priv;  // a private extension, no value
  priv.private_oid = ber::Oid{1, 3, 26, 0, 4406, 0, 8, 0};
  x.push_back(priv);
  // internal-trace-information with a real value (kept as raw BER)
  ber::Writer w;
  InternalTraceInformationElement ite;
  ite.global_domain_identifier = gdi();
  ite.mta_name = "mta.acme";
  ite.mta_supplied_information.arrival_time = utc("261123120000Z");
  ite.mta_supplied_information.attempted_mta = "next.acme";
  encode_internal_trace_information(w, {ite});
  ExtensionField itx;
  itx.standard = std_ext::kInternalTraceInformation;
  itx.value = *std::move(w).finish();
  x.push_back(itx);
  return x;
}

inline PerRecipientTransferFields recipient(int n, bool full) {
  PerRecipientTransferFields p;
  p.recipient_name = name("Rcpt" + std::to_string(n));
  p.originally_specified_recipient_number = n;
  p.per_recipient_indicators.set(per_recipient_indicator::kResponsibility);
  p.per_recipient_indicators.set(per_recipient_indicator::kOriginatingMtaReport);
  p.per_recipient_indicators.set(7, false);
  p.per_recipient_indicators.bit_count = 8;
  p.per_recipient_indicators.bytes.resize(1);
  if (full) {
    p.explicit_conversion = 11;
    p.extensions = extensions(false);
  }
  return p;
}

// A minimal X.420 IPM carrying `text` as one IA5Text body part, so that the
// oracle's P22 decoder accepts the content: [0] { Heading SET { this-IPM
// [APPLICATION 11] { PrintableString } }, Body SEQUENCE { ia5-text [0] { SET {}, IA5String } } }
inline std::vector<std::uint8_t> ipm(std::string_view text) {
  ber::Writer w;
  w.reserve(text.size() + 64);
  auto m = w.begin(ber::context(0));
  auto h = w.begin(ber::tags::kSet);
  auto id = w.begin(ber::application(11));
  w.string("ipm-1", ber::StringKind::printable);
  w.end(id);
  w.end(h);
  auto body = w.begin(ber::tags::kSequence);
  auto bp = w.begin(ber::context(0));
  w.end(w.begin(ber::tags::kSet));
  w.string(text, ber::StringKind::ia5);
  w.end(bp);
  w.end(body);
  w.end(m);
  return *std::move(w).finish();
}

inline Message message(std::size_t recipients, std::string body, bool full = true) {
  Message m;
  auto& e = m.envelope;
  e.message_identifier = MtsIdentifier{gdi(), "msg-0001"};
  e.originator_name = name("Orig");
  e.content_type = ContentType::builtin(ContentType::kInterpersonalMessaging1988);
  e.trace_information = trace(full);
  if (full) {
    e.original_encoded_information_types = eits();
    e.content_identifier = "cid-1";
    e.priority = Priority::urgent;
    e.per_message_indicators.set(per_message_indicator::kAlternateRecipientAllowed);
    e.per_message_indicators.set(per_message_indicator::kContentReturnRequest);
    e.deferred_delivery_time = utc("261124000000Z");
    PerDomainBilateralInformation b1{{"GB", false}, {" ", false}, std::nullopt, {0x04, 0x01, 0x42}};
    PerDomainBilateralInformation b2{{"826", true}, {"ADMD", false}, NumericOrPrintable{"PRMD", false}, {0x05, 0x00}};
    e.per_domain_bilateral_information = {b1, b2};
    e.extensions = extensions(true);
  }
  for (std::size_t i = 1; i <= recipients; ++i) e.per_recipient_fields.push_back(recipient(static_cast<int>(i), full));
  m.content = SharedBytes::adopt(ipm(body));
  return m;
}

inline Probe probe() {
  Probe p;
  auto& e = p.envelope;
  e.probe_identifier = MtsIdentifier{gdi(), "probe-1"};
  e.originator_name = name("Orig");
  e.original_encoded_information_types = eits();
  e.content_type = ContentType::ext(ber::Oid{1, 3, 26, 0, 4406, 0, 4, 1});  // STANAG 4406
  e.content_identifier = "cid-p";
  e.content_length = 4096;
  e.per_message_indicators.set(per_message_indicator::kAlternateRecipientAllowed);
  e.per_domain_bilateral_information = {{{"GB", false}, {" ", false}, std::nullopt, {0x04, 0x01, 0x42}}};
  e.trace_information = trace(true);
  e.extensions = extensions(false);
  e.per_recipient_fields = {recipient(1, true), recipient(2, false)};
  return p;
}

inline Report report() {
  Report r;
  r.envelope.report_identifier = MtsIdentifier{gdi(), "rep-1"};
  r.envelope.report_destination_name = name("Orig");
  r.envelope.trace_information = trace(true);
  ExtensionField rmn;  // reporting-MTA-name kept raw
  rmn.standard = std_ext::kReportingMtaName;
  {  // ReportingMTAName ::= SEQUENCE { domain GlobalDomainIdentifier, mta-name MTAName }
    ber::Writer w;
    auto m = w.begin(ber::tags::kSequence);
    encode_gdi(w, gdi());
    w.string("mta.acme", ber::StringKind::ia5);
    w.end(m);
    rmn.value = *std::move(w).finish();
  }
  r.envelope.extensions = {rmn};
  auto& c = r.content;
  c.subject_identifier = MtsIdentifier{gdi(), "msg-0001"};
  c.subject_intermediate_trace_information = trace(false);
  c.original_encoded_information_types = eits();
  c.content_type = ContentType::builtin(ContentType::kInterpersonalMessaging1988);
  c.content_identifier = "cid-1";
  c.returned_content = SharedBytes::adopt(ipm("returned content"));
  c.additional_information = std::vector<std::uint8_t>{0x82, 0x01, 0x00};
  c.extensions = extensions(false);
  PerRecipientReportTransferFields d;
  d.actual_recipient_name = name("Delivered");
  d.originally_specified_recipient_number = 1;
  d.per_recipient_indicators.set(per_recipient_indicator::kOriginatorReport);
  d.per_recipient_indicators.bit_count = 8;
  d.per_recipient_indicators.bytes.resize(1);
  d.last_trace_information.arrival_time = utc("261123120000Z");
  d.last_trace_information.converted_encoded_information_types = eits();
  d.last_trace_information.report_type = DeliveryReport{utc("261123120500Z"), TypeOfMtsUser::ms};
  d.originally_intended_recipient_name = name("Intended");
  PerRecipientReportTransferFields n = d;
  n.actual_recipient_name = name("Failed");
  n.originally_specified_recipient_number = 2;
  n.originally_intended_recipient_name.reset();
  n.last_trace_information.converted_encoded_information_types.reset();
  n.last_trace_information.report_type =
      NonDeliveryReport{NonDeliveryReason::unable_to_transfer, NonDeliveryDiagnostic::unrecognised_or_name};
  n.supplementary_information = "no such user";
  n.extensions = extensions(false);
  c.per_recipient_fields = {d, n};
  return r;
}

}  // namespace mixer::x400::asn::samples
