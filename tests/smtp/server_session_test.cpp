// ServerSession: every command in every state, every extension and every
// limit; each script is also fed split at every offset and byte by byte
// (split_invariant), and must give the same replies and messages.
#include "smtp/server_session.hpp"

#include <gtest/gtest.h>

#include "tests/smtp/server_harness.hpp"

namespace mixer::smtp::test {
namespace {

// Runs `input` whole, split at every offset, and byte by byte; all must agree.
Transcript split_invariant(const std::string& input, ServerConfig cfg = test_config()) {
  const auto whole = run_chunks({input}, cfg);
  for (std::size_t i = 1; i < input.size(); ++i) {
    const auto t = run_chunks({input.substr(0, i), input.substr(i)}, cfg);
    EXPECT_EQ(t, whole) << "split at offset " << i << "\nwhole:\n" << whole.output << "\nsplit:\n" << t.output;
    if (!(t == whole)) break;
  }
  std::vector<std::string> bytes;
  for (const char c : input) bytes.emplace_back(1, c);
  EXPECT_EQ(run_chunks(bytes, cfg), whole) << "byte by byte";
  return whole;
}

const std::string kEhlo = "EHLO client.test\r\n";
const std::string kTx = "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n";

TEST(SmtpServer, GreetingAndEhloKeywords) {
  auto cfg = test_config();
  cfg.tls_available = true;
  const auto t = split_invariant(kEhlo, cfg);
  EXPECT_EQ(t.output,
            "220 mx.test ESMTP mixer\r\n250-mx.test\r\n250-PIPELINING\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n"
            "250-ENHANCEDSTATUSCODES\r\n250-DSN\r\n250-STARTTLS\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n");
  // Without a certificate STARTTLS is not offered.
  EXPECT_EQ(run_script(kEhlo).output.find("STARTTLS"), std::string::npos);
}

TEST(SmtpServer, HeloIsPlainSmtp) {
  const auto t = split_invariant("HELO c\r\nMAIL FROM:<a@x.test> SIZE=10\r\nMAIL FROM:<a@x.test>\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 555, 250}));
  EXPECT_NE(t.output.find("250 mx.test\r\n"), std::string::npos);
}

TEST(SmtpServer, FullTransactionWithDotUnstuffing) {
  const std::string in = kEhlo + kTx +
                         "DATA\r\nSubject: t\r\n\r\n..leading dot\r\n..\r\nline\r\n.\r\nQUIT\r\n";
  const auto t = split_invariant(in);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 354, 250, 221}));
  EXPECT_NE(t.output.find("250 2.0.0 Ok: queued as Q1\r\n"), std::string::npos);
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].content, "Subject: t\r\n\r\n.leading dot\r\n.\r\nline\r\n");
  EXPECT_EQ(t.messages[0].envelope.mail_from, "a@x.test");
  EXPECT_EQ(t.messages[0].envelope.helo, "client.test");
  ASSERT_EQ(t.messages[0].envelope.recipients.size(), 1u);
  EXPECT_EQ(t.messages[0].envelope.recipients[0].address, "b@y.test");
  EXPECT_TRUE(t.closed);
}

// Every command in every state: initial (no EHLO), ready, in a transaction.
struct StateCase {
  const char* name;
  std::string prefix;  // brings the session into the state
  std::vector<int> prefix_codes;
};

