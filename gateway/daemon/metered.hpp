// Decorators that count what passes through the daemon's ports for the
// metrics endpoint, so no transport or report factory has to know about
// metrics: per-direction recipient outcomes (delivered / deferred / failed),
// the acceptance-to-delivery latency histogram, and reports generated. They
// forward every call unchanged (the outcome vector is passed on as is).
#pragma once

#include <memory>

#include "gateway/daemon/ports.hpp"
#include "gateway/metrics/metrics.hpp"

namespace mixer::daemon {

class MeteredTransport final : public Transport {
 public:
  MeteredTransport(std::shared_ptr<Transport> inner, metrics::Metrics& m) : inner_(std::move(inner)), m_(m) {}
  std::string destination(const DeliveryRequest& request) const override { return inner_->destination(request); }
  void deliver(DeliveryRequest request, Done done) override;

 private:
  std::shared_ptr<Transport> inner_;
  metrics::Metrics& m_;
};

class MeteredReports final : public ReportFactory {
 public:
  MeteredReports(std::shared_ptr<ReportFactory> inner, metrics::Metrics& m) : inner_(std::move(inner)), m_(m) {}
  Result<queue::Record, std::string> make_report(const queue::Record& subject,
                                                 const queue::ReportNeeded& need) override;

 private:
  std::shared_ptr<ReportFactory> inner_;
  metrics::Metrics& m_;
};

}  // namespace mixer::daemon
