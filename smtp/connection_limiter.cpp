#include "smtp/connection_limiter.hpp"

namespace mixer::smtp {

bool ConnectionLimiter::try_acquire(const std::string& client) {
  std::lock_guard lock(mu_);
  auto& n = per_client_[client];
  if (total_ >= max_total_ || n >= max_per_client_) {
    if (n == 0) per_client_.erase(client);
    return false;
  }
  ++n;
  ++total_;
  return true;
}

void ConnectionLimiter::release(const std::string& client) {
  std::lock_guard lock(mu_);
  const auto it = per_client_.find(client);
  if (it == per_client_.end()) return;
  if (--it->second == 0) per_client_.erase(it);
  --total_;
}

std::uint64_t ConnectionLimiter::total() const {
  std::lock_guard lock(mu_);
  return total_;
}

}  // namespace mixer::smtp
