// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include "smtp/client_connection.hpp"

// GCC 12 reports a false -Wmismatched-new-delete on Boost 1.74's coroutine
// frame allocator (see asio_server.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <optional>

namespace mixer::smtp {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;
using boost::system::error_code;

// The socket and its timeout timer, shared with the timer's handler so that
// the handler never outlives what it touches.
struct ClientConnection::Link {
  explicit Link(const asio::any_io_executor& ex) : sock(ex), timer(ex) {}
  tcp::socket sock;
  std::optional<ssl::context> ctx;
  std::optional<ssl::stream<tcp::socket&>> tls;
  asio::steady_timer timer;
  bool timed_out = false;

  // The handler runs on `ex`, the executor of the coroutine doing the I/O,
  // so that cancel() never races that coroutine (the connection may be used
  // by coroutines of different strands over its life).
  void arm(std::uint64_t seconds, const asio::any_io_executor& ex, const std::shared_ptr<Link>& self) {
    timed_out = false;
    timer.expires_after(std::chrono::seconds(seconds));
    timer.async_wait(asio::bind_executor(ex, [self](error_code ec) {
      if (ec) return;
      self->timed_out = true;
      error_code ignored;
      self->sock.cancel(ignored);
    }));
  }
  void disarm() { timer.cancel(); }
};

ClientConnection::ClientConnection(std::string host, ClientConfig config, ClientTls tls)
    : host_(std::move(host)),
      tls_(std::move(tls)),
      timeouts_(config.timeouts),
      tls_mode_(config.tls),
      session_(std::move(config)) {}

ClientConnection::~ClientConnection() {
  if (!link_) return;
  error_code ignored;
  link_->timer.cancel();
  link_->sock.close(ignored);
}

bool ClientConnection::tls_active() const { return session_.tls_active(); }

asio::awaitable<std::unique_ptr<ClientConnection>> ClientConnection::open(std::string host,
                                                                          std::uint16_t port,
                                                                          ClientConfig config,
                                                                          ClientTls tls) {
  auto ex = co_await asio::this_coro::executor;
  const auto connect_timeout = config.timeouts.connect;
  std::unique_ptr<ClientConnection> c(new ClientConnection(host, std::move(config), std::move(tls)));
  c->link_ = std::make_shared<Link>(ex);
  auto& link = *c->link_;
  error_code ec;
  // The host is resolved each time a connection is opened (loopback names and
  // literals are the normal case); a kept connection needs no lookup.
  tcp::resolver resolver(ex);
  link.arm(connect_timeout, ex, c->link_);
  auto endpoints = co_await resolver.async_resolve(host, std::to_string(port),
                                                   asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await asio::async_connect(link.sock, endpoints, asio::redirect_error(asio::use_awaitable, ec));
  link.disarm();
  if (ec || link.timed_out) {
    c->error_ = "connect to " + host + ":" + std::to_string(port) +
                " failed: " + (link.timed_out ? std::string("timeout") : ec.message());
    c->session_.on_connection_lost();
    c->closed_ = true;
    co_return c;
  }
  error_code ignored;
  link.sock.set_option(tcp::no_delay(true), ignored);  // pipelined groups go out at once
  const ClientEvent ev = co_await c->pump();
  c->usable_ = ev == ClientEvent::kReady;
  if (!c->usable_ && c->error_.empty())
    c->error_ =
        c->session_.error().empty() ? std::string("session closed before it was ready") : c->session_.error();
  co_return c;
}

// Runs the session until it needs the caller: kReady, kMessageDone, kClosed
// or kFailed. Reading, writing and the TLS handshake happen here.
asio::awaitable<ClientEvent> ClientConnection::pump() {
  auto ex = co_await asio::this_coro::executor;
  auto& link = *link_;
  const auto& timeouts = timeouts_;
  error_code ec;
  std::string buf(16 * 1024, '\0');
  while (true) {
    const ClientEvent ev = session_.next_event();
    if (auto out = session_.take_output(); !out.empty()) {
      link.arm(timeouts.data_block, ex, link_);
      if (link.tls)
        co_await asio::async_write(*link.tls, asio::buffer(out),
                                   asio::redirect_error(asio::use_awaitable, ec));
      else
        co_await asio::async_write(link.sock, asio::buffer(out),
                                   asio::redirect_error(asio::use_awaitable, ec));
      link.disarm();
      if (ec) {
        link.timed_out ? session_.on_timeout() : session_.on_connection_lost();
        continue;
      }
    }
    if (ev == ClientEvent::kNeedMoreData) {
      link.arm(session_.timeout_seconds(), ex, link_);
      std::size_t n = 0;
      if (link.tls)
        n = co_await link.tls->async_read_some(asio::buffer(buf),
                                               asio::redirect_error(asio::use_awaitable, ec));
      else
        n = co_await link.sock.async_read_some(asio::buffer(buf),
                                               asio::redirect_error(asio::use_awaitable, ec));
      link.disarm();
      if (link.timed_out)
        session_.on_timeout();
      else if (ec)
        session_.on_connection_lost();
      else
        session_.receive(std::string_view(buf.data(), n));
      continue;
    }
    if (ev == ClientEvent::kStartTls) {
      link.ctx.emplace(ssl::context::tls_client);
      auto& ctx = *link.ctx;
      ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      const std::string name = tls_.server_name.empty() ? host_ : tls_.server_name;
      const bool verify = tls_.verify && tls_mode_ == TlsMode::kRequired;
      if (verify) {
        ctx.set_verify_mode(ssl::verify_peer);
        if (tls_.ca_file.empty())
          ctx.set_default_verify_paths(ec);
        else
          ctx.load_verify_file(tls_.ca_file, ec);
        if (ec) {
          session_.tls_failed("cannot load trust anchors: " + ec.message());
          continue;
        }
        ctx.set_verify_callback(ssl::rfc2818_verification(name));
      } else {
        ctx.set_verify_mode(ssl::verify_none);  // opportunistic: encryption without authentication (RFC 7435)
      }
      link.tls.emplace(link.sock, ctx);
      SSL_set_tlsext_host_name(link.tls->native_handle(), name.c_str());
      link.arm(timeouts.command, ex, link_);
      co_await link.tls->async_handshake(ssl::stream_base::client,
                                         asio::redirect_error(asio::use_awaitable, ec));
      link.disarm();
      if (ec)
        session_.tls_failed(link.timed_out ? std::string("timeout") : ec.message());
      else
        session_.tls_established();
      continue;
    }
    if (ev == ClientEvent::kFailed && error_.empty()) error_ = session_.error();
    co_return ev;
  }
}

asio::awaitable<MessageResult> ClientConnection::send(OutgoingMessage message) {
  if (!usable_) {
    MessageResult r;
    r.mail_reply = Reply::make(
        451, "4.4.2", "(local) not sent: " + (error_.empty() ? std::string("connection not ready") : error_));
    for (const auto& rc : message.envelope.recipients) r.recipients.push_back({rc.address, r.mail_reply});
    co_return r;
  }
  session_.send(std::move(message));
  ++messages_;
  ClientEvent ev = co_await pump();
  MessageResult result = ev == ClientEvent::kMessageDone ? session_.take_result() : MessageResult{};
  // The state after the transaction: kReady when another may follow.
  if (ev == ClientEvent::kMessageDone) ev = co_await pump();
  usable_ = ev == ClientEvent::kReady;
  co_return result;
}

asio::awaitable<void> ClientConnection::quit() {
  if (closed_ || !link_) co_return;
  closed_ = true;
  auto ex = co_await asio::this_coro::executor;
  auto& link = *link_;
  error_code ec;
  if (usable_) {
    usable_ = false;
    session_.quit();
    co_await pump();  // kClosed on the 221 (or a timeout / lost connection)
  }
  if (link.tls && !link.timed_out) {
    link.arm(2, ex, link_);
    co_await link.tls->async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    link.disarm();
  }
  error_code ignored;
  link.sock.shutdown(tcp::socket::shutdown_both, ignored);
  link.sock.close(ignored);
}

}  // namespace mixer::smtp
