// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include "smtp/client_pool.hpp"

// GCC 12 reports a false -Wmismatched-new-delete on Boost 1.74's coroutine
// frame allocator (see asio_server.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <vector>

namespace mixer::smtp {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// Everything that makes two connections interchangeable.
std::string destination_key(const std::string& host, std::uint16_t port, const ClientConfig& c,
                            const ClientTls& t) {
  return host + "\n" + std::to_string(port) + "\n" + c.helo_name + "\n" +
         std::to_string(static_cast<int>(c.tls)) + "\n" + t.ca_file + "\n" + (t.verify ? "v" : "-") + "\n" +
         t.server_name;
}

asio::awaitable<void> quit_and_drop(std::unique_ptr<ClientConnection> c) { co_await c->quit(); }

}  // namespace

std::shared_ptr<ClientPool> ClientPool::create(asio::io_context& io, PoolLimits limits) {
  return std::shared_ptr<ClientPool>(new ClientPool(io, limits));
}

ClientPool::~ClientPool() = default;  // idle sockets close without QUIT (the io_context may be gone)

void ClientPool::set_limits(PoolLimits limits) {
  std::vector<std::unique_ptr<ClientConnection>> extra;
  {
    std::lock_guard lock(mu_);
    limits_ = limits;
    for (auto& [key, q] : idle_)
      while (q.size() > limits_.max_idle) {
        extra.push_back(std::move(q.front().conn));
        q.pop_front();
        --idle_count_;
      }
  }
  for (auto& c : extra) quit_later(std::move(c));
}

void ClientPool::close_idle() {
  std::vector<std::unique_ptr<ClientConnection>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [key, q] : idle_)
      for (auto& i : q) all.push_back(std::move(i.conn));
    idle_.clear();
    idle_count_ = 0;
  }
  for (auto& c : all) quit_later(std::move(c));
}

PoolStats ClientPool::stats() const {
  PoolStats s;
  s.opened = opened_.load();
  s.reused = reused_.load();
  s.replaced = replaced_.load();
  std::lock_guard lock(mu_);
  s.idle = idle_count_;
  return s;
}

void ClientPool::quit_later(std::unique_ptr<ClientConnection> conn) {
  if (conn) asio::co_spawn(asio::make_strand(io_), quit_and_drop(std::move(conn)), asio::detached);
}

// The most recently used connection (LIFO: the others age out and are reaped).
std::unique_ptr<ClientConnection> ClientPool::take(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto it = idle_.find(key);
  if (it == idle_.end() || it->second.empty()) return nullptr;
  auto& q = it->second;
  if (Clock::now() - q.back().since >= std::chrono::seconds(limits_.idle_timeout_seconds))
    return nullptr;  // all of them are due for the reaper
  auto conn = std::move(q.back().conn);
  q.pop_back();
  --idle_count_;
  if (q.empty()) idle_.erase(it);
  return conn;
}

std::unique_ptr<ClientConnection> ClientPool::put(const std::string& key,
                                                  std::unique_ptr<ClientConnection> conn) {
  if (!conn || !conn->usable()) return conn;
  std::lock_guard lock(mu_);
  auto& q = idle_[key];
  if (q.size() >= limits_.max_idle) {
    if (q.empty()) idle_.erase(key);
    return conn;
  }
  q.push_back({std::move(conn), Clock::now()});
  ++idle_count_;
  start_reaper();
  return nullptr;
}

void ClientPool::start_reaper() {
  if (reaper_running_) return;
  reaper_running_ = true;
  asio::co_spawn(asio::make_strand(io_), reap(weak_from_this()), asio::detached);
}

// Wakes once a second while connections are idle; QUITs those idle for
// idle_timeout_seconds; ends when none is left (start_reaper restarts it).
asio::awaitable<void> ClientPool::reap(std::weak_ptr<ClientPool> weak) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (true) {
    timer.expires_after(std::chrono::seconds(1));
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    auto self = weak.lock();  // `this` is touched only while the pool lives
    if (!self) co_return;
    std::vector<std::unique_ptr<ClientConnection>> expired;
    bool last = false;
    {
      std::lock_guard lock(mu_);
      const auto limit = std::chrono::seconds(limits_.idle_timeout_seconds);
      const auto now = Clock::now();
      for (auto it = idle_.begin(); it != idle_.end();) {
        auto& q = it->second;
        while (!q.empty() && now - q.front().since >= limit) {
          expired.push_back(std::move(q.front().conn));
          q.pop_front();
          --idle_count_;
        }
        it = q.empty() ? idle_.erase(it) : std::next(it);
      }
      if (idle_count_ == 0) {
        reaper_running_ = false;
        last = true;
      }
    }
    for (auto& c : expired) co_await c->quit();
    if (last) co_return;
  }
}

asio::awaitable<DeliveryReport> ClientPool::deliver(std::string host, std::uint16_t port, ClientConfig config,
                                                    ClientTls tls, OutgoingMessage message) {
  auto self = shared_from_this();
  const std::string key = destination_key(host, port, config, tls);
  DeliveryReport report;
  MessageResult result;
  bool have_result = false;
  std::unique_ptr<ClientConnection> conn = take(key);
  if (conn) {
    auto r = co_await conn->send(message);  // a copy: it may have to go again over a fresh connection
    if (conn->usable() || r.content_sent) {
      ++reused_;
      result = std::move(r);
      have_result = true;
    } else {
      // Dead while idle; the server never got the content, so a fresh
      // connection cannot duplicate the message.
      ++replaced_;
      co_await conn->quit();
      conn.reset();
    }
  }
  if (!have_result) {
    conn = co_await ClientConnection::open(host, port, std::move(config), std::move(tls));
    ++opened_;
    if (!conn->usable()) {
      report.error = conn->error();
      report.results.push_back(not_sent(message, report.error));
      co_await conn->quit();
      co_return report;
    }
    result = co_await conn->send(std::move(message));
  }
  report.tls = conn->tls_active();
  if (!conn->usable()) report.error = conn->error();
  report.results.push_back(std::move(result));
  if (auto leftover = put(key, std::move(conn))) co_await leftover->quit();
  co_return report;
}

}  // namespace mixer::smtp
