// The queue manager: moves messages through the spool states and asks the
// transports to deliver them (after Postfix qmgr/qmgr_active.c). It is driven
// from outside: scan(now) by a timer, on_done() by transport completions; the
// caller serialises these calls (mixerd runs them on one Asio strand). The
// decisions are gateway/queue/schedule.hpp's pure functions; this class only
// does the file moves they imply, in an order that never loses a message:
//
//   incoming/ or due deferred/ --rename--> active/ --deliver--> outcomes
//   outcomes --rewrite active/ID (durable)--> reports stored as new arrivals
//            --> finished: unlink, or deferred/ (rename)
//   unparseable anywhere --> corrupt/ (never deleted)
//   reports owed but no ReportFactory wired --> hold/ (an operator decides)
//
// A crash between any two steps leaves the file in active/ or in its earlier
// state; recover() puts active/ back into incoming/, so the worst case is one
// more delivery attempt (at-least-once) and, for reports, one repeated report.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "gateway/daemon/ports.hpp"
#include "gateway/queue/schedule.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::daemon {

struct QueueManagerStats {
  std::uint64_t attempts = 0, delivered = 0, deferred = 0, failed = 0, reports = 0, corrupt = 0;
};

class QueueManager {
 public:
  using Log = std::function<void(int level, const std::string& line)>;  // 0 info, 1 warn, 2 error
  using Post = std::function<void(std::function<void()>)>;  // runs a completion on the manager's strand

  QueueManager(queue::Spool& spool, queue::RetryPolicy policy, std::size_t per_destination, Log log, Post post);

  void set_transport(queue::Direction d, std::shared_ptr<Transport> t);
  void set_report_factory(std::shared_ptr<ReportFactory> f) { reports_ = std::move(f); }
  void set_policy(queue::RetryPolicy p) { policy_ = p; }  // SIGHUP reload

  // Reads deferred/ once (their retry times); call after Spool::recover().
  void load_deferred();
  // Starts what is due at `now`. Returns the number of deliveries started.
  std::size_t scan(std::int64_t now);
  std::size_t in_flight() const { return in_flight_.size(); }
  const QueueManagerStats& stats() const { return stats_; }

 private:
  void start(const std::string& id, std::int64_t now);
  void finish(const std::string& id, std::vector<queue::RecipientOutcome> outcomes, std::string destination,
              std::int64_t now);
  void settle(queue::Record& r, const queue::Decision& d);
  void to_corrupt(const std::string& id, queue::State from, const std::string& why);

  queue::Spool& spool_;
  queue::RetryPolicy policy_;
  queue::ConcurrencyLimiter limiter_;
  Log log_;
  Post post_;
  std::shared_ptr<Transport> transports_[2];
  std::shared_ptr<ReportFactory> reports_;
  std::map<std::string, std::int64_t> deferred_due_;  // id -> next attempt
  std::set<std::string> in_flight_;
  QueueManagerStats stats_;

 public:
  // The clock of completions (unix seconds); replaceable in tests.
  std::function<std::int64_t()> now;
};

}  // namespace mixer::daemon
