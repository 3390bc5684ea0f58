#include "x400/p1/asio_connection.hpp"

#include "common/hex.hpp"

namespace mixer::x400::p1 {

namespace asio = boost::asio;
using asio::ip::tcp;

AsioConnection::AsioConnection(tcp::socket socket, AssociationConfig config, ConnectionTimeouts timeouts,
                               EventHandler on_event, std::optional<std::filesystem::path> trace)
    : socket_(std::move(socket)),
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
}

void AsioConnection::trace(char dir, const std::uint8_t* p, std::size_t n) {
  if (!trace_ || n == 0) return;
  *trace_ << dir << ' ' << to_hex(std::span<const std::uint8_t>(p, n)) << '\n';
  trace_->flush();
}

void AsioConnection::start() {
  if (initiator_) assoc_.start();
  arm_idle();
  flush();
  read();
}

void AsioConnection::arm_idle() {
  idle_.expires_after(timeouts_.idle);
  idle_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->closed_) return;
    self->assoc_.abort("idle timeout: no data from the peer for " + std::to_string(self->timeouts_.idle.count()) + " ms");
    self->drain_events();
    self->flush();
  });
}

void AsioConnection::read() {
  socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
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
  });
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
  asio::async_write(socket_, asio::buffer(writing_), [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
    self->write_busy_ = false;
    if (ec) {
      self->assoc_.peer_closed();
      self->drain_events();
      self->close();
      return;
    }
    self->write_next();
  });
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

Result<tcp::socket, std::string> connect_tcp(asio::io_context& io, const std::string& host, std::uint16_t port,
                                             std::chrono::milliseconds timeout) {
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
