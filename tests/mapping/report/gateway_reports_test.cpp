// The gateway-facing report functions (mapping/report/gateway_reports.hpp):
// X.400 report APDU -> DSN, IPN message -> MDN, DSN/MDN from SMTP -> X.400
// APDUs, probe -> answering report. Every DSN/MDN is parsed back (and is a
// golden .eml, which test_report_email.py parses with Python's email
// package); every APDU is judged by tshark (decode-ber).
#include "mapping/report/gateway_reports.hpp"

#include <gtest/gtest.h>

#include "mapping/report/dsn.hpp"
#include "mapping/report/mdn.hpp"
#include "mapping/report/multipart_report.hpp"
#include "mapping/report/p1_adapter.hpp"
#include "mapping/report/xtext.hpp"
#include "tests/mapping/report/golden.hpp"
#include "tests/mapping/report/wire_support.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::mapping::report {
namespace {

namespace asn = x400::asn;
namespace p22 = x400::p22;
using test::expect_tshark_clean;
using test::orx;
using test::wire_context;
using test::wire_gateway;
using test::wire_now;

// alice@example.org behind the gateway, as X.400 sees her (RFC 2156 §4.3.4 stage II).
const char* kAliceOr = "/DD.RFC-822=alice(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/";
const char* kBlancOr = "/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/";
const char* kBlancMailbox = "/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/@gw.example";

std::vector<std::uint8_t> encode(const asn::MtsApdu& a) {
  auto b = asn::encode_mts_apdu(a);
  EXPECT_TRUE(b.ok());
  return b.ok() ? *b : std::vector<std::uint8_t>{};
}

asn::Report ndr_for_alice() {
  X400Report r;
  r.subject_mts_id = "[/C=GB/ADMD=BT/PRMD=GW/;m.alice.1]";
  r.arrival_time = wire_now() - std::chrono::hours{2};
  X400ReportRecipient x;
  x.actual_recipient = {"x400", "/S=Dupont/O=Sales/PRMD=ACME/ADMD=ATLAS/C=FR/"};
  x.codes = {NonDeliveryReason::unable_to_transfer, 0};
  x.supplementary_information = "no such user";
  r.recipients.push_back(x);
  P1ReportWire w;
  w.report_identifier = mts_id_from_text("[/C=FR/ADMD=ATLAS/PRMD=ACME/;rep.9]").value();
  w.destination.address = orx(kAliceOr);
  w.reporting_domain = w.report_identifier.global_domain_identifier;
  w.now = wire_now();
  w.content_type = asn::ContentType::builtin(asn::ContentType::kInterpersonalMessaging1988);
  auto p1 = report_to_p1(r, w);
  EXPECT_TRUE(p1.ok()) << p1.error().to_string();
  return p1.ok() ? *p1 : asn::Report{};
}

TEST(GatewayReports, ReportApduBecomesDsnToTheSmtpOriginator) {
  auto ctx = wire_context();
  const asn::Report report = ndr_for_alice();
  expect_tshark_clean(encode(asn::MtsApdu{report}), "mts-apdu", "incoming_ndr");
  ToSmtpOptions o;
  o.now = wire_now();
  o.unique = "q123";
  o.original_envelope_id = "alice-envid-1";
  o.map_returned_content = [](const asn::ReportTransferContent&) -> std::optional<std::string> {
    return "From: alice@example.org\r\nTo: dupont@example.fr\r\nSubject: hi\r\n\r\nbody\r\n";
  };
  auto no_content = report_apdu_to_dsn(report, ctx, wire_gateway(), o);
  ASSERT_TRUE(no_content.ok()) << no_content.error().to_string();
  // No returned content in the APDU: the callback is not consulted.
  EXPECT_EQ(no_content->content.find("message/rfc822"), std::string::npos);
  asn::Report with = report;
  with.content.returned_content = asn::SharedBytes::copy(std::string_view("\xa0\x00", 2));
  auto mail = report_apdu_to_dsn(with, ctx, wire_gateway(), o);
  ASSERT_TRUE(mail.ok()) << mail.error().to_string();
  EXPECT_EQ(mail->mail_from, "");
  ASSERT_EQ(mail->recipients, std::vector<std::string>{"alice@example.org"});
  test::expect_golden("p1_report_to_dsn.eml", mail->content);

  auto rr = parse_report(mail->content);
  ASSERT_TRUE(rr.ok()) << rr.error().to_string();
  EXPECT_EQ(rr->report_type, "delivery-status");
  ASSERT_TRUE(rr->returned_index);
  ASSERT_TRUE(rr->machine_index);
  auto ds = parse_delivery_status(rr->parts[*rr->machine_index].body);
  ASSERT_TRUE(ds.ok()) << ds.error().to_string();
  EXPECT_EQ(ds->original_envelope_id, "alice-envid-1");
  EXPECT_EQ(ds->reporting_mta, (TypedValue{"x400", "/C=FR/ADMD=ATLAS/PRMD=ACME/"}));
  ASSERT_EQ(ds->recipients.size(), 1u);
  EXPECT_EQ(ds->recipients[0].action, DsnAction::failed);
  EXPECT_EQ(ds->recipients[0].status, (StatusCode{5, 1, 1}));
  // The X.400 recipient, written as the RFC 822 address the originator used.
  EXPECT_EQ(ds->recipients[0].final_recipient.type, "rfc822");
  EXPECT_EQ(ds->recipients[0].final_recipient.value,
            "/S=Dupont/O=Sales/PRMD=ACME/ADMD=ATLAS/C=FR/@gw.example");

  // A destination that does not map to RFC 822 is a clear error.
  asn::Report bad = report;
  bad.envelope.report_destination_name.address = x400::ORAddress{};
  auto e = report_apdu_to_dsn(bad, ctx, wire_gateway(), o);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "report.envelope.report-destination-name");
}

