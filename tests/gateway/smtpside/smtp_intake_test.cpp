// The SMTP listener of mixerd over loopback: a real ESMTP client (smtp/
// client) talks to SmtpIntake, which stores into a real spool. Proves: 250
// only for a durably stored message whose queue file carries the envelope;
// unmappable/unroutable recipients refused at RCPT; a full queue answered
// 452 4.3.1; a looping message (too many Received:) refused 554 5.4.6 and
// not stored; the per-client session limit (smtp.max_sessions_per_client):
// the 21st concurrent session from one address is answered 421 4.7.0 at the
// default, admitted when the limit is raised; the Received: field we prepend
// names the client's address literal (RFC 5321 4.4 TCP-info).
#include "gateway/smtpside/smtp_intake.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "config/tables/mapping_context.hpp"
#include "config/tables/table_file.hpp"
#include "gateway/daemon/spool_intake.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "smtp/asio_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::smtpside {
namespace {

std::shared_ptr<const mapping::address::MappingContext> context() {
  mapping::address::MappingContext ctx;
  EXPECT_TRUE(config::tables::set_gateway_identity(ctx, "gw.example.org",
                                                   "/C=XX/ADMD= /PRMD=MIXER/O=Gateway/", "test")
                  .ok());
  EXPECT_TRUE(config::tables::parse_table("example.net#PRMD$EXAMPLE.ADMD$ .C$XX#\n", "table1",
                                          config::tables::TableKind::kTable1, ctx)
                  .ok());
  return std::make_shared<const mapping::address::MappingContext>(std::move(ctx));
}

struct Fixture {
  test::TempDir tmp{"mixer-intake"};
  std::unique_ptr<queue::Spool> spool =
      queue::Spool::open(queue::SpoolOptions{tmp / "spool", true, 2}).value();
  metrics::Metrics metrics;
  daemon::SpoolIntake intake{*spool, 100, &metrics};
  std::size_t max_received = 5;
  std::unique_ptr<SmtpIntake> server;

  explicit Fixture(std::int64_t sessions_per_client = 0) {
    config::Config cfg;
    cfg.gateway.domain = "gw.example.org";
    cfg.smtp.listen = {"127.0.0.1", 0};
    if (sessions_per_client > 0)
      cfg.limits.set(config::Limit::smtp_max_sessions_per_client, sessions_per_client);
    IntakeHooks h;
    auto ctx = context();
    h.live = [this, ctx] {
      Live l;
      l.ctx = ctx;
      l.routable = [](const x400::ORAddress& a) {
        return a.private_domain_name && a.private_domain_name->value == "EXAMPLE";
      };
      l.max_received = max_received;
      l.hostname = "gw.example.org";
      return l;
    };
    h.queue_full = [this] { return intake.full(); };
    h.metrics = &metrics;
    server = SmtpIntake::start(cfg, intake, std::move(h)).value();
  }

