#include "gateway/daemon/spool_intake.hpp"

namespace mixer::daemon {

void SpoolIntake::accept(queue::Record record, queue::Spool::Accepted done) {
  if (full()) {
    return done(fail(queue::SpoolError{record.id, "accept", spool_.dir().string(),
                                       "queue is full: " + std::to_string(size_.load()) +
                                           " messages (queue.max_messages " + std::to_string(max_.load()) + ")"}));
  }
  ++size_;
  const int dir = static_cast<int>(record.direction);
  spool_.submit(std::move(record), [this, dir, done = std::move(done)](queue::SpoolResult<std::string> id) {
    if (id) {
      if (metrics_) ++metrics_->dir[dir].received;
    } else {
      --size_;
    }
    done(std::move(id));
  });
}

void SpoolIntake::refresh() {
  std::map<std::string, std::uint64_t> s;
  std::uint64_t total = 0;
  for (auto st : queue::kAllStates) {
    const auto n = spool_.list(st).size();
    s[std::string(queue::to_string(st))] = n;
    if (st != queue::State::corrupt) total += n;
  }
  size_ = total;
  std::lock_guard lock(mu_);
  sizes_ = std::move(s);
}

std::map<std::string, std::uint64_t> SpoolIntake::sizes() const {
  std::lock_guard lock(mu_);
  return sizes_;
}

}  // namespace mixer::daemon