asn::Message ipn_message(const p22::Ipn& ipn, const char* to_or) {
  asn::Message m;
  m.envelope.message_identifier = mts_id_from_text("[/C=GB/ADMD=BT/PRMD=GW/;ipn.1]").value();
  m.envelope.originator_name.address = orx(kAliceOr);
  asn::PerRecipientTransferFields f;
  f.recipient_name.address = orx(to_or);
  f.per_recipient_indicators = indicators_from_report_request({false, true});
  m.envelope.per_recipient_fields.push_back(f);
  asn::TraceInformationElement te;
  te.global_domain_identifier = wire_gateway().gdi;
  te.domain_supplied_information.arrival_time = to_p1_time(wire_now());
  m.envelope.trace_information.push_back(te);
  auto ber = p22::encode_information_object(p22::InformationObject{ipn});
  EXPECT_TRUE(ber.ok());
  m.content = asn::SharedBytes::adopt(ber.ok() ? *ber : std::vector<std::uint8_t>{});
  return m;
}

p22::Ipn rn_from_x400_user() {
  p22::Ipn ipn;
  ipn.subject_ipm.user_relative_identifier = "ipm.5(a)example.org";  // from <ipm.5@example.org>
  p22::OrDescriptor who;
  who.formal_name = x400::ORName{orx(kBlancOr), std::nullopt};
  ipn.ipn_originator = who;
  p22::ReceiptFields rf;
  rf.receipt_time = to_p1_time(wire_now() - std::chrono::minutes{3});
  ipn.choice = rf;
  return ipn;
}

TEST(GatewayReports, IpnMessageBecomesMdnAndBack) {
  auto ctx = wire_context();
  const p22::Ipn wire = rn_from_x400_user();
  const asn::Message m = ipn_message(wire, kAliceOr);
  EXPECT_TRUE(is_ipn_message(m));
  expect_tshark_clean(encode(asn::MtsApdu{m}), "mts-apdu", "incoming_ipn");
  ToSmtpOptions o;
  o.now = wire_now();
  o.unique = "q77";
  auto mdn = ipn_message_to_mdn(m, ctx, wire_gateway(), o);
  ASSERT_TRUE(mdn.ok()) << mdn.error().to_string();
  EXPECT_EQ(mdn->mail_from, "");
  ASSERT_EQ(mdn->recipients, std::vector<std::string>{"alice@example.org"});
  test::expect_golden("p1_ipn_to_mdn.eml", mdn->content);
  EXPECT_NE(mdn->content.find("Original-Message-ID: <ipm.5@example.org>"), std::string::npos) << mdn->content;
  EXPECT_NE(mdn->content.find("manual-action/MDN-sent-manually; displayed"), std::string::npos);
  EXPECT_TRUE(is_report_message(mdn->content));

  // The same MDN sent back over SMTP to the X.400 user -> an IPN message.
  ToX400Options xo;
  xo.now = wire_now();
  xo.unique = "in-mdn-1";
  // Re-address: the MDN now goes from alice (SMTP) to Blanc (X.400).
  p22::Ipn from_alice = wire;
  from_alice.ipn_originator->formal_name = x400::ORName{orx(kAliceOr), std::nullopt};
  auto m2 = ipn_message(from_alice, kBlancOr);
  auto mdn2 = ipn_message_to_mdn(m2, ctx, wire_gateway(), o);
  ASSERT_TRUE(mdn2.ok()) << mdn2.error().to_string();
  ASSERT_EQ(mdn2->recipients, std::vector<std::string>{kBlancMailbox});
  auto apdu = report_mail_to_x400(mdn2->content, mdn2->recipients[0], ctx, wire_gateway(), xo);
  ASSERT_TRUE(apdu.ok()) << apdu.error().to_string();
  ASSERT_TRUE(apdu->has_value());
  const auto* msg = std::get_if<asn::Message>(&**apdu);
  ASSERT_NE(msg, nullptr);
  expect_tshark_clean(encode(**apdu), "mts-apdu", "mdn_to_ipn_message");
  EXPECT_EQ(msg->envelope.per_recipient_fields.at(0).recipient_name.address, orx(kBlancOr));
  EXPECT_EQ(msg->envelope.originator_name.address, orx(kAliceOr));
  auto obj = p22::decode_information_object(msg->content.bytes());
  ASSERT_TRUE(obj.ok()) << obj.error().to_string();
  const auto& back = std::get<p22::Ipn>(*obj);
  EXPECT_EQ(back.subject_ipm, from_alice.subject_ipm);
  EXPECT_EQ(back.ipn_originator, from_alice.ipn_originator);
  EXPECT_EQ(back.choice, from_alice.choice);

  asn::Message not_ipn = m;
  not_ipn.content = asn::SharedBytes::copy(std::string_view("\xa0\x00", 2));
  EXPECT_FALSE(is_ipn_message(not_ipn));
  EXPECT_FALSE(ipn_message_to_mdn(not_ipn, ctx, wire_gateway(), o).ok());
}

