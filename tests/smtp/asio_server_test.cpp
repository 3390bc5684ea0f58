// AsioServer glue over real loopback sockets: connection limits (421 4.7.0),
// the command timeout (421 4.4.2), asynchronous acceptance from another
// thread, and ConnectionLimiter itself.
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange

#include "smtp/asio_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <thread>

#include <sys/socket.h>

#include "smtp/connection_limiter.hpp"

namespace mixer::smtp {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

struct RunningServer {
  asio::io_context io;
  std::unique_ptr<AsioServer> server;
  std::thread thread;
  std::atomic<int> stored{0};
  std::vector<std::thread> answerers;

  explicit RunningServer(ServerLimits limits) {
    ServerConfig cfg;
    cfg.hostname = "glue.test";
    cfg.limits = limits;
    auto s = AsioServer::create(
        io, cfg, [](const Envelope&, const Recipient&) { return RcptDecision::ok(); },
        [this](const std::string&, const ReceivedMessage&, std::function<void(AcceptResult)> done) {
          // Answer from another thread, later: the group-commit case.
          answerers.emplace_back([this, done = std::move(done)] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ++stored;
            done(AcceptResult::accepted("ASYNC1"));
          });
        },
        nullptr);
    EXPECT_TRUE(s.ok());
    server = std::move(*s);
    EXPECT_TRUE(server->listen("127.0.0.1", 0).ok());
    thread = std::thread([this] { io.run(); });
  }
  ~RunningServer() {
    asio::post(io, [this] {
      server->stop();
      io.stop();
    });
    thread.join();
    for (auto& t : answerers) t.join();
  }
};

// Reads one (possibly multi-line) reply; keeps what follows for the next call.
// Reads give up after 10 s (SO_RCVTIMEO) so a broken server fails, not hangs.
struct Client {
  asio::io_context io;
  tcp::socket sock{io};
  asio::streambuf buf;
  explicit Client(std::uint16_t port) {
    sock.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval tv{10, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  void send(const std::string& s) { asio::write(sock, asio::buffer(s)); }
  std::string reply() {
    boost::system::error_code ec;
    std::string all;
    while (true) {
      asio::read_until(sock, buf, "\r\n", ec);
      if (ec) return all + "<" + ec.message() + ">";
      std::istream is(&buf);
      std::string line;
      std::getline(is, line);
      all += line + "\n";
      if (line.size() >= 4 && line[3] == ' ') return all;
    }
  }
};

TEST(SmtpAsioServer, PerClientConnectionLimit) {
  ServerLimits l;
  l.max_connections_per_client = 1;
  RunningServer rs(l);
  Client a(rs.server->port());
  EXPECT_EQ(a.reply().substr(0, 4), "220 ");
  Client b(rs.server->port());
  EXPECT_EQ(b.reply().substr(0, 10), "421 4.7.0 ");
  a.send("QUIT\r\n");
  EXPECT_EQ(a.reply().substr(0, 4), "221 ");
}

TEST(SmtpAsioServer, CommandTimeout) {
  ServerLimits l;
  l.command_timeout_seconds = 1;
  RunningServer rs(l);
  Client a(rs.server->port());
  EXPECT_EQ(a.reply().substr(0, 4), "220 ");
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(a.reply().substr(0, 10), "421 4.4.2 ");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(900));
}

TEST(SmtpAsioServer, AsynchronousAcceptance) {
  RunningServer rs(ServerLimits{});
  Client a(rs.server->port());
  a.reply();
  a.send("EHLO c\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n");
  for (int i = 0; i < 4; ++i) a.reply();
  a.send("hi\r\n.\r\n");
  EXPECT_EQ(a.reply(), "250 2.0.0 Ok: queued as ASYNC1\r\n");
  EXPECT_EQ(rs.stored.load(), 1);
}

TEST(SmtpConnectionLimiter, TotalAndPerClient) {
  ConnectionLimiter l(3, 2);
  EXPECT_TRUE(l.try_acquire("a"));
  EXPECT_TRUE(l.try_acquire("a"));
  EXPECT_FALSE(l.try_acquire("a"));
  EXPECT_TRUE(l.try_acquire("b"));
  EXPECT_FALSE(l.try_acquire("c"));  // total 3 reached
  l.release("a");
  EXPECT_TRUE(l.try_acquire("c"));
  EXPECT_EQ(l.total(), 3u);
  l.release("unknown");
  EXPECT_EQ(l.total(), 3u);
}

TEST(SmtpAsioServer, BadCertificateIsAClearError) {
  asio::io_context io;
  auto s = AsioServer::create(
      io, ServerConfig{}, nullptr, [](const std::string&, const ReceivedMessage&, std::function<void(AcceptResult)>) {},
      nullptr, TlsFiles{"/nonexistent/cert.pem", "/nonexistent/key.pem"});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("/nonexistent/cert.pem"), std::string::npos);
  ServerConfig bad;
  bad.limits.max_errors = 0;
  auto t = AsioServer::create(
      io, bad, nullptr, [](const std::string&, const ReceivedMessage&, std::function<void(AcceptResult)>) {}, nullptr);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("max_errors"), std::string::npos);
}

}  // namespace
}  // namespace mixer::smtp
