// The SMTP transport against a real ESMTP server on loopback (the project's
// smtp/ server as the next hop, as Postfix would be): one outcome per
// recipient - 250 delivered, 5xx permanent with the enhanced code in the
// diagnostic, 4xx and a dead next hop temporary - and the stored message
// arrives with its envelope (DSN parameters) unchanged.
#include "gateway/smtpside/smtp_transport.hpp"

#include <future>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>

#include "gateway/queue/attr_keys.hpp"
#include "smtp/asio_server.hpp"
#include "tests/support/net.hpp"

namespace mixer::smtpside {
namespace {
namespace asio = boost::asio;

// A next hop: refuses "bad*" with 550 5.1.1 and "busy*" with 450 4.2.1.
struct NextHop {
  asio::io_context io;
  std::unique_ptr<smtp::AsioServer> server;
  std::thread thread;
  std::mutex mu;
  std::vector<smtp::ReceivedMessage> got;

  NextHop() {
    auto rcpt = [](const smtp::Envelope&, const smtp::Recipient& r) {
      if (r.address.rfind("bad", 0) == 0)
        return smtp::RcptDecision::refuse(smtp::Reply::make(550, "5.1.1", "User unknown"));
      if (r.address.rfind("busy", 0) == 0)
        return smtp::RcptDecision::refuse(smtp::Reply::make(450, "4.2.1", "Mailbox busy"));
      return smtp::RcptDecision::ok();
    };
    auto on_msg = [this](const std::string& id, const smtp::ReceivedMessage& m,
                         std::function<void(smtp::AcceptResult)> done) {
      {
        std::lock_guard lock(mu);
        got.push_back(m);
      }
      done(smtp::AcceptResult::accepted(id));
    };
    server = smtp::AsioServer::create(io, smtp::ServerConfig{}, rcpt, on_msg, [](std::string_view) {}).value();
    EXPECT_TRUE(server->listen("127.0.0.1", 0).ok());
    thread = std::thread([this] { io.run(); });
  }
  ~NextHop() {
    io.stop();
    thread.join();
  }
};

struct Runner {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread{[this] { io.run(); }};
  ~Runner() {
    work.reset();
    io.stop();
    thread.join();
  }
};

queue::Record record(std::vector<std::string> rcpts) {
  queue::Record r;
  r.id = "0000000000001000100001";
  r.direction = queue::Direction::x400_to_smtp;
  r.originator = "x400-user@gw.example.org";
  r.attrs[queue::attr::kFormat] = queue::attr::kFormatRfc5322;
  r.attrs[queue::attr::kEnvid] = "MTS-1";
  r.attrs[queue::attr::kRet] = "HDRS";
  for (auto& a : rcpts) {
    queue::Recipient rc;
    rc.address = a;
    rc.attrs[queue::attr::kNotify] = "SUCCESS,FAILURE";
    rc.attrs[queue::attr::kOrcpt] = "x400;/C=XX/S=User/";
    r.recipients.push_back(rc);
  }
  r.content = "From: x400-user@gw.example.org\r\nSubject: t\r\n\r\nbody\r\n";
  return r;
}

std::vector<queue::RecipientOutcome> deliver(SmtpTransport& t, queue::Record r, std::vector<std::size_t> due) {
  std::promise<std::vector<queue::RecipientOutcome>> p;
  auto f = p.get_future();
  t.deliver(daemon::DeliveryRequest{std::move(r), std::move(due)},
            [&p](std::vector<queue::RecipientOutcome> o) { p.set_value(std::move(o)); });
  EXPECT_EQ(f.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  return f.get();
}

SmtpTransportSettings settings(std::uint16_t port) {
  config::Config cfg;
  cfg.gateway.domain = "gw.example.org";
  cfg.smtp.next_hop = {"127.0.0.1", port};
  cfg.smtp.next_hop_tls = config::TlsPolicy::none;
  return transport_settings(cfg, std::make_shared<const mapping::address::MappingContext>());
}

TEST(SmtpTransport, OneOutcomePerRecipientFromTheNextHop) {
  NextHop hop;
  Runner run;
  auto t = std::make_shared<SmtpTransport>(run.io, settings(hop.server->port()), nullptr);
  EXPECT_EQ(t->destination({}), "smtp:127.0.0.1:" + std::to_string(hop.server->port()));
  auto out = deliver(*t, record({"good@example.com", "bad@example.com", "busy@example.com", "skip@example.com"}),
                     {0, 1, 2});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].index, 0u);
  EXPECT_EQ(out[0].result, queue::AttemptResult::delivered);
  EXPECT_EQ(out[1].index, 1u);
  EXPECT_EQ(out[1].result, queue::AttemptResult::permanent_failure);
  EXPECT_EQ(out[1].diagnostic, "smtp; 550 5.1.1 User unknown");
  EXPECT_EQ(out[2].index, 2u);
  EXPECT_EQ(out[2].result, queue::AttemptResult::temporary_failure);
  EXPECT_EQ(out[2].diagnostic, "smtp; 450 4.2.1 Mailbox busy");
  std::lock_guard lock(hop.mu);
  ASSERT_EQ(hop.got.size(), 1u);
  const auto& e = hop.got[0].envelope;
  EXPECT_EQ(e.mail_from, "x400-user@gw.example.org");
  ASSERT_EQ(e.recipients.size(), 1u);  // only the due and accepted one reaches the data
  EXPECT_EQ(e.recipients[0].address, "good@example.com");
  EXPECT_TRUE(e.recipients[0].notify.success);
  EXPECT_EQ(e.recipients[0].orcpt_type, "x400");
  EXPECT_EQ(e.recipients[0].orcpt_address, "/C=XX/S=User/");
  EXPECT_EQ(e.envid, "MTS-1");
  EXPECT_EQ(e.ret, smtp::DsnRet::kHeaders);
  EXPECT_NE(hop.got[0].content.find("Subject: t\r\n\r\nbody"), std::string::npos);
}

TEST(SmtpTransport, NextHopDownIsTemporary) {
  Runner run;
  const auto port = test::free_loopback_port();  // nothing listens there
  auto t = std::make_shared<SmtpTransport>(run.io, settings(port), nullptr);
  auto out = deliver(*t, record({"a@example.com", "b@example.com"}), {0, 1});
  ASSERT_EQ(out.size(), 2u);
  for (const auto& o : out) {
    EXPECT_EQ(o.result, queue::AttemptResult::temporary_failure);
    EXPECT_EQ(o.diagnostic.rfind("smtp; ", 0), 0u) << o.diagnostic;
  }
}

TEST(SmtpTransport, UnknownFormatFailsPermanentlyWithoutConnecting) {
  Runner run;
  auto t = std::make_shared<SmtpTransport>(run.io, settings(test::free_loopback_port()), nullptr);
  auto r = record({"a@example.com"});
  r.attrs[queue::attr::kFormat] = "telex";
  auto out = deliver(*t, r, {0});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, queue::AttemptResult::permanent_failure);
  EXPECT_NE(out[0].diagnostic.find("unknown format 'telex'"), std::string::npos);
}

TEST(SmtpTransport, OutcomeOfMapsReplyClasses) {
  EXPECT_EQ(outcome_of(3, smtp::Reply::make(250, "2.0.0", "ok")).result, queue::AttemptResult::delivered);
  EXPECT_EQ(outcome_of(3, smtp::Reply::make(421, "4.4.2", "bye")).result, queue::AttemptResult::temporary_failure);
  auto p = outcome_of(3, smtp::Reply::make(554, "", "no"));
  EXPECT_EQ(p.index, 3u);
  EXPECT_EQ(p.result, queue::AttemptResult::permanent_failure);
  EXPECT_EQ(p.diagnostic, "smtp; 554 no");
}

}  // namespace
}  // namespace mixer::smtpside
