// p1_intake: what the P1 listener stores for a received MTS-APDU - the
// responsibility bit selects the recipients, each is mapped to RFC 5321 or
// failed with its reason (never dropped), loops and bad APDUs handled.
#include "gateway/x400side/p1_intake.hpp"

#include <gtest/gtest.h>

#include "gateway/queue/attr_keys.hpp"
#include "tests/x400/asn/p1_samples.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::x400side {
namespace {

namespace asn = x400::asn;
namespace samples = x400::asn::samples;
namespace attr = queue::attr;

mapping::address::MappingContext context() {
  mapping::address::MappingContext ctx;
  ctx.local_domain = "gw.example";
  return ctx;
}

std::vector<std::uint8_t> encode(const asn::MtsApdu& a) {
  auto b = asn::encode_mts_apdu(a);
  EXPECT_TRUE(b);
  return b ? *b : std::vector<std::uint8_t>{};
}

TEST(P1Intake, MessageRecipientsMappedWithNumbersAndOrAddresses) {
  auto m = samples::message(3, "hello", false);
  // Recipient 2 is someone else's responsibility (X.411 per-recipient-indicators bit 0).
  m.envelope.per_recipient_fields[1].per_recipient_indicators.set(
      asn::per_recipient_indicator::kResponsibility, false);
  const auto bytes = encode(m);
  auto in = intake_apdu(bytes, "PEER-MTA", context(), {}, 1700000000);
  ASSERT_TRUE(in) << in.error();
  EXPECT_EQ(in->kind, ApduKind::message);
  EXPECT_FALSE(in->loop);
  EXPECT_EQ(in->failed, 0u);
  const auto& r = in->record;
  EXPECT_EQ(r.direction, queue::Direction::x400_to_smtp);
  EXPECT_EQ(r.arrival, 1700000000);
  EXPECT_EQ(r.attrs.at(attr::kFormat), attr::kFormatP1Apdu);
  EXPECT_EQ(r.attrs.at(attr::kReceivedFrom), "PEER-MTA");
  EXPECT_EQ(r.attrs.at(attr::kMtsId), mts_id_text(m.envelope.message_identifier));
  EXPECT_NE(r.attrs.at(attr::kMtsId).find("msg-0001"), std::string::npos);
  EXPECT_EQ(r.content, std::string(bytes.begin(), bytes.end()));
  EXPECT_EQ(r.originator, "/G=Jo/S=Orig/O=Acme/PRMD=ACME/ADMD= /C=GB/");
  ASSERT_EQ(r.recipients.size(), 2u);
  EXPECT_EQ(r.recipients[0].attrs.at(attr::kRecipientNumber), "1");
  EXPECT_EQ(r.recipients[1].attrs.at(attr::kRecipientNumber), "3");
  EXPECT_EQ(r.recipients[1].attrs.at(attr::kOrAddress), "/G=Jo/S=Rcpt3/O=Acme/PRMD=ACME/ADMD= /C=GB/");
  for (const auto& rc : r.recipients) {
    EXPECT_EQ(rc.status, queue::RcptStatus::pending);
    EXPECT_TRUE(rc.address.ends_with("@gw.example")) << rc.address;
  }
}

TEST(P1Intake, UnmappableRecipientIsKeptAndFailedNotDropped) {
  auto m = samples::message(2, "x", false);
  m.envelope.per_recipient_fields[0].recipient_name.address.universal_common_name =
      x400::UniversalText{"Zo\xc3\xab", false, std::nullopt};
  auto in = intake_apdu(encode(m), "P", context(), {}, 1);
  ASSERT_TRUE(in) << in.error();
  ASSERT_EQ(in->record.recipients.size(), 2u);
  EXPECT_EQ(in->failed, 1u);
  const auto& bad = in->record.recipients[0];
  EXPECT_EQ(bad.status, queue::RcptStatus::failed);
  EXPECT_EQ(bad.address, kUnmappablePlaceholder);
  EXPECT_NE(bad.diagnostic.find("unmappable recipient"), std::string::npos) << bad.diagnostic;
  EXPECT_EQ(bad.attrs.at(attr::kRecipientNumber), "1");
  EXPECT_EQ(in->record.recipients[1].status, queue::RcptStatus::pending);
}

TEST(P1Intake, NoLocalDomainMakesEveryRecipientFail) {
  mapping::address::MappingContext empty;
  auto in = intake_apdu(encode(samples::message(1, "x", false)), "P", empty, {}, 1);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->failed, 1u);
  EXPECT_EQ(in->record.recipients[0].address, "/G=Jo/S=Rcpt1/O=Acme/PRMD=ACME/ADMD= /C=GB/");
  EXPECT_NE(in->record.recipients[0].diagnostic.find("own domain is not configured"), std::string::npos);
}

