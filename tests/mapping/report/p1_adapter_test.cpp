// The P1/P22 wire adapters (mapping/report/p1_adapter.hpp) both ways, with
// goldens (BER hex and the model dump) and tshark (decode-ber) judging every
// report and IPN produced.
#include "mapping/report/p1_adapter.hpp"

#include <gtest/gtest.h>

#include "tests/mapping/report/golden.hpp"
#include "tests/mapping/report/wire_support.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::mapping::report {
namespace {

using test::expect_tshark_clean;
using test::hex_lines;
using test::orx;
using test::wire_context;
using test::wire_gateway;
using test::wire_now;

X400Report sample_report() {
  X400Report r;
  r.subject_mts_id = "[/C=FR/ADMD=ATLAS/PRMD=ACME/;msg.0001]";
  r.arrival_time = wire_now() - std::chrono::hours{1};
  r.content_identifier = "order-42";
  X400ReportRecipient ndr;
  ndr.actual_recipient = {"x400", "/S=Dupont/O=Sales/PRMD=ACME/ADMD=ATLAS/C=FR/"};
  ndr.originally_intended_recipient = TypedValue{"x400", "/S=Durand/O=Sales/PRMD=ACME/ADMD=ATLAS/C=FR/"};
  ndr.codes = {NonDeliveryReason::unable_to_transfer, 0};
  ndr.supplementary_information = "550 5.1.1 user unknown";
  ndr.recipient_number = 2;
  ndr.subject_request = ReportRequest{false, true};
  X400ReportRecipient dr;
  dr.actual_recipient = {"x400", "/G=Anne/S=Martin/PRMD=ACME/ADMD=ATLAS/C=FR/"};
  dr.delivered = true;
  dr.delivery_time = wire_now() - std::chrono::minutes{5};
  dr.recipient_number = 1;
  dr.subject_request = ReportRequest{true, true};
  r.recipients = {ndr, dr};
  return r;
}

P1ReportWire sample_wire(const address::MappingContext* ctx) {
  P1ReportWire w;
  w.report_identifier = new_mts_identifier(wire_gateway(), "rpt-0001");
  w.destination.address = orx("/G=Jean/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/");
  w.reporting_domain = wire_gateway().gdi;
  w.now = wire_now();
  w.content_type = x400::asn::ContentType::builtin(x400::asn::ContentType::kInterpersonalMessaging1988);
  w.ctx = ctx;
  return w;
}

TEST(ReportP1Adapter, MtsIdentifierText) {
  auto id = mts_id_from_text("[/C=JP/ADMD=HITNET/PRMD=HITACHI/;gmml16061023151403GAB]");
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->global_domain_identifier.country_name.value, "JP");
  EXPECT_EQ(id->global_domain_identifier.administration_domain_name.value, "HITNET");
  ASSERT_TRUE(id->global_domain_identifier.private_domain_identifier);
  EXPECT_EQ(id->global_domain_identifier.private_domain_identifier->value, "HITACHI");
  EXPECT_EQ(id->local_identifier, "gmml16061023151403GAB");
  EXPECT_EQ(mts_id_text(*id), "[/C=JP/ADMD=HITNET/PRMD=HITACHI/;gmml16061023151403GAB]");
  // Numeric country codes keep the NumericString alternative.
  auto num = mts_id_from_text("[/C=234/ADMD=BT/;x]");
  ASSERT_TRUE(num.ok());
  EXPECT_TRUE(num->global_domain_identifier.country_name.numeric);
  EXPECT_FALSE(mts_id_from_text("not an id").ok());
  auto no_admd = mts_id_from_text("[/C=GB/;x]");
  ASSERT_FALSE(no_admd.ok());
  EXPECT_NE(no_admd.error().what.find("ADMD"), std::string::npos);
}

