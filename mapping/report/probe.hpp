// Answering an X.400 probe for recipients behind the gateway (RFC 2156
// §5.3.9 and App. A §1, digest §4.4): SMTP has no probe, so the gateway
// answers from what it can determine without sending mail: the address
// mapping (given here as the mapped address, absent when unmappable), a
// routing predicate supplied by the caller, and the size limit for the
// probe's content-length. Deliverable -> delivery report entry where asked;
// otherwise non-delivery (unrecognised-OR-name / content-too-long).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mapping/report/gateway_outcome.hpp"
#include "mapping/report/x400_report.hpp"

namespace mixer::mapping::report {

struct ProbeRecipient {
  TypedValue x400_recipient;
  std::optional<TypedValue> originally_intended_recipient;
  std::optional<std::string> mapped_rfc822;  // result of the address mapping; nullopt = unmappable
  ReportRequest request;
};

struct Probe {
  std::string mts_id;  // the probe's identifier (subject identifier of the report)
  std::optional<std::size_t> content_length;
  std::optional<std::string> content_identifier;
  std::optional<Timestamp> arrival_time;
  std::vector<ProbeRecipient> recipients;
};

// `routable(address)` says whether the gateway has a route for the mapped
// address (e.g. a domain it relays for). `max_size` is the gateway's
// message size limit. nullopt when no recipient asked for a report.
std::optional<X400Report> answer_probe(const Probe& probe,
                                       const std::function<bool(const std::string&)>& routable,
                                       std::size_t max_size, const std::string& gateway_mta, Timestamp now);

}  // namespace mixer::mapping::report
