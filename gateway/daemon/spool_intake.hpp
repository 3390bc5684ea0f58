// The daemon's MessageIntake (ports.hpp): every listener's arrivals go to the
// spool through here. It enforces queue.max_messages (config/limits.hpp): when
// the spool holds that many messages an arrival is refused before anything is
// written (SMTP answers 452 4.3.1 at RCPT already; the P1 listener refuses the
// transfer, so the peer keeps responsibility), and counts arrivals per
// direction for the metrics. The queue size is the last count of the spool's
// directories (refresh(), run by the daemon's scan timer) plus the arrivals
// since: cheap on the hot path, exact at every scan.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "gateway/daemon/ports.hpp"
#include "gateway/metrics/metrics.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::daemon {

class SpoolIntake final : public MessageIntake {
 public:
  SpoolIntake(queue::Spool& spool, std::uint64_t max_messages, metrics::Metrics* m = nullptr)
      : spool_(spool), max_(max_messages), metrics_(m) {}

  void accept(queue::Record record, queue::Spool::Accepted done) override;

  bool full() const { return size_.load() >= max_.load(); }
  void set_max_messages(std::uint64_t n) { max_ = n; }
  // Recounts the spool's directories (incoming, active, deferred, hold).
  void refresh();
  std::map<std::string, std::uint64_t> sizes() const;  // per state, last refresh
  std::uint64_t size() const { return size_.load(); }

 private:
  queue::Spool& spool_;
  std::atomic<std::uint64_t> max_;
  metrics::Metrics* metrics_;
  std::atomic<std::uint64_t> size_{0};
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t> sizes_;
};

}  // namespace mixer::daemon
