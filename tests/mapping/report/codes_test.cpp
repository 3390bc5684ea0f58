// The code tables: every X.400 reason/diagnostic -> RFC 3463 status row and
// every status -> reason/diagnostic row, as golden tables, plus the rows the
// digest marks [V] and the SMTP reply fallbacks asserted explicitly.
#include <gtest/gtest.h>

#include "mapping/report/dsn_params.hpp"
#include "mapping/report/status_code.hpp"
#include "mapping/report/x400_codes.hpp"
#include "mapping/report/xtext.hpp"
#include "tests/mapping/report/golden.hpp"

namespace mixer::mapping::report {
namespace {

using test::expect_golden;

TEST(ReportCodes, EveryReasonAndDiagnosticToStatusGolden) {
  std::string table = "# reason diagnostic -> status (RFC 2156 5.3.3; docs/conformance/reports.md)\n";
  for (int r = 0; r <= kMaxReason; ++r) {
    X400Codes c{static_cast<NonDeliveryReason>(r), std::nullopt};
    table += std::to_string(r) + " " + std::string(reason_name(r)) + " / none -> " + x400_to_status(c).to_string() + "\n";
    for (int d = 0; d <= kMaxDiagnostic; ++d) {
      c.diagnostic = d;
      StatusCode s = x400_to_status(c);
      EXPECT_EQ(s.klass, 5) << "X.400 non-delivery is final: " << r << "/" << d;
      table += std::to_string(r) + " " + std::string(reason_name(r)) + " / " + std::to_string(d) + " " +
               std::string(diagnostic_name(d)) + " -> " + s.to_string() + "\n";
    }
  }
  expect_golden("x400_to_status.txt", table);
}

TEST(ReportCodes, EveryStatusToX400Golden) {
  std::string table = "# status -> reason/diagnostic (RFC 2156 5.1; digest 4.2)\n";
  for (int k : {4, 5}) {
    for (int sub = 0; sub <= 7; ++sub) {
      for (int det = 0; det <= 9; ++det) {
        StatusCode s{k, sub, det};
        table += s.to_string() + " -> " + format_x400_diagnostic(status_to_x400(s)) + "\n";
      }
    }
  }
  expect_golden("status_to_x400.txt", table);
}

TEST(ReportCodes, VerifiedRowsFromTheDigest) {
  // [V] rows of digest 4.2.
  EXPECT_EQ(status_to_x400({5, 1, 3}), (X400Codes{NonDeliveryReason::unable_to_transfer, 0}));
  EXPECT_EQ(status_to_x400({5, 1, 7}), (X400Codes{NonDeliveryReason::unable_to_transfer, 11}));
  // [K] rows.
  EXPECT_EQ(status_to_x400({5, 1, 1}), (X400Codes{NonDeliveryReason::unable_to_transfer, 0}));
  EXPECT_EQ(status_to_x400({5, 4, 6}), (X400Codes{NonDeliveryReason::unable_to_transfer, 3}));
  EXPECT_EQ(status_to_x400({5, 4, 7}), (X400Codes{NonDeliveryReason::unable_to_transfer, 5}));
  EXPECT_EQ(status_to_x400({5, 2, 2}), (X400Codes{NonDeliveryReason::unable_to_transfer, 4}));
  EXPECT_EQ(status_to_x400({5, 3, 4}), (X400Codes{NonDeliveryReason::unable_to_transfer, 7}));
  EXPECT_EQ(status_to_x400({5, 6, 2}), (X400Codes{NonDeliveryReason::conversion_not_performed, 9}));
  EXPECT_EQ(status_to_x400({5, 7, 1}).reason, NonDeliveryReason::transfer_failure_for_security_reason);
  EXPECT_EQ(status_to_x400({5, 9, 9}), (X400Codes{NonDeliveryReason::unable_to_transfer, std::nullopt}));
  // Backwards: the most specific status.
  EXPECT_EQ(x400_to_status({NonDeliveryReason::unable_to_transfer, 0}), (StatusCode{5, 1, 1}));
  EXPECT_EQ(x400_to_status({NonDeliveryReason::unable_to_transfer, 3}), (StatusCode{5, 4, 6}));
  EXPECT_EQ(x400_to_status({NonDeliveryReason::unable_to_transfer, 5}), (StatusCode{5, 4, 7}));
  EXPECT_EQ(x400_to_status({NonDeliveryReason::unable_to_transfer, 7}), (StatusCode{5, 3, 4}));
  EXPECT_EQ(x400_to_status({NonDeliveryReason::restricted_delivery, 0}), (StatusCode{5, 7, 1}));
  EXPECT_EQ(x400_to_status({NonDeliveryReason::transfer_failure_for_security_reason, 0}), (StatusCode{5, 7, 0}));
}

TEST(ReportCodes, RoundTripOfTheDigestRows) {
  // Rows that must survive X.400 -> status -> X.400 unchanged.
  for (int d : {0, 1, 3, 5, 7, 9, 16, 18, 30}) {
    X400Codes c{d == 9 ? NonDeliveryReason::conversion_not_performed : NonDeliveryReason::unable_to_transfer, d};
    EXPECT_EQ(status_to_x400(x400_to_status(c)), c) << "diagnostic " << d;
  }
}

TEST(ReportCodes, X400DiagnosticTextRoundTrips) {
  X400Codes c{NonDeliveryReason::unable_to_transfer, 0};
  std::string t = format_x400_diagnostic(c, "no such user");
  EXPECT_EQ(t, "reason=1 (unable-to-transfer); diagnostic=0 (unrecognised-OR-name); no such user");
  EXPECT_EQ(parse_x400_diagnostic(t), c);
  EXPECT_EQ(parse_x400_diagnostic("reason=2 (conversion-not-performed)"),
            (X400Codes{NonDeliveryReason::conversion_not_performed, std::nullopt}));
  EXPECT_FALSE(parse_x400_diagnostic("reason=99"));
  EXPECT_FALSE(parse_x400_diagnostic("reason=1; diagnostic=999"));
  EXPECT_FALSE(parse_x400_diagnostic("550 user unknown"));
}

TEST(ReportCodes, StatusCodeSyntax) {
  EXPECT_EQ(parse_status_code("5.1.1"), (StatusCode{5, 1, 1}));
  EXPECT_EQ(parse_status_code("4.999.123"), (StatusCode{4, 999, 123}));
  EXPECT_FALSE(parse_status_code("3.1.1"));
  EXPECT_FALSE(parse_status_code("5.1"));
  EXPECT_FALSE(parse_status_code("5.1.1000"));
  EXPECT_FALSE(parse_status_code("5..1"));
  EXPECT_FALSE(parse_status_code("55.1.1"));
  EXPECT_FALSE(parse_status_code("5.1.1 "));
}

TEST(ReportCodes, SmtpReplies) {
  EXPECT_EQ(status_from_smtp_reply(550, "5.1.1 <nobody@x>: Recipient address rejected"), (StatusCode{5, 1, 1}));
  EXPECT_EQ(status_from_smtp_reply(550, "5.7.1 relay denied"), (StatusCode{5, 7, 1}));
  // Enhanced code of another class than the reply: ignored (RFC 2034 §4).
  EXPECT_EQ(status_from_smtp_reply(550, "4.1.1 odd"), (StatusCode{5, 1, 1}));
  EXPECT_EQ(status_from_smtp_reply(552, "too much"), (StatusCode{5, 2, 2}));
  EXPECT_EQ(status_from_smtp_reply(554, ""), (StatusCode{5, 0, 0}));
  EXPECT_EQ(status_from_smtp_reply(421, "bye"), (StatusCode{4, 4, 2}));
  EXPECT_EQ(status_from_smtp_reply(599, "x"), (StatusCode{5, 0, 0}));
  EXPECT_FALSE(status_from_smtp_reply(354, "go ahead"));
}

TEST(ReportParams, NotifyToReportRequestAndBack) {
  // RFC 2156 App. A §3.1.
  auto req = [](std::string_view v) { return notify_to_request(parse_notify(v).value()); };
  EXPECT_EQ(req("NEVER"), (ReportRequest{false, false}));
  EXPECT_EQ(req("SUCCESS"), (ReportRequest{true, false}));
  EXPECT_EQ(req("SUCCESS,FAILURE,DELAY"), (ReportRequest{true, false}));
  EXPECT_EQ(req("FAILURE"), (ReportRequest{false, true}));
  EXPECT_EQ(req("delay"), (ReportRequest{false, true}));
  EXPECT_EQ(notify_to_request(std::nullopt), (ReportRequest{false, true}));
  EXPECT_EQ(format_notify(request_to_notify({true, false})), "SUCCESS,FAILURE");
  EXPECT_EQ(format_notify(request_to_notify({true, true})), "SUCCESS,FAILURE");
  EXPECT_EQ(format_notify(request_to_notify({false, true})), "FAILURE");
  EXPECT_EQ(format_notify(request_to_notify({false, false})), "NEVER");
  // Errors.
  EXPECT_FALSE(parse_notify(""));
  EXPECT_FALSE(parse_notify("NEVER,SUCCESS"));
  EXPECT_FALSE(parse_notify("SUCCESS,SUCCESS"));
  EXPECT_FALSE(parse_notify("SUCCESS,"));
  EXPECT_FALSE(parse_notify("SOMETIMES"));
}

TEST(ReportParams, RetEnvidOrcpt) {
  EXPECT_TRUE(ret_to_content_return(parse_ret("FULL").value()));
  EXPECT_FALSE(ret_to_content_return(parse_ret("hdrs").value()));
  EXPECT_FALSE(ret_to_content_return(std::nullopt));
  EXPECT_EQ(format_ret(content_return_to_ret(true)), "FULL");
  EXPECT_EQ(format_ret(content_return_to_ret(false)), "HDRS");
  EXPECT_FALSE(parse_ret("ALL"));

  std::string mts = "[C=GB;ADMD= ;PRMD=Isode;]-msg+1=2";
  auto envid = envid_from_mts_id(mts).value();
  EXPECT_EQ(envid, "[C+3DGB;ADMD+3D+20;PRMD+3DIsode;]-msg+2B1+3D2");
  EXPECT_EQ(mts_id_from_envid(envid).value(), mts);
  EXPECT_FALSE(envid_from_mts_id(std::string(101, 'a')));
  EXPECT_FALSE(mts_id_from_envid("abc+4"));

  auto o = parse_orcpt("X400;/G+3DJohn/S+3DSmith/O+3DIsode/PRMD+3DIsode/ADMD+3D+20/C+3DGB/").value();
  EXPECT_EQ(o.type, "x400");
  EXPECT_EQ(o.value, "/G=John/S=Smith/O=Isode/PRMD=Isode/ADMD= /C=GB/");
  // '=' is not an xchar: a raw std-or is not a valid ORCPT.
  EXPECT_FALSE(parse_orcpt("x400;/G=John/S=Smith/"));
  EXPECT_TRUE(orcpt_usable_in_x400(o));
  EXPECT_EQ(format_orcpt(o), "x400;/G+3DJohn/S+3DSmith/O+3DIsode/PRMD+3DIsode/ADMD+3D+20/C+3DGB/");
  EXPECT_EQ(parse_orcpt(format_orcpt(o)).value(), o);
  EXPECT_FALSE(orcpt_usable_in_x400(parse_orcpt("unknown;abc").value()));
  EXPECT_FALSE(parse_orcpt("rfc822"));
  EXPECT_FALSE(parse_orcpt(";a@b"));
  EXPECT_FALSE(parse_orcpt("rfc822;a+ZZb"));
}

TEST(ReportParams, XtextEdges) {
  EXPECT_EQ(xtext_encode(""), "");
  EXPECT_EQ(xtext_encode(std::string("a\0b", 3)), "a+00b");
  EXPECT_EQ(xtext_encode("\xff"), "+FF");
  EXPECT_EQ(xtext_decode("a+00b").value(), std::string("a\0b", 3));
  EXPECT_EQ(xtext_decode("+ff").value(), "\xff");  // lower-case hex accepted on input
  EXPECT_FALSE(xtext_decode("+"));
  EXPECT_FALSE(xtext_decode("+4"));
  EXPECT_FALSE(xtext_decode("a b"));
  EXPECT_FALSE(xtext_decode("a=b"));
  for (int c = 0; c < 256; ++c) {
    std::string s(1, static_cast<char>(c));
    EXPECT_EQ(xtext_decode(xtext_encode(s)).value(), s);
  }
}

}  // namespace
}  // namespace mixer::mapping::report
