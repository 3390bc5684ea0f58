#include "gateway/daemon/success_reports.hpp"

#include "gateway/queue/attr_keys.hpp"

namespace mixer::daemon {

void SuccessReports::deliver(DeliveryRequest request, Done done) {
  auto subject = std::make_shared<queue::Record>(request.record);
  inner_->deliver(std::move(request), [this, subject, done = std::move(done)](
                                          std::vector<queue::RecipientOutcome> outcomes) mutable {
    std::vector<std::size_t> delivered;
    for (const auto& o : outcomes)
      if (o.result == queue::AttemptResult::delivered) delivered.push_back(o.index);
    const auto is_report = subject->attrs.find(queue::attr::kIsReport);
    if (delivered.empty() || (is_report != subject->attrs.end() && is_report->second == "1"))
      return done(std::move(outcomes));
    auto report = make_(*subject, delivered);
    if (!report) {
      if (log_) log_(2, subject->id + ": success report not built: " + report.error());
      return done(std::move(outcomes));
    }
    if (report->recipients.empty()) return done(std::move(outcomes));  // none requested
    spool_.submit(std::move(report).value(), [this, subject, done = std::move(done),
                                              outcomes = std::move(outcomes)](queue::SpoolResult<std::string> id) mutable {
      if (id) {
        if (metrics_) ++metrics_->reports;
        if (log_) log_(0, subject->id + ": delivery report queued as " + *id);
      } else if (log_) {
        log_(2, subject->id + ": delivery report not stored: " + id.error().to_string());
      }
      done(std::move(outcomes));
    });
  });
}

}  // namespace mixer::daemon