TEST(SmtpServer, EveryCommandInEveryState) {
  const std::vector<StateCase> states = {
      {"initial", "", {220}},
      {"ready", kEhlo, {220, 250}},
      {"mail", kEhlo + "MAIL FROM:<>\r\n", {220, 250, 250}},
      {"rcpt", kEhlo + kTx, {220, 250, 250, 250}},
  };
  struct Cmd {
    std::string line;
    std::vector<int> expect;  // per state, in the order above
  };
  const std::vector<Cmd> cmds = {
      {"EHLO h\r\n", {250, 250, 250, 250}},
      {"HELO h\r\n", {250, 250, 250, 250}},
      {"EHLO\r\n", {501, 501, 501, 501}},
      {"MAIL FROM:<c@d.test>\r\n", {503, 250, 503, 503}},
      {"RCPT TO:<e@f.test>\r\n", {503, 503, 250, 250}},
      {"DATA\r\n", {503, 503, 554, 354}},
      {"DATA x\r\n", {501, 501, 501, 501}},
      {"RSET\r\n", {250, 250, 250, 250}},
      {"RSET x\r\n", {501, 501, 501, 501}},
      {"NOOP\r\n", {250, 250, 250, 250}},
      {"VRFY someone\r\n", {252, 252, 252, 252}},
      {"VRFY\r\n", {501, 501, 501, 501}},
      {"HELP\r\n", {214, 214, 214, 214}},
      {"EXPN list\r\n", {502, 502, 502, 502}},
      {"STARTTLS\r\n", {502, 502, 502, 502}},
      {"BDAT 0\r\n", {503, 503, 554, 250}},
      {"FOO\r\n", {500, 500, 500, 500}},
      {"QUIT\r\n", {221, 221, 221, 221}},
  };
  for (std::size_t si = 0; si < states.size(); ++si) {
    for (const auto& c : cmds) {
      SCOPED_TRACE(std::string(states[si].name) + ": " + c.line);
      const auto t = split_invariant(states[si].prefix + c.line);
      auto want = states[si].prefix_codes;
      want.push_back(c.expect[si]);
      EXPECT_EQ(codes(t.output), want);
    }
  }
}

TEST(SmtpServer, CommandsAreCaseInsensitive) {
  const auto t = split_invariant("ehlo c\r\nmail from:<a@x.test>\r\nrcpt to:<b@y.test>\r\nrset\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 250}));
}

TEST(SmtpServer, AddressSyntax) {
  const auto t = split_invariant(kEhlo +
                                 "MAIL FROM:a@x.test\r\n"            // no brackets
                                 "MAIL FROM:<a@@x>\r\n"              // bad local part
                                 "MAIL FROM:<@r1,@r2:a@x.test>\r\n"  // source route dropped
                                 "RCPT TO:<nodomain>\r\n"
                                 "RCPT TO:<>\r\n"
                                 "RCPT TO:<Postmaster>\r\n"
                                 "RCPT TO:<\"q u\"@y.test>\r\n"
                                 "RCPT TO:<c@[127.0.0.1]>\r\n"
                                 "RCPT TO:<bad@y.test>\r\n"
                                 "DATA\r\nx\r\n.\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 501, 501, 250, 501, 501, 250, 250, 250, 550, 354, 250}));
  ASSERT_EQ(t.messages.size(), 1u);
  const auto& env = t.messages[0].envelope;
  EXPECT_EQ(env.mail_from, "a@x.test");
  ASSERT_EQ(env.recipients.size(), 3u);
  EXPECT_EQ(env.recipients[1].address, "\"q u\"@y.test");
}

TEST(SmtpServer, SizeAnnouncedAndEnforced) {
  auto cfg = test_config();
  cfg.limits.max_message_size = 2000;
  const std::string big(3000, 'x');
  std::string body;
  for (int i = 0; i < 30; ++i) body += std::string(98, 'y') + "\r\n";
  const auto t = split_invariant(kEhlo + "MAIL FROM:<a@x.test> SIZE=3000\r\nMAIL FROM:<a@x.test> SIZE=100\r\n"
                                         "RCPT TO:<b@y.test>\r\nDATA\r\n" + body + ".\r\nNOOP\r\n", cfg);
  EXPECT_NE(t.output.find("250-SIZE 2000\r\n"), std::string::npos);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 552, 250, 250, 354, 552, 250}));
  EXPECT_TRUE(t.messages.empty());
}

