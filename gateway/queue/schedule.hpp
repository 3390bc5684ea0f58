// The queue manager's decisions, as pure functions of a record and the time
// (unix seconds passed in; no clock, no I/O), after Postfix's qmgr
// (qmgr/qmgr_active.c, qmgr_defer.c): retry backoff between configured
// bounds, expiry with a delay-warning time and a give-up time (RFC 3464 /
// X.411 12.2.1.1.1.2: a delay report first, a non-delivery report at the
// end), and per-destination concurrency limits.
//
// The outcome of a delivery attempt is applied per recipient; what the
// originator must be told comes back as ReportNeeded events, which the
// reports mapping turns into a DSN (SMTP originator) or a DR/NDR (X.400
// originator). An event is emitted once: the record remembers it (the
// delay_warned / reported flags) and is rewritten durably before the report is
// queued, so a crash can at worst repeat a report, never lose one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gateway/queue/record.hpp"

namespace mixer::queue {

struct RetryPolicy {
  std::int64_t min_backoff = 300;     // seconds; config queue.min_backoff
  std::int64_t max_backoff = 4000;    // seconds; config queue.max_backoff
  std::int64_t delay_warning = 14400; // seconds after arrival; config queue.delay_warning
  std::int64_t give_up = 432000;      // seconds after arrival; config queue.max_lifetime
};

// The wait before attempt number `attempts`+1 after `attempts` failures:
// min_backoff doubled per failure, never above max_backoff (and never below
// min_backoff).
std::int64_t backoff(const RetryPolicy& p, std::uint32_t attempts);

enum class AttemptResult { delivered, temporary_failure, permanent_failure };

struct RecipientOutcome {
  std::size_t index = 0;  // into Record::recipients
  AttemptResult result = AttemptResult::temporary_failure;
  std::string diagnostic;  // peer text (SMTP reply, X.411 diagnostic), logged and reported
};

enum class ReportKind { delay, failure };

struct ReportNeeded {
  ReportKind kind = ReportKind::failure;
  std::vector<std::size_t> recipients;  // indices into Record::recipients
};

// What the queue manager does with the record after apply/expire.
enum class Disposition {
  finished,  // every recipient final: delete the file (after queuing reports)
  deferred,  // some recipient still to try: keep it in deferred/ until next_attempt
};

struct Decision {
  Disposition disposition = Disposition::deferred;
  std::int64_t next_attempt = 0;       // earliest next_retry of the open recipients
  std::vector<ReportNeeded> reports;  // at most one of each kind
};

// Records an attempt's outcomes (recipients not mentioned keep their state),
// then runs expire(). Updates attempts / next_retry / diagnostics in place.
Decision apply_outcomes(Record& r, const std::vector<RecipientOutcome>& outcomes, const RetryPolicy& p,
                        std::int64_t now);

// Without an attempt: fails recipients past the give-up time ("expired") and
// flags delay warnings due; returns the reports owed and the disposition.
Decision expire(Record& r, const RetryPolicy& p, std::int64_t now);

// Recipients that are open (pending/deferred) and due at `now`.
std::vector<std::size_t> due_recipients(const Record& r, std::int64_t now);

// Per-destination concurrency: at most `limit` deliveries in flight to one
// destination (route name or SMTP next hop). Not thread-safe: the queue
// manager uses it from one strand.
class ConcurrencyLimiter {
 public:
  explicit ConcurrencyLimiter(std::size_t per_destination) : limit_(per_destination) {}
  bool try_acquire(const std::string& destination);
  void release(const std::string& destination);
  std::size_t in_flight(const std::string& destination) const;
  std::size_t limit() const { return limit_; }

 private:
  std::size_t limit_;
  std::map<std::string, std::size_t> active_;
};

}  // namespace mixer::queue
