#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange

#include "smtp/asio_server.hpp"

// GCC 12 reports a false -Wmismatched-new-delete on Boost 1.74's coroutine
// frame allocator (awaitable_frame_base has matching operator new/delete).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <atomic>
#include <chrono>
#include <cstdio>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include "common/log_escape.hpp"
#include "smtp/connection_limiter.hpp"

namespace mixer::smtp {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;
using boost::system::error_code;

struct AsioServer::Impl : std::enable_shared_from_this<AsioServer::Impl> {
  asio::io_context& io;
  ServerConfig config;
  RcptCallback rcpt;
  MessageHandler on_message;
  LogFn log;
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor;
  ConnectionLimiter limiter;
  std::atomic<std::uint64_t> next_id{1};

  Impl(asio::io_context& io_, ServerConfig cfg, RcptCallback r, MessageHandler m, LogFn l)
      : io(io_),
        config(std::move(cfg)),
        rcpt(std::move(r)),
        on_message(std::move(m)),
        log(std::move(l)),
        acceptor(io_),
        limiter(config.limits.max_connections, config.limits.max_connections_per_client) {}

  void logf(const std::string& line) {
    if (log) log(line);
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> run_session(tcp::socket sock);
};

namespace {

// One connection's I/O state, shared with timer handlers so that they never
// outlive what they touch.
struct Conn {
  explicit Conn(tcp::socket s) : sock(std::move(s)), timer(sock.get_executor()), signal(sock.get_executor()) {}
  tcp::socket sock;
  std::optional<ssl::stream<tcp::socket&>> tls;
  asio::steady_timer timer;
  asio::steady_timer signal;  // wakes the coroutine when the message handler answers
  bool timed_out = false;
  std::optional<AcceptResult> result;

