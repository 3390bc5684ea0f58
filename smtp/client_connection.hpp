// One ESMTP client connection that outlives a single message: the thin
// Boost.Asio glue around ClientSession (TCP connect, STARTTLS via
// boost::asio::ssl, the RFC 5321 4.5.3.2 timeouts of ClientTimeouts).
// RFC 5321 3.3 lets a client run several mail transactions over one session;
// ClientSession sends RSET first only when a transaction was left open, and
// pipelines MAIL/RCPT/DATA when the server offers PIPELINING (RFC 2920).
//
// Contract: open() connects, reads the greeting and runs EHLO (and STARTTLS as
// configured); the connection is then usable(). send() runs one transaction
// and returns one reply per recipient; afterwards usable() says whether
// another send() may follow (false after any session failure: connection
// lost, timeout, 421). quit() sends QUIT, waits (bounded) and closes. One
// coroutine at a time may use a connection; it may be a different coroutine
// (on any executor of the same io_context) each time: every timer handler
// runs on the executor of the coroutine that armed it.
#pragma once

// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "smtp/client_session.hpp"

namespace mixer::smtp {

struct ClientTls {
  std::string ca_file;      // PEM trust anchors; empty: the system's default paths
  bool verify = true;       // with TlsMode::kRequired: verify chain and host name
  std::string server_name;  // SNI and name to verify; empty: the host given
};

class ClientConnection {
 public:
  // Never null; check usable() / error() (e.g. "connect to h:25 failed: ...").
  static boost::asio::awaitable<std::unique_ptr<ClientConnection>> open(std::string host, std::uint16_t port,
                                                                        ClientConfig config, ClientTls tls);
  ~ClientConnection();  // closes the socket (without QUIT: call quit() first for a clean end)
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  // One transaction (only when usable()). A session failure gives every
  // recipient without a final answer a 451 4.4.2 "(local) ..." reply.
  boost::asio::awaitable<MessageResult> send(OutgoingMessage message);
  // QUIT (when usable), the reply awaited for at most the command timeout,
  // TLS close_notify, socket closed. Idempotent.
  boost::asio::awaitable<void> quit();

  bool usable() const { return usable_; }
  const std::string& error() const { return error_; }  // the session failure, if any
  bool tls_active() const;
  std::uint64_t messages() const { return messages_; }  // transactions run on this connection

  struct Link;

 private:
  ClientConnection(std::string host, ClientConfig config, ClientTls tls);
  boost::asio::awaitable<ClientEvent> pump();

  std::string host_;
  ClientTls tls_;
  ClientTimeouts timeouts_;
  TlsMode tls_mode_;
  ClientSession session_;
  std::shared_ptr<Link> link_;
  bool usable_ = false;
  bool closed_ = false;
  std::string error_;
  std::uint64_t messages_ = 0;
};

}  // namespace mixer::smtp