std::string dsn_text(const std::string& envid, const char* action, const char* status) {
  return "From: MAILER-DAEMON@mx.example.org\r\n"
         "To: " +
         std::string(kBlancMailbox) +
         "\r\n"
         "Subject: Undelivered Mail Returned to Sender\r\n"
         "Date: Mon, 23 Nov 2026 12:00:00 +0000\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
         "\r\n"
         "--b1\r\nContent-Type: text/plain\r\n\r\nI could not deliver it.\r\n"
         "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
         "Reporting-MTA: dns; mx.example.org\r\n"
         "Original-Envelope-Id: " +
         envid +
         "\r\n"
         "Arrival-Date: Mon, 23 Nov 2026 11:59:00 +0000\r\n"
         "\r\n"
         "Original-Recipient: x400; /S=Carol/O=MIXER/PRMD=GW/ADMD=BT/C=GB/\r\n"
         "Final-Recipient: rfc822; carol@example.org\r\n"
         "Action: " +
         action +
         "\r\n"
         "Status: " +
         status +
         "\r\n"
         "Diagnostic-Code: smtp; 550 5.1.1 <carol@example.org>: Recipient address rejected\r\n"
         "\r\n"
         "--b1--\r\n";
}

TEST(GatewayReports, DsnFromSmtpBecomesX400Ndr) {
  auto ctx = wire_context();
  ToX400Options xo;
  xo.now = wire_now();
  xo.unique = "in-dsn-1";
  const std::string mts = "[/C=FR/ADMD=ATLAS/PRMD=ACME/;m.blanc.7]";
  auto envid = envid_from_mts_id(mts);
  ASSERT_TRUE(envid.ok());
  // Postfix writes the ENVID decoded (RFC 3464 §2.2.1); the xtext form is accepted too.
  ASSERT_TRUE(
      report_mail_to_x400(dsn_text(*envid, "failed", "5.1.1"), kBlancMailbox, ctx, wire_gateway(), xo).ok());
  const std::string dsn = dsn_text(mts, "failed", "5.1.1");
  EXPECT_TRUE(is_report_message(dsn));
  auto apdu = report_mail_to_x400(dsn, kBlancMailbox, ctx, wire_gateway(), xo);
  ASSERT_TRUE(apdu.ok()) << apdu.error().to_string();
  ASSERT_TRUE(apdu->has_value());
  const auto ber = encode(**apdu);
  expect_tshark_clean(ber, "mts-apdu", "dsn_to_ndr");
  test::expect_golden("dsn_to_p1_report.hex", test::hex_lines(ber));
  const auto& r = std::get<asn::Report>(**apdu);
  EXPECT_EQ(r.envelope.report_destination_name.address, orx(kBlancOr));
  EXPECT_EQ(mts_id_text(r.content.subject_identifier), mts);
  ASSERT_EQ(r.content.per_recipient_fields.size(), 1u);
  const auto& f = r.content.per_recipient_fields[0];
  EXPECT_EQ(f.actual_recipient_name.address, orx("/S=Carol/O=MIXER/PRMD=GW/ADMD=BT/C=GB/"));
  const auto* n = std::get_if<asn::NonDeliveryReport>(&f.last_trace_information.report_type);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->reason, asn::NonDeliveryReason::unable_to_transfer);
  EXPECT_EQ(n->diagnostic, asn::NonDeliveryDiagnostic::unrecognised_or_name);

  // Delayed: nothing owed to X.400 (X.411 has no delay report).
  auto delayed =
      report_mail_to_x400(dsn_text(mts, "delayed", "4.4.1"), kBlancMailbox, ctx, wire_gateway(), xo);
  ASSERT_TRUE(delayed.ok()) << delayed.error().to_string();
  EXPECT_FALSE(delayed->has_value());
  // Not tied to an X.400 message: a clear error.
  auto lost =
      report_mail_to_x400(dsn_text("unrelated", "failed", "5.1.1"), kBlancMailbox, ctx, wire_gateway(), xo);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().field, "Original-Envelope-Id");
  // Plain mail is not a report.
  EXPECT_FALSE(is_report_message("From: a@b\r\nSubject: x\r\n\r\nhi\r\n"));
  EXPECT_FALSE(report_mail_to_x400("From: a@b\r\n\r\nhi\r\n", kBlancMailbox, ctx, wire_gateway(), xo).ok());
}