TEST(SmtpServer, EightBitMimeAndBadBody) {
  const auto t = split_invariant(kEhlo + "MAIL FROM:<a@x.test> BODY=8BITMIME\r\nRSET\r\n"
                                         "MAIL FROM:<a@x.test> BODY=BINARYMIME\r\n"
                                         "MAIL FROM:<a@x.test> BODY=7bit\r\nRCPT TO:<b@y.test>\r\nDATA\r\n\xc3\xa9\r\n.\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 501, 250, 250, 354, 250}));
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].envelope.body, BodyType::k7Bit);
}

TEST(SmtpServer, DsnParametersKeptPerRecipient) {
  const auto t = split_invariant(
      kEhlo + "MAIL FROM:<a@x.test> RET=HDRS ENVID=QQ+2B314\r\n"
              "RCPT TO:<b@y.test> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;b+2Bx@y.test\r\n"
              "RCPT TO:<c@y.test> NOTIFY=NEVER\r\n"
              "RCPT TO:<d@y.test> NOTIFY=NEVER,SUCCESS\r\n"
              "RCPT TO:<d@y.test> NOTIFY=SOMETIMES\r\n"
              "RCPT TO:<d@y.test> ORCPT=rfc822;bad+zz\r\n"
              "RCPT TO:<d@y.test> ORCPT=noseparator\r\n"
              "RCPT TO:<d@y.test> FOO=BAR\r\n"
              "RCPT TO:<d@y.test> NOTIFY=FAILURE NOTIFY=DELAY\r\n"
              "DATA\r\nx\r\n.\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 250, 501, 501, 501, 501, 555, 501, 354, 250}));
  ASSERT_EQ(t.messages.size(), 1u);
  const auto& env = t.messages[0].envelope;
  EXPECT_EQ(env.ret, DsnRet::kHeaders);
  EXPECT_EQ(env.envid, "QQ+314");
  ASSERT_EQ(env.recipients.size(), 2u);
  EXPECT_TRUE(env.recipients[0].notify.success && env.recipients[0].notify.delay);
  EXPECT_FALSE(env.recipients[0].notify.failure || env.recipients[0].notify.never);
  EXPECT_EQ(env.recipients[0].orcpt_type, "rfc822");
  EXPECT_EQ(env.recipients[0].orcpt_address, "b+x@y.test");
  EXPECT_TRUE(env.recipients[1].notify.never);
  EXPECT_TRUE(env.recipients[1].orcpt_type.empty());
}

TEST(SmtpServer, MailParameterErrors) {
  const auto t = split_invariant(kEhlo + "MAIL FROM:<a@x.test> RET=SOME\r\n"
                                         "MAIL FROM:<a@x.test> ENVID=a=b\r\n"
                                         "MAIL FROM:<a@x.test> SIZE=abc\r\n"
                                         "MAIL FROM:<a@x.test> XYZ\r\n"
                                         "MAIL FROM:<a@x.test> SMTPUTF8=yes\r\n"
                                         "MAIL FROM:<a@x.test> SIZE=1 SIZE=2\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 501, 501, 501, 555, 501, 501}));
}

TEST(SmtpServer, SmtpUtf8) {
  const std::string u = "j\xc3\xb6rg@b\xc3\xbc.test";
  const auto t = split_invariant(kEhlo + "MAIL FROM:<" + u + ">\r\n" + "MAIL FROM:<" + u + "> SMTPUTF8\r\n" +
                                 "RCPT TO:<" + u + ">\r\nRCPT TO:<x\xff@y.test>\r\nDATA\r\nx\r\n.\r\n"
                                 "MAIL FROM:<a@x.test>\r\nRCPT TO:<" + u + ">\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 553, 250, 250, 501, 354, 250, 250, 553}));
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_TRUE(t.messages[0].envelope.smtputf8);
  EXPECT_EQ(t.messages[0].envelope.recipients[0].address, u);
}

TEST(SmtpServer, ChunkingBdat) {
  const auto t = split_invariant(kEhlo + kTx + "BDAT 5\r\nab\r\nc" + "BDAT 3 LAST\r\nd\r\n" +
                                 "DATA\r\n" +                            // no transaction now
                                 kTx + "BDAT 2\r\nxyDATA\r\nBDAT 0 LAST\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 250, 250, 503, 250, 250, 250, 503, 250}));
  ASSERT_EQ(t.messages.size(), 2u);
  EXPECT_EQ(t.messages[0].content, "ab\r\ncd\r\n");  // BDAT content is not unstuffed or scanned for "."
  EXPECT_EQ(t.messages[1].content, "xy");
}

TEST(SmtpServer, BdatWithoutTransactionIsReadAndRefused) {
  const auto t = split_invariant(kEhlo + "BDAT 6\r\nNOOP\r\n" + "BDAT x\r\n" + "NOOP\r\n");
  // The 6 octets "NOOP\r\n" are chunk data, not a command.
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 503, 501, 250}));
}

TEST(SmtpServer, BdatOverSizeFailsTransaction) {
  auto cfg = test_config();
  cfg.limits.max_message_size = 1024;
  const std::string chunk(800, 'z');
  const auto t = split_invariant(kEhlo + kTx + "BDAT 800\r\n" + chunk + "BDAT 800\r\n" + chunk + "BDAT 800 LAST\r\n" +
                                     chunk + "NOOP\r\n",
                                 cfg);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 250, 552, 552, 250}));
  EXPECT_TRUE(t.messages.empty());
}

