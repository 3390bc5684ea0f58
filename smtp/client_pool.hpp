// A small pool of idle ESMTP client connections per next hop, so that a
// stream of messages to one relay does not pay a TCP connect, greeting, EHLO
// (and STARTTLS) per message: RFC 5321 3.3 allows several transactions per
// session, and Postfix's smtp client does the same with its connection cache
// (smtp_connection_cache_time_limit, default 2 s).
//
// deliver() takes an idle connection for the destination (host, port, HELO
// name, TLS settings) when one is kept, else opens a new one, runs one
// transaction and puts the connection back when it is still usable, unless
// the destination already keeps `max_idle` connections (then it QUITs).
// A kept connection that turns out to be dead (the server closed it while
// idle: connection lost, timeout, 421) before the content went out is
// replaced once by a fresh connection: the server cannot hold the message
// then, so the retry cannot duplicate it. An idle connection is closed with
// QUIT after `idle_timeout_seconds` (a reaper wakes at most once a second
// while connections are idle). max_idle = 0: one connection per message.
//
// Thread-safe: deliveries may run concurrently on any executors of the io_context.
#pragma once

// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "smtp/asio_client.hpp"
#include "smtp/client_connection.hpp"

namespace mixer::smtp {

struct PoolLimits {
  std::size_t max_idle = 10;  // idle connections kept per destination (limit smtp.next_hop_idle_connections)
  std::uint64_t idle_timeout_seconds = 5;  // limit timeouts.smtp_next_hop_idle
};

struct PoolStats {
  std::uint64_t opened = 0;    // connections opened
  std::uint64_t reused = 0;    // transactions run over a kept connection
  std::uint64_t replaced = 0;  // kept connections found dead and replaced before the content went out
  std::uint64_t idle = 0;      // connections idle now
};

class ClientPool : public std::enable_shared_from_this<ClientPool> {
 public:
  static std::shared_ptr<ClientPool> create(boost::asio::io_context& io, PoolLimits limits);
  ~ClientPool();

  // One message to host:port. report.results has exactly one entry.
  boost::asio::awaitable<DeliveryReport> deliver(std::string host, std::uint16_t port, ClientConfig config,
                                                 ClientTls tls, OutgoingMessage message);
  // New limits apply to connections released from now on.
  void set_limits(PoolLimits limits);
  // Forgets every idle connection, closing each with QUIT (reload, shutdown).
  void close_idle();
  PoolStats stats() const;

 private:
  struct Idle {
    std::unique_ptr<ClientConnection> conn;
    std::chrono::steady_clock::time_point since;
  };
  ClientPool(boost::asio::io_context& io, PoolLimits limits) : io_(io), limits_(limits) {}
  std::unique_ptr<ClientConnection> take(const std::string& key);
  // Keeps `conn` when usable and there is room; else returns it to be quit.
  std::unique_ptr<ClientConnection> put(const std::string& key, std::unique_ptr<ClientConnection> conn);
  void start_reaper();  // mu_ held
  boost::asio::awaitable<void> reap(std::weak_ptr<ClientPool> weak);
  void quit_later(std::unique_ptr<ClientConnection> conn);

  boost::asio::io_context& io_;
  mutable std::mutex mu_;
  PoolLimits limits_;
  std::map<std::string, std::deque<Idle>> idle_;
  std::size_t idle_count_ = 0;
  bool reaper_running_ = false;
  std::atomic<std::uint64_t> opened_{0}, reused_{0}, replaced_{0};
};

}  // namespace mixer::smtp
