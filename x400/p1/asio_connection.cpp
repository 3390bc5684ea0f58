#include "x400/p1/asio_connection.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "common/hex.hpp"

namespace mixer::x400::p1 {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

std::string ssl_reason(const boost::system::error_code& ec) {
  std::string m = ec.message();
  if (m.empty() || m == "Success") m = "OpenSSL error " + std::to_string(ec.value());
  return m;
}

// TLS 1.2 or later only (RFC 8996 deprecates 1.0 and 1.1).
constexpr auto kTlsOptions = ssl::context::default_workarounds | ssl::context::no_sslv2 |
                             ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                             ssl::context::single_dh_use;

}  // namespace

Result<std::shared_ptr<ssl::context>, std::string> tls_server_context(const std::filesystem::path& cert_chain,
                                                                      const std::filesystem::path& key) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  ctx->set_options(kTlsOptions, ec);
  if (!ec) ctx->use_certificate_chain_file(cert_chain.string(), ec);
  if (ec) return fail("TLS certificate " + cert_chain.string() + ": " + ssl_reason(ec));
  ctx->use_private_key_file(key.string(), ssl::context::pem, ec);
  if (ec) return fail("TLS private key " + key.string() + ": " + ssl_reason(ec));
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
    return fail("TLS private key " + key.string() + " does not match the certificate " + cert_chain.string());
  return ctx;
}

Result<std::shared_ptr<ssl::context>, std::string> tls_client_context(const std::filesystem::path& ca_file) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  ctx->set_options(kTlsOptions, ec);
  if (!ec) ctx->set_verify_mode(ssl::verify_peer, ec);
  if (ec) return fail("TLS client context: " + ssl_reason(ec));
  if (ca_file.empty()) {
    ctx->set_default_verify_paths(ec);
    if (ec) return fail("TLS: cannot load the system's trusted CAs: " + ssl_reason(ec));
  } else {
    ctx->load_verify_file(ca_file.string(), ec);
    if (ec) return fail("TLS CA file " + ca_file.string() + ": " + ssl_reason(ec));
  }
  return ctx;
}

AsioConnection::AsioConnection(tcp::socket socket, AssociationConfig config, ConnectionTimeouts timeouts,
                               EventHandler on_event, std::optional<std::filesystem::path> trace,
                               ConnectionTls tls)
    : socket_(std::move(socket)),
      verify_host_(std::move(tls.verify_host)),
      idle_(socket_.get_executor()),
      assoc_(config),
      timeouts_(timeouts),
      on_event_(std::move(on_event)),
      initiator_(config.role == Role::initiator) {
  if (trace) trace_.emplace(*trace, std::ios::app);
  boost::system::error_code ec;
  // Small PDUs (MIA, AEA, GT+AE) must not wait for Nagle + delayed ACK.
  socket_.set_option(tcp::no_delay(true), ec);
  auto ep = socket_.remote_endpoint(ec);
  peer_ = ec ? "unknown" : ep.address().to_string() + ":" + std::to_string(ep.port());
  if (tls.context) {
    tls_.emplace(socket_, *tls.context);
    handshake_done_ = false;
    if (initiator_ && !verify_host_.empty()) {
      // OpenSSL checks the name during verification (RFC 6125), so a
      // mismatch is reported as its verify result ("hostname mismatch").
      SSL* ssl_handle = tls_->native_handle();
      boost::system::error_code not_ip;
      asio::ip::make_address(verify_host_, not_ip);
      if (not_ip) {
        SSL_set_tlsext_host_name(ssl_handle, verify_host_.c_str());  // SNI: names only (RFC 6066 3)
        SSL_set1_host(ssl_handle, verify_host_.c_str());
      } else {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_handle), verify_host_.c_str());
      }
    }
  }
}

void AsioConnection::trace(char dir, const std::uint8_t* p, std::size_t n) {
  if (!trace_ || n == 0) return;
  *trace_ << dir << ' ' << to_hex(std::span<const std::uint8_t>(p, n)) << '\n';
  trace_->flush();
}

void AsioConnection::start() {
  if (!tls_) return begin();
  // The handshake is part of connecting: bounded by the connect timeout.
  idle_.expires_after(timeouts_.connect);
  idle_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->closed_ || self->handshake_done_) return;
    self->tls_failed(asio::error::timed_out);
  });
  tls_->async_handshake(initiator_ ? ssl::stream_base::client : ssl::stream_base::server,
                        [self = shared_from_this()](const boost::system::error_code& ec) {
                          if (self->closed_) return;
                          if (ec) return self->tls_failed(ec);
                          self->handshake_done_ = true;
                          self->begin();
                        });
}

