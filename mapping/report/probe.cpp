#include "mapping/report/probe.hpp"

namespace mixer::mapping::report {

std::optional<X400Report> answer_probe(const Probe& probe, const std::function<bool(const std::string&)>& routable,
                                       std::size_t max_size, const std::string& gateway_mta, Timestamp now) {
  std::vector<X400Outcome> outcomes;
  for (const ProbeRecipient& r : probe.recipients) {
    GatewayFailure f;
    f.recipient = r.x400_recipient;
    f.original_recipient = r.originally_intended_recipient;
    bool ok = false;
    if (!r.mapped_rfc822) {
      f.reason = GatewayReason::unmappable_address;
      f.text = "no RFC 822 mapping for this O/R address";
    } else if (probe.content_length && *probe.content_length > max_size) {
      f.reason = GatewayReason::too_large;
      f.text = "content length " + std::to_string(*probe.content_length) + " exceeds the gateway limit " +
               std::to_string(max_size);
    } else if (!routable(*r.mapped_rfc822)) {
      f.reason = GatewayReason::no_route;
      f.text = "no route to " + *r.mapped_rfc822;
    } else {
      ok = true;
    }
    if (ok) {
      outcomes.push_back(x400_delivered(r.x400_recipient, r.originally_intended_recipient, r.request, now,
                                        "probe: deliverable as " + *r.mapped_rfc822));
    } else {
      outcomes.push_back(x400_failed(f, r.request));
    }
  }
  X400Subject subject;
  subject.mts_id = probe.mts_id;
  subject.content_identifier = probe.content_identifier;
  subject.arrival_time = probe.arrival_time;
  return build_gateway_x400_report(outcomes, subject, gateway_mta);
}

}  // namespace mixer::mapping::report
