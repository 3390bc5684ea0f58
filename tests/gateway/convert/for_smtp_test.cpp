// for_smtp: a queued record towards SMTP becomes the envelope and bytes the
// SMTP transport sends. rfc5322 records pass as stored; p1-apdu records are
// decoded and converted by RFC 2156 (a P1 message made by the Internet ->
// X.400 mapping comes back with its subject and body); bad input fails the
// due recipients permanently with a diagnostic that says why.
#include "gateway/convert/for_smtp.hpp"

#include <gtest/gtest.h>

#include "config/tables/mapping_context.hpp"
#include "config/tables/table_file.hpp"
#include "gateway/daemon/identity.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "mapping/message/convert.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::convert {
namespace {
namespace attr = queue::attr;

mapping::address::MappingContext context() {
  mapping::address::MappingContext ctx;
  EXPECT_TRUE(config::tables::set_gateway_identity(ctx, "gw.example.org", "/C=XX/ADMD= /PRMD=MIXER/O=Gateway/", "test").ok());
  EXPECT_TRUE(config::tables::parse_table("example.net#PRMD$EXAMPLE.ADMD$ .C$XX#\n", "table1",
                                          config::tables::TableKind::kTable1, ctx)
                  .ok());
  EXPECT_TRUE(config::tables::parse_table("PRMD$EXAMPLE.ADMD$ .C$XX#example.net#\n", "table2",
                                          config::tables::TableKind::kTable2, ctx)
                  .ok());
  return ctx;
}

config::GatewaySettings gateway() {
  config::GatewaySettings g;
  g.mta_name = "MIXER-GW";
  g.global_domain = {"XX", " ", "MIXER"};
  g.domain = "gw.example.org";
  g.or_address = "/C=XX/ADMD= /PRMD=MIXER/O=Gateway/";
  return g;
}

queue::Record base(std::string format) {
  queue::Record r;
  r.id = "0000000000001000100001";
  r.direction = queue::Direction::x400_to_smtp;
  r.attrs[attr::kFormat] = std::move(format);
  return r;
}

TEST(ForSmtp, Rfc5322RecordPassesAsStoredForTheDueRecipients) {
  auto r = base(attr::kFormatRfc5322);
  r.originator = "";  // a generated DSN: null reverse path
  r.attrs[attr::kEnvid] = "ENV";
  r.attrs[attr::kRet] = "FULL";
  r.attrs[attr::kSmtpUtf8] = "1";
  r.attrs[attr::kBody] = "8BITMIME";
  for (const char* a : {"a@example.com", "b@example.com", "c@example.com"}) {
    queue::Recipient rc;
    rc.address = a;
    r.recipients.push_back(rc);
  }
  r.recipients[2].attrs[attr::kNotify] = "NEVER";
  r.recipients[2].attrs[attr::kOrcpt] = "rfc822;c@example.com";
  r.content = "Subject: report\r\n\r\nx\r\n";
  auto c = for_smtp(r, {0, 2}, {});
  ASSERT_TRUE(c.message);
  EXPECT_TRUE(c.failed.empty());
  EXPECT_EQ(c.rcpt_index, (std::vector<std::size_t>{0, 2}));
  const auto& e = c.message->envelope;
  EXPECT_EQ(e.mail_from, "");
  EXPECT_EQ(e.envid, "ENV");
  EXPECT_EQ(e.ret, smtp::DsnRet::kFull);
  EXPECT_TRUE(e.smtputf8);
  EXPECT_EQ(e.body, smtp::BodyType::k8BitMime);
  ASSERT_EQ(e.recipients.size(), 2u);
  EXPECT_EQ(e.recipients[0].address, "a@example.com");
  EXPECT_FALSE(e.recipients[0].notify.given);
  EXPECT_EQ(e.recipients[1].address, "c@example.com");
  EXPECT_TRUE(e.recipients[1].notify.never);
  EXPECT_EQ(e.recipients[1].orcpt_type, "rfc822");
  EXPECT_EQ(e.recipients[1].orcpt_address, "c@example.com");
  EXPECT_EQ(c.message->content, r.content);
}

TEST(ForSmtp, P1MessageIsConvertedByRfc2156) {
  auto ctx = context();
  const auto gw = gateway();
  mapping::message::SmtpEnvelope in;
  in.mail_from = "john@example.net";
  in.recipients.push_back({"alice@example.net", "", ""});
  mapping::message::ConversionOptions o;
  o.gateway = daemon::message_identity(gw);
  o.now = 1700000000;
  const std::string mail =
      "From: john@example.net\r\nTo: alice@example.net\r\nSubject: Quarterly figures\r\n"
      "Message-ID: <q1@example.net>\r\nDate: Tue, 14 Nov 2023 22:13:20 +0000\r\n\r\nThe figures are attached.\r\n";
  auto p1 = mapping::message::to_x400(in, mail, ctx, o);
  ASSERT_TRUE(p1) << p1.error().to_string();
  auto ber = x400::asn::encode_mts_apdu(x400::asn::MtsApdu(*p1));
  ASSERT_TRUE(ber);

  auto r = base(attr::kFormatP1Apdu);
  r.originator = "/C=XX/ADMD= /PRMD=EXAMPLE/S=john/";
  queue::Recipient rc;
  rc.address = "alice@example.net";
  r.recipients.push_back(rc);
  r.content.assign(ber->begin(), ber->end());
  ForSmtpOptions fo{&ctx, &gw, 1700000100};
  auto c = for_smtp(r, {0}, fo);
  ASSERT_TRUE(c.message) << (c.failed.empty() ? "" : c.failed[0].diagnostic);
  EXPECT_TRUE(c.failed.empty());
  EXPECT_EQ(c.message->envelope.mail_from, "john@example.net");
  ASSERT_EQ(c.message->envelope.recipients.size(), 1u);
  EXPECT_EQ(c.message->envelope.recipients[0].address, "alice@example.net");
  EXPECT_NE(c.message->content.find("Subject: Quarterly figures"), std::string::npos) << c.message->content;
  EXPECT_NE(c.message->content.find("The figures are attached."), std::string::npos);
}

TEST(ForSmtp, UndecodableApduFailsEveryDueRecipientPermanently) {
  auto ctx = context();
  const auto gw = gateway();
  auto r = base(attr::kFormatP1Apdu);
  r.recipients.resize(2);
  for (auto& rc : r.recipients) rc.address = "u@example.net";
  r.content = std::string("\x30\x80\x04\x05", 4);  // truncated BER
  auto c = for_smtp(r, {0, 1}, ForSmtpOptions{&ctx, &gw, 0});
  EXPECT_FALSE(c.message);
  ASSERT_EQ(c.failed.size(), 2u);
  for (const auto& f : c.failed) {
    EXPECT_EQ(f.result, queue::AttemptResult::permanent_failure);
    EXPECT_NE(f.diagnostic.find("does not decode"), std::string::npos) << f.diagnostic;
  }
  // Without a mapping context a P1 record is not guessed at: retried later.
  auto t = for_smtp(r, {0}, {});
  ASSERT_EQ(t.failed.size(), 1u);
  EXPECT_EQ(t.failed[0].result, queue::AttemptResult::temporary_failure);
}

}  // namespace
}  // namespace mixer::convert
