// One-shot SMTP delivery over a ClientConnection (smtp/client_connection.hpp):
// connects to a next hop, sends the given messages over that one connection
// (RFC 5321 3.3 connection reuse), QUITs, and returns one MessageResult per
// message. A connection or session failure gives the not-yet-delivered
// recipients a 4.4.x result, never a loss. mixerd keeps connections across
// deliveries with smtp/client_pool.hpp instead.
#pragma once

// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "smtp/client_connection.hpp"

namespace mixer::smtp {

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

// The result of a message that was never started: every recipient gets
// 451 4.4.2 "(local) not sent: <why>".
MessageResult not_sent(const OutgoingMessage& message, const std::string& why);

}  // namespace mixer::smtp