TEST(ReportP1Adapter, ReportToWireAndBack) {
  const X400Report in = sample_report();
  auto p1 = report_to_p1(in, sample_wire(nullptr));
  ASSERT_TRUE(p1.ok()) << p1.error().to_string();
  auto ber = x400::asn::encode_mts_apdu(x400::asn::MtsApdu{*p1});
  ASSERT_TRUE(ber.ok());
  expect_tshark_clean(*ber, "mts-apdu", "report_ndr_dr");
  test::expect_golden("p1_report_ndr_dr.hex", hex_lines(*ber));

  auto back_apdu = x400::asn::decode_mts_apdu(x400::ber::Bytes(ber->data(), ber->size()));
  ASSERT_TRUE(back_apdu.ok()) << back_apdu.error().to_string();
  const auto& wire = std::get<x400::asn::Report>(*back_apdu);
  ASSERT_EQ(wire.content.per_recipient_fields.size(), 2u);
  EXPECT_EQ(wire.content.per_recipient_fields[0].originally_specified_recipient_number, 2);
  // originator-non-delivery-report only (bit 4), padded to 8 bits.
  EXPECT_FALSE(wire.content.per_recipient_fields[0].per_recipient_indicators.test(3));
  EXPECT_TRUE(wire.content.per_recipient_fields[0].per_recipient_indicators.test(4));
  EXPECT_EQ(wire.content.per_recipient_fields[0].per_recipient_indicators.bit_count, 8u);
  EXPECT_EQ(wire.envelope.trace_information.size(), 1u);

  auto out = report_from_p1(wire);
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  test::expect_golden("p1_report_ndr_dr.txt", test::dump_x400_report(*out));
  EXPECT_EQ(out->subject_mts_id, in.subject_mts_id);
  EXPECT_EQ(out->reporting_mta, "/C=GB/ADMD=BT/PRMD=GW/");
  EXPECT_EQ(out->content_identifier, in.content_identifier);
  EXPECT_EQ(out->content_type, "P2-1988");
  EXPECT_EQ(out->arrival_time, in.arrival_time);
  ASSERT_EQ(out->recipients.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& a = in.recipients[i];
    const auto& b = out->recipients[i];
    // std-or is printed canonically (least significant first), as written here.
    EXPECT_EQ(b.actual_recipient, a.actual_recipient);
    EXPECT_EQ(b.originally_intended_recipient, a.originally_intended_recipient);
    EXPECT_EQ(b.delivered, a.delivered);
    EXPECT_EQ(b.delivery_time, a.delivery_time);
    if (!a.delivered) {
      EXPECT_EQ(b.codes, a.codes);
    }
    EXPECT_EQ(b.recipient_number, a.recipient_number);
    EXPECT_EQ(b.subject_request, a.subject_request);
  }
  // supplementary information is a PrintableString: ps-encoded on the way out.
  EXPECT_EQ(out->recipients[0].supplementary_information, "550 5.1.1 user unknown");
}

TEST(ReportP1Adapter, ReturnedContentAndRfc822Recipients) {
  auto ctx = wire_context();
  X400Report in = sample_report();
  in.recipients[1].actual_recipient = {"rfc822", "bob@example.org"};
  auto w = sample_wire(&ctx);
  // A real IPM as the returned content.
  x400::p22::Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = "ipm1";
  x400::p22::Ia5TextBodyPart text;
  text.data = x400::p22::SharedBytes::copy(std::string_view("hello\r\n"));
  ipm.body.push_back(x400::p22::BodyPart{std::move(text)});
  auto content = x400::p22::encode_information_object(x400::p22::InformationObject{std::move(ipm)});
  ASSERT_TRUE(content.ok());
  w.returned_content = x400::p22::SharedBytes::adopt(*content);
  auto p1 = report_to_p1(in, w);
  ASSERT_TRUE(p1.ok()) << p1.error().to_string();
  // bob@example.org mapped with RFC 2156 §4.3.4 (RFC-822 DDA under the gateway).
  auto name = address::print_std_or(p1->content.per_recipient_fields[1].actual_recipient_name.address);
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "/DD.RFC-822=bob(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/");
  auto ber = x400::asn::encode_mts_apdu(x400::asn::MtsApdu{*p1});
  ASSERT_TRUE(ber.ok());
  expect_tshark_clean(*ber, "mts-apdu", "report_returned_content");
  auto back = x400::asn::decode_mts_apdu(x400::ber::Bytes(ber->data(), ber->size()));
  ASSERT_TRUE(back.ok());
  const auto& r = std::get<x400::asn::Report>(*back);
  ASSERT_TRUE(r.content.returned_content);
  EXPECT_EQ(*r.content.returned_content, *w.returned_content);

  // Without a context an rfc822 recipient is an error that names the field.
  auto no_ctx = report_to_p1(in, sample_wire(nullptr));
  ASSERT_FALSE(no_ctx.ok());
  EXPECT_NE(no_ctx.error().field.find("recipients[1]"), std::string::npos) << no_ctx.error().to_string();
}

