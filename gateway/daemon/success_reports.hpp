// Positive reports after delivery: when a transport reports recipients
// delivered, the report factory is asked for a success report (an SMTP
// originator's NOTIFY=SUCCESS -> a DSN with Action: relayed, RFC 3461 6.2.3,
// since X.400 is a non-DSN environment to SMTP; an X.400 originator's
// delivery-report request -> an X.400 delivery report, X.411 12.2.1.1.1.x).
// The factory decides whether one is owed; when it is, the report is stored
// in the spool BEFORE the outcomes reach the queue manager, so a crash can
// repeat a success report but never lose one (same rule as failure reports,
// docs/conformance/gateway.md "Report durability"). A report that cannot be
// built or stored is logged; the delivery itself stands.
#pragma once

#include <functional>
#include <memory>

#include "gateway/daemon/ports.hpp"
#include "gateway/metrics/metrics.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::daemon {

class SuccessReports final : public Transport {
 public:
  // Returns the report record (no recipients = none owed) for the delivered indices.
  using Make = std::function<Result<queue::Record, std::string>(const queue::Record&, const std::vector<std::size_t>&)>;
  using Log = std::function<void(int level, const std::string& line)>;
  SuccessReports(std::shared_ptr<Transport> inner, Make make, queue::Spool& spool, Log log,
                 metrics::Metrics* m = nullptr)
      : inner_(std::move(inner)), make_(std::move(make)), spool_(spool), log_(std::move(log)), metrics_(m) {}
  std::string destination(const DeliveryRequest& request) const override { return inner_->destination(request); }
  void deliver(DeliveryRequest request, Done done) override;

 private:
  std::shared_ptr<Transport> inner_;
  Make make_;
  queue::Spool& spool_;
  Log log_;
  metrics::Metrics* metrics_;
};

}  // namespace mixer::daemon
