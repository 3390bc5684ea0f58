// Thin Asio glue for one P1 association over TCP (RFC 1006): reads bytes into
// the sans-I/O Association, writes what it produces, turns a silent peer into
// an idle-timeout abort, and closes the socket once the association is
// finished and its last bytes are written. No protocol logic lives here.
// Optional byte trace: every chunk read/written is appended to a stream file
// in the oracle's stream2pcap format ('>' initiator, '<' responder); with TLS
// the trace holds the RFC 1006 bytes inside TLS (what check-pcap decodes).
//
// Optional TLS (issue #6): RFC 1006 runs inside a TLS session that starts
// right after the TCP connect, on a port of its own (as Isode does; no
// in-band upgrade exists in RFC 1006 / X.224 - docs/conformance/osi.md). The
// initiator verifies the peer's certificate chain against a CA file (or the
// system store) and its name against the host it dialled (RFC 6125); a
// failed handshake ends the association with an `aborted` event whose detail
// says why (e.g. "certificate verify failed: self-signed certificate").
// The connection ends with the OSI release and a TCP close, without a TLS
// close_notify: the release handshake (X.225 FN/DN) already proves that
// nothing was truncated.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>

// clang-format off
#include <utility>  // before Asio: boost/asio/awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
// clang-format on

#include "x400/p1/association.hpp"

namespace mixer::x400::p1 {

struct ConnectionTimeouts {
  std::chrono::milliseconds connect{30000};  // range 100 ms .. 10 min
  std::chrono::milliseconds idle{300000};    // no byte from the peer for this long: abort; 100 ms .. 1 h
};

// TLS for one connection; a null context means plain TCP.
struct ConnectionTls {
  std::shared_ptr<boost::asio::ssl::context> context;
  // Initiator: the name (or IP literal) the certificate must carry, also sent
  // as SNI when it is a name; empty = the chain is checked, not the name.
  std::string verify_host;
};

// A responder context: certificate chain and private key (PEM files). TLS
// 1.2 or later. The error names the file and OpenSSL's reason.
Result<std::shared_ptr<boost::asio::ssl::context>, std::string> tls_server_context(
    const std::filesystem::path& cert_chain, const std::filesystem::path& key);
// An initiator context that verifies the responder: trusted CAs from
// `ca_file` (PEM), or the system's default store when it is empty.
Result<std::shared_ptr<boost::asio::ssl::context>, std::string> tls_client_context(
    const std::filesystem::path& ca_file);

class AsioConnection : public std::enable_shared_from_this<AsioConnection> {
 public:
  using EventHandler = std::function<void(AsioConnection&, const AssociationEvent&)>;

  AsioConnection(boost::asio::ip::tcp::socket socket, AssociationConfig config, ConnectionTimeouts timeouts,
                 EventHandler on_event, std::optional<std::filesystem::path> trace = std::nullopt,
                 ConnectionTls tls = {});

  // Starts reading (and, for an initiator, sends the CR); with TLS, after the
  // handshake (bounded by the connect timeout).
  void start();
  Association& association() { return assoc_; }
  // Writes whatever the association has produced (call after confirm_stored etc.).
  void flush();
  std::function<void()> on_closed;
  std::string peer_address() const { return peer_; }

 private:
  void begin();
  void tls_failed(const boost::system::error_code& ec);
  void read();
  void arm_idle();
  void drain_events();
  void write_next();
  void close();
  void trace(char dir, const std::uint8_t* p, std::size_t n);

  boost::asio::ip::tcp::socket socket_;
  std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;  // over socket_
  std::string verify_host_;
  bool handshake_done_ = true;  // false while a TLS handshake runs: output waits
  boost::asio::steady_timer idle_;
  Association assoc_;
  ConnectionTimeouts timeouts_;
  EventHandler on_event_;
  std::optional<std::ofstream> trace_;
  bool initiator_;
  std::array<std::uint8_t, 65536> buf_{};
  osi::Bytes writing_, pending_;
  bool write_busy_ = false, closed_ = false;
  std::string peer_;
};

// Connects to host:port within `timeout`; the error message names the peer.
Result<boost::asio::ip::tcp::socket, std::string> connect_tcp(boost::asio::io_context& io,
                                                              const std::string& host, std::uint16_t port,
                                                              std::chrono::milliseconds timeout);

}  // namespace mixer::x400::p1
