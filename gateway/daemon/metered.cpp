#include "gateway/daemon/metered.hpp"

#include <chrono>

namespace mixer::daemon {

void MeteredTransport::deliver(DeliveryRequest request, Done done) {
  const int dir = static_cast<int>(request.record.direction);
  // The queue id starts with the arrival in microseconds (queue::make_queue_id);
  // the record's arrival field has whole seconds only.
  auto arrival = std::chrono::system_clock::time_point(std::chrono::seconds(request.record.arrival));
  if (const auto& id = request.record.id; queue::valid_queue_id(id) && id.size() >= 13) {
    std::uint64_t us = 0;
    bool hex = true;
    for (std::size_t i = 0; i < 13 && hex; ++i) {
      const char c = static_cast<char>(id[i] | 0x20);
      hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      us = us * 16 + static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    if (!hex) us = 0;
    const auto precise = std::chrono::system_clock::time_point(std::chrono::microseconds(us));
    if (precise >= arrival && precise - arrival < std::chrono::seconds(1)) arrival = precise;
  }
  inner_->deliver(std::move(request), [this, dir, arrival, done = std::move(done)](
                                          std::vector<queue::RecipientOutcome> outcomes) {
    auto& d = m_.dir[dir];
    bool any_delivered = false;
    for (const auto& o : outcomes) {
      switch (o.result) {
        case queue::AttemptResult::delivered:
          ++d.delivered;
          any_delivered = true;
          break;
        case queue::AttemptResult::temporary_failure: ++d.deferred; break;
        case queue::AttemptResult::permanent_failure: ++d.failed; break;
      }
    }
    if (any_delivered) {
      const std::chrono::duration<double> age = std::chrono::system_clock::now() - arrival;
      m_.observe_latency(dir, age.count() < 0 ? 0.0 : age.count());
    }
    done(std::move(outcomes));
  });
}

Result<queue::Record, std::string> MeteredReports::make_report(const queue::Record& subject,
                                                               const queue::ReportNeeded& need) {
  auto r = inner_->make_report(subject, need);
  if (r && !r->recipients.empty()) ++m_.reports;
  return r;
}

}  // namespace mixer::daemon