  smtp::DeliveryReport send(std::vector<std::string> rcpts, std::string content) {
    smtp::OutgoingMessage m;
    m.envelope.mail_from = "alice@example.com";
    m.envelope.envid = "E-42";
    for (auto& r : rcpts) {
      smtp::Recipient rc;
      rc.address = r;
      rc.notify = {true, false, false, true, false};
      m.envelope.recipients.push_back(rc);
    }
    m.content = std::move(content);
    smtp::ClientConfig cc;
    cc.tls = smtp::TlsMode::kOff;
    return smtp::deliver_blocking("127.0.0.1", server->port(), cc, {}, {m});
  }
};

const std::string kBody =
    "From: alice@example.com\r\nTo: bob@example.net\r\nSubject: hello\r\n\r\nHi Bob.\r\n";

TEST(SmtpIntake, StoresBeforeTheReplyAndRefusesUnroutableRecipients) {
  Fixture f;
  auto rep = f.send({"bob@example.net", "eve@elsewhere.example"}, kBody);
  ASSERT_TRUE(rep.error.empty()) << rep.error;
  ASSERT_EQ(rep.results.size(), 1u);
  const auto& res = rep.results[0];
  ASSERT_EQ(res.recipients.size(), 2u);
  EXPECT_EQ(res.recipients[0].reply.code, 250) << res.recipients[0].reply.text();
  EXPECT_EQ(res.recipients[1].reply.code, 550);
  EXPECT_EQ(res.recipients[1].reply.enhanced, "5.4.4");
  ASSERT_TRUE(res.data_reply);
  EXPECT_EQ(res.data_reply->code, 250);
  // The 250 names the queue id, and that file is in incoming/ already.
  auto ids = f.spool->list(queue::State::incoming);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_NE(res.data_reply->text().find(ids[0]), std::string::npos) << res.data_reply->text();
  auto r = f.spool->load(ids[0], queue::State::incoming).value();
  EXPECT_EQ(r.direction, queue::Direction::smtp_to_x400);
  EXPECT_EQ(r.originator, "alice@example.com");
  EXPECT_EQ(r.attrs.at(queue::attr::kFormat), "rfc5322");
  EXPECT_EQ(r.attrs.at(queue::attr::kEnvid), "E-42");
  ASSERT_EQ(r.recipients.size(), 1u);
  EXPECT_EQ(r.recipients[0].address, "bob@example.net");
  EXPECT_EQ(r.recipients[0].attrs.at(queue::attr::kNotify), "FAILURE");
  EXPECT_NE(r.recipients[0].attrs.at(queue::attr::kOrAddress).find("PRMD=EXAMPLE"), std::string::npos);
  EXPECT_EQ(r.content.rfind("Received: from localhost ([127.0.0.1])\r\n", 0), 0u) << r.content.substr(0, 200);
  EXPECT_NE(r.attrs.at(queue::attr::kReceivedFrom).find("[127.0.0.1]"), std::string::npos);
  EXPECT_NE(r.content.find(kBody), std::string::npos);
  EXPECT_EQ(f.metrics.dir[0].received.load(), 1u);
  EXPECT_EQ(f.metrics.smtp_rejected_rcpt.load(), 1u);
}

TEST(SmtpIntake, FullQueueIsAnswered452) {
  Fixture f;
  f.intake.set_max_messages(1);
  ASSERT_EQ(f.send({"bob@example.net"}, kBody).results.at(0).data_reply->code, 250);
  auto rep = f.send({"bob@example.net"}, kBody);
  ASSERT_EQ(rep.results.size(), 1u);
  EXPECT_EQ(rep.results[0].recipients.at(0).reply.code, 452);
  EXPECT_EQ(rep.results[0].recipients.at(0).reply.enhanced, "4.3.1");
  EXPECT_EQ(f.spool->list(queue::State::incoming).size(), 1u);
}

TEST(SmtpIntake, LoopingMessageIsRefusedAndNotStored) {
  Fixture f;
  std::string looping;
  for (int i = 0; i < 6; ++i)
    looping += "Received: from hop" + std::to_string(i) + " by x; Mon, 1 Jan 2024 00:00:00 +0000\r\n";
  auto rep = f.send({"bob@example.net"}, looping + kBody);
  ASSERT_EQ(rep.results.size(), 1u);
  ASSERT_TRUE(rep.results[0].data_reply);
  EXPECT_EQ(rep.results[0].data_reply->code, 554);
  EXPECT_EQ(rep.results[0].data_reply->enhanced, "5.4.6");
  EXPECT_TRUE(f.spool->list(queue::State::incoming).empty());
  // Five hops are within the limit.
  std::string five;
  for (int i = 0; i < 5; ++i) five += "Received: from hop by x; Mon, 1 Jan 2024 00:00:00 +0000\r\n";
  EXPECT_EQ(f.send({"bob@example.net"}, five + kBody).results.at(0).data_reply->code, 250);
}

TEST(SmtpIntake, StopIsIdempotentAndRefusesNewConnections) {
  Fixture f;
  const auto port = f.server->port();
  f.server->stop(1000);
  f.server->stop(1000);
  smtp::ClientConfig cc;
  cc.tls = smtp::TlsMode::kOff;
  cc.timeouts.connect = 2;
  smtp::OutgoingMessage m;
  m.envelope.mail_from = "a@example.com";
  m.envelope.recipients.resize(1);
  m.envelope.recipients[0].address = "bob@example.net";
  m.content = kBody;
  auto rep = smtp::deliver_blocking("127.0.0.1", port, cc, {}, {m});
  ASSERT_EQ(rep.results.size(), 1u);
  EXPECT_FALSE(rep.results[0].delivered_all());
  EXPECT_TRUE(f.spool->list(queue::State::incoming).empty());
}

// A raw TCP session that reads the server's first reply line (the greeting
// or the connection-limit refusal) and then stays open until destroyed.
struct RawSession {
  int fd = -1;
  std::string first_line;
  explicit RawSession(std::uint16_t port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return;
    char c = 0;
    while (::recv(fd, &c, 1, 0) == 1 && c != '\n') first_line += c;
  }
  ~RawSession() {
    if (fd >= 0) ::close(fd);
  }
  RawSession(const RawSession&) = delete;
  RawSession& operator=(const RawSession&) = delete;
};

TEST(SmtpIntake, TwentyFirstSessionFromOneClientIsRefused421AtTheDefault) {
  Fixture f;
  ASSERT_EQ(config::spec_of(config::Limit::smtp_max_sessions_per_client).default_value, 20);
  std::vector<std::unique_ptr<RawSession>> open;
  for (int i = 0; i < 20; ++i) {
    open.push_back(std::make_unique<RawSession>(f.server->port()));
    ASSERT_EQ(open.back()->first_line.rfind("220 ", 0), 0u) << i << ": " << open.back()->first_line;
  }
  RawSession extra(f.server->port());
  EXPECT_EQ(extra.first_line.rfind("421 4.7.0 ", 0), 0u) << extra.first_line;
  // A session ending frees its slot.
  open.pop_back();
  bool admitted = false;
  for (int i = 0; i < 100 && !admitted; ++i) {
    RawSession again(f.server->port());
    admitted = again.first_line.rfind("220 ", 0) == 0;
    if (!admitted) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(admitted);
}

TEST(SmtpIntake, RaisedPerClientLimitAdmitsMoreSessions) {
  Fixture f(21);
  std::vector<std::unique_ptr<RawSession>> open;
  for (int i = 0; i < 21; ++i) {
    open.push_back(std::make_unique<RawSession>(f.server->port()));
    ASSERT_EQ(open.back()->first_line.rfind("220 ", 0), 0u) << i << ": " << open.back()->first_line;
  }
  RawSession extra(f.server->port());
  EXPECT_EQ(extra.first_line.rfind("421 4.7.0 ", 0), 0u) << extra.first_line;
  // The whole listener's limit still bounds it (smtp.max_sessions).
  config::Config cfg;
  cfg.limits.set(config::Limit::smtp_max_sessions, 5);
  cfg.limits.set(config::Limit::smtp_max_sessions_per_client, 50);
  EXPECT_EQ(server_config(cfg).limits.max_connections_per_client, 5u);
  EXPECT_EQ(server_config(cfg).limits.max_connections, 5u);
}

}  // namespace
}  // namespace mixer::smtpside
