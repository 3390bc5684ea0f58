#include "gateway/daemon/queue_manager.hpp"

#include <chrono>

#include "common/log_escape.hpp"

namespace mixer::daemon {
namespace {

std::int64_t wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

QueueManager::QueueManager(queue::Spool& spool, queue::RetryPolicy policy, std::size_t per_destination, Log log,
                           Post post)
    : spool_(spool), policy_(policy), limiter_(per_destination), log_(std::move(log)), post_(std::move(post)),
      now(wall_now) {}

void QueueManager::set_transport(queue::Direction d, std::shared_ptr<Transport> t) {
  transports_[static_cast<int>(d)] = std::move(t);
}

void QueueManager::load_deferred() {
  for (const auto& id : spool_.list(queue::State::deferred)) {
    auto r = spool_.load(id, queue::State::deferred);
    if (!r) {
      to_corrupt(id, queue::State::deferred, r.error().message);
      continue;
    }
    auto d = queue::expire(*r, policy_, 0);  // only for next_attempt; nothing is written
    deferred_due_[id] = d.next_attempt;
  }
}

void QueueManager::to_corrupt(const std::string& id, queue::State from, const std::string& why) {
  ++stats_.corrupt;
  auto m = spool_.move(id, from, queue::State::corrupt);
  log_(2, id + ": unparseable queue file moved to corrupt/: " + log_escape(why) +
              (m ? "" : " (move failed: " + m.error().message + ")"));
}

std::size_t QueueManager::scan(std::int64_t t) {
  std::size_t started = 0;
  for (const auto& id : spool_.list(queue::State::incoming)) {
    if (!spool_.move(id, queue::State::incoming, queue::State::active)) continue;  // an operator took it
    // New arrivals and flushed messages are tried at once, whatever their retry times.
    auto r = spool_.load(id, queue::State::active);
    if (r) {
      for (auto& rc : r->recipients) rc.next_retry = 0;
      (void)spool_.rewrite(*r, queue::State::active);
    }
    start(id, t);
    ++started;
  }
  // Collected first: start() may re-insert an id that is due again at once.
  std::vector<std::string> due;
  for (auto it = deferred_due_.begin(); it != deferred_due_.end();) {
    if (it->second > t) {
      ++it;
      continue;
    }
    due.push_back(it->first);
    it = deferred_due_.erase(it);
  }
  for (const auto& id : due) {
    if (!spool_.move(id, queue::State::deferred, queue::State::active)) continue;  // held, deleted or flushed
    start(id, t);
    ++started;
  }
  return started;
}

void QueueManager::start(const std::string& id, std::int64_t t) {
  auto loaded = spool_.load(id, queue::State::active);
  if (!loaded) {
    to_corrupt(id, queue::State::active, loaded.error().message);
    return;
  }
  queue::Record r = std::move(loaded).value();
  // Expiry first: past the give-up time there is no further attempt, and a
  // report owed is settled before anything else (the message is then due
  // again at once if recipients remain open).
  auto pre = queue::expire(r, policy_, t);
  auto due = queue::due_recipients(r, t);
  auto& transport = transports_[static_cast<int>(r.direction)];
  if (due.empty() || !pre.reports.empty()) {
    settle(r, pre);
    return;
  }
  if (!transport) {
    // Nothing can deliver this direction in this build or configuration: the
    // message waits (and eventually expires into a report), it is not dropped.
    std::vector<queue::RecipientOutcome> outcomes;
    for (auto i : due)
      outcomes.push_back({i, queue::AttemptResult::temporary_failure,
                          "no " + std::string(queue::to_string(r.direction)) + " transport is configured"});
    finish(id, std::move(outcomes), "", t);
    return;
  }
  DeliveryRequest req{r, due};
  std::string dest = transport->destination(req);
  if (!limiter_.try_acquire(dest)) {
    // Destination busy: back to deferred, due at the next scan.
    if (spool_.move(id, queue::State::active, queue::State::deferred)) deferred_due_[id] = t;
    return;
  }
  in_flight_.insert(id);
  ++stats_.attempts;
  log_(0, id + ": delivery to " + log_escape(dest) + " for " + std::to_string(due.size()) + " recipient(s)");
  transport->deliver(std::move(req), [this, id, dest](std::vector<queue::RecipientOutcome> outcomes) {
    post_([this, id, dest, outcomes = std::move(outcomes)]() mutable { finish(id, std::move(outcomes), dest, now()); });
  });
}

void QueueManager::finish(const std::string& id, std::vector<queue::RecipientOutcome> outcomes, std::string dest,
                          std::int64_t t) {
  if (!dest.empty()) {
    limiter_.release(dest);
    in_flight_.erase(id);
  }
  auto loaded = spool_.load(id, queue::State::active);
  if (!loaded) {
    to_corrupt(id, queue::State::active, loaded.error().message);
    return;
  }
  queue::Record r = std::move(loaded).value();
  for (const auto& o : outcomes) {
    if (o.index >= r.recipients.size()) continue;
    const char* what = o.result == queue::AttemptResult::delivered           ? "delivered"
                       : o.result == queue::AttemptResult::temporary_failure ? "deferred"
                                                                              : "failed";
    (o.result == queue::AttemptResult::delivered ? stats_.delivered
     : o.result == queue::AttemptResult::temporary_failure ? stats_.deferred
                                                           : stats_.failed)++;
    log_(o.result == queue::AttemptResult::delivered ? 0 : 1,
         id + ": to=<" + log_escape(r.recipients[o.index].address) + ">, status=" + what + " (" +
             log_escape(o.diagnostic) + ")");
  }
  auto d = queue::apply_outcomes(r, outcomes, policy_, t);
  settle(r, d);
}

void QueueManager::settle(queue::Record& r, const queue::Decision& d) {
  const std::string& id = r.id;
  if (!d.reports.empty()) {
    if (!reports_) {
      log_(2, id + ": a " + std::string(d.reports[0].kind == queue::ReportKind::delay ? "delay" : "failure") +
                  " report is owed but no report mapping is wired; message held for the operator");
      (void)spool_.move(id, queue::State::active, queue::State::hold);
      return;
    }
    // Reports are stored before the record remembers them: a crash in
    // between repeats a report, never loses one.
    for (const auto& need : d.reports) {
      auto report = reports_->make_report(r, need);
      if (report && report->recipients.empty()) {
        // Nothing owed (a report about a report, NOTIFY=NEVER, a delay
        // towards X.400): the event is settled without a new record.
        log_(0, id + ": no " + std::string(need.kind == queue::ReportKind::delay ? "delay" : "non-delivery") +
                    " report owed (not requested)");
        continue;
      }
      auto stored = report ? spool_.store(std::move(report).value())
                           : queue::SpoolResult<std::string>(fail(queue::SpoolError{id, "report", "", report.error()}));
      if (!stored) {
        log_(2, id + ": report not stored, will retry: " + stored.error().to_string());
        if (spool_.move(id, queue::State::active, queue::State::deferred)) deferred_due_[id] = now() + policy_.min_backoff;
        return;
      }
      ++stats_.reports;
      log_(0, id + ": " + (need.kind == queue::ReportKind::delay ? "delay" : "non-delivery") + " report queued as " +
                  stored.value());
    }
  }
  if (d.disposition == queue::Disposition::finished) {
    auto rm = spool_.remove(id, queue::State::active);
    log_(rm ? 0 : 2, id + (rm ? ": removed" : ": remove failed: " + rm.error().message));
    return;
  }
  auto w = spool_.rewrite(r, queue::State::active);
  if (!w) {
    log_(2, id + ": status not recorded: " + w.error().to_string());
  }
  if (spool_.move(id, queue::State::active, queue::State::deferred)) deferred_due_[id] = d.next_attempt;
}

}  // namespace mixer::daemon
