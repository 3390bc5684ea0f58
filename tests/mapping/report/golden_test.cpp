// Golden files for every report the gateway writes: X.400 NDR/DR -> DSN
// (with and without returned content), gateway-decided failed / delayed /
// relayed DSNs, DSN -> X.400 NDR/DR, probe answers, RN/NRN -> MDN and back.
// tests/integration/test_report_email.py checks every .eml written here
// with Python's email package and the RFC 3464 field grammar.
#include <gtest/gtest.h>

#include "mapping/report/dsn_to_x400.hpp"
#include "mapping/report/gateway_outcome.hpp"
#include "mapping/report/ipn_mdn.hpp"
#include "mapping/report/multipart_report.hpp"
#include "mapping/report/probe.hpp"
#include "mapping/report/x400_to_dsn.hpp"
#include "tests/mapping/report/golden.hpp"

namespace mixer::mapping::report {
namespace {

using test::dump_x400_report;
using test::expect_golden;

Timestamp at(std::string_view s) { return parse_date_time(s).value(); }

constexpr std::string_view kOriginal =
    "From: Alice <alice@example.com>\r\n"
    "To: /S=Smith/G=John/O=Isode/PRMD=Isode/ADMD= /C=GB/@x400.example.com\r\n"
    "Subject: Quarterly figures\r\n"
    "Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
    "Message-ID: <q3@example.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    "The figures are attached in spirit.\r\n";

DsnEnvelope dsn_env() {
  DsnEnvelope e;
  e.gateway_domain = "gw.example.com";
  e.from = "MIXER gateway <postmaster@gw.example.com>";
  e.to = "alice@example.com";
  e.message_id = "<report-1@gw.example.com>";
  e.date = at("Mon, 23 Nov 2026 12:00:00 +0000");
  e.original_envelope_id = "q3-envid";
  e.original_subject = "Quarterly figures";
  return e;
}

X400Report x400_ndr() {
  X400Report r;
  r.subject_mts_id = "[C=GB;ADMD= ;PRMD=Isode;]-q3";
  r.reporting_mta = "MTA mta1.isode.net in C=GB;ADMD= ;PRMD=Isode;";
  r.arrival_time = at("Mon, 23 Nov 2026 09:00:05 +0000");
  r.content_identifier = "q3";
  r.content_type = "P2-1988";
  X400ReportRecipient a;
  a.actual_recipient = {"x400", "/S=Smith/G=John/O=Isode/PRMD=Isode/ADMD= /C=GB/"};
  a.originally_intended_recipient = TypedValue{"rfc822", "john.smith@x400.example.com"};
  a.codes = {NonDeliveryReason::unable_to_transfer, 0};
  X400ReportRecipient b;
  b.actual_recipient = {"rfc822", "bob@x400.example.com"};
  b.codes = {NonDeliveryReason::conversion_not_performed, 9};
  b.supplementary_information = "Conversion to IA5 prohibited by originator";
  r.recipients = {a, b};
  return r;
}

TEST(ReportGolden, X400NdrToDsnWithReturnedContent) {
  X400Report r = x400_ndr();
  r.returned_content_rfc822 = std::string(kOriginal);
  std::string msg = x400_report_to_dsn(r, dsn_env());
  expect_golden("ndr_returned_content.eml", msg);
  auto rr = parse_report(msg).value();
  ASSERT_TRUE(rr.machine_index && rr.returned_index);
  EXPECT_EQ(rr.parts[*rr.returned_index].content_type, "message/rfc822");
  auto ds = parse_delivery_status(rr.parts[*rr.machine_index].body).value();
  EXPECT_EQ(ds.reporting_mta.type, "x400");
  EXPECT_EQ(ds.original_envelope_id, "q3-envid");
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(ds.recipients[0].status, (StatusCode{5, 1, 1}));
  EXPECT_EQ(ds.recipients[0].final_recipient.type, "x400");
  EXPECT_EQ(ds.recipients[1].status, (StatusCode{5, 6, 2}));
  EXPECT_EQ(ds.recipients[1].diagnostic_code->type, "X400");
}

TEST(ReportGolden, X400NdrToDsnHeadersOnlyAndWithoutContent) {
  DsnEnvelope env = dsn_env();
  env.original_headers = std::string(header_block(kOriginal));
  std::string msg = x400_report_to_dsn(x400_ndr(), env);
  expect_golden("ndr_headers_only.eml", msg);
  auto rr = parse_report(msg).value();
  ASSERT_TRUE(rr.returned_index);
  EXPECT_EQ(rr.parts[*rr.returned_index].content_type, "text/rfc822-headers");
  EXPECT_EQ(rr.parts[*rr.returned_index].body.find("The figures"), std::string::npos);

  std::string bare = x400_report_to_dsn(x400_ndr(), dsn_env());
  expect_golden("ndr_no_content.eml", bare);
  auto rr2 = parse_report(bare).value();
  EXPECT_FALSE(rr2.returned_index);
  EXPECT_EQ(rr2.parts.size(), 2u);
}

TEST(ReportGolden, X400DeliveryReportToDsn) {
  X400Report r = x400_ndr();
  r.recipients.resize(1);
  r.recipients[0].delivered = true;
  r.recipients[0].delivery_time = at("Mon, 23 Nov 2026 09:01:00 +0000");
  std::string msg = x400_report_to_dsn(r, dsn_env());
  expect_golden("dr_delivered.eml", msg);
  auto rr = parse_report(msg).value();
  auto ds = parse_delivery_status(rr.parts[*rr.machine_index].body).value();
  EXPECT_EQ(ds.recipients[0].action, DsnAction::delivered);
  EXPECT_EQ(ds.recipients[0].status, (StatusCode{2, 0, 0}));
  EXPECT_EQ(ds.recipients[0].last_attempt_date, "Mon, 23 Nov 2026 09:01:00 +0000");
}

TEST(ReportGolden, GatewayFailuresPerRecipientHonourNotifyAndRet) {
  Notify never{true, false, false, false};
  GatewayFailure unmappable{{"rfc822", "bad address@x400.example.com"}, std::nullopt,
                            GatewayReason::unmappable_address, "local-part not representable", {}, {}};
  GatewayFailure too_large{{"rfc822", "quiet@x400.example.com"}, std::nullopt, GatewayReason::too_large,
                           "message of 60000000 octets exceeds 52428800", {}, {}};
  GatewayFailure refused{{"rfc822", "carol@x400.example.com"},
                         TypedValue{"rfc822", "carol@example.org"},
                         GatewayReason::peer_refused,
                         "5.1.1 <carol@x400.example.com>: Recipient address rejected",
                         550,
                         TypedValue{"dns", "mx.x400.example.com"}};
  Timestamp t = at("Mon, 23 Nov 2026 11:59:00 +0000");
  std::vector<SmtpOutcome> outcomes = {smtp_failed(unmappable, std::nullopt, t), smtp_failed(too_large, never, t),
                                       smtp_failed(refused, Notify{false, false, true, false}, t)};
  auto msg = build_gateway_dsn(outcomes, dsn_env(), Ret::full, std::string(kOriginal));
  ASSERT_TRUE(msg);
  expect_golden("gateway_failed_ret_full.eml", *msg);
  auto rr = parse_report(*msg).value();
  auto ds = parse_delivery_status(rr.parts[*rr.machine_index].body).value();
  ASSERT_EQ(ds.recipients.size(), 2u) << "NOTIFY=NEVER recipient must not be reported";
  EXPECT_EQ(ds.recipients[0].status, (StatusCode{5, 1, 3}));
  EXPECT_EQ(ds.recipients[1].status, (StatusCode{5, 1, 1}));
  EXPECT_EQ(ds.recipients[1].diagnostic_code->type, "smtp");
  EXPECT_EQ(rr.parts[*rr.returned_index].content_type, "message/rfc822");
  // Everybody said NEVER: no DSN at all.
  EXPECT_FALSE(build_gateway_dsn({smtp_failed(too_large, never, t)}, dsn_env(), Ret::full, std::string(kOriginal)));
}

TEST(ReportGolden, GatewayDelayedAndRelayed) {
  Notify delay{false, false, true, true};
  Notify success{false, true, true, false};
  auto delayed = smtp_delayed({"rfc822", "john.smith@x400.example.com"}, std::nullopt, delay, StatusCode{4, 4, 1},
                              "X.400 peer mta1.isode.net not answering", at("Mon, 23 Nov 2026 11:00:00 +0000"),
                              at("Thu, 26 Nov 2026 09:00:00 +0000"));
  auto msg = build_gateway_dsn({delayed}, dsn_env(), Ret::hdrs, std::string(kOriginal));
  ASSERT_TRUE(msg);
  expect_golden("gateway_delayed.eml", *msg);
  // Without NOTIFY=DELAY no delay DSN.
  auto quiet = smtp_delayed({"rfc822", "x@y"}, std::nullopt, std::nullopt, StatusCode{4, 4, 1}, "",
                            at("Mon, 23 Nov 2026 11:00:00 +0000"), at("Thu, 26 Nov 2026 09:00:00 +0000"));
  EXPECT_FALSE(build_gateway_dsn({quiet}, dsn_env(), std::nullopt, std::nullopt));

  auto relayed = smtp_relayed({"rfc822", "john.smith@x400.example.com"}, TypedValue{"rfc822", "john@example.com"},
                              success, at("Mon, 23 Nov 2026 11:30:00 +0000"),
                              "relayed into X.400 towards a peer that did not accept a delivery report request");
  msg = build_gateway_dsn({relayed}, dsn_env(), std::nullopt, std::string(kOriginal));
  ASSERT_TRUE(msg);
  expect_golden("gateway_relayed.eml", *msg);
  auto rr = parse_report(*msg).value();
  auto ds = parse_delivery_status(rr.parts[*rr.machine_index].body).value();
  EXPECT_EQ(ds.recipients[0].action, DsnAction::relayed);
  EXPECT_EQ(rr.parts[*rr.returned_index].content_type, "text/rfc822-headers");
}

StoredSubject stored() {
  StoredSubject s;
  s.mts_id = "C=GB;ADMD= ;PRMD=Isode;-id1";
  s.content_return_request = true;
  s.content_stored = true;
  s.content_identifier = "budget";
  s.recipients.push_back({"nobody@postfix.test", {"x400", "/S=Nobody/OU=postfix.test/O=Gateway/PRMD=Isode/ADMD= /C=GB/"},
                          std::nullopt, ReportRequest{false, true}});
  s.recipients.push_back({"user@postfix.test", {"x400", "/S=User/OU=postfix.test/O=Gateway/PRMD=Isode/ADMD= /C=GB/"},
                          TypedValue{"x400", "/S=User/O=Old/PRMD=Isode/ADMD= /C=GB/"}, ReportRequest{true, false}});
  return s;
}

constexpr std::string_view kPostfixBounce =
    "Reporting-MTA: dns; postfix.localhost\n"
    "X-Postfix-Queue-ID: 4C1F2A0C3B\n"
    "X-Postfix-Sender: rfc822; gw@gw.example.com\n"
    "Arrival-Date: Mon, 23 Nov 2026 12:20:01 +0000 (UTC)\n"
    "Original-Envelope-Id: C=GB;ADMD= ;PRMD=Isode;-id1\n"
    "\n"
    "Final-Recipient: rfc822; nobody@postfix.test\n"
    "Original-Recipient: x400;/S=Nobody/OU=postfix.test/O=Gateway/PRMD=Isode/ADMD= /C=GB/\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Diagnostic-Code: X-Postfix; unknown user: \"nobody@postfix.test\"\n"
    "\n"
    "Final-Recipient: rfc822; user@postfix.test\n"
    "Action: delivered\n"
    "Status: 2.0.0\n"
    "Last-Attempt-Date: Mon, 23 Nov 2026 12:20:02 +0000 (UTC)\n";

TEST(ReportGolden, DsnToX400NdrAndDr) {
  auto ds = parse_delivery_status(kPostfixBounce).value();
  ReceivedReport none;
  EXPECT_EQ(subject_mts_id(none, ds), "C=GB;ADMD= ;PRMD=Isode;-id1");
  auto rep = dsn_to_x400_report(ds, stored(), "gw.example.com", at("Mon, 23 Nov 2026 12:30:00 +0000")).value();
  ASSERT_TRUE(rep);
  expect_golden("dsn_to_x400_ndr_dr.txt", dump_x400_report(*rep));
  ASSERT_EQ(rep->recipients.size(), 2u);
  EXPECT_FALSE(rep->recipients[0].delivered);
  EXPECT_EQ(rep->recipients[0].codes, (X400Codes{NonDeliveryReason::unable_to_transfer, 0}));
  EXPECT_TRUE(rep->recipients[1].delivered);
  EXPECT_TRUE(rep->return_stored_content);
}

TEST(ReportGolden, DsnToX400HonoursRequestsAndDropsDelayedAndRelayed) {
  StoredSubject s = stored();
  s.recipients[1].request = ReportRequest{false, true};  // no delivery report asked
  auto ds = parse_delivery_status(kPostfixBounce).value();
  auto rep = dsn_to_x400_report(ds, s, "gw", at("Mon, 23 Nov 2026 12:30:00 +0000")).value();
  ASSERT_TRUE(rep);
  EXPECT_EQ(rep->recipients.size(), 1u);

  ds.recipients[0].action = DsnAction::delayed;
  ds.recipients[1].action = DsnAction::relayed;
  s.recipients[1].request = ReportRequest{true, false};
  auto none = dsn_to_x400_report(ds, s, "gw", at("Mon, 23 Nov 2026 12:30:00 +0000")).value();
  EXPECT_FALSE(none) << "delayed and relayed have no X.400 counterpart by default";
  auto policy = dsn_to_x400_report(ds, s, "gw", at("Mon, 23 Nov 2026 12:30:00 +0000"), {true}).value();
  ASSERT_TRUE(policy);
  EXPECT_TRUE(policy->recipients[0].delivered);

  // Transient status with Action failed: the remote MTA gave up -> maximum-time-expired.
  ds.recipients[0].action = DsnAction::failed;
  ds.recipients[0].status = StatusCode{4, 4, 1};
  auto expired = dsn_to_x400_report(ds, s, "gw", at("Mon, 23 Nov 2026 12:30:00 +0000")).value();
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->recipients[0].codes, (X400Codes{NonDeliveryReason::unable_to_transfer, 5}));

