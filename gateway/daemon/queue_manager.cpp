#include "gateway/daemon/queue_manager.hpp"

#include <chrono>

#include "common/log_escape.hpp"

namespace mixer::daemon {
namespace {

std::int64_t wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const char* result_text(queue::AttemptResult r) {
  switch (r) {
    case queue::AttemptResult::delivered:
      return "delivered";
    case queue::AttemptResult::temporary_failure:
      return "deferred";
    case queue::AttemptResult::permanent_failure:
      return "failed";
  }
  return "?";
}

}  // namespace

QueueManager::QueueManager(queue::Spool& spool, queue::RetryPolicy policy, std::size_t per_destination,
                           Log log, Post post)
    : spool_(spool),
      policy_(policy),
      limiter_(per_destination),
      log_(std::move(log)),
      post_(std::move(post)),
      now(wall_now) {}

void QueueManager::set_transport(queue::Direction d, std::shared_ptr<Transport> t) {
  transports_[static_cast<int>(d)] = std::move(t);
}

std::size_t QueueManager::ready() const {
  std::size_t n = 0;
  for (const auto& [dest, q] : ready_) n += q.size();
  return n;
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

void QueueManager::enqueue(Entry e) {
  if (!known_.insert(e.id).second) return;  // already waiting or in flight: never twice
  backlog_.push_back(std::move(e));
}

void QueueManager::arrived(const std::string& id) {
  if (stopping_ || !queue::valid_queue_id(id)) return;
  enqueue(Entry{id, queue::State::incoming});
  pump(now());
}

std::size_t QueueManager::scan(std::int64_t t) {
  if (stopping_) return 0;
  // New arrivals whose wake-up was lost, and files an operator released or
  // flushed. Known ids (waiting or in flight) are skipped by enqueue().
  for (const auto& id : spool_.list(queue::State::incoming)) enqueue(Entry{id, queue::State::incoming});
  for (auto it = deferred_due_.begin(); it != deferred_due_.end();) {
    if (it->second > t) {
      ++it;
      continue;
    }
    enqueue(Entry{it->first, queue::State::deferred});
    it = deferred_due_.erase(it);
  }
  std::size_t started = pump(t);
  // A ready queue normally moves on completions; this only matters if a
  // destination's limit was never reached again (e.g. its key changed).
  std::vector<std::string> waiting;
  for (const auto& [dest, q] : ready_)
    if (!q.empty()) waiting.push_back(dest);
  for (const auto& dest : waiting) started += hand_off(dest, t);
  return started;
}

std::size_t QueueManager::pump(std::int64_t t) {
  std::size_t started = 0;
  for (std::size_t n = 0; n < kClassifyBatch && !backlog_.empty() && !stopping_; ++n) {
    Entry e = std::move(backlog_.front());
    backlog_.pop_front();
    if (dispatch(std::move(e), t)) ++started;
  }
  if (!backlog_.empty() && !stopping_ && !pump_posted_) {
    pump_posted_ = true;
    post_([this] {
      pump_posted_ = false;
      pump(now());
    });
  }
  return started;
}

bool QueueManager::dispatch(Entry e, std::int64_t t) {
  ++stats_.classified;
  auto loaded = spool_.load(e.id, e.state);
  if (!loaded && loaded.error().operation == "open") {
    // Moved since it was listed: an operator flushed (deferred -> incoming),
    // held or deleted it. Follow it if it is still waiting to be sent.
    auto where = spool_.find(e.id);
    if (where && where != e.state && (*where == queue::State::incoming || *where == queue::State::deferred)) {
      e.state = *where;
      loaded = spool_.load(e.id, e.state);
    }
    if (!loaded && loaded.error().operation == "open") {
      forget(e.id);
      return false;
    }
  }
  if (!loaded) {
    to_corrupt(e.id, e.state, loaded.error().message);
    forget(e.id);
    return false;
  }
  return dispatch_loaded(std::move(e), std::move(loaded).value(), t);
}

bool QueueManager::dispatch_loaded(Entry e, queue::Record r, std::int64_t t) {
  const std::string id = e.id;
  // New arrivals and flushed messages are tried at once, whatever their
  // retry times. In memory only: a crash costs one more attempt, not an fsync
  // per message.
  if (e.state == queue::State::incoming)
    for (auto& rc : r.recipients) rc.next_retry = 0;
  // Expiry first: past the give-up time there is no further attempt, and a
  // report owed is settled before anything else (the message is then due
  // again at the next scan if recipients remain open).
  auto pre = queue::expire(r, policy_, t);
  auto due = queue::due_recipients(r, t);
  auto& transport = transports_[static_cast<int>(r.direction)];
  if (due.empty() || !pre.reports.empty() || !transport) {
    // Settled without a delivery slot.
    if (!spool_.move(id, e.state, queue::State::active, queue::Durability::deferred)) {
      forget(id);
      return false;
    }
    if (due.empty() || !pre.reports.empty()) {
      settle(r, pre);
    } else {
      // Nothing can deliver this direction in this build or configuration: the
      // message waits (and eventually expires into a report), it is not dropped.
      std::vector<queue::RecipientOutcome> outcomes;
      for (auto i : due)
        outcomes.push_back({i, queue::AttemptResult::temporary_failure,
                            "no " + std::string(queue::to_string(r.direction)) + " transport is configured"});
      stats_.deferred += outcomes.size();
      auto d = queue::apply_outcomes(r, outcomes, policy_, t);
      settle(r, d);
    }
    forget(id);
    return false;
  }
  DeliveryRequest req{r, due};
  std::string dest = transport->destination(req);
  if (!limiter_.try_acquire(dest)) {
    // Destination busy: wait in memory for a slot (file untouched, no attempt
    // counted); finish() of a delivery to the same destination starts it.
    ready_[dest].push_back(std::move(e));
    return false;
  }
  if (!spool_.move(id, e.state, queue::State::active, queue::Durability::deferred)) {
    limiter_.release(dest);  // an operator took it between load and move
    forget(id);
    return false;
  }
  in_flight_.emplace(id, Flight{std::move(r), dest});
  ++stats_.attempts;
  log_(0, id + ": delivery to " + log_escape(dest) + " for " + std::to_string(due.size()) + " recipient(s)");
  transport->deliver(std::move(req), [this, id](std::vector<queue::RecipientOutcome> outcomes) {
    post_([this, id, outcomes = std::move(outcomes)]() mutable { finish(id, std::move(outcomes), now()); });
  });
  return true;
}

std::size_t QueueManager::hand_off(const std::string& dest, std::int64_t t) {
  std::size_t started = 0;
  while (!stopping_ && limiter_.in_flight(dest) < limiter_.limit()) {
    auto it = ready_.find(dest);  // looked up again: dispatch may add destinations
    if (it == ready_.end()) break;
    if (it->second.empty()) {
      ready_.erase(it);
      break;
    }
    Entry e = std::move(it->second.front());
    it->second.pop_front();
    if (dispatch(std::move(e), t)) {
      ++started;
      ++stats_.handoffs;
    }
  }
  return started;
}

void QueueManager::finish(const std::string& id, std::vector<queue::RecipientOutcome> outcomes,
                          std::int64_t t) {
  auto it = in_flight_.find(id);
  if (it == in_flight_.end()) {
    log_(2, id + ": delivery outcome for a message not in flight; ignored");
    return;
  }
  Flight f = std::move(it->second);
  in_flight_.erase(it);
  limiter_.release(f.destination);
  queue::Record& r = f.record;
  for (const auto& o : outcomes) {
    if (o.index >= r.recipients.size()) continue;
    (o.result == queue::AttemptResult::delivered           ? stats_.delivered
     : o.result == queue::AttemptResult::temporary_failure ? stats_.deferred
                                                           : stats_.failed)++;
    log_(o.result == queue::AttemptResult::delivered ? 0 : 1,
         id + ": to=<" + log_escape(r.recipients[o.index].address) + ">, status=" + result_text(o.result) +
             " (" + log_escape(o.diagnostic) + ")");
  }
  // The outcome is recorded before anything else runs on the strand: a
  // finished message is unlinked right here (no rewrite first), so a crash
  // after the peer's acknowledgement re-sends only what was still in flight.
  auto d = queue::apply_outcomes(r, outcomes, policy_, t);
  settle(r, d);
  forget(id);
  hand_off(f.destination, t);
}

void QueueManager::removed_from_active() {
  // One directory fsync for every removal made before it runs: the
  // completions queued on the strand meanwhile share it.
  if (sync_posted_) return;
  sync_posted_ = true;
  post_([this] {
    sync_posted_ = false;
    ++stats_.active_syncs;
    if (auto s = spool_.sync_state(queue::State::active); !s)
      log_(2, "spool: removals not yet durable: " + s.error().to_string());
  });
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
      auto stored =
          report ? spool_.store(std::move(report).value())
                 : queue::SpoolResult<std::string>(fail(queue::SpoolError{id, "report", "", report.error()}));
      if (!stored) {
        log_(2, id + ": report not stored, will retry: " + stored.error().to_string());
        if (spool_.move(id, queue::State::active, queue::State::deferred))
          deferred_due_[id] = now() + policy_.min_backoff;
        return;
      }
      ++stats_.reports;
      log_(0, id + ": " + (need.kind == queue::ReportKind::delay ? "delay" : "non-delivery") +
                  " report queued as " + stored.value());
    }
  }
  if (d.disposition == queue::Disposition::finished) {
    auto rm = spool_.remove(id, queue::State::active, queue::Durability::deferred);
    log_(rm ? 0 : 2, id + (rm ? ": removed" : ": remove failed: " + rm.error().message));
    if (rm) removed_from_active();
    return;
  }
  auto w = spool_.rewrite(r, queue::State::active);
  if (!w) {
    log_(2, id + ": status not recorded: " + w.error().to_string());
  }
  if (spool_.move(id, queue::State::active, queue::State::deferred)) deferred_due_[id] = d.next_attempt;
}

}  // namespace mixer::daemon