TEST(SmtpServer, BareLfRejectedAndNoSmuggling) {
  // "\n.\r\n" and ".\n" must not end the data; only <CRLF>.<CRLF> does.
  const auto t = split_invariant(kEhlo + kTx + "DATA\r\na\n.\r\nMAIL FROM:<evil@x.test>\r\n.\nb\r\n.\r\nNOOP\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 354, 550, 250}));
  EXPECT_TRUE(t.messages.empty());
}

TEST(SmtpServer, BareLfNormalized) {
  auto cfg = test_config();
  cfg.limits.bare_lf = BareLfPolicy::kNormalize;
  const auto t = split_invariant(kEhlo + kTx + "DATA\r\na\nb\r\n.\r\n", cfg);
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].content, "a\r\nb\r\n");
}

TEST(SmtpServer, TextLineLimit) {
  const auto t = split_invariant(kEhlo + kTx + "DATA\r\n" + std::string(999, 'a') + "\r\n.\r\n" + kTx + "DATA\r\n" +
                                 std::string(998, 'b') + "\r\n.\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 354, 500, 250, 250, 354, 250}));
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].content.size(), 1000u);
}

TEST(SmtpServer, VeryLongLineIsNotBuffered) {
  // 200 KiB without a newline: consumed as it arrives, refused at the end.
  const auto t = run_chunks({kEhlo + kTx + "DATA\r\n", std::string(100000, 'a'), std::string(100000, 'a'),
                             "\r\n.\r\nNOOP\r\n"});
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 354, 500, 250}));
}

TEST(SmtpServer, HeaderSectionLimit) {
  auto cfg = test_config();
  cfg.limits.max_header_size = 1024;
  std::string hdrs;
  for (int i = 0; i < 20; ++i) hdrs += "X-H: " + std::string(60, 'h') + "\r\n";
  std::string body;
  for (int i = 0; i < 40; ++i) body += std::string(60, 'b') + "\r\n";  // a big body is fine
  const auto t = split_invariant(kEhlo + kTx + "DATA\r\n" + hdrs + "\r\nx\r\n.\r\n" + kTx + "DATA\r\nS: 1\r\n\r\n" +
                                     body + ".\r\n",
                                 cfg);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 354, 552, 250, 250, 354, 250}));
  EXPECT_EQ(t.messages.size(), 1u);
}