  void arm(std::chrono::seconds d, const std::shared_ptr<Conn>& self) {
    timed_out = false;
    timer.expires_after(d);
    timer.async_wait([self](error_code ec) {
      if (ec) return;
      self->timed_out = true;
      error_code ignored;
      self->sock.cancel(ignored);
    });
  }
  void disarm() { timer.cancel(); }
};

asio::awaitable<std::size_t> read_some(Conn& c, asio::mutable_buffer buf, error_code& ec) {
  if (c.tls) co_return co_await c.tls->async_read_some(buf, asio::redirect_error(asio::use_awaitable, ec));
  co_return co_await c.sock.async_read_some(buf, asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> write_all(Conn& c, const std::string& data, error_code& ec) {
  if (c.tls) co_await asio::async_write(*c.tls, asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
  else co_await asio::async_write(c.sock, asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
}

std::string session_id(std::uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "S%06llx", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

asio::awaitable<void> AsioServer::Impl::accept_loop() {
  auto self = shared_from_this();
  while (acceptor.is_open()) {
    error_code ec;
    tcp::socket sock = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      logf("smtp: accept failed: " + ec.message());
      continue;
    }
    asio::co_spawn(io, run_session(std::move(sock)), asio::detached);
  }
}

asio::awaitable<void> AsioServer::Impl::run_session(tcp::socket sock) {
  auto self = shared_from_this();
  const std::string id = session_id(next_id++);
  error_code ec;
  const auto peer = sock.remote_endpoint(ec);
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d: the limits
  // and the Received: field use the IPv4 form.
  auto peer_ip = peer.address();
  if (!ec && peer_ip.is_v6() && peer_ip.to_v6().is_v4_mapped())
    peer_ip = asio::ip::make_address_v4(asio::ip::v4_mapped, peer_ip.to_v6());
  const bool have_peer = !ec;
  const std::string client = have_peer ? peer_ip.to_string() : std::string("unknown");
  auto conn = std::make_shared<Conn>(std::move(sock));
  const bool admitted = limiter.try_acquire(client);
  struct Release {
    ConnectionLimiter& l;
    std::string c;
    bool on;
    ~Release() {
      if (on) l.release(c);
    }
  } release{limiter, client, admitted};
  logf(id + ": connect from " + client + (admitted ? "" : " refused: connection limit"));

  ServerConfig cfg = config;
  cfg.tls_available = tls.has_value();
  ServerSession session(std::move(cfg), rcpt);
  if (have_peer) session.set_client_address(client);
  session.start(!admitted);
  const auto cmd_timeout = std::chrono::seconds(config.limits.command_timeout_seconds);
  const auto data_timeout = std::chrono::seconds(config.limits.data_timeout_seconds);
  std::string buf(64 * 1024, '\0');
  std::uint64_t messages = 0;
  std::string end_reason = "quit";

  while (true) {
    const ServerEvent ev = session.next_event();
    if (auto out = session.take_output(); !out.empty()) {
      conn->arm(cmd_timeout, conn);
      co_await write_all(*conn, out, ec);
      conn->disarm();
      if (ec) {
        end_reason = "write failed: " + ec.message();
        break;
      }
    }
    if (ev == ServerEvent::kClose) break;
    if (ev == ServerEvent::kNeedMoreData) {
      conn->arm(session.timeout_kind() == TimeoutKind::kData ? data_timeout : cmd_timeout, conn);
      const std::size_t n = co_await read_some(*conn, asio::buffer(buf), ec);
      conn->disarm();
      if (conn->timed_out) {
        session.on_timeout();
        end_reason = "timeout";
        continue;
      }
      if (ec) {
        end_reason = ec == asio::error::eof ? "lost connection" : "read failed: " + ec.message();
        break;
      }
      session.receive(std::string_view(buf.data(), n));
    } else if (ev == ServerEvent::kMessageReady) {
      const auto& msg = session.message();
      conn->result.reset();
      conn->signal.expires_at(asio::steady_timer::time_point::max());
      std::weak_ptr<Conn> weak = conn;
      auto executor = conn->sock.get_executor();
      on_message(id, msg, [weak, executor](AcceptResult r) {
        asio::post(executor, [weak, r = std::move(r)]() mutable {
          if (auto c = weak.lock()) {
            c->result = std::move(r);
            c->signal.cancel();
          }
        });
      });
      while (!conn->result) co_await conn->signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      ++messages;
      logf(id + ": from=<" + log_escape(msg.envelope.mail_from) + "> nrcpt=" +
           std::to_string(msg.envelope.recipients.size()) + " size=" + std::to_string(msg.content.size()) + " -> " +
           std::to_string(conn->result->reply().code) + " " + log_escape(conn->result->reply().text()));
      session.accept_result(*conn->result);
    } else if (ev == ServerEvent::kStartTls) {
      conn->tls.emplace(conn->sock, *tls);
      conn->arm(cmd_timeout, conn);
      co_await conn->tls->async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
      conn->disarm();
      if (ec) {
        end_reason = "TLS handshake failed: " + ec.message();
        break;
      }
      session.tls_established();
      logf(id + ": TLS established (" + SSL_get_version(conn->tls->native_handle()) + ")");
    } else if (ev == ServerEvent::kAwaitingAcceptance) {
      break;  // unreachable: the message handler's answer is awaited above
    }
  }
  if (conn->tls && !ec) {
    conn->arm(std::chrono::seconds(2), conn);
    co_await conn->tls->async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    conn->disarm();
  }
  error_code ignored;
  conn->sock.shutdown(tcp::socket::shutdown_both, ignored);
  conn->sock.close(ignored);
  logf(id + ": disconnect from " + client + " (" + end_reason + ", messages=" + std::to_string(messages) +
       ", errors=" + std::to_string(session.errors()) + ")");
}

Result<std::unique_ptr<AsioServer>> AsioServer::create(asio::io_context& io, ServerConfig config, RcptCallback rcpt,
                                                       MessageHandler on_message, LogFn log,
                                                       std::optional<TlsFiles> tls_files) {
  if (auto v = validate(config.limits); !v) return fail(v.error());
  if (!on_message) return fail(std::string("smtp server: no message handler"));
  auto impl = std::make_shared<Impl>(io, std::move(config), std::move(rcpt), std::move(on_message), std::move(log));
  if (tls_files) {
    impl->tls.emplace(ssl::context::tls_server);
    error_code ec;
    impl->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                               ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                           ec);
    impl->tls->use_certificate_chain_file(tls_files->cert_chain_file, ec);
    if (ec) return fail("smtp server: cannot load certificate " + tls_files->cert_chain_file + ": " + ec.message());
    impl->tls->use_private_key_file(tls_files->private_key_file, ssl::context::pem, ec);
    if (ec) return fail("smtp server: cannot load key " + tls_files->private_key_file + ": " + ec.message());
  }
  return std::unique_ptr<AsioServer>(new AsioServer(std::move(impl)));
}

AsioServer::~AsioServer() { stop(); }

Result<void> AsioServer::listen(const std::string& address, std::uint16_t port) {
  error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) return fail("smtp server: bad listen address '" + address + "': " + ec.message());
  const tcp::endpoint ep(addr, port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error_code ignored;
    a.close(ignored);
    return fail("smtp server: cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message());
  }
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  return Ok{};
}

std::uint16_t AsioServer::port() const {
  error_code ec;
  const auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void AsioServer::stop() {
  error_code ignored;
  if (impl_) impl_->acceptor.close(ignored);
}

}  // namespace mixer::smtp
