// The SMTP intake's pure decisions: RCPT acceptance by RFC 2156 mapping and
// routing, Received: counting (RFC 5321 6.3 loop detection), and the queue
// record an SMTP transaction becomes.
#include "gateway/smtpside/intake_rules.hpp"

#include <gtest/gtest.h>

#include "config/tables/mapping_context.hpp"
#include "config/tables/table_file.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::smtpside {
namespace {

mapping::address::MappingContext context() {
  mapping::address::MappingContext ctx;
  EXPECT_TRUE(config::tables::set_gateway_identity(ctx, "gw.example.org",
                                                   "/C=XX/ADMD= /PRMD=MIXER/O=Gateway/", "test")
                  .ok());
  EXPECT_TRUE(config::tables::parse_table("example.net#PRMD$EXAMPLE.ADMD$ .C$XX#\n", "table1",
                                          config::tables::TableKind::kTable1, ctx)
                  .ok());
  return ctx;
}

RouteCheck only_prmd(std::string prmd) {
  return [prmd](const x400::ORAddress& a) {
    return a.private_domain_name && a.private_domain_name->value == prmd;
  };
}

TEST(IntakeRules, AcceptsARecipientThatMapsAndRoutes) {
  auto ctx = context();
  auto v = check_recipient(ctx, only_prmd("EXAMPLE"), false, "John.Smith@example.net");
  EXPECT_TRUE(v.decision.accept);
  EXPECT_NE(v.or_address.find("PRMD=EXAMPLE"), std::string::npos) << v.or_address;
  EXPECT_NE(v.or_address.find("S=Smith"), std::string::npos) << v.or_address;
  // Without a route check, any mapped address is accepted.
  EXPECT_TRUE(check_recipient(ctx, {}, false, "a@example.net").decision.accept);
}

TEST(IntakeRules, RefusesUnroutableUnmappableAndFull) {
  auto ctx = context();
  // Maps (stage II, under the gateway's own O/R address) but no route: not an open relay.
  auto relay = check_recipient(ctx, only_prmd("EXAMPLE"), false, "someone@elsewhere.example");
  ASSERT_FALSE(relay.decision.accept);
  EXPECT_EQ(relay.decision.reply.code, 550);
  EXPECT_EQ(relay.decision.reply.enhanced, "5.4.4");
  EXPECT_NE(relay.decision.reply.text().find("No X.400 route"), std::string::npos);

  auto bad = check_recipient(ctx, {}, false, "a@@example.net");
  ASSERT_FALSE(bad.decision.accept);
  EXPECT_EQ(bad.decision.reply.code, 550);
  EXPECT_EQ(bad.decision.reply.enhanced, "5.1.1");
  EXPECT_NE(bad.decision.reply.text().find("does not map to X.400"), std::string::npos)
      << bad.decision.reply.text();

  auto full = check_recipient(ctx, {}, true, "a@example.net");
  ASSERT_FALSE(full.decision.accept);
  EXPECT_EQ(full.decision.reply.code, 452);
  EXPECT_EQ(full.decision.reply.enhanced, "4.3.1");
}

TEST(IntakeRules, CountsReceivedFieldsInTheHeaderOnly) {
  const std::string msg =
      "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
      "RECEIVED: from c\r\n\tby d; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
      "Subject: x\r\n"
      "received: from e by f; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
      "\r\n"
      "Received: in the body does not count\r\n";
  EXPECT_EQ(count_received(msg, 100), 3u);
  EXPECT_EQ(count_received(msg, 1), 2u);  // stops once over the limit
  EXPECT_EQ(count_received("", 10), 0u);
  EXPECT_EQ(count_received("Received: x", 10), 1u);  // no final newline
}

TEST(IntakeRules, BuildsTheQueueRecordWithDsnParameters) {
  smtp::ReceivedMessage m;
  m.envelope.helo = "client.example";
  m.envelope.esmtp = true;
  m.envelope.client_address = "192.0.2.7";
  m.envelope.mail_from = "alice@example.com";
  m.envelope.envid = "ENV-1";
  m.envelope.ret = smtp::DsnRet::kHeaders;
  m.envelope.body = smtp::BodyType::k8BitMime;
  smtp::Recipient r1;
  r1.address = "bob@example.net";
  r1.notify = {true, false, true, true, false};
  r1.orcpt_type = "rfc822";
  r1.orcpt_address = "bob@example.net";
  smtp::Recipient r2;
  r2.address = "carol@example.net";
  r2.notify = {true, true, false, false, false};
  m.envelope.recipients = {r1, r2};
  m.content = "Subject: hi\r\n\r\nbody\r\n";
  IntakeContext c{"0123456789ABC00010000A", "gw.example.org", "S1", 1700000000};
  auto rec = build_record(m, c, {"/C=XX/ADMD= /PRMD=EXAMPLE/S=bob/", ""});
  namespace attr = queue::attr;
  EXPECT_EQ(rec.id, c.id);
  EXPECT_EQ(rec.arrival, 1700000000);
  EXPECT_EQ(rec.direction, queue::Direction::smtp_to_x400);
  EXPECT_EQ(rec.originator, "alice@example.com");
  EXPECT_EQ(rec.attrs.at(attr::kFormat), "rfc5322");
  EXPECT_EQ(rec.attrs.at(attr::kEnvid), "ENV-1");
  EXPECT_EQ(rec.attrs.at(attr::kRet), "HDRS");
  EXPECT_EQ(rec.attrs.at(attr::kBody), "8BITMIME");
  EXPECT_EQ(rec.attrs.count(attr::kSmtpUtf8), 0u);
  EXPECT_EQ(rec.attrs.at(attr::kHelo), "client.example");
  EXPECT_EQ(rec.attrs.at(attr::kReceivedFrom), "client.example [192.0.2.7] (S1)");
  ASSERT_EQ(rec.recipients.size(), 2u);
  EXPECT_EQ(rec.recipients[0].attrs.at(attr::kNotify), "SUCCESS,FAILURE");
  EXPECT_EQ(rec.recipients[0].attrs.at(attr::kOrcpt), "rfc822;bob@example.net");
  EXPECT_EQ(rec.recipients[0].attrs.at(attr::kOrAddress), "/C=XX/ADMD= /PRMD=EXAMPLE/S=bob/");
  EXPECT_EQ(rec.recipients[1].attrs.at(attr::kNotify), "NEVER");
  EXPECT_EQ(rec.recipients[1].attrs.count(attr::kOrcpt), 0u);
  EXPECT_EQ(rec.recipients[1].attrs.count(attr::kOrAddress), 0u);
  // Our trace field first (RFC 5321 4.4: "from" EHLO name and TCP-info, the
  // client's address literal), then the message unchanged.
  EXPECT_EQ(rec.content.rfind(
                "Received: from client.example ([192.0.2.7])\r\n\tby gw.example.org (mixer) with ESMTP id " +
                    c.id + "; Tue, 14 Nov 2023 22:13:20 +0000\r\n",
                0),
            0u)
      << rec.content;
  EXPECT_EQ(rec.content.substr(rec.content.size() - m.content.size()), m.content);
  EXPECT_EQ(count_received(rec.content, 10), 1u);
}

TEST(IntakeRules, ReceivedFieldNamesTlsAndUtf8AndNeutralisesHostileHelo) {
  smtp::Envelope e;
  e.helo = "evil\x01(x)";
  e.esmtp = true;
  e.tls = true;
  e.smtputf8 = true;
  e.recipients.resize(1);
  e.recipients[0].address = "a@example.net";
  auto f = received_field(e, IntakeContext{"ID1", "gw", "S", 0});
  EXPECT_EQ(
      f,
      "Received: from evil??x?\r\n\tby gw (mixer) with UTF8SMTPS id ID1; Thu, 1 Jan 1970 00:00:00 +0000\r\n");
}

TEST(IntakeRules, ReceivedFromCarriesTheClientAddressLiteral) {
  // RFC 5321 4.4 TCP-info = address-literal; 4.1.3: "[IPv4]" or "[IPv6:addr]".
  smtp::Envelope e;
  e.helo = "mx.example";
  e.esmtp = true;
  e.client_address = "2001:db8::25";
  auto f = received_field(e, IntakeContext{"ID2", "gw", "S", 0});
  EXPECT_EQ(
      f.rfind("Received: from mx.example ([IPv6:2001:db8::25])\r\n\tby gw (mixer) with ESMTP id ID2;", 0), 0u)
      << f;
  e.client_address = "198.51.100.4";
  f = received_field(e, IntakeContext{"ID3", "gw", "S", 0});
  EXPECT_EQ(f.rfind("Received: from mx.example ([198.51.100.4])\r\n", 0), 0u) << f;
  smtp::ReceivedMessage m;
  m.envelope = e;
  m.envelope.recipients.resize(1);
  m.envelope.recipients[0].address = "bob@example.net";
  auto rec = build_record(m, IntakeContext{"ID3", "gw", "S9", 0}, {""});
  EXPECT_EQ(rec.attrs.at(queue::attr::kReceivedFrom), "mx.example [198.51.100.4] (S9)");
  // A hostile value cannot break out of the comment.
  e.client_address = "1.2.3.4) (x\r\nX-Evil: 1";
  f = received_field(e, IntakeContext{"ID4", "gw", "S", 0});
  EXPECT_EQ(f.find("\r\nX-Evil"), std::string::npos) << f;
  EXPECT_EQ(f.find(") (x"), std::string::npos) << f;
}

}  // namespace
}  // namespace mixer::smtpside
