#include "smtp/asio_client.hpp"

// GCC 12 reports a false -Wmismatched-new-delete on Boost 1.74's coroutine
// frame allocator (see asio_server.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <chrono>
#include <memory>
#include <optional>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

namespace mixer::smtp {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

struct Link {
  explicit Link(const asio::any_io_executor& ex) : sock(ex), timer(ex) {}
  tcp::socket sock;
  std::optional<ssl::stream<tcp::socket&>> tls;
  asio::steady_timer timer;
  bool timed_out = false;
  std::optional<ssl::context> ctx;

  void arm(std::uint64_t seconds, const std::shared_ptr<Link>& self) {
    timed_out = false;
    timer.expires_after(std::chrono::seconds(seconds));
    timer.async_wait([self](error_code ec) {
      if (ec) return;
      self->timed_out = true;
      error_code ignored;
      self->sock.cancel(ignored);
    });
  }
  void disarm() { timer.cancel(); }
};

}  // namespace

asio::awaitable<DeliveryReport> deliver(std::string host, std::uint16_t port, ClientConfig config, ClientTls tls,
                                        std::vector<OutgoingMessage> messages) {
  auto ex = co_await asio::this_coro::executor;
  auto link = std::make_shared<Link>(ex);
  DeliveryReport report;
  ClientSession session(config);
  error_code ec;

  // Connect (the host is resolved; loopback names and literals are the normal case).
  tcp::resolver resolver(ex);
  link->arm(config.timeouts.connect, link);
  auto endpoints = co_await resolver.async_resolve(host, std::to_string(port), asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await asio::async_connect(link->sock, endpoints, asio::redirect_error(asio::use_awaitable, ec));
  link->disarm();
  if (ec || link->timed_out) {
    report.error = "connect to " + host + ":" + std::to_string(port) + " failed: " +
                   (link->timed_out ? std::string("timeout") : ec.message());
    session.on_connection_lost();
  }

  std::vector<std::vector<std::string>> rcpt_lists;  // kept: messages are moved into the session
  for (const auto& m : messages) {
    rcpt_lists.emplace_back();
    for (const auto& rc : m.envelope.recipients) rcpt_lists.back().push_back(rc.address);
  }
  std::size_t next = 0;
  std::string buf(16 * 1024, '\0');
  bool running = report.error.empty();
  while (running) {
    const ClientEvent ev = session.next_event();
    if (auto out = session.take_output(); !out.empty()) {
      link->arm(config.timeouts.data_block, link);
      if (link->tls) co_await asio::async_write(*link->tls, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
      else co_await asio::async_write(link->sock, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
      link->disarm();
      if (ec) {
        link->timed_out ? session.on_timeout() : session.on_connection_lost();
        continue;
      }
    }
    switch (ev) {
      case ClientEvent::kNeedMoreData: {
        link->arm(session.timeout_seconds(), link);
        std::size_t n = 0;
        if (link->tls) n = co_await link->tls->async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
        else n = co_await link->sock.async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
        link->disarm();
        if (link->timed_out) session.on_timeout();
        else if (ec) session.on_connection_lost();
        else session.receive(std::string_view(buf.data(), n));
        break;
      }
      case ClientEvent::kStartTls: {
        link->ctx.emplace(ssl::context::tls_client);
        auto& ctx = *link->ctx;
        ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        const std::string name = tls.server_name.empty() ? host : tls.server_name;
        const bool verify = tls.verify && config.tls == TlsMode::kRequired;
        if (verify) {
          ctx.set_verify_mode(ssl::verify_peer);
          if (tls.ca_file.empty()) ctx.set_default_verify_paths(ec);
          else ctx.load_verify_file(tls.ca_file, ec);
          if (ec) {
            session.tls_failed("cannot load trust anchors: " + ec.message());
            break;
          }
          ctx.set_verify_callback(ssl::rfc2818_verification(name));
        } else {
          ctx.set_verify_mode(ssl::verify_none);  // opportunistic: encryption without authentication (RFC 7435)
        }
        link->tls.emplace(link->sock, ctx);
        SSL_set_tlsext_host_name(link->tls->native_handle(), name.c_str());
        link->arm(config.timeouts.command, link);
        co_await link->tls->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
        link->disarm();
        if (ec) session.tls_failed(link->timed_out ? std::string("timeout") : ec.message());
        else session.tls_established();
        break;
      }
      case ClientEvent::kReady:
        if (next < messages.size()) session.send(std::move(messages[next++]));
        else session.quit();
        break;
      case ClientEvent::kMessageDone:
        report.results.push_back(session.take_result());
        break;
      case ClientEvent::kClosed:
        running = false;
        break;
      case ClientEvent::kFailed:
        report.error = session.error();
        running = false;
        break;
    }
  }
  report.tls = session.tls_active();
  // Messages never started get the session's failure as a temporary result.
  while (report.results.size() < messages.size()) {
    MessageResult r;
    r.mail_reply = Reply::make(451, "4.4.2", "(local) not sent: " + report.error);
    for (const auto& a : rcpt_lists[report.results.size()]) r.recipients.push_back({a, r.mail_reply});
    report.results.push_back(std::move(r));
  }
  if (link->tls && report.error.empty()) {
    link->arm(2, link);
    co_await link->tls->async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    link->disarm();
  }
  error_code ignored;
  link->sock.close(ignored);
  co_return report;
}

DeliveryReport deliver_blocking(const std::string& host, std::uint16_t port, const ClientConfig& config,
                                const ClientTls& tls, std::vector<OutgoingMessage> messages) {
  asio::io_context io;
  DeliveryReport out;
  asio::co_spawn(io, deliver(host, port, config, tls, std::move(messages)),
                 [&out](std::exception_ptr e, DeliveryReport r) {
                   if (e) out.error = "internal error in SMTP delivery";
                   else out = std::move(r);
                 });
  io.run();
  return out;
}

}  // namespace mixer::smtp
