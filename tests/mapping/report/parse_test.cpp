// RFC 3464 / RFC 8098 / RFC 6522 parsing: real-world shaped input, every
// required-field error with its line, limits, and print -> parse round trips.
#include <gtest/gtest.h>

#include "mapping/report/date_time.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/mdn.hpp"
#include "mapping/report/multipart_report.hpp"

namespace mixer::mapping::report {
namespace {

// The shape Postfix 3.x writes (bounce(8) dsn_template), LF line ends as in a Maildir file.
constexpr std::string_view kPostfixDsnBody =
    "Reporting-MTA: dns; postfix.localhost\n"
    "X-Postfix-Queue-ID: 4C1F2A0C3B\n"
    "X-Postfix-Sender: rfc822; user@postfix.test\n"
    "Arrival-Date: Mon, 23 Nov 2026 12:20:01 +0000 (UTC)\n"
    "Original-Envelope-Id: C=GB;ADMD= ;PRMD=Isode;-id1\n"
    "\n"
    "Final-Recipient: rfc822; nobody@postfix.test\n"
    "Original-Recipient: rfc822;nobody@postfix.test\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Diagnostic-Code: X-Postfix; unknown user: \"nobody@postfix.test\"\n"
    "\n";

TEST(ReportParse, PostfixShapedDeliveryStatus) {
  auto ds = parse_delivery_status(kPostfixDsnBody).value();
  EXPECT_EQ(ds.reporting_mta, (TypedValue{"dns", "postfix.localhost"}));
  EXPECT_EQ(ds.original_envelope_id, "C=GB;ADMD= ;PRMD=Isode;-id1");
  ASSERT_TRUE(ds.arrival_date);
  EXPECT_EQ(parse_date_time(*ds.arrival_date), parse_date_time("Mon, 23 Nov 2026 12:20:01 +0000"));
  ASSERT_EQ(ds.extensions.size(), 2u);
  EXPECT_EQ(ds.extensions[0].name, "X-Postfix-Queue-ID");
  ASSERT_EQ(ds.recipients.size(), 1u);
  const auto& r = ds.recipients[0];
  EXPECT_EQ(r.final_recipient, (TypedValue{"rfc822", "nobody@postfix.test"}));
  EXPECT_EQ(r.original_recipient, (TypedValue{"rfc822", "nobody@postfix.test"}));
  EXPECT_EQ(r.action, DsnAction::failed);
  EXPECT_EQ(r.status, (StatusCode{5, 1, 1}));
  ASSERT_TRUE(r.diagnostic_code);
  EXPECT_EQ(r.diagnostic_code->type, "X-Postfix");
}

TEST(ReportParse, FoldedFieldsCommentsAndSeveralRecipients) {
  std::string body =
      "Reporting-MTA: dns;\r\n mx.example.com\r\n\r\n"
      "Final-Recipient: rfc822; a@example.com\r\nAction: delayed (still trying)\r\nStatus: 4.4.1 (no answer)\r\n"
      "Will-Retry-Until: Tue, 24 Nov 2026 12:00:00 +0100\r\n\r\n\r\n"
      "Final-Recipient: x400; /S=Smith/O=Isode/C=GB/\r\nAction: Delivered\r\nStatus: 2.0.0\r\n";
  auto ds = parse_delivery_status(body).value();
  EXPECT_EQ(ds.reporting_mta.value, "mx.example.com");
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(ds.recipients[0].action, DsnAction::delayed);
  EXPECT_EQ(ds.recipients[0].status, (StatusCode{4, 4, 1}));
  EXPECT_EQ(ds.recipients[1].final_recipient.type, "x400");
  EXPECT_EQ(ds.recipients[1].action, DsnAction::delivered);
}

struct BadCase {
  const char* body;
  const char* field;
  std::size_t line;
};

TEST(ReportParse, DeliveryStatusErrorsNameFieldAndLine) {
  const BadCase cases[] = {
      {"", "", 1},
      {"Arrival-Date: x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n", "Reporting-MTA", 1},
      {"Reporting-MTA: dns; a\n", "", 1},
      {"Reporting-MTA: dns; a\n\nAction: failed\nStatus: 5.0.0\n", "Final-Recipient", 3},
      {"Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b\nStatus: 5.0.0\n", "Action", 3},
      {"Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b\nAction: failed\n", "Status", 3},
      {"Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b\nAction: exploded\nStatus: 5.0.0\n", "Action", 4},
      {"Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0\n", "Status", 5},
      {"Reporting-MTA: dns; a\n\nFinal-Recipient: a@b\nAction: failed\nStatus: 5.0.0\n", "Final-Recipient", 3},
      {"Reporting-MTA: dns; a\nReporting-MTA: dns; b\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n",
       "Reporting-MTA", 2},
      {"Reporting-MTA: dns; a\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n", "Final-Recipient", 2},
      {"Reporting-MTA: dns; a\n\n continuation\n", "", 3},
      {"Reporting-MTA: dns; a\n\nno colon here\n", "", 3},
      {"Reporting-MTA: dns; a\n\nBad Name: x\n", "Bad Name", 3},
      {"Reporting-MTA: dns; a\0\n", "", 1},
  };
  for (const BadCase& c : cases) {
    std::string body(c.body);
    if (std::string_view(c.body) == "Reporting-MTA: dns; a") body += std::string(1, '\0') + "\n";
    auto r = parse_delivery_status(body);
    ASSERT_FALSE(r.ok()) << "accepted: " << c.body;
    EXPECT_EQ(r.error().field, c.field) << r.error().to_string();
    EXPECT_EQ(r.error().line, c.line) << r.error().to_string();
    EXPECT_FALSE(r.error().what.empty());
  }
}

TEST(ReportParse, Limits) {
  ReportLimits lim;
  lim.max_line = 1000;
  std::string long_line = "Reporting-MTA: dns; " + std::string(2000, 'a') + "\n";
  auto r = parse_delivery_status(long_line, lim);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("max_line"), std::string::npos);