  // X400 diagnostic codes that crossed SMTP come back unchanged.
  ds.recipients[0].diagnostic_code = TypedValue{"X400", "reason=2 (conversion-not-performed); diagnostic=8 (x)"};
  auto exact = dsn_to_x400_report(ds, s, "gw", at("Mon, 23 Nov 2026 12:30:00 +0000")).value();
  EXPECT_EQ(exact->recipients[0].codes, (X400Codes{NonDeliveryReason::conversion_not_performed, 8}));

  // A DSN about strangers is an error, not a silent empty report.
  ds.recipients.resize(1);
  ds.recipients[0].final_recipient = {"rfc822", "stranger@else.where"};
  ds.recipients[0].original_recipient.reset();
  EXPECT_FALSE(dsn_to_x400_report(ds, s, "gw", at("Mon, 23 Nov 2026 12:30:00 +0000")).ok());
}

TEST(ReportGolden, GatewayDecidedX400Reports) {
  ReportRequest ndr_only{false, true};
  ReportRequest all{true, false};
  ReportRequest never{false, false};
  GatewayFailure unmappable{{"x400", "/S=Weird/O=Isode/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt,
                            GatewayReason::unmappable_address, "no RFC 822 form", {}, {}};
  GatewayFailure expired{{"x400", "/S=Late/O=Isode/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt, GatewayReason::expired,
                         "queue lifetime of 5 days exceeded", {}, {}};
  GatewayFailure refused{{"x400", "/S=Gone/O=Isode/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt,
                         GatewayReason::peer_refused, "5.2.2 mailbox full", 552, {}};
  GatewayFailure silent{{"x400", "/S=Silent/O=Isode/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt,
                        GatewayReason::loop_detected, "", {}, {}};
  std::vector<X400Outcome> outcomes = {
      x400_failed(unmappable, ndr_only), x400_failed(expired, all), x400_failed(refused, ndr_only),
      x400_failed(silent, never),
      x400_delivered({"x400", "/S=Fine/O=Isode/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt, all,
                     at("Mon, 23 Nov 2026 12:10:00 +0000"), "relayed to mx.example.com"),
      x400_delivered({"x400", "/S=Quiet/O=Isode/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt, ndr_only,
                     at("Mon, 23 Nov 2026 12:10:00 +0000"), "")};
  X400Subject subject{"[C=GB;ADMD= ;PRMD=Isode;]-m7", true, false, "m7", at("Mon, 23 Nov 2026 12:00:00 +0000")};
  auto rep = build_gateway_x400_report(outcomes, subject, "gw.example.com");
  ASSERT_TRUE(rep);
  expect_golden("gateway_x400_report.txt", dump_x400_report(*rep));
  EXPECT_EQ(rep->recipients.size(), 4u);
  EXPECT_FALSE(rep->return_stored_content) << "content was not stored: cannot return it exactly";
}

TEST(ReportGolden, ProbeAnswers) {
  Probe p;
  p.mts_id = "[C=GB;ADMD= ;PRMD=Isode;]-probe1";
  p.content_length = 1000;
  p.arrival_time = at("Mon, 23 Nov 2026 12:00:00 +0000");
  ReportRequest all{true, false};
  p.recipients = {
      {{"x400", "/S=Alice/OU=example.com/O=Gateway/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt,
       std::string("alice@example.com"), all},
      {{"x400", "/S=Nobody/O=Elsewhere/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt, std::nullopt, all},
      {{"x400", "/S=Bob/OU=unrouted.example/O=Gateway/PRMD=Isode/ADMD= /C=GB/"}, std::nullopt,
       std::string("bob@unrouted.example"), all},
  };
  auto routable = [](const std::string& a) { return a.ends_with("@example.com"); };
  auto rep = answer_probe(p, routable, 52428800, "gw.example.com", at("Mon, 23 Nov 2026 12:00:01 +0000"));
  ASSERT_TRUE(rep);
  expect_golden("probe_result.txt", dump_x400_report(*rep));
  ASSERT_EQ(rep->recipients.size(), 3u);
  EXPECT_TRUE(rep->recipients[0].delivered);
  EXPECT_EQ(rep->recipients[1].codes.diagnostic, 0);
  EXPECT_FALSE(rep->recipients[2].delivered);

  p.content_length = 60000000;
  auto big = answer_probe(p, routable, 52428800, "gw", at("Mon, 23 Nov 2026 12:00:01 +0000"));
  EXPECT_EQ(big->recipients[0].codes, (X400Codes{NonDeliveryReason::unable_to_transfer, 7}));
  // Only non-delivery requested: deliverable recipients are not listed.
  for (auto& r : p.recipients) r.request = ReportRequest{false, true};
  p.content_length = 10;
  auto ndr_only = answer_probe(p, routable, 52428800, "gw", at("Mon, 23 Nov 2026 12:00:01 +0000"));
  ASSERT_TRUE(ndr_only);
  EXPECT_EQ(ndr_only->recipients.size(), 2u);
}

MdnEnvelope mdn_env() {
  MdnEnvelope e;
  e.gateway_domain = "gw.example.com";
  e.from = "/S=Smith/G=John/O=Isode/PRMD=Isode/ADMD= /C=GB/@gw.example.com";
  e.to = "alice@example.com";
  e.message_id = "<ipn-1@gw.example.com>";
  e.date = at("Mon, 23 Nov 2026 12:00:00 +0000");
  e.original_subject = "Quarterly figures";
  return e;
}

Ipn rn() {
  Ipn i;
  i.subject_message_id = "<q3@example.com>";
  i.ipn_originator = {"x400", "/S=Smith/G=John/O=Isode/PRMD=Isode/ADMD= /C=GB/"};
  i.ipm_intended_recipient = TypedValue{"rfc822", "john.smith@x400.example.com"};
  i.receipt = true;
  i.receipt_time = at("Mon, 23 Nov 2026 11:45:00 +0000");
  i.acknowledgment_mode = AcknowledgmentMode::manual;
  i.suppl_receipt_info = "Read at my desk";
  return i;
}

void expect_mdn_round_trip(const std::string& msg, const Ipn& original) {
  auto rr = parse_report(msg).value();
  EXPECT_EQ(rr.report_type, "disposition-notification");
  ASSERT_TRUE(rr.machine_index);
  auto m = parse_disposition_notification(rr.parts[*rr.machine_index].body).value();
  auto back = mdn_to_ipn(m, std::nullopt).value();
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, original);
}

TEST(ReportGolden, ReceiptNotificationToMdnAndBack) {
  Ipn i = rn();
  std::string msg = ipn_to_mdn(i, mdn_env());
  expect_golden("rn.eml", msg);
  expect_mdn_round_trip(msg, i);
  i.acknowledgment_mode = AcknowledgmentMode::automatic;
  i.suppl_receipt_info.reset();
  expect_mdn_round_trip(ipn_to_mdn(i, mdn_env()), i);
}

TEST(ReportGolden, NonReceiptNotificationsToMdnAndBack) {
  Ipn d = rn();
  d.receipt = false;
  d.receipt_time.reset();
  d.suppl_receipt_info.reset();
  d.non_receipt_reason = NonReceiptReason::ipm_discarded;
  d.discard_reason = DiscardReason::ipm_expired;
  std::string msg = ipn_to_mdn(d, mdn_env());
  expect_golden("nrn_discarded.eml", msg);
  expect_mdn_round_trip(msg, d);

  Ipn f = d;
  f.non_receipt_reason = NonReceiptReason::ipm_auto_forwarded;
  f.discard_reason.reset();
  f.auto_forward_comment = "Forwarded to my deputy";
  msg = ipn_to_mdn(f, mdn_env());
  expect_golden("nrn_forwarded.eml", msg);
  expect_mdn_round_trip(msg, f);
}

TEST(ReportGolden, ForeignMdnsToIpn) {
  auto m = parse_disposition_notification(
               "Reporting-UA: mua.example.com; Thunderbird\n"
               "Final-Recipient: rfc822; bob@example.com\n"
               "Original-Message-ID: <abc@x400.example.com>\n"
               "Disposition: manual-action/MDN-sent-manually; displayed\n")
               .value();
  auto ipn = mdn_to_ipn(m, at("Mon, 23 Nov 2026 10:00:00 +0000")).value();
  ASSERT_TRUE(ipn);
  EXPECT_TRUE(ipn->receipt);
  EXPECT_EQ(ipn->receipt_time, at("Mon, 23 Nov 2026 10:00:00 +0000"));
  EXPECT_EQ(ipn->acknowledgment_mode, AcknowledgmentMode::manual);
  EXPECT_FALSE(mdn_to_ipn(m, std::nullopt).ok()) << "an RN needs a receipt time";

  m.disposition.type = DispositionType::deleted;
  ipn = mdn_to_ipn(m, std::nullopt).value();
  ASSERT_TRUE(ipn);
  EXPECT_FALSE(ipn->receipt);
  EXPECT_FALSE(ipn->discard_reason);

  m.disposition.type = DispositionType::processed;
  EXPECT_FALSE(mdn_to_ipn(m, std::nullopt).value());
  m.disposition.type = DispositionType::displayed;
  m.disposition.modifiers = {"error"};
  EXPECT_FALSE(mdn_to_ipn(m, std::nullopt).value());
  m.original_message_id.reset();
  m.disposition.modifiers.clear();
  EXPECT_FALSE(mdn_to_ipn(m, at("Mon, 23 Nov 2026 10:00:00 +0000")).ok());

  EXPECT_TRUE(wants_disposition_notification_to({true, false, false}));
  EXPECT_TRUE(wants_disposition_notification_to({false, true, false}));
  EXPECT_FALSE(wants_disposition_notification_to({false, false, true}));
  EXPECT_EQ(from_disposition_notification_to(true), (NotificationRequests{true, true, false}));
  EXPECT_EQ(from_disposition_notification_to(false), (NotificationRequests{}));
}

TEST(ReportGolden, LoopSafety) {
  EXPECT_TRUE(may_report_on(SubjectKind::message));
  EXPECT_TRUE(may_report_on(SubjectKind::probe));
  EXPECT_FALSE(may_report_on(SubjectKind::delivery_report));
  EXPECT_FALSE(may_report_on(SubjectKind::notification));
  // Every generated report is marked auto-replied (RFC 3834) and is a multipart/report.
  for (const std::string& msg : {x400_report_to_dsn(x400_ndr(), dsn_env()), ipn_to_mdn(rn(), mdn_env())}) {
    auto rr = parse_report(msg).value();
    bool auto_submitted = false;
    for (const Field& f : rr.headers) auto_submitted = auto_submitted || (iequal(f.name, "Auto-Submitted") && f.value == "auto-replied");
    EXPECT_TRUE(auto_submitted);
    // No generated report asks for a report.
    EXPECT_EQ(msg.find("Disposition-Notification-To"), std::string::npos);
  }
}

}  // namespace
}  // namespace mixer::mapping::report
