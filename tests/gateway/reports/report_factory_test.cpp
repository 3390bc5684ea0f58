// gateway/reports/report_factory: queue records that failed / were delayed
// -> the report record in the originator's own world. DSNs are parsed back
// (and kept as golden .eml files that test_report_email.py parses with
// Python's email package); X.400 reports decode with x400/asn and tshark.
#include "gateway/reports/report_factory.hpp"

#include <gtest/gtest.h>

#include "gateway/queue/attr_keys.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/multipart_report.hpp"
#include "mapping/report/p1_adapter.hpp"
#include "tests/mapping/report/golden.hpp"
#include "tests/mapping/report/wire_support.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::reports {
namespace {

namespace rep = mapping::report;
namespace asn = x400::asn;
namespace attr = queue::attr;
using rep::test::orx;

const std::int64_t kNow = 1795435464;  // 2026-11-23T12:04:24Z
const char* kBlancOr = "/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/";

GatewayReportFactory factory() {
  ReportFactoryConfig cfg;
  cfg.gateway = rep::test::wire_gateway();
  cfg.give_up_seconds = 5 * 86400;
  return GatewayReportFactory(cfg,
                              std::make_shared<mapping::address::MappingContext>(rep::test::wire_context()),
                              [] { return kNow; });
}

queue::Record smtp_subject() {
  queue::Record r;
  r.id = "q0001";
  r.arrival = kNow - 7200;
  r.direction = queue::Direction::smtp_to_x400;
  r.originator = "alice@example.org";
  r.attrs[attr::kFormat] = attr::kFormatRfc5322;
  r.attrs[attr::kEnvid] = "alice-1";
  r.attrs[attr::kRet] = "FULL";
  r.content =
      "From: alice@example.org\r\nTo: dupont@atlas.example\r\nSubject: quarterly\r\n"
      "Message-ID: <m1@example.org>\r\n\r\nnumbers\r\n";
  queue::Recipient a;
  a.address = "\"/C=FR/ADMD=ATLAS/PRMD=ACME/S=Dupont/\"@gw.example";
  a.status = queue::RcptStatus::failed;
  a.diagnostic = "reason=1 (unable-to-transfer); diagnostic=0 (unrecognised-OR-name)";
  a.attrs[attr::kNotify] = "FAILURE,DELAY";
  a.attrs[attr::kOrcpt] = "rfc822;dupont@atlas.example";
  queue::Recipient b;
  b.address = "\"/C=FR/ADMD=ATLAS/PRMD=ACME/S=Quiet/\"@gw.example";
  b.status = queue::RcptStatus::failed;
  b.diagnostic = "no route to ATLAS";
  b.attrs[attr::kNotify] = "NEVER";
  queue::Recipient c;
  c.address = "\"/C=FR/ADMD=ATLAS/PRMD=ACME/S=Late/\"@gw.example";
  c.status = queue::RcptStatus::deferred;
  c.attempts = 3;
  c.diagnostic = "P1 association refused by peer";
  r.recipients = {a, b, c};
  return r;
}

rep::DeliveryStatus parse_dsn(const std::string& text) {
  auto rr = rep::parse_report(text);
  EXPECT_TRUE(rr.ok()) << (rr.ok() ? "" : rr.error().to_string());
  if (!rr.ok() || !rr->machine_index) return {};
  auto ds = rep::parse_delivery_status(rr->parts[*rr->machine_index].body);
  EXPECT_TRUE(ds.ok()) << (ds.ok() ? "" : ds.error().to_string());
  return ds.ok() ? *ds : rep::DeliveryStatus{};
}

TEST(ReportFactory, FailureTowardsSmtpIsADsnPerRecipientAsAsked) {
  auto f = factory();
  const auto subject = smtp_subject();
  auto r = f.make_report(subject, queue::ReportNeeded{queue::ReportKind::failure, {0, 1}});
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_TRUE(report_owed(*r));
  EXPECT_EQ(r->direction, queue::Direction::x400_to_smtp);
  EXPECT_EQ(r->originator, "");
  EXPECT_EQ(r->attrs.at(attr::kFormat), attr::kFormatRfc5322);
  EXPECT_EQ(r->attrs.at(attr::kIsReport), "1");
  EXPECT_EQ(r->attrs.at(attr::kSubjectId), "q0001");
  ASSERT_EQ(r->recipients.size(), 1u);
  EXPECT_EQ(r->recipients[0].address, "alice@example.org");
  rep::test::expect_golden("factory_dsn_failed.eml", r->content);
  auto ds = parse_dsn(r->content);
  EXPECT_EQ(ds.original_envelope_id, "alice-1");
  ASSERT_EQ(ds.recipients.size(), 1u);  // NOTIFY=NEVER left out
  EXPECT_EQ(ds.recipients[0].action, rep::DsnAction::failed);
  // The X.411 codes the P1 side reported are kept: 5.1.1 and an X400 diagnostic.
  EXPECT_EQ(ds.recipients[0].status, (rep::StatusCode{5, 1, 1}));
  ASSERT_TRUE(ds.recipients[0].diagnostic_code);
  EXPECT_EQ(ds.recipients[0].diagnostic_code->type, "X400");
  ASSERT_TRUE(ds.recipients[0].original_recipient);
  EXPECT_EQ(ds.recipients[0].original_recipient->value, "dupont@atlas.example");
  // RET=FULL: the whole message comes back.
  EXPECT_NE(r->content.find("Content-Type: message/rfc822"), std::string::npos);
  EXPECT_NE(r->content.find("Subject: quarterly"), std::string::npos);
  // The record is storable: once the spool gives it an id it serialises and
  // parses back.
  EXPECT_TRUE(r->id.empty());
  auto stored = *r;
  stored.id = "q0009";
  auto again = queue::parse(queue::serialize(stored));
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->content, r->content);
}

