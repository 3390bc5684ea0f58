#include "gateway/queue/schedule.hpp"

#include <algorithm>
#include <limits>

namespace mixer::queue {
namespace {

bool open(const Recipient& rc) { return rc.status == RcptStatus::pending || rc.status == RcptStatus::deferred; }

}  // namespace

std::int64_t backoff(const RetryPolicy& p, std::uint32_t attempts) {
  std::int64_t lo = std::max<std::int64_t>(1, p.min_backoff);
  std::int64_t hi = std::max(lo, p.max_backoff);
  std::int64_t wait = lo;
  for (std::uint32_t i = 1; i < attempts && wait < hi; ++i) wait *= 2;  // stops before overflow
  return std::clamp(wait, lo, hi);
}

Decision expire(Record& r, const RetryPolicy& p, std::int64_t now) {
  Decision d;
  ReportNeeded delay{ReportKind::delay, {}}, failure{ReportKind::failure, {}};
  const std::int64_t age = now - r.arrival;
  for (std::size_t i = 0; i < r.recipients.size(); ++i) {
    auto& rc = r.recipients[i];
    if (open(rc) && age >= p.give_up) {
      rc.status = RcptStatus::failed;
      rc.diagnostic = "expired: not delivered within " + std::to_string(p.give_up) + "s; last: " + rc.diagnostic;
    }
    if (rc.status == RcptStatus::failed && !rc.reported) {
      rc.reported = true;
      failure.recipients.push_back(i);
    } else if (open(rc) && rc.attempts > 0 && age >= p.delay_warning && !rc.delay_warned) {
      rc.delay_warned = true;
      delay.recipients.push_back(i);
    }
  }
  if (!delay.recipients.empty()) d.reports.push_back(std::move(delay));
  if (!failure.recipients.empty()) d.reports.push_back(std::move(failure));
  std::int64_t next = std::numeric_limits<std::int64_t>::max();
  for (const auto& rc : r.recipients)
    if (open(rc)) next = std::min(next, rc.next_retry);
  if (next == std::numeric_limits<std::int64_t>::max()) {
    d.disposition = Disposition::finished;
  } else {
    d.disposition = Disposition::deferred;
    // Wake up for the give-up time too, so expiry does not wait for a retry.
    d.next_attempt = std::min(next, r.arrival + p.give_up);
  }
  return d;
}

Decision apply_outcomes(Record& r, const std::vector<RecipientOutcome>& outcomes, const RetryPolicy& p,
                        std::int64_t now) {
  for (const auto& o : outcomes) {
    if (o.index >= r.recipients.size()) continue;
    auto& rc = r.recipients[o.index];
    if (!open(rc)) continue;  // a duplicate outcome never reopens a final recipient
    rc.attempts += 1;
    rc.diagnostic = o.diagnostic;
    switch (o.result) {
      case AttemptResult::delivered: rc.status = RcptStatus::delivered; break;
      case AttemptResult::permanent_failure: rc.status = RcptStatus::failed; break;
      case AttemptResult::temporary_failure:
        rc.status = RcptStatus::deferred;
        rc.next_retry = now + backoff(p, rc.attempts);
        break;
    }
  }
  return expire(r, p, now);
}

std::vector<std::size_t> due_recipients(const Record& r, std::int64_t now) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < r.recipients.size(); ++i)
    if (open(r.recipients[i]) && r.recipients[i].next_retry <= now) out.push_back(i);
  return out;
}

bool ConcurrencyLimiter::try_acquire(const std::string& destination) {
  auto& n = active_[destination];
  if (n >= limit_) return false;
  ++n;
  return true;
}

void ConcurrencyLimiter::release(const std::string& destination) {
  auto it = active_.find(destination);
  if (it == active_.end() || it->second == 0) return;
  if (--it->second == 0) active_.erase(it);
}

std::size_t ConcurrencyLimiter::in_flight(const std::string& destination) const {
  auto it = active_.find(destination);
  return it == active_.end() ? 0 : it->second;
}

}  // namespace mixer::queue