TEST(GatewayReports, ProbeIsAnsweredWithoutSendingMail) {
  auto ctx = wire_context();
  asn::Probe p;
  p.envelope.probe_identifier = mts_id_from_text("[/C=FR/ADMD=ATLAS/PRMD=ACME/;probe.3]").value();
  p.envelope.originator_name.address = orx(kBlancOr);
  p.envelope.content_length = 2048;
  asn::TraceInformationElement te;
  te.global_domain_identifier = p.envelope.probe_identifier.global_domain_identifier;
  te.domain_supplied_information.arrival_time = to_p1_time(wire_now());
  p.envelope.trace_information.push_back(te);
  auto add = [&](const char* or_text, std::int64_t number, ReportRequest req) {
    asn::PerRecipientTransferFields f;
    f.recipient_name.address = orx(or_text);
    f.originally_specified_recipient_number = number;
    f.per_recipient_indicators = indicators_from_report_request(req);
    p.envelope.per_recipient_fields.push_back(f);
  };
  add(kAliceOr, 1, {true, true});  // deliverable, DR asked
  add("/DD.RFC-822=eve(a)blocked.example/O=MIXER/PRMD=GW/ADMD=BT/C=GB/", 2, {false, true});  // no route
  add("/DD.RFC-822=bob(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/", 3, {false, true});  // deliverable, no DR
  expect_tshark_clean(encode(asn::MtsApdu{p}), "mts-apdu", "incoming_probe");
  ProbePolicy policy;
  policy.routable = [](const std::string& a) { return a.find("blocked.example") == std::string::npos; };
  ToX400Options xo;
  xo.now = wire_now();
  xo.unique = "probe-answer-1";
  auto rep = answer_probe_apdu(p, ctx, wire_gateway(), policy, xo);
  ASSERT_TRUE(rep.ok()) << rep.error().to_string();
  ASSERT_TRUE(rep->has_value());
  expect_tshark_clean(encode(asn::MtsApdu{**rep}), "mts-apdu", "probe_answer");
  auto model = report_from_p1(**rep);
  ASSERT_TRUE(model.ok());
  test::expect_golden("p1_probe_answer.txt", test::dump_x400_report(*model));
  EXPECT_EQ((*rep)->envelope.report_destination_name.address, orx(kBlancOr));
  ASSERT_EQ((*rep)->content.per_recipient_fields.size(), 2u);  // bob asked for no DR
  EXPECT_EQ((*rep)->content.per_recipient_fields[0].originally_specified_recipient_number, 1);
  EXPECT_TRUE(std::holds_alternative<asn::DeliveryReport>(
      (*rep)->content.per_recipient_fields[0].last_trace_information.report_type));
  EXPECT_EQ((*rep)->content.per_recipient_fields[1].originally_specified_recipient_number, 2);
  const auto* n = std::get_if<asn::NonDeliveryReport>(
      &(*rep)->content.per_recipient_fields[1].last_trace_information.report_type);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->reason, asn::NonDeliveryReason::unable_to_transfer);

  // Too long for the gateway: every recipient non-delivered (content-too-long).
  policy.max_size = 1000;
  auto big = answer_probe_apdu(p, ctx, wire_gateway(), policy, xo);
  ASSERT_TRUE(big.ok());
  ASSERT_TRUE(big->has_value());
  for (const auto& f : (*big)->content.per_recipient_fields) {
    const auto* nd = std::get_if<asn::NonDeliveryReport>(&f.last_trace_information.report_type);
    ASSERT_NE(nd, nullptr);
    EXPECT_EQ(nd->diagnostic, asn::NonDeliveryDiagnostic::content_too_long);
  }
  // Nobody asked for a delivery report and all are deliverable: nothing to send.
  asn::Probe quiet = p;
  quiet.envelope.per_recipient_fields.resize(1);
  quiet.envelope.per_recipient_fields[0].per_recipient_indicators =
      indicators_from_report_request({false, true});
  policy.max_size = 1 << 20;
  auto none = answer_probe_apdu(quiet, ctx, wire_gateway(), policy, xo);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace mixer::mapping::report
