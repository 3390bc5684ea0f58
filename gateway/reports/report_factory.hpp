// The gateway's daemon::ReportFactory (gateway/daemon/ports.hpp): turns the
// queue's ReportNeeded events into new queue Records in the originator's own
// world (issue #8; RFC 2156 §5.1, §5.3.3; RFC 3461 §6; X.411 §12.2.1.3):
//
//  subject smtp_to_x400 (an SMTP originator) -> a DSN:
//     direction x400_to_smtp, format rfc5322, originator "" (null),
//     one recipient = the subject's originator, is-report=1, subject-id.
//     Per recipient: failed (Status from the diagnostic's enhanced code, else
//     5.0.0), delayed (4.4.7 + Will-Retry-Until), delivered; only recipients
//     whose NOTIFY asks for it; RET=FULL returns the whole message.
//  subject x400_to_smtp with format p1-apdu (an X.400 originator) -> a
//     DR/NDR ReportTransfer APDU: direction smtp_to_x400, format p1-apdu,
//     one recipient = the X.400 originator (std-or), is-report=1, mts-id =
//     the report's identifier. Per recipient: or-address / rcpt-number attrs
//     (written by the P1 intake), report request from the subject envelope's
//     per-recipient indicators; content returned when content-return-request
//     was set. Delay: X.400 has no delay report, so nothing is owed.
//
// "Nothing owed" (the subject is a report, every recipient said NEVER, a
// delay towards X.400) is returned as a Record with NO recipients: the
// caller must not store it (the queue treats the report as settled).
// Errors: the subject cannot be read (bad BER, unmappable originator).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "gateway/daemon/ports.hpp"
#include "gateway/queue/record.hpp"
#include "gateway/queue/schedule.hpp"
#include "mapping/address/context.hpp"
#include "mapping/report/gateway_outcome.hpp"
#include "mapping/report/gateway_reports.hpp"

namespace mixer::reports {

struct ReportFactoryConfig {
  mapping::report::GatewayReportIdentity gateway;
  // Retry horizon of the queue (config queue.max_lifetime) for Will-Retry-Until.
  std::int64_t give_up_seconds = 432000;
  // Largest returned content copied into a report; above it, headers only
  // (DSN) or no returned content (X.400). Range 0..1 GiB.
  std::size_t max_returned_content = 10 * 1024 * 1024;
};

class GatewayReportFactory final : public daemon::ReportFactory {
 public:
  using Clock = std::function<std::int64_t()>;  // unix seconds
  // `ctx` may be swapped by the daemon on reload (set_context).
  GatewayReportFactory(ReportFactoryConfig cfg, std::shared_ptr<const mapping::address::MappingContext> ctx,
                       Clock clock = {});

  void set_context(std::shared_ptr<const mapping::address::MappingContext> ctx);

  Result<queue::Record, std::string> make_report(const queue::Record& subject,
                                                 const queue::ReportNeeded& need) override;

  // A delivery report for the delivered recipients `indices` whose X.400
  // report request asks for one (same conventions as make_report). Only for
  // X.400 originators, and meant for a hand-off to an SMTP next hop that
  // will not report (no DSN extension): when the next hop accepted
  // NOTIFY=SUCCESS its DSN comes back and becomes the DR. For SMTP
  // originators nothing is owed: X.400's own DR comes back as the DSN.
  Result<queue::Record, std::string> make_success_report(const queue::Record& subject,
                                                         const std::vector<std::size_t>& indices);

 private:
  enum class Kind { failure, delay, success };
  Result<queue::Record, std::string> build(const queue::Record& subject,
                                           const std::vector<std::size_t>& indices, Kind kind);
  Result<queue::Record, std::string> to_smtp(const queue::Record& subject,
                                             const std::vector<std::size_t>& indices, Kind kind,
                                             std::int64_t now);
  Result<queue::Record, std::string> to_x400(const queue::Record& subject,
                                             const std::vector<std::size_t>& indices, Kind kind,
                                             std::int64_t now, const mapping::address::MappingContext& ctx);
  ReportFactoryConfig cfg_;
  std::mutex mu_;  // guards ctx_ (set_context runs on reload, make_report on the queue strand)
  std::shared_ptr<const mapping::address::MappingContext> ctx_;
  Clock clock_;
};

// The queue's per-recipient diagnostic text -> the gateway failure reason:
// "expired: ..." (queue expiry), "550 5.1.1 ..." (SMTP reply), "5.1.1 ..."
// (bare enhanced code), otherwise keywords (unmappable, too large, loop, no
// route, conversion), else peer_refused (docs/conformance/reports.md).
mapping::report::GatewayFailure classify_diagnostic(mapping::report::TypedValue recipient,
                                                    std::optional<mapping::report::TypedValue> original,
                                                    std::string_view diagnostic);

// True when a Record from make_report carries a report to store.
inline bool report_owed(const queue::Record& r) { return !r.recipients.empty(); }

}  // namespace mixer::reports