TEST(ReportP1Adapter, BadInputIsAClearError) {
  X400Report in = sample_report();
  in.subject_mts_id = "garbage";
  auto a = report_to_p1(in, sample_wire(nullptr));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().field, "mts-id");
  in = sample_report();
  in.recipients[0].actual_recipient = {"x400", "/C=FR/NOSUCHKEY=1/"};
  auto b = report_to_p1(in, sample_wire(nullptr));
  ASSERT_FALSE(b.ok());
  in.recipients.clear();
  EXPECT_FALSE(report_to_p1(in, sample_wire(nullptr)).ok());
  x400::asn::Report empty;
  EXPECT_FALSE(report_from_p1(empty).ok());
}

TEST(ReportP1Adapter, ProbeFromWire) {
  auto ctx = wire_context();
  x400::asn::Probe p;
  p.envelope.probe_identifier = new_mts_identifier(wire_gateway(), "probe1");
  p.envelope.originator_name.address = orx("/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/");
  p.envelope.content_length = 1000;
  x400::asn::PerRecipientTransferFields f;
  f.recipient_name.address = orx("/DD.RFC-822=bob(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/");
  f.originally_specified_recipient_number = 7;
  f.per_recipient_indicators = indicators_from_report_request({true, true});
  p.envelope.per_recipient_fields.push_back(f);
  auto probe = probe_from_p1(p, ctx);
  ASSERT_TRUE(probe.ok()) << probe.error().to_string();
  ASSERT_EQ(probe->recipients.size(), 1u);
  EXPECT_EQ(probe->recipients[0].mapped_rfc822, "bob@example.org");
  EXPECT_EQ(probe->recipients[0].request, (ReportRequest{true, true}));
  EXPECT_EQ(probe->content_length, 1000u);
}

x400::p22::Ipn sample_p22_rn() {
  x400::p22::Ipn ipn;
  ipn.subject_ipm.user = x400::ORName{orx("/S=Blanc/PRMD=ACME/ADMD=ATLAS/C=FR/"), std::nullopt};
  ipn.subject_ipm.user_relative_identifier = "ipm.77";
  x400::p22::OrDescriptor orig;
  orig.formal_name =
      x400::ORName{orx("/DD.RFC-822=bob(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/"), std::nullopt};
  ipn.ipn_originator = orig;
  x400::p22::ReceiptFields rf;
  rf.receipt_time = to_p1_time(wire_now());
  rf.acknowledgment_mode = 1;
  rf.suppl_receipt_info = "read on phone";
  ipn.choice = rf;
  return ipn;
}

TEST(ReportP1Adapter, IpnBothWays) {
  auto ctx = wire_context();
  const auto wire = sample_p22_rn();
  auto ipn = ipn_from_p22(wire, &ctx);
  ASSERT_TRUE(ipn.ok()) << ipn.error().to_string();
  EXPECT_EQ(ipn->ipn_originator, (TypedValue{"rfc822", "bob@example.org"}));
  EXPECT_TRUE(ipn->receipt);
  EXPECT_EQ(ipn->acknowledgment_mode, AcknowledgmentMode::automatic);
  EXPECT_EQ(ipn->receipt_time, wire_now());
  EXPECT_EQ(ipn->suppl_receipt_info, "read on phone");

  auto again = ipn_to_p22(*ipn, &ctx);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->subject_ipm, wire.subject_ipm);
  EXPECT_EQ(again->ipn_originator, wire.ipn_originator);
  EXPECT_EQ(again->choice, wire.choice);
  auto ber = x400::p22::encode_information_object(x400::p22::InformationObject{*again});
  ASSERT_TRUE(ber.ok());
  expect_tshark_clean(*ber, "information-object", "ipn_rn");

  // NRN, auto-forwarded, with comment.
  x400::p22::Ipn nrn = wire;
  x400::p22::NonReceiptFields nf;
  nf.non_receipt_reason = 1;
  nf.auto_forward_comment = "forwarded to deputy";
  nrn.choice = nf;
  auto m = ipn_from_p22(nrn, nullptr);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->receipt);
  EXPECT_EQ(m->non_receipt_reason, NonReceiptReason::ipm_auto_forwarded);
  EXPECT_EQ(m->ipn_originator.type, "x400");  // no context: the std-or text
  auto back = ipn_to_p22(*m, nullptr);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->choice, nrn.choice);
  auto nrn_ber = x400::p22::encode_information_object(x400::p22::InformationObject{*back});
  ASSERT_TRUE(nrn_ber.ok());
  expect_tshark_clean(*nrn_ber, "information-object", "ipn_nrn");

  x400::p22::Ipn other = wire;
  other.choice = x400::p22::OtherNotificationTypeFields{};
  auto o = ipn_from_p22(other, &ctx);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().field, "ipn.choice");
}

}  // namespace
}  // namespace mixer::mapping::report
