// Real-world input: a DSN written by a real Postfix (captured by
// tests/integration/test_report_postfix.py, which sends through a private
// Postfix to a non-existent local user) is mapped to an X.400 report.
// The Python test runs this binary with:
//   MIXER_REPORT_POSTFIX_DSN   path of the bounce as delivered to the sender's Maildir
//   MIXER_REPORT_MTS_ID        the MTS identifier it sent as ENVID
//   MIXER_REPORT_RCPT          the SMTP recipient that does not exist
//   MIXER_REPORT_X400_RCPT     the std-or it sent as ORCPT (x400 type)
// Without them (plain ctest) the test is skipped: the Python test owns it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "mapping/report/dsn_to_x400.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "mapping/report/p1_adapter.hpp"
#include "tests/mapping/report/wire_support.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "tests/mapping/report/golden.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::mapping::report {
namespace {

const char* env(const char* name) { return std::getenv(name); }

TEST(ReportRealPostfix, PostfixBounceBecomesX400Ndr) {
  if (!env("MIXER_REPORT_POSTFIX_DSN")) GTEST_SKIP() << "run by tests/integration/test_report_postfix.py";
  ASSERT_TRUE(env("MIXER_REPORT_MTS_ID") && env("MIXER_REPORT_RCPT") && env("MIXER_REPORT_X400_RCPT"));
  std::string raw = mixer::test::read_file(env("MIXER_REPORT_POSTFIX_DSN"));
  auto rr = parse_report(raw);
  ASSERT_TRUE(rr.ok()) << rr.error().to_string();
  EXPECT_EQ(rr->report_type, "delivery-status");
  ASSERT_TRUE(rr->machine_index) << "Postfix's bounce has no message/delivery-status part";
  const ReceivedPart& part = rr->parts[*rr->machine_index];
  auto ds = parse_delivery_status(part.body, {}, part.body_line);
  ASSERT_TRUE(ds.ok()) << ds.error().to_string();

  auto mts = subject_mts_id(*rr, *ds);
  ASSERT_TRUE(mts) << "the DSN cannot be tied to the X.400 message";
  EXPECT_EQ(*mts, env("MIXER_REPORT_MTS_ID"));

  StoredSubject subject;
  subject.mts_id = *mts;
  subject.content_return_request = false;
  subject.recipients.push_back(
      {env("MIXER_REPORT_RCPT"), {"x400", env("MIXER_REPORT_X400_RCPT")}, std::nullopt, ReportRequest{false, true}});
  auto rep = dsn_to_x400_report(*ds, subject, "gw.example.com", Timestamp{});
  ASSERT_TRUE(rep.ok()) << rep.error().to_string();
  ASSERT_TRUE(rep->has_value()) << "no X.400 report although non-delivery was requested";
  const X400Report& x = **rep;
  std::cout << test::dump_x400_report(x);
  ASSERT_EQ(x.recipients.size(), 1u);
  EXPECT_EQ(x.subject_mts_id, env("MIXER_REPORT_MTS_ID"));
  EXPECT_EQ(x.recipients[0].actual_recipient, (TypedValue{"x400", env("MIXER_REPORT_X400_RCPT")}));
  EXPECT_FALSE(x.recipients[0].delivered);
  // Postfix says 5.1.1 (unknown user) -> unable-to-transfer / unrecognised-OR-name.
  EXPECT_EQ(x.recipients[0].codes, (X400Codes{NonDeliveryReason::unable_to_transfer, 0}));
  ASSERT_TRUE(x.recipients[0].supplementary_information);
  EXPECT_FALSE(x.recipients[0].supplementary_information->empty());
  EXPECT_FALSE(x.return_stored_content);

  // The whole gateway path (gateway_reports.hpp, as the P1 side calls it):
  // Postfix's bounce, addressed to the X.400 originator behind the gateway,
  // becomes a ReportTransfer APDU that tshark decodes cleanly.
  auto ctx = test::wire_context();
  ToX400Options xo;
  xo.now = test::wire_now();
  xo.unique = "postfix-bounce";
  auto apdu = report_mail_to_x400(raw, "\"/C=FR/ADMD=ATLAS/PRMD=ACME/S=Blanc/\"@gw.example", ctx,
                                  test::wire_gateway(), xo);
  ASSERT_TRUE(apdu.ok()) << apdu.error().to_string();
  ASSERT_TRUE(apdu->has_value());
  auto ber = x400::asn::encode_mts_apdu(**apdu);
  ASSERT_TRUE(ber.ok());
  test::expect_tshark_clean(*ber, "mts-apdu", "postfix_bounce_ndr");
  const auto& wire = std::get<x400::asn::Report>(**apdu);
  EXPECT_EQ(mts_id_text(wire.content.subject_identifier), env("MIXER_REPORT_MTS_ID"));
  ASSERT_EQ(wire.content.per_recipient_fields.size(), 1u);
  const auto* n = std::get_if<x400::asn::NonDeliveryReport>(
      &wire.content.per_recipient_fields[0].last_trace_information.report_type);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->reason, x400::asn::NonDeliveryReason::unable_to_transfer);
  EXPECT_EQ(n->diagnostic, x400::asn::NonDeliveryDiagnostic::unrecognised_or_name);
}

}  // namespace
}  // namespace mixer::mapping::report
