// ClientSession: scripted server replies (what the client writes, per-recipient
// results, fallbacks, local refusals, TLS policy) and the client against our
// own ServerSession in memory, with every server output split at every offset.
#include "smtp/client_session.hpp"

#include <gtest/gtest.h>

#include "smtp/server_session.hpp"
#include "smtp/xtext.hpp"
#include "tests/smtp/server_harness.hpp"

namespace mixer::smtp::test {
namespace {

OutgoingMessage simple_message(std::vector<std::string> rcpts = {"b@y.test"}) {
  OutgoingMessage m;
  m.envelope.mail_from = "a@x.test";
  for (auto& r : rcpts) m.envelope.recipients.push_back(Recipient{r, {}, "", ""});
  m.content = "Subject: t\r\n\r\n.dot\r\nbody\r\n";
  return m;
}

// Feeds `server` (whole, or at `split` into two pieces) and returns the event.
ClientEvent feed(ClientSession& c, const std::string& server, std::size_t split = std::string::npos) {
  if (split == std::string::npos || split >= server.size()) {
    c.receive(server);
    return c.next_event();
  }
  c.receive(server.substr(0, split));
  auto ev = c.next_event();
  if (ev != ClientEvent::kNeedMoreData) return ev;
  c.receive(server.substr(split));
  return c.next_event();
}

const std::string kEhloFull =
    "250-mx.test\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 ENHANCEDSTATUSCODES\r\n";

TEST(SmtpClient, PipelinedTransactionPerRecipientResults) {
  for (std::size_t split = 1; split < 60; split += 7) {
    ClientConfig cfg;
    cfg.helo_name = "gw.test";
    cfg.tls = TlsMode::kOff;
    ClientSession c(cfg);
    EXPECT_EQ(feed(c, "220 mx.test ESMTP\r\n", split), ClientEvent::kNeedMoreData);
    EXPECT_EQ(c.take_output(), "EHLO gw.test\r\n");
    EXPECT_EQ(feed(c, kEhloFull, split), ClientEvent::kReady);
    EXPECT_EQ(c.size_limit(), 1000u);
    auto m = simple_message({"b@y.test", "bad@y.test", "c@y.test"});
    m.envelope.ret = DsnRet::kHeaders;
    m.envelope.envid = "id=1";
    m.envelope.recipients[0].notify = DsnNotify{true, false, true, true, false};
    m.envelope.recipients[0].orcpt_type = "rfc822";
    m.envelope.recipients[0].orcpt_address = "b+1@y.test";
    c.send(m);
    EXPECT_EQ(c.next_event(), ClientEvent::kNeedMoreData);
    EXPECT_EQ(c.take_output(),
              "MAIL FROM:<a@x.test> SIZE=26 RET=HDRS ENVID=id+3D1\r\n"
              "RCPT TO:<b@y.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2B1@y.test\r\n"
              "RCPT TO:<bad@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n");
    EXPECT_EQ(feed(c, "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 No such user\r\n250 2.1.5 Ok\r\n354 Go\r\n", split),
              ClientEvent::kNeedMoreData);
    EXPECT_EQ(c.take_output(), "Subject: t\r\n\r\n..dot\r\nbody\r\n.\r\n");
    EXPECT_EQ(feed(c, "250 2.0.0 Ok: queued as X\r\n", split), ClientEvent::kMessageDone);
    const auto r = c.take_result();
    ASSERT_EQ(r.recipients.size(), 3u);
    EXPECT_EQ(r.recipients[0].reply.code, 250);
    EXPECT_EQ(r.recipients[0].reply.text(), "Ok: queued as X");
    EXPECT_EQ(r.recipients[1].reply.code, 550);
    EXPECT_EQ(r.recipients[1].reply.enhanced, "5.1.1");
    EXPECT_EQ(r.recipients[2].reply.code, 250);
    EXPECT_TRUE(r.dsn_passed_on);
    EXPECT_FALSE(r.delivered_all());
    // Connection reuse: the next message goes out on the same session.
    EXPECT_EQ(c.next_event(), ClientEvent::kReady);
    c.send(simple_message());
    EXPECT_EQ(c.next_event(), ClientEvent::kNeedMoreData);
    EXPECT_EQ(c.take_output().rfind("MAIL FROM:<a@x.test> SIZE=26\r\n", 0), 0u);
    c.receive("250 Ok\r\n250 Ok\r\n354 Go\r\n");
    EXPECT_EQ(c.next_event(), ClientEvent::kNeedMoreData);
    c.take_output();
    c.receive("451 4.3.0 try later\r\n");
    EXPECT_EQ(c.next_event(), ClientEvent::kMessageDone);
    EXPECT_EQ(c.take_result().recipients[0].reply.code, 451);
    EXPECT_EQ(c.next_event(), ClientEvent::kReady);
    c.quit();
    EXPECT_EQ(c.take_output(), "QUIT\r\n");
    EXPECT_EQ(feed(c, "221 Bye\r\n", split), ClientEvent::kClosed);
  }
}

TEST(SmtpClient, NoPipeliningStepByStepAndRsetAfterRefusal) {
  ClientConfig cfg;
  cfg.tls = TlsMode::kOff;
  ClientSession c(cfg);
  feed(c, "220 x\r\n");
  c.take_output();
  EXPECT_EQ(feed(c, "250 x\r\n"), ClientEvent::kReady);
  c.send(simple_message({"bad@y.test"}));
  c.next_event();
  EXPECT_EQ(c.take_output(), "MAIL FROM:<a@x.test>\r\n");
  feed(c, "250 Ok\r\n");
  EXPECT_EQ(c.take_output(), "RCPT TO:<bad@y.test>\r\n");
  EXPECT_EQ(feed(c, "550 no\r\n"), ClientEvent::kMessageDone);
  EXPECT_EQ(c.take_result().recipients[0].reply.code, 550);
  EXPECT_EQ(c.next_event(), ClientEvent::kReady);
  c.send(simple_message());
  c.next_event();
  EXPECT_EQ(c.take_output(), "RSET\r\n");  // the refused transaction was still open
  feed(c, "250 Ok\r\n");
  EXPECT_EQ(c.take_output(), "MAIL FROM:<a@x.test>\r\n");
}

TEST(SmtpClient, HeloFallback) {
  ClientConfig cfg;
  cfg.tls = TlsMode::kOff;
  ClientSession c(cfg);
  feed(c, "220 x\r\n");
  c.take_output();
  feed(c, "502 no EHLO\r\n");
  EXPECT_EQ(c.take_output(), "HELO localhost\r\n");
  EXPECT_EQ(feed(c, "250 x\r\n"), ClientEvent::kReady);
  // 8-bit content to a server without 8BITMIME is reported, not sent.
  auto m = simple_message();
  m.content = "Subject: \xc3\xa9\r\n\r\nx\r\n";
  c.send(m);
  EXPECT_EQ(c.next_event(), ClientEvent::kMessageDone);
  const auto r = c.take_result();
  EXPECT_EQ(r.recipients[0].reply.code, 554);
  EXPECT_EQ(r.recipients[0].reply.enhanced, "5.6.3");
  EXPECT_EQ(c.take_output(), "");
}

TEST(SmtpClient, LocalRefusals) {
  ClientConfig cfg;
  cfg.tls = TlsMode::kOff;
  ClientSession c(cfg);
  feed(c, "220 x\r\n");
  feed(c, "250-x\r\n250-SIZE 10\r\n250 8BITMIME\r\n");
  c.take_output();
  c.send(simple_message());  // 26 octets > SIZE 10
  EXPECT_EQ(c.next_event(), ClientEvent::kMessageDone);
  EXPECT_EQ(c.take_result().recipients[0].reply.enhanced, "5.3.4");
  EXPECT_EQ(c.next_event(), ClientEvent::kReady);
  auto m = simple_message({"j\xc3\xb6rg@y.test"});
  c.send(m);
  EXPECT_EQ(c.next_event(), ClientEvent::kMessageDone);
  EXPECT_EQ(c.take_result().recipients[0].reply.enhanced, "5.6.7");
  EXPECT_EQ(c.take_output(), "");
}

TEST(SmtpClient, TlsPolicy) {
  {  // required, not offered: fail and QUIT
    ClientConfig cfg;
    cfg.tls = TlsMode::kRequired;
    ClientSession c(cfg);
    feed(c, "220 x\r\n");
    c.take_output();
    EXPECT_EQ(feed(c, "250 x\r\n"), ClientEvent::kFailed);
    EXPECT_EQ(c.take_output(), "QUIT\r\n");
    EXPECT_NE(c.error().find("TLS required"), std::string::npos);
  }
  {  // offered: STARTTLS, then EHLO again and keywords re-read
    ClientConfig cfg;
    cfg.tls = TlsMode::kOpportunistic;
    ClientSession c(cfg);
    feed(c, "220 x\r\n");
    c.take_output();
    feed(c, "250-x\r\n250 STARTTLS\r\n");
    EXPECT_EQ(c.take_output(), "STARTTLS\r\n");
    EXPECT_EQ(feed(c, "220 go\r\n"), ClientEvent::kStartTls);
    c.tls_established();
    EXPECT_EQ(c.take_output(), "EHLO localhost\r\n");
    EXPECT_EQ(feed(c, "250-x\r\n250 PIPELINING\r\n"), ClientEvent::kReady);
    EXPECT_TRUE(c.tls_active());
    EXPECT_TRUE(c.offers("PIPELINING"));
    EXPECT_FALSE(c.offers("STARTTLS"));
  }
  {  // plaintext injected after the 220 is a protocol violation
    ClientSession c(ClientConfig{});
    feed(c, "220 x\r\n");
    feed(c, "250-x\r\n250 STARTTLS\r\n");
    EXPECT_EQ(feed(c, "220 go\r\n250 injected\r\n"), ClientEvent::kFailed);
  }
  {  // opportunistic, STARTTLS refused: plaintext
    ClientSession c(ClientConfig{});
    feed(c, "220 x\r\n");
    feed(c, "250-x\r\n250 STARTTLS\r\n");
    EXPECT_EQ(feed(c, "454 4.7.0 TLS not available\r\n"), ClientEvent::kReady);
  }
}

TEST(SmtpClient, FailuresMidTransaction) {
  ClientConfig cfg;
  cfg.tls = TlsMode::kOff;
  ClientSession c(cfg);
  feed(c, "220 x\r\n");
  feed(c, kEhloFull);
  c.send(simple_message({"b@y.test", "c@y.test"}));
  c.next_event();
  EXPECT_EQ(feed(c, "250 Ok\r\n250 Ok\r\n421 4.3.2 shutting down\r\n"), ClientEvent::kMessageDone);
  auto r = c.take_result();
  EXPECT_EQ(r.recipients[0].reply.code, 451);  // accepted at RCPT, never delivered
  EXPECT_EQ(r.recipients[1].reply.code, 451);
  EXPECT_EQ(c.next_event(), ClientEvent::kFailed);

  ClientSession d(cfg);
  feed(d, "220 x\r\n");
  EXPECT_EQ(feed(d, "garbage\r\n"), ClientEvent::kFailed);
  ClientSession e(cfg);
  EXPECT_EQ(feed(e, "554 go away\r\n"), ClientEvent::kFailed);
  ClientSession f(cfg);
  feed(f, "220 x\r\n");
  feed(f, kEhloFull);
  f.send(simple_message());
  f.next_event();
  f.on_timeout();
  EXPECT_EQ(f.next_event(), ClientEvent::kMessageDone);
  EXPECT_EQ(f.take_result().recipients[0].reply.enhanced, "4.4.2");
  EXPECT_EQ(f.next_event(), ClientEvent::kFailed);
}

TEST(SmtpClient, DotStuff) {
  EXPECT_EQ(dot_stuff(".a\r\nb\r\n..c\r\n"), "..a\r\nb\r\n...c\r\n.\r\n");
  EXPECT_EQ(dot_stuff("no newline"), "no newline\r\n.\r\n");
  EXPECT_EQ(dot_stuff(""), ".\r\n");
}

TEST(SmtpXtext, RoundTripAndErrors) {
  EXPECT_EQ(xtext_encode("a+b=c d\xff"), "a+2Bb+3Dc+20d+FF");
  EXPECT_EQ(xtext_decode("a+2Bb+3Dc+20d+FF"), std::optional<std::string>("a+b=c d\xff"));
  EXPECT_FALSE(xtext_decode("a+2").has_value());
  EXPECT_FALSE(xtext_decode("a+2b").has_value());  // lower-case hex is not xtext
  EXPECT_FALSE(xtext_decode("a=b").has_value());
  EXPECT_FALSE(xtext_decode("a b").has_value());
}

TEST(SmtpReplyParser, MultilineEnhancedAndErrors) {
  const std::string in = "250-mx\r\n250-SIZE 5\r\n250 2.0.0 done\r\n550 5.1.1 <x>: no\r\n";
  for (std::size_t split = 0; split <= in.size(); ++split) {
    ReplyParser p;
    p.receive(in.substr(0, split));
    std::vector<Reply> got;
    while (auto r = p.next()) {
      ASSERT_TRUE(r.ok());
      if (!*r) break;
      got.push_back(**r);
    }
    p.receive(in.substr(split));
    while (true) {
      auto r = p.next();
      ASSERT_TRUE(r.ok());
      if (!*r) break;
      got.push_back(**r);
    }
    ASSERT_EQ(got.size(), 2u) << split;
    EXPECT_EQ(got[0].lines, (std::vector<std::string>{"mx", "SIZE 5", "done"}));
    EXPECT_EQ(got[0].enhanced, "2.0.0");
    EXPECT_EQ(got[1].code, 550);
    EXPECT_EQ(got[1].enhanced, "5.1.1");
    EXPECT_EQ(got[1].text(), "<x>: no");
  }
  ReplyParser bad;
  bad.receive("250-a\r\n251 b\r\n");
  EXPECT_FALSE(bad.next().ok());
  ReplyParser longline(16);
  longline.receive(std::string(40, '2'));
  EXPECT_FALSE(longline.next().ok());
  EXPECT_EQ(Reply::make(250, "2.0.0", "Ok").to_wire(), "250 2.0.0 Ok\r\n");
  EXPECT_EQ((Reply{250, "", {"a", "b"}}).to_wire(), "250-a\r\n250 b\r\n");
}

// Our client against our server, bytes passed in memory; the server's output
// is delivered to the client in pieces of `piece` octets.
TEST(SmtpClientServer, InMemoryDelivery) {
  for (std::size_t piece : {1u, 3u, 7u, 1000u}) {
    auto scfg = test_config();
    ServerSession server(scfg, accept_all);
    ClientConfig ccfg;
    ccfg.tls = TlsMode::kOff;
    ClientSession client(ccfg);
    server.start();
    std::vector<MessageResult> results;
    std::vector<ReceivedMessage> received;
    auto m1 = simple_message({"b@y.test", "bad@y.test"});
    m1.envelope.recipients[0].notify = DsnNotify{true, false, true, false, false};
    m1.envelope.envid = "E 1";
    auto m2 = simple_message({"c@y.test"});
    m2.content = "Subject: \xc3\xa9\r\n\r\n.\r\n..\r\n";
    std::vector<OutgoingMessage> queue{m1, m2};
    bool closed = false;
    for (int round = 0; round < 200 && !closed; ++round) {
      // server -> client
      const auto s_out = server.take_output();
      for (std::size_t i = 0; i < s_out.size(); i += piece) client.receive(s_out.substr(i, piece));
      while (true) {
        const auto ev = client.next_event();
        if (ev == ClientEvent::kReady) {
          if (queue.empty()) {
            client.quit();
          } else {
            client.send(queue.front());
            queue.erase(queue.begin());
            continue;
          }
        } else if (ev == ClientEvent::kMessageDone) {
          results.push_back(client.take_result());
          continue;
        } else if (ev == ClientEvent::kClosed) {
          closed = true;
        }
        break;
      }
      // client -> server
      server.receive(client.take_output());
      while (true) {
        const auto ev = server.next_event();
        if (ev == ServerEvent::kMessageReady) {
          received.push_back(server.message());
          server.accept_result(AcceptResult::accepted("Q"));
          continue;
        }
        break;
      }
    }
    ASSERT_TRUE(closed) << piece;
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].recipients[0].reply.code, 250);
    EXPECT_EQ(results[0].recipients[1].reply.code, 550);
    EXPECT_EQ(results[1].recipients[0].reply.code, 250);
    ASSERT_EQ(received.size(), 2u);
    EXPECT_EQ(received[0].content, m1.content);
    EXPECT_EQ(received[0].envelope.envid, "E 1");
    EXPECT_TRUE(received[0].envelope.recipients[0].notify.success);
    EXPECT_EQ(received[1].content, m2.content);
    EXPECT_EQ(received[1].envelope.body, BodyType::k8BitMime);
  }
}

}  // namespace
}  // namespace mixer::smtp::test
