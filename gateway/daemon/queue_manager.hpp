// The queue manager: moves messages through the spool states and asks the
// transports to deliver them (after Postfix qmgr/qmgr_active.c). It has no
// sockets, threads or clock of its own: the caller serialises every call
// (mixerd runs them on one Asio strand), `post` queues work on that strand,
// and `now` is injected. The decisions are gateway/queue/schedule.hpp's pure
// functions; this class does the file moves they imply, in an order that
// never loses a message:
//
//   incoming/ or due deferred/ --classify--> ready queue of its destination
//     (in memory, FIFO; the file stays where it is until a slot is free)
//   --slot free: rename to active/ (no fsync: undoing it is harmless)-->
//   deliver --outcomes--> finished: unlink at once (directory fsync shared by
//                         the completions of one strand turn), or
//                         rewrite active/ID (durable) + rename to deferred/
//   reports owed: stored as new arrivals BEFORE the record forgets them
//   unparseable anywhere --> corrupt/ (never deleted)
//   reports owed but no ReportFactory wired --> hold/ (an operator decides)
//
// Dispatch is event driven: arrived(id) (the spool's stored hook: SMTP and
// P1 arrivals, reports) classifies a message at once, and a finished delivery
// hands its slot to the next ready message of the same destination. scan()
// is the safety net (files an operator released or flushed, arrivals whose
// wake-up was lost) and the clock of deferred/ retries. A message waiting for
// a busy destination is never moved to deferred/ and never charged an
// attempt. A message is in at most one of: classification backlog, ready
// queue, in flight (so at most one delivery per message at a time).
//
// A crash between any two steps leaves the file in incoming/, active/ or
// deferred/; Spool::recover() puts active/ back into incoming/, so the worst
// case is one more delivery of the messages in flight at the crash
// (at-least-once) and, for reports, one repeated report.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gateway/daemon/ports.hpp"
#include "gateway/queue/schedule.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::daemon {

struct QueueManagerStats {
  std::uint64_t attempts = 0, delivered = 0, deferred = 0, failed = 0, reports = 0, corrupt = 0;
  std::uint64_t classified = 0;    // messages read to find their destination
  std::uint64_t handoffs = 0;      // deliveries started by a freed slot (no scan)
  std::uint64_t active_syncs = 0;  // shared fsyncs of active/ after removals
};

class QueueManager {
 public:
  using Log = std::function<void(int level, const std::string& line)>;  // 0 info, 1 warn, 2 error
  // Queues f to run later on the manager's strand. It must not run f inline:
  // completions and continuations re-enter the manager through it.
  using Post = std::function<void(std::function<void()>)>;

  // Classification work done per strand turn before the rest is re-posted,
  // so that completions are never stuck behind a backlog of thousands.
  static constexpr std::size_t kClassifyBatch = 32;

  QueueManager(queue::Spool& spool, queue::RetryPolicy policy, std::size_t per_destination, Log log,
               Post post);

  void set_transport(queue::Direction d, std::shared_ptr<Transport> t);
  void set_report_factory(std::shared_ptr<ReportFactory> f) { reports_ = std::move(f); }
  void set_policy(queue::RetryPolicy p) { policy_ = p; }  // SIGHUP reload

  // Reads deferred/ once (their retry times); call after Spool::recover().
  void load_deferred();
  // A message was just stored in incoming/ (the spool's stored hook, posted
  // to the strand): classify it and start it if its destination has a slot.
  void arrived(const std::string& id);
  // Safety net and retry clock: takes every incoming/ file not already known
  // and every deferred/ message due at `now`. Returns the number of
  // deliveries started during this call (the rest of a large backlog
  // continues in posted batches).
  std::size_t scan(std::int64_t now);
  // Shutdown: no delivery starts any more; in-flight ones still complete.
  void stop_starting() { stopping_ = true; }

  std::size_t in_flight() const { return in_flight_.size(); }
  std::size_t ready() const;                               // messages waiting for a slot
  std::size_t backlog() const { return backlog_.size(); }  // not yet classified
  const QueueManagerStats& stats() const { return stats_; }

 private:
  struct Entry {
    std::string id;
    queue::State state = queue::State::incoming;  // where its file is while it waits
  };
  struct Flight {
    queue::Record record;
    std::string destination;
  };

  void enqueue(Entry e);
  std::size_t pump(std::int64_t now);
  bool dispatch(Entry e, std::int64_t now);
  bool dispatch_loaded(Entry e, queue::Record r, std::int64_t now);
  std::size_t hand_off(const std::string& destination, std::int64_t now);
  void finish(const std::string& id, std::vector<queue::RecipientOutcome> outcomes, std::int64_t now);
  void settle(queue::Record& r, const queue::Decision& d);
  void removed_from_active();
  void to_corrupt(const std::string& id, queue::State from, const std::string& why);
  void forget(const std::string& id) { known_.erase(id); }

  queue::Spool& spool_;
  queue::RetryPolicy policy_;
  queue::ConcurrencyLimiter limiter_;
  Log log_;
  Post post_;
  std::shared_ptr<Transport> transports_[2];
  std::shared_ptr<ReportFactory> reports_;
  std::map<std::string, std::int64_t> deferred_due_;  // id -> next attempt (file in deferred/)
  std::deque<Entry> backlog_;                         // known, not yet classified
  std::map<std::string, std::deque<Entry>> ready_;    // destination -> FIFO waiting for a slot
  std::map<std::string, Flight> in_flight_;           // id -> what was sent (file in active/)
  std::set<std::string> known_;                       // ids in backlog_, ready_ or in_flight_
  bool pump_posted_ = false;
  bool sync_posted_ = false;
  bool stopping_ = false;
  QueueManagerStats stats_;

 public:
  // The clock of completions and wake-ups (unix seconds); replaceable in tests.
  std::function<std::int64_t()> now;
};

}  // namespace mixer::daemon
