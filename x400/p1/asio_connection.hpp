// Thin Asio glue for one P1 association over TCP (RFC 1006): reads bytes into
// the sans-I/O Association, writes what it produces, turns a silent peer into
// an idle-timeout abort, and closes the socket once the association is
// finished and its last bytes are written. No protocol logic lives here.
// Optional byte trace: every chunk read/written is appended to a stream file
// in the oracle's stream2pcap format ('>' initiator, '<' responder).
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <utility>  // before Asio: boost/asio/awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include "x400/p1/association.hpp"

namespace mixer::x400::p1 {

struct ConnectionTimeouts {
  std::chrono::milliseconds connect{30000};  // range 100 ms .. 10 min
  std::chrono::milliseconds idle{300000};    // no byte from the peer for this long: abort; 100 ms .. 1 h
};

class AsioConnection : public std::enable_shared_from_this<AsioConnection> {
 public:
  using EventHandler = std::function<void(AsioConnection&, const AssociationEvent&)>;

  AsioConnection(boost::asio::ip::tcp::socket socket, AssociationConfig config, ConnectionTimeouts timeouts,
                 EventHandler on_event, std::optional<std::filesystem::path> trace = std::nullopt);

  // Starts reading (and, for an initiator, sends the CR).
  void start();
  Association& association() { return assoc_; }
  // Writes whatever the association has produced (call after confirm_stored etc.).
  void flush();
  std::function<void()> on_closed;
  std::string peer_address() const { return peer_; }

 private:
  void read();
  void arm_idle();
  void drain_events();
  void write_next();
  void close();
  void trace(char dir, const std::uint8_t* p, std::size_t n);

  boost::asio::ip::tcp::socket socket_;
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
Result<boost::asio::ip::tcp::socket, std::string> connect_tcp(boost::asio::io_context& io, const std::string& host,
                                                              std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace mixer::x400::p1