TEST(SmtpServer, CommandLineLimit) {
  auto cfg = test_config();
  cfg.limits.max_command_line = 512;
  const auto t = split_invariant(kEhlo + "NOOP " + std::string(600, 'n') + "\r\nNOOP " + std::string(505, 'n') + "\r\n",
                                 cfg);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 500, 250}));
}

TEST(SmtpServer, MaxRecipients) {
  auto cfg = test_config();
  cfg.limits.max_recipients = 2;
  const auto t = split_invariant(kEhlo + kTx + "RCPT TO:<c@y.test>\r\nRCPT TO:<d@y.test>\r\nDATA\r\nx\r\n.\r\n", cfg);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 250, 250, 250, 452, 354, 250}));
  EXPECT_NE(t.output.find("452 4.5.3 "), std::string::npos);
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].envelope.recipients.size(), 2u);
}

TEST(SmtpServer, ErrorCounterHangsUp) {
  auto cfg = test_config();
  cfg.limits.max_errors = 3;
  const auto t = split_invariant("FOO\r\nBAR\r\nNOOP\r\nBAZ\r\nNOOP\r\n", cfg);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 500, 500, 250, 500, 421}));
  EXPECT_TRUE(t.closed);
}

TEST(SmtpServer, HttpRequestHangsUp) {
  const auto t = split_invariant("GET / HTTP/1.1\r\nHost: mx.test\r\n\r\n");
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 554}));
  EXPECT_TRUE(t.closed);
  EXPECT_EQ(codes(split_invariant("Host: x\r\n").output), (std::vector<int>{220, 554}));
}

TEST(SmtpServer, ControlCharactersInCommand) {
  const auto t = split_invariant(std::string("NO\0OP\r\nNOOP\r\n", 13));
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 500, 250}));
}

TEST(SmtpServer, DefaultRefusesRelay) {
  ServerSession s(test_config(), nullptr);
  s.start();
  s.receive(kEhlo + kTx);
  EXPECT_EQ(s.next_event(), ServerEvent::kNeedMoreData);
  const auto out = s.take_output();
  EXPECT_NE(out.find("550 5.7.1 Relay access denied\r\n"), std::string::npos);
}

TEST(SmtpServer, AcceptanceIsAsynchronousAndGates250) {
  ServerSession s(test_config(), accept_all);
  s.start();
  s.take_output();
  s.receive(kEhlo + kTx + "DATA\r\nhello\r\n.\r\nNOOP\r\n");
  EXPECT_EQ(s.next_event(), ServerEvent::kMessageReady);
  auto out = s.take_output();
  EXPECT_EQ(out.find("250 2.0.0 Ok: queued"), std::string::npos);
  EXPECT_EQ(s.message().content, "hello\r\n");
  // Until the gateway answers, nothing more is read or written.
  EXPECT_EQ(s.next_event(), ServerEvent::kAwaitingAcceptance);
  EXPECT_EQ(s.next_event(), ServerEvent::kAwaitingAcceptance);
  EXPECT_EQ(s.take_output(), "");
  s.accept_result(AcceptResult::storage_failed("fsync: EIO"));
  EXPECT_EQ(s.next_event(), ServerEvent::kNeedMoreData);
  EXPECT_EQ(s.take_output(), "451 4.3.0 Error: queue file write error: fsync: EIO\r\n250 2.0.0 Ok\r\n");
  s.receive(kTx + "DATA\r\nx\r\n.\r\n");
  EXPECT_EQ(s.next_event(), ServerEvent::kMessageReady);
  s.accept_result(AcceptResult::no_space("disk full"));
  EXPECT_EQ(s.next_event(), ServerEvent::kNeedMoreData);
  EXPECT_NE(s.take_output().find("452 4.3.1 Insufficient system storage"), std::string::npos);
  s.receive(kTx + "BDAT 1 LAST\r\nx");
  EXPECT_EQ(s.next_event(), ServerEvent::kMessageReady);
  s.accept_result(AcceptResult::accepted("ABC"));
  EXPECT_EQ(s.next_event(), ServerEvent::kNeedMoreData);
  EXPECT_NE(s.take_output().find("250 2.0.0 Ok: queued as ABC\r\n"), std::string::npos);
}