TEST(ReportFactory, DelayTowardsSmtpAndNothingOwedCases) {
  auto f = factory();
  auto subject = smtp_subject();
  auto d = f.make_report(subject, queue::ReportNeeded{queue::ReportKind::delay, {2, 0}});
  ASSERT_TRUE(d.ok()) << d.error();
  ASSERT_TRUE(report_owed(*d));
  rep::test::expect_golden("factory_dsn_delayed.eml", d->content);
  auto ds = parse_dsn(d->content);
  // Recipient 2 has no NOTIFY (default: no delay DSN); recipient 0 asked DELAY.
  ASSERT_EQ(ds.recipients.size(), 1u);
  EXPECT_EQ(ds.recipients[0].action, rep::DsnAction::delayed);
  EXPECT_EQ(ds.recipients[0].status.klass, 4);
  ASSERT_TRUE(ds.recipients[0].will_retry_until);
  EXPECT_EQ(rep::parse_date_time(*ds.recipients[0].will_retry_until),
            rep::Timestamp{std::chrono::seconds{subject.arrival + 5 * 86400}});

  // Success towards X.400: X.400's own delivery report becomes the DSN later.
  auto success = f.make_success_report(subject, {0});
  ASSERT_TRUE(success.ok());
  EXPECT_FALSE(report_owed(*success));
  // NEVER only: nothing owed.
  auto never = f.make_report(subject, queue::ReportNeeded{queue::ReportKind::failure, {1}});
  ASSERT_TRUE(never.ok());
  EXPECT_FALSE(report_owed(*never));
  // Never a report about a report.
  auto report_subject = subject;
  report_subject.attrs[attr::kIsReport] = "1";
  auto loop = f.make_report(report_subject, queue::ReportNeeded{queue::ReportKind::failure, {0}});
  ASSERT_TRUE(loop.ok());
  EXPECT_FALSE(report_owed(*loop));
  // No DSN to the null reverse-path.
  auto null_sender = subject;
  null_sender.originator = "";
  auto none = f.make_report(null_sender, queue::ReportNeeded{queue::ReportKind::failure, {0}});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(report_owed(*none));
  // A bad index is an error naming the record.
  auto bad = f.make_report(subject, queue::ReportNeeded{queue::ReportKind::failure, {9}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("q0001"), std::string::npos);
}

// An X.400 message as G's P1 intake stores it (format p1-apdu).
queue::Record x400_subject(bool content_return) {
  asn::Message m;
  m.envelope.message_identifier = rep::mts_id_from_text("[/C=FR/ADMD=ATLAS/PRMD=ACME/;m.blanc.1]").value();
  m.envelope.originator_name.address = orx(kBlancOr);
  m.envelope.content_identifier = "ref-7";
  if (content_return)
    m.envelope.per_message_indicators.set(asn::per_message_indicator::kContentReturnRequest);
  const char* rcpts[] = {"/DD.RFC-822=alice(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/",
                         "/DD.RFC-822=bob(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/",
                         "/DD.RFC-822=carl(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/"};
  rep::ReportRequest reqs[] = {{false, true}, {true, true}, {false, false}};
  for (int i = 0; i < 3; ++i) {
    asn::PerRecipientTransferFields f;
    f.recipient_name.address = orx(rcpts[i]);
    f.originally_specified_recipient_number = i + 1;
    f.per_recipient_indicators = rep::indicators_from_report_request(reqs[i]);
    m.envelope.per_recipient_fields.push_back(f);
  }
  asn::TraceInformationElement te;
  te.global_domain_identifier = m.envelope.message_identifier.global_domain_identifier;
  te.domain_supplied_information.arrival_time = rep::to_p1_time(rep::test::wire_now());
  m.envelope.trace_information.push_back(te);
  x400::p22::Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = "ipm1";
  x400::p22::Ia5TextBodyPart text;
  text.data = x400::p22::SharedBytes::copy(std::string_view("hello\r\n"));
  ipm.body.push_back(x400::p22::BodyPart{std::move(text)});
  m.content = x400::p22::SharedBytes::adopt(
      x400::p22::encode_information_object(x400::p22::InformationObject{std::move(ipm)}).value());
  auto ber = asn::encode_mts_apdu(asn::MtsApdu{m}).value();

  queue::Record r;
  r.id = "q0002";
  r.arrival = kNow - 3600;
  r.direction = queue::Direction::x400_to_smtp;
  r.originator = "\"/C=FR/ADMD=ATLAS/PRMD=ACME/S=Blanc/\"@gw.example";
  r.attrs[attr::kFormat] = attr::kFormatP1Apdu;
  r.attrs[attr::kMtsId] = "[/C=FR/ADMD=ATLAS/PRMD=ACME/;m.blanc.1]";
  r.content.assign(ber.begin(), ber.end());
  const char* smtp[] = {"alice@example.org", "bob@example.org", "carl@example.org"};
  const char* diags[] = {"550 5.1.1 <alice@example.org>: Recipient address rejected",
                         "expired: not delivered within 432000s; last: 451 4.3.0 try later",
                         "554 5.7.1 refused"};
  for (int i = 0; i < 3; ++i) {
    queue::Recipient rc;
    rc.address = smtp[i];
    rc.status = queue::RcptStatus::failed;
    rc.diagnostic = diags[i];
    rc.attrs[attr::kOrAddress] = rcpts[i];
    rc.attrs[attr::kRecipientNumber] = std::to_string(i + 1);
    r.recipients.push_back(rc);
  }
  return r;
}

TEST(ReportFactory, FailureTowardsX400IsAnNdrApdu) {
  auto f = factory();
  const auto subject = x400_subject(true);
  auto r = f.make_report(subject, queue::ReportNeeded{queue::ReportKind::failure, {0, 1, 2}});
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_TRUE(report_owed(*r));
  EXPECT_EQ(r->direction, queue::Direction::smtp_to_x400);
  EXPECT_EQ(r->attrs.at(attr::kFormat), attr::kFormatP1Apdu);
  EXPECT_EQ(r->attrs.at(attr::kIsReport), "1");
  ASSERT_EQ(r->recipients.size(), 1u);
  EXPECT_EQ(r->recipients[0].address, "/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/");
  EXPECT_EQ(r->recipients[0].attrs.at(attr::kOrAddress), r->recipients[0].address);
  std::vector<std::uint8_t> ber(r->content.begin(), r->content.end());
  rep::test::expect_tshark_clean(ber, "mts-apdu", "factory_ndr");
  rep::test::expect_golden("factory_ndr.hex", rep::test::hex_lines(ber));
  auto apdu = asn::decode_mts_apdu(x400::ber::Bytes(ber.data(), ber.size()));
  ASSERT_TRUE(apdu.ok()) << apdu.error().to_string();
  const auto& report = std::get<asn::Report>(*apdu);
  EXPECT_EQ(r->attrs.at(attr::kMtsId), rep::mts_id_text(report.envelope.report_identifier));
  EXPECT_EQ(report.envelope.report_destination_name.address, orx(kBlancOr));
  EXPECT_EQ(rep::mts_id_text(report.content.subject_identifier), "[/C=FR/ADMD=ATLAS/PRMD=ACME/;m.blanc.1]");
  EXPECT_EQ(report.content.content_identifier, "ref-7");
  // carl asked for no report at all (both bits clear): left out.
  ASSERT_EQ(report.content.per_recipient_fields.size(), 2u);
  const auto& a = report.content.per_recipient_fields[0];
  EXPECT_EQ(a.originally_specified_recipient_number, 1);
  const auto* na = std::get_if<asn::NonDeliveryReport>(&a.last_trace_information.report_type);
  ASSERT_NE(na, nullptr);
  EXPECT_EQ(na->reason, asn::NonDeliveryReason::unable_to_transfer);
  EXPECT_EQ(na->diagnostic, asn::NonDeliveryDiagnostic::unrecognised_or_name);
  ASSERT_TRUE(a.supplementary_information);
  EXPECT_NE(a.supplementary_information->find("550"), std::string::npos);
  const auto& b = report.content.per_recipient_fields[1];
  EXPECT_EQ(b.originally_specified_recipient_number, 2);
  const auto* nb = std::get_if<asn::NonDeliveryReport>(&b.last_trace_information.report_type);
  ASSERT_NE(nb, nullptr);
  EXPECT_EQ(nb->diagnostic, asn::NonDeliveryDiagnostic::maximum_time_expired);
  // content-return-request: the original content comes back byte for byte.
  ASSERT_TRUE(report.content.returned_content);
  auto orig = asn::decode_mts_apdu(x400::ber::Bytes(
      reinterpret_cast<const std::uint8_t*>(subject.content.data()), subject.content.size()));
  ASSERT_TRUE(orig.ok());
  EXPECT_EQ(*report.content.returned_content, std::get<asn::Message>(*orig).content);

  // Without content-return-request no content is returned.
  auto plain = f.make_report(x400_subject(false), queue::ReportNeeded{queue::ReportKind::failure, {0}});
  ASSERT_TRUE(plain.ok()) << plain.error();
  auto p = asn::decode_mts_apdu(
      x400::ber::Bytes(reinterpret_cast<const std::uint8_t*>(plain->content.data()), plain->content.size()));
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(std::get<asn::Report>(*p).content.returned_content);
}

TEST(ReportFactory, X400DelaySuccessAndBadSubjects) {
  auto f = factory();
  auto subject = x400_subject(false);
  // X.411 has no delay report.
  auto delay = f.make_report(subject, queue::ReportNeeded{queue::ReportKind::delay, {0}});
  ASSERT_TRUE(delay.ok());
  EXPECT_FALSE(report_owed(*delay));
  // Success: only bob asked for a delivery report.
  subject.recipients[0].status = subject.recipients[1].status = queue::RcptStatus::delivered;
  auto ok = f.make_success_report(subject, {0, 1});
  ASSERT_TRUE(ok.ok()) << ok.error();
  ASSERT_TRUE(report_owed(*ok));
  std::vector<std::uint8_t> ber(ok->content.begin(), ok->content.end());
  rep::test::expect_tshark_clean(ber, "mts-apdu", "factory_dr");
  auto apdu = asn::decode_mts_apdu(x400::ber::Bytes(ber.data(), ber.size()));
  ASSERT_TRUE(apdu.ok());
  const auto& report = std::get<asn::Report>(*apdu);
  ASSERT_EQ(report.content.per_recipient_fields.size(), 1u);
  EXPECT_EQ(report.content.per_recipient_fields[0].originally_specified_recipient_number, 2);
  EXPECT_TRUE(std::holds_alternative<asn::DeliveryReport>(
      report.content.per_recipient_fields[0].last_trace_information.report_type));
  // Corrupt subject content: a clear error naming the record.
  auto broken = x400_subject(false);
  broken.content = "\x30\x05\x01";
  auto e = f.make_report(broken, queue::ReportNeeded{queue::ReportKind::failure, {0}});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().find("q0002"), std::string::npos);
  EXPECT_NE(e.error().find("does not decode"), std::string::npos);
}