void AsioConnection::begin() {
  if (initiator_) assoc_.start();
  arm_idle();
  flush();
  read();
}

void AsioConnection::tls_failed(const boost::system::error_code& ec) {
  std::string why = "TLS handshake with " + peer_ + " failed: ";
  if (ec == asio::error::timed_out) {
    why += "no handshake within " + std::to_string(timeouts_.connect.count()) + " ms";
  } else {
    why += ssl_reason(ec);
    const long v = SSL_get_verify_result(tls_->native_handle());
    if (v != X509_V_OK) why += std::string(" (peer certificate: ") + X509_verify_cert_error_string(v) + ")";
  }
  assoc_.abort(why);  // its bytes are never written: no session exists yet
  drain_events();
  close();
}

void AsioConnection::arm_idle() {
  idle_.expires_after(timeouts_.idle);
  idle_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->closed_) return;
    self->assoc_.abort("idle timeout: no data from the peer for " +
                       std::to_string(self->timeouts_.idle.count()) + " ms");
    self->drain_events();
    self->flush();
  });
}

void AsioConnection::read() {
  auto on_read = [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
    if (self->closed_) return;
    if (ec) {
      self->assoc_.peer_closed();
      self->drain_events();
      self->close();
      return;
    }
    self->trace(self->initiator_ ? '<' : '>', self->buf_.data(), n);
    self->arm_idle();
    self->assoc_.receive(osi::ByteView(self->buf_.data(), n));
    self->drain_events();
    self->flush();
    if (!self->closed_) self->read();
  };
  if (tls_)
    tls_->async_read_some(asio::buffer(buf_), std::move(on_read));
  else
    socket_.async_read_some(asio::buffer(buf_), std::move(on_read));
}

void AsioConnection::drain_events() {
  while (auto ev = assoc_.next_event()) {
    if (on_event_) on_event_(*this, *ev);
  }
}

void AsioConnection::flush() {
  auto out = assoc_.take_output();
  pending_.insert(pending_.end(), out.begin(), out.end());
  if (!write_busy_) write_next();
}

void AsioConnection::write_next() {
  if (closed_) return;
  if (!handshake_done_) {
    // Nothing goes out before the TLS session exists; an association that
    // ended meanwhile (timeout, abort) just closes.
    if (assoc_.finished()) close();
    return;
  }
  if (pending_.empty()) {
    // The initiator closes after DN/DR; a responder waits for the peer's close
    // (bounded by the idle timer) except after a refusal or abort.
    if (assoc_.finished() && (initiator_ || assoc_.state() != AssociationState::released)) close();
    return;
  }
  writing_.swap(pending_);
  pending_.clear();
  write_busy_ = true;
  trace(initiator_ ? '>' : '<', writing_.data(), writing_.size());
  auto on_written = [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
    self->write_busy_ = false;
    if (ec) {
      self->assoc_.peer_closed();
      self->drain_events();
      self->close();
      return;
    }
    self->write_next();
  };
  if (tls_)
    asio::async_write(*tls_, asio::buffer(writing_), std::move(on_written));
  else
    asio::async_write(socket_, asio::buffer(writing_), std::move(on_written));
}

void AsioConnection::close() {
  if (closed_) return;
  closed_ = true;
  idle_.cancel();
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  if (on_closed) on_closed();
}

Result<tcp::socket, std::string> connect_tcp(asio::io_context& io, const std::string& host,
                                             std::uint16_t port, std::chrono::milliseconds timeout) {
  tcp::resolver resolver(io);
  boost::system::error_code ec;
  auto eps = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return fail("cannot resolve " + host + ": " + ec.message());
  tcp::socket sock(io);
  asio::steady_timer timer(io);
  bool done = false;
  boost::system::error_code result = asio::error::timed_out;
  timer.expires_after(timeout);
  timer.async_wait([&](const boost::system::error_code& e) {
    if (!e && !done) sock.close();
  });
  asio::async_connect(sock, eps, [&](const boost::system::error_code& e, const tcp::endpoint&) {
    done = true;
    result = e;
    timer.cancel();
  });
  io.restart();
  io.run();
  io.restart();
  if (!done || result) {
    return fail("cannot connect to " + host + ":" + std::to_string(port) + ": " +
                (done ? result.message() : std::string("timed out")));
  }
  return sock;
}

}  // namespace mixer::x400::p1