TEST(SmtpServer, Timeouts) {
  ServerSession s(test_config(), accept_all);
  s.start();
  EXPECT_EQ(s.timeout_kind(), TimeoutKind::kCommand);
  s.receive(kEhlo + kTx + "DATA\r\npartial");
  EXPECT_EQ(s.next_event(), ServerEvent::kNeedMoreData);
  EXPECT_EQ(s.timeout_kind(), TimeoutKind::kData);
  s.take_output();
  s.on_timeout();
  EXPECT_EQ(s.next_event(), ServerEvent::kClose);
  EXPECT_EQ(s.take_output(), "421 4.4.2 mx.test Error: timeout exceeded\r\n");
  EXPECT_TRUE(s.closed());
}

TEST(SmtpServer, ConnectionLimitGreeting) {
  ServerSession s(test_config(), accept_all);
  s.start(true);
  EXPECT_EQ(s.next_event(), ServerEvent::kClose);
  EXPECT_EQ(s.take_output(), "421 4.7.0 mx.test Too many connections, try again later\r\n");
}

TEST(SmtpServer, StartTlsResetsStateAndDropsPipelinedPlaintext) {
  auto cfg = test_config();
  cfg.tls_available = true;
  ServerSession s(cfg, accept_all);
  s.start();
  s.take_output();
  s.receive(kEhlo + "STARTTLS\r\nMAIL FROM:<injected@x.test>\r\n");
  EXPECT_EQ(s.next_event(), ServerEvent::kStartTls);
  const auto first = s.take_output();
  EXPECT_TRUE(first.ends_with("250 CHUNKING\r\n220 2.0.0 Ready to start TLS\r\n")) << first;
  s.tls_established();
  EXPECT_TRUE(s.tls_active());
  EXPECT_EQ(s.next_event(), ServerEvent::kNeedMoreData);
  EXPECT_EQ(s.take_output(), "");  // the injected MAIL was discarded
  s.receive("MAIL FROM:<a@x.test>\r\n" + kEhlo + "STARTTLS\r\n" + kTx + "DATA\r\nx\r\n.\r\n");
  EXPECT_EQ(s.next_event(), ServerEvent::kMessageReady);
  EXPECT_TRUE(s.message().envelope.tls);
  const auto out = s.take_output();
  EXPECT_EQ(codes(out), (std::vector<int>{503, 250, 503, 250, 250, 354}));
  EXPECT_EQ(out.find("STARTTLS"), std::string::npos);  // not offered again
}

TEST(SmtpServer, StartTlsRules) {
  auto cfg = test_config();
  cfg.tls_available = true;
  cfg.require_tls = true;
  const auto t = run_script(kEhlo + "MAIL FROM:<a@x.test>\r\nSTARTTLS now\r\nSTARTTLS\r\n", cfg);
  EXPECT_EQ(codes(t.output), (std::vector<int>{220, 250, 530, 501, 220}));
  EXPECT_EQ(t.starttls, 1);
}

TEST(SmtpLimits, ValidateAndSet) {
  ServerLimits l;
  EXPECT_TRUE(validate(l).ok());
  for (const auto& spec : kServerLimitSpecs) EXPECT_EQ(l.*(spec.field), spec.default_value) << spec.name;
  EXPECT_TRUE(set_limit(l, "max_recipients", 5).ok());
  EXPECT_EQ(l.max_recipients, 5u);
  const auto r = set_limit(l, "max_command_line", 100);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("max_command_line"), std::string::npos);
  EXPECT_FALSE(set_limit(l, "nope", 1).ok());
  l.max_text_line = 10;
  EXPECT_FALSE(validate(l).ok());
}

}  // namespace
}  // namespace mixer::smtp::test