TEST(ReportFactory, DiagnosticClassification) {
  using R = rep::GatewayReason;
  const rep::TypedValue who{"rfc822", "x@y"};
  EXPECT_EQ(classify_diagnostic(who, {}, "expired: not delivered").reason, R::expired);
  auto smtp = classify_diagnostic(who, {}, "550 5.1.1 unknown user");
  EXPECT_EQ(smtp.reason, R::peer_refused);
  EXPECT_EQ(smtp.smtp_reply_code, 550);
  EXPECT_EQ(smtp.text, "5.1.1 unknown user");
  auto typed = classify_diagnostic(who, {}, "smtp; 550 5.1.1 unknown user");  // as SmtpTransport writes it
  EXPECT_EQ(typed.reason, R::peer_refused);
  EXPECT_EQ(typed.smtp_reply_code, 550);
  EXPECT_EQ(typed.text, "5.1.1 unknown user");
  EXPECT_EQ(rep::gateway_x400_codes(typed).diagnostic,
            std::optional<int>(static_cast<int>(rep::NonDeliveryDiagnostic::unrecognised_or_name)));
  auto bare = classify_diagnostic(who, {}, "5.2.2 mailbox full");
  EXPECT_EQ(bare.smtp_reply_code, 550);
  EXPECT_EQ(rep::gateway_status(bare), (rep::StatusCode{5, 2, 2}));
  EXPECT_EQ(classify_diagnostic(who, {}, "address is unmappable").reason, R::unmappable_address);
  EXPECT_EQ(classify_diagnostic(who, {}, "message too large for route").reason, R::too_large);
  EXPECT_EQ(classify_diagnostic(who, {}, "loop detected: 31 Received").reason, R::loop_detected);
  EXPECT_EQ(classify_diagnostic(who, {}, "no route for domain").reason, R::no_route);
  EXPECT_EQ(classify_diagnostic(who, {}, "anything else").reason, R::peer_refused);
}

}  // namespace
}  // namespace mixer::reports
