#include "gateway/daemon/probe_answer.hpp"

#include <chrono>

#include "gateway/daemon/identity.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "gateway/queue/spool.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::daemon {

Result<queue::Record, std::string> answer_probe(const x400side::Intake& probe,
                                                const mapping::address::MappingContext& ctx,
                                                const config::Config& cfg, std::int64_t now) {
  const auto* p = std::get_if<x400::asn::Probe>(&probe.apdu);
  if (!p) return fail(std::string("not a probe"));
  mapping::report::ProbePolicy policy;
  policy.max_size = static_cast<std::size_t>(cfg.limits[config::Limit::message_max_size]);
  mapping::report::ToX400Options o;
  o.now = mapping::report::Timestamp(std::chrono::seconds(now));
  o.unique = queue::make_queue_id();
  const auto gw = report_identity(cfg.gateway);
  auto report = mapping::report::answer_probe_apdu(*p, ctx, gw, policy, o);
  if (!report) return fail(report.error().to_string());
  if (!*report) return fail(std::string("no recipient of the probe asked for a report"));
  auto to = mapping::address::print_std_or(p->envelope.originator_name.address);
  if (!to) return fail("probe originator has no std-or form: " + to.error().to_string());
  auto bytes = x400::asn::encode_mts_apdu(x400::asn::MtsApdu(std::move(**report)));
  if (!bytes) return fail("probe answer does not encode: " + bytes.error().to_string());
  queue::Record r;
  r.id = o.unique;
  r.arrival = now;
  r.direction = queue::Direction::smtp_to_x400;
  r.attrs[queue::attr::kFormat] = queue::attr::kFormatP1Apdu;
  r.attrs[queue::attr::kIsReport] = "1";
  if (auto it = probe.record.attrs.find(queue::attr::kReceivedFrom); it != probe.record.attrs.end())
    r.attrs[queue::attr::kReceivedFrom] = it->second;
  queue::Recipient rc;
  rc.address = *to;
  rc.attrs[queue::attr::kOrAddress] = *to;
  r.recipients.push_back(std::move(rc));
  r.content.assign(bytes->begin(), bytes->end());
  return r;
}

}  // namespace mixer::daemon