TEST(P1Intake, TraceLongerThanTheLimitIsALoopAndEveryRecipientFails) {
  auto m = samples::message(2, "x", false);
  const auto one = m.envelope.trace_information.front();
  m.envelope.trace_information.assign(5, one);
  IntakeSettings s;
  s.max_trace_elements = 5;
  auto ok = intake_apdu(encode(m), "P", context(), s, 1);
  ASSERT_TRUE(ok);
  EXPECT_FALSE(ok->loop);
  m.envelope.trace_information.push_back(one);
  auto in = intake_apdu(encode(m), "P", context(), s, 1);
  ASSERT_TRUE(in);
  EXPECT_TRUE(in->loop);
  EXPECT_EQ(in->failed, 2u);
  for (const auto& rc : in->record.recipients) {
    EXPECT_EQ(rc.status, queue::RcptStatus::failed);
    EXPECT_EQ(rc.diagnostic, kLoopDiagnostic);
  }
}

TEST(P1Intake, ReportGoesToItsDestinationAndIsMarkedAsReport) {
  const auto rep = samples::report();
  auto in = intake_apdu(encode(rep), "P", context(), {}, 1);
  ASSERT_TRUE(in) << in.error();
  EXPECT_EQ(in->kind, ApduKind::report);
  EXPECT_EQ(in->record.attrs.at(attr::kIsReport), "1");
  EXPECT_EQ(in->record.originator, "");
  ASSERT_EQ(in->record.recipients.size(), 1u);
  EXPECT_EQ(in->record.recipients[0].attrs.at(attr::kOrAddress),
            "/G=Jo/S=Orig/O=Acme/PRMD=ACME/ADMD= /C=GB/");
  EXPECT_TRUE(in->record.recipients[0].address.ends_with("@gw.example"));
}

TEST(P1Intake, ProbeIsRecognised) {
  auto in = intake_apdu(encode(samples::probe()), "P", context(), {}, 1);
  ASSERT_TRUE(in) << in.error();
  EXPECT_EQ(in->kind, ApduKind::probe);
  EXPECT_EQ(in->record.recipients.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<asn::Probe>(in->apdu));
}

TEST(P1Intake, RefusalsSayWhy) {
  const std::vector<std::uint8_t> garbage{0xa0, 0x05, 0x31, 0x80, 0x00};
  auto bad = intake_apdu(garbage, "P", context(), {}, 1);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("undecodable MTS-APDU: ber:"), std::string::npos) << bad.error();

  const auto bytes = encode(samples::message(3, "body", false));
  IntakeSettings s;
  s.max_recipients = 2;
  auto many = intake_apdu(bytes, "P", context(), s, 1);
  ASSERT_FALSE(many);
  EXPECT_NE(many.error().find("max_recipients (2)"), std::string::npos) << many.error();

  s = {};
  s.max_size = bytes.size() - 1;
  auto big = intake_apdu(bytes, "P", context(), s, 1);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().find("max_message_size"), std::string::npos) << big.error();

  auto none = samples::message(1, "x", false);
  none.envelope.per_recipient_fields[0].per_recipient_indicators.set(
      asn::per_recipient_indicator::kResponsibility, false);
  auto nobody = intake_apdu(encode(none), "P", context(), {}, 1);
  ASSERT_FALSE(nobody);
  EXPECT_NE(nobody.error().find("responsibility"), std::string::npos);
}

}  // namespace
}  // namespace mixer::x400side
