// Thin Boost.Asio glue around ClientSession: connects to a next hop, runs the
// session (STARTTLS via boost::asio::ssl with certificate and host name
// verification when required), sends the given messages over one connection
// (connection reuse) and returns one MessageResult per message. Every step has
// its RFC 5321 4.5.3.2 timeout (ClientTimeouts). A connection or session
// failure gives the not-yet-delivered recipients a 4.4.x result, never a loss.
#pragma once

#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange

#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "smtp/client_session.hpp"

namespace mixer::smtp {

struct ClientTls {
  std::string ca_file;      // PEM trust anchors; empty: the system's default paths
  bool verify = true;       // with TlsMode::kRequired: verify chain and host name
  std::string server_name;  // SNI and name to verify; empty: the host given
};

struct DeliveryReport {
  std::vector<MessageResult> results;  // one per message, in order
  std::string error;                   // session-level failure (empty when none)
  bool tls = false;                    // the session ran under TLS
};

boost::asio::awaitable<DeliveryReport> deliver(std::string host, std::uint16_t port, ClientConfig config,
                                               ClientTls tls, std::vector<OutgoingMessage> messages);

// Runs deliver() on a private io_context (CLI, tests).
DeliveryReport deliver_blocking(const std::string& host, std::uint16_t port, const ClientConfig& config,
                                const ClientTls& tls, std::vector<OutgoingMessage> messages);

}  // namespace mixer::smtp