  lim = ReportLimits{};
  lim.max_recipients = 2;
  std::string many = "Reporting-MTA: dns; a\n";
  for (int i = 0; i < 3; ++i) many += "\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n";
  r = parse_delivery_status(many, lim);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("max_recipients"), std::string::npos);

  lim = ReportLimits{};
  lim.max_fields_per_group = 16;
  std::string wide = "Reporting-MTA: dns; a\n";
  for (int i = 0; i < 20; ++i) wide += "X-F" + std::to_string(i) + ": v\n";
  r = parse_delivery_status(wide, lim);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("max_fields_per_group"), std::string::npos);

  lim = ReportLimits{};
  lim.max_field = 1000;
  std::string folded = "Reporting-MTA: dns; a\n";
  for (int i = 0; i < 100; ++i) folded += " continuation-text-of-some-length\n";
  r = parse_delivery_status(folded, lim);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("max_field"), std::string::npos);
}

TEST(ReportParse, PrintParseRoundTrip) {
  auto ds = parse_delivery_status(kPostfixDsnBody).value();
  std::string printed = print_delivery_status(ds);
  auto again = parse_delivery_status(printed).value();
  EXPECT_EQ(print_delivery_status(again), printed);
  EXPECT_EQ(again.recipients[0].status, ds.recipients[0].status);
  EXPECT_EQ(again.original_envelope_id, ds.original_envelope_id);
  // Long values are folded within 78 columns and unfold to the same value.
  ds.recipients[0].diagnostic_code->value = "";
  for (int i = 0; i < 30; ++i) ds.recipients[0].diagnostic_code->value += "word" + std::to_string(i) + " ";
  ds.recipients[0].diagnostic_code->value.pop_back();
  printed = print_delivery_status(ds);
  std::size_t start = 0;
  while (start < printed.size()) {
    std::size_t eol = printed.find("\r\n", start);
    ASSERT_NE(eol, std::string::npos);
    EXPECT_LE(eol - start, 78u);
    start = eol + 2;
  }
  EXPECT_EQ(parse_delivery_status(printed).value().recipients[0].diagnostic_code->value,
            ds.recipients[0].diagnostic_code->value);
}

