// ClientPool and ClientConnection against the project's ESMTP server over
// loopback (a next hop as Postfix would be). Proves: a stream of messages
// uses one connection (the server sees one session, every message arrives
// once with its envelope); a kept connection that the server closed while
// idle (its command timeout, 421) is replaced before the content goes out,
// so the message arrives exactly once; idle connections are QUIT after the
// idle timeout; max_idle bounds what is kept, 0 keeps nothing; a dead next
// hop gives a 451 4.4.2 result, never a hang.
// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include "smtp/client_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/strand.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "smtp/asio_server.hpp"
#include "tests/support/net.hpp"

namespace mixer::smtp {
namespace {
namespace asio = boost::asio;

// The next hop: stores every message, counts sessions from its log lines.
struct NextHop {
  asio::io_context io;
  std::unique_ptr<AsioServer> server;
  std::thread thread;
  std::mutex mu;
  std::vector<ReceivedMessage> got;
  std::vector<std::string> log;

  explicit NextHop(std::uint64_t command_timeout = 300) {
    ServerConfig cfg;
    cfg.hostname = "hop.test";
    cfg.limits.command_timeout_seconds = command_timeout;
    server =
        AsioServer::create(
            io, cfg, [](const Envelope&, const Recipient&) { return RcptDecision::ok(); },
            [this](const std::string& id, const ReceivedMessage& m, std::function<void(AcceptResult)> done) {
              {
                std::lock_guard lock(mu);
                got.push_back(m);
              }
              done(AcceptResult::accepted(id));
            },
            [this](std::string_view line) {
              std::lock_guard lock(mu);
              log.emplace_back(line);
            })
            .value();
    EXPECT_TRUE(server->listen("127.0.0.1", 0).ok());
    thread = std::thread([this] { io.run(); });
  }
  ~NextHop() {
    asio::post(io, [this] {
      server->stop();
      io.stop();
    });
    thread.join();
  }
  std::size_t count(std::string_view what) {
    std::lock_guard lock(mu);
    std::size_t n = 0;
    for (const auto& l : log) n += l.find(what) != std::string::npos;
    return n;
  }
  std::size_t messages() {
    std::lock_guard lock(mu);
    return got.size();
  }
};

// The pool's io_context on its own thread.
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

OutgoingMessage message(const std::string& rcpt, const std::string& subject) {
  OutgoingMessage m;
  m.envelope.mail_from = "x400-gw@gw.test";
  m.envelope.recipients.push_back({rcpt, {}, {}, {}});
  m.content = "From: a@gw.test\r\nTo: " + rcpt + "\r\nSubject: " + subject + "\r\n\r\nBody.\r\n";
  return m;
}

ClientConfig plain() {
  ClientConfig c;
  c.helo_name = "gw.test";
  c.tls = TlsMode::kOff;
  c.timeouts.connect = 5;
  c.timeouts.command = 10;
  return c;
}

DeliveryReport send_one(Runner& r, const std::shared_ptr<ClientPool>& pool, std::uint16_t port,
                        OutgoingMessage m) {
  std::promise<DeliveryReport> p;
  auto f = p.get_future();
  asio::co_spawn(asio::make_strand(r.io), pool->deliver("127.0.0.1", port, plain(), {}, std::move(m)),
                 [&p](std::exception_ptr e, DeliveryReport rep) {
                   if (e) rep.error = "exception";
                   p.set_value(std::move(rep));
                 });
  return f.get();
}

bool eventually(const std::function<bool()>& cond, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!cond()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

TEST(SmtpClientPool, StreamOfMessagesUsesOneConnection) {
  NextHop hop;
  Runner r;
  auto pool = ClientPool::create(r.io, {4, 30});
  for (int i = 0; i < 5; ++i) {
    auto rep = send_one(r, pool, hop.server->port(),
                        message("u" + std::to_string(i) + "@x.test", "m" + std::to_string(i)));
    ASSERT_TRUE(rep.error.empty()) << rep.error;
    ASSERT_EQ(rep.results.size(), 1u);
    ASSERT_TRUE(rep.results[0].delivered_all()) << rep.results[0].recipients.at(0).reply.text();
  }
  const auto s = pool->stats();
  EXPECT_EQ(s.opened, 1u);
  EXPECT_EQ(s.reused, 4u);
  EXPECT_EQ(s.idle, 1u);
  EXPECT_EQ(hop.count(": connect from"), 1u);
  ASSERT_EQ(hop.messages(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(hop.got[i].envelope.recipients.at(0).address, "u" + std::to_string(i) + "@x.test");
    EXPECT_NE(hop.got[i].content.find("Subject: m" + std::to_string(i) + "\r\n"), std::string::npos);
    EXPECT_EQ(hop.got[i].envelope.client_address,
              "127.0.0.1");  // the server knows its client (Received TCP-info)
  }
}

TEST(SmtpClientPool, ConnectionClosedWhileIdleIsReplacedAndTheMessageArrivesOnce) {
  NextHop hop(1);  // the next hop drops a session idle for 1 s (421 4.4.2)
  Runner r;
  auto pool = ClientPool::create(r.io, {4, 60});
  ASSERT_TRUE(
      send_one(r, pool, hop.server->port(), message("a@x.test", "first")).results.at(0).delivered_all());
  ASSERT_TRUE(eventually([&] { return hop.count(": disconnect from") == 1; }, std::chrono::seconds(10)));
  EXPECT_EQ(pool->stats().idle, 1u);  // the pool has not noticed yet
  auto rep = send_one(r, pool, hop.server->port(), message("b@x.test", "second"));
  ASSERT_TRUE(rep.error.empty()) << rep.error;
  EXPECT_TRUE(rep.results.at(0).delivered_all()) << rep.results.at(0).recipients.at(0).reply.text();
  const auto s = pool->stats();
  EXPECT_EQ(s.replaced, 1u);
  EXPECT_EQ(s.opened, 2u);
  EXPECT_EQ(hop.messages(), 2u);
  EXPECT_EQ(hop.count(": connect from"), 2u);
}

TEST(SmtpClientPool, IdleConnectionsAreQuitAfterTheIdleTimeout) {
  NextHop hop;
  Runner r;
  auto pool = ClientPool::create(r.io, {4, 1});
  ASSERT_TRUE(
      send_one(r, pool, hop.server->port(), message("a@x.test", "one")).results.at(0).delivered_all());
  EXPECT_EQ(pool->stats().idle, 1u);
  ASSERT_TRUE(eventually([&] { return pool->stats().idle == 0; }, std::chrono::seconds(5)));
  // A clean QUIT: the server logs the end of the session as "quit".
  ASSERT_TRUE(eventually([&] { return hop.count("(quit, messages=1") == 1; }, std::chrono::seconds(5)));
}

TEST(SmtpClientPool, MaxIdleBoundsKeptConnectionsAndZeroKeepsNone) {
  NextHop hop;
  Runner r;
  auto pool = ClientPool::create(r.io, {2, 60});
  // Six concurrent deliveries need several connections; only two are kept.
  std::vector<std::future<DeliveryReport>> fs;
  for (int i = 0; i < 6; ++i)
    fs.push_back(std::async(std::launch::async, [&, i] {
      return send_one(r, pool, hop.server->port(), message("c" + std::to_string(i) + "@x.test", "c"));
    }));
  for (auto& f : fs) EXPECT_TRUE(f.get().results.at(0).delivered_all());
  EXPECT_LE(pool->stats().idle, 2u);
  EXPECT_EQ(hop.messages(), 6u);

  NextHop hop2;
  auto none = ClientPool::create(r.io, {0, 60});
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(
        send_one(r, none, hop2.server->port(), message("d@x.test", "d")).results.at(0).delivered_all());
  EXPECT_EQ(none->stats().opened, 3u);
  EXPECT_EQ(none->stats().idle, 0u);
  ASSERT_TRUE(eventually([&] { return hop2.count("(quit, messages=1") == 3; }, std::chrono::seconds(5)));
}

TEST(SmtpClientPool, DeadNextHopIsATemporaryResult) {
  Runner r;
  auto pool = ClientPool::create(r.io, {4, 60});
  const auto port = test::free_loopback_port();
  auto rep = send_one(r, pool, port, message("a@x.test", "x"));
  ASSERT_EQ(rep.results.size(), 1u);
  const auto& reply = rep.results[0].recipients.at(0).reply;
  EXPECT_EQ(reply.code, 451);
  EXPECT_EQ(reply.enhanced, "4.4.2");
  EXPECT_NE(rep.error.find("connect to 127.0.0.1:"), std::string::npos) << rep.error;
  EXPECT_EQ(pool->stats().idle, 0u);
}

}  // namespace
}  // namespace mixer::smtp
