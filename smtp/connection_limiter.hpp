// Counts live SMTP sessions overall and per client address, for the limits
// max_connections and max_connections_per_client (ServerLimits). The glue
// asks try_acquire() on accept; a refusal is answered with 421 4.7.0
// (RFC 5321 3.8) by ServerSession::start(true). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace mixer::smtp {

class ConnectionLimiter {
 public:
  ConnectionLimiter(std::uint64_t max_total, std::uint64_t max_per_client)
      : max_total_(max_total), max_per_client_(max_per_client) {}
  bool try_acquire(const std::string& client);
  void release(const std::string& client);
  std::uint64_t total() const;

 private:
  mutable std::mutex mu_;
  std::uint64_t max_total_, max_per_client_, total_ = 0;
  std::map<std::string, std::uint64_t> per_client_;
};

}  // namespace mixer::smtp