TEST(ReportParse, DispositionNotification) {
  std::string body =
      "Reporting-UA: mua.example.com; Mutt 2.2\r\n"
      "Original-Recipient: rfc822; bob@example.com\r\n"
      "Final-Recipient: rfc822; bob@example.com\r\n"
      "Original-Message-ID: <123@example.com>\r\n"
      "Disposition: manual-action/MDN-sent-manually; displayed\r\n";
  auto m = parse_disposition_notification(body).value();
  EXPECT_EQ(m.final_recipient, (TypedValue{"rfc822", "bob@example.com"}));
  EXPECT_EQ(m.original_message_id, "<123@example.com>");
  EXPECT_FALSE(m.disposition.automatic_action);
  EXPECT_FALSE(m.disposition.sent_automatically);
  EXPECT_EQ(m.disposition.type, DispositionType::displayed);
  EXPECT_EQ(print_disposition_notification(m), body);

  auto d = parse_disposition("automatic-action/MDN-sent-automatically (auto) ; deleted/error,x-foo").value();
  EXPECT_TRUE(d.automatic_action);
  EXPECT_EQ(d.type, DispositionType::deleted);
  EXPECT_EQ(d.modifiers, (std::vector<std::string>{"error", "x-foo"}));
  EXPECT_EQ(format_disposition(d), "automatic-action/MDN-sent-automatically; deleted/error,x-foo");

  EXPECT_FALSE(parse_disposition("displayed"));
  EXPECT_FALSE(parse_disposition("manual-action; displayed"));
  EXPECT_FALSE(parse_disposition("sometimes/MDN-sent-manually; displayed"));
  EXPECT_FALSE(parse_disposition("manual-action/MDN-sent-never; displayed"));
  EXPECT_FALSE(parse_disposition("manual-action/MDN-sent-manually; read"));
  EXPECT_FALSE(parse_disposition("manual-action/MDN-sent-manually; displayed/"));

  auto missing = parse_disposition_notification("Final-Recipient: rfc822; a@b\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "Disposition");
  auto bad = parse_disposition_notification("Final-Recipient: rfc822; a@b\nDisposition: nonsense\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().line, 2u);
  auto two = parse_disposition_notification("Final-Recipient: rfc822; a@b\n\nDisposition: x\n");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().line, 3u);
}

TEST(ReportParse, MultipartReportRoundTrip) {
  ReportParts p;
  p.headers = {{"From", "a@b"}, {"To", "c@d"}, {"Subject", "x"}};
  p.report_type = "delivery-status";
  p.human_text = "hello\nworld";
  p.machine_type = "message/delivery-status";
  p.machine_body = std::string(kPostfixDsnBody);
  p.returned = ReturnedKind::headers_only;
  p.returned_content = "From: a@b\nSubject: original\n";
  std::string msg = build_report(p);
  auto rr = parse_report(msg).value();
  EXPECT_EQ(rr.report_type, "delivery-status");
  ASSERT_EQ(rr.parts.size(), 3u);
  EXPECT_EQ(rr.parts[0].body, "hello\r\nworld\r\n");
  ASSERT_TRUE(rr.machine_index);
  EXPECT_EQ(*rr.machine_index, 1u);
  ASSERT_TRUE(rr.returned_index);
  EXPECT_EQ(rr.parts[2].content_type, "text/rfc822-headers");
  auto ds = parse_delivery_status(rr.parts[1].body, {}, rr.parts[1].body_line).value();
  EXPECT_EQ(ds.recipients[0].status, (StatusCode{5, 1, 1}));
  // The machine part's line numbers point into the whole message.
  std::string broken = msg;
  broken.replace(broken.find("Status: 5.1.1"), 13, "Status: 5.1.x");
  auto rr2 = parse_report(broken).value();
  auto err = parse_delivery_status(rr2.parts[1].body, {}, rr2.parts[1].body_line);
  ASSERT_FALSE(err.ok());
  std::size_t line = 1;
  for (std::size_t i = 0; i < broken.find("Status: 5.1.x"); ++i) line += broken[i] == '\n';
  EXPECT_EQ(err.error().line, line);
}

TEST(ReportParse, MultipartReportErrors) {
  EXPECT_FALSE(parse_report("Content-Type: text/plain\n\nhi\n"));
  EXPECT_FALSE(parse_report("Content-Type: multipart/report; boundary=x\n\n--x\n\nhi\n--x--\n"));
  EXPECT_FALSE(parse_report("Content-Type: multipart/report; report-type=delivery-status\n\n"));
  auto unclosed = parse_report("Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\n\nx\n");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_NE(unclosed.error().what.find("closing boundary"), std::string::npos);
  // base64 and quoted-printable machine parts are decoded.
  auto b64 = parse_report(
                 "Content-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n"
                 "--b\n\ntext\n--b\nContent-Type: message/disposition-notification\n"
                 "Content-Transfer-Encoding: base64\n\n"
                 "RmluYWwtUmVjaXBpZW50OiByZmM4MjI7IGFAYgpEaXNwb3NpdGlvbjogbWFudWFsLWFjdGlvbi9N\n"
                 "RE4tc2VudC1tYW51YWxseTsgZGlzcGxheWVkCg==\n--b--\n")
                 .value();
  ASSERT_TRUE(b64.machine_index);
  auto m = parse_disposition_notification(b64.parts[*b64.machine_index].body).value();
  EXPECT_EQ(m.disposition.type, DispositionType::displayed);
}

TEST(ReportParse, DateTimes) {
  auto t = parse_date_time("Mon, 23 Nov 2026 12:04:24 +0000").value();
  EXPECT_EQ(format_date_time(t), "Mon, 23 Nov 2026 12:04:24 +0000");
  EXPECT_EQ(parse_date_time("23 Nov 2026 13:04:24 +0100"), t);
  EXPECT_EQ(parse_date_time("Mon, 23 Nov 2026 07:04:24 EST"), t);
  EXPECT_EQ(parse_date_time("Mon, 23 Nov 26 12:04:24 GMT"), t);
  EXPECT_EQ(parse_date_time("Mon, 23 Nov 2026 12:04:24 +0000 (UTC)"), t);
  EXPECT_FALSE(parse_date_time("Mon, 31 Feb 2026 12:04:24 +0000"));
  EXPECT_FALSE(parse_date_time("Mon, 23 Foo 2026 12:04:24 +0000"));
  EXPECT_FALSE(parse_date_time("Mon, 23 Nov 2026 25:04:24 +0000"));
  EXPECT_FALSE(parse_date_time("Mon 23 Nov 2026 12:04:24 +0000"));
  EXPECT_FALSE(parse_date_time(""));
}

}  // namespace
}  // namespace mixer::mapping::report
