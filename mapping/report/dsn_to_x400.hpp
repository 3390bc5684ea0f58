// DSN (RFC 3464) for a message that came from X.400 -> X.400 report to the
// X.400 originator (RFC 2156 §5.1, digest §4.2).
//
// Correlation: the gateway sent ENVID = xtext(MTS identifier) (§2.5), so the
// DSN's Original-Envelope-Id (decoded) is the MTS identifier; failing that,
// an X400-MTS-Identifier: header in the returned content. Per recipient: the
// ORCPT the gateway sent ("x400; std-or") or the Final-Recipient address
// picks the stored recipient. Action failed -> non-delivery with codes from
// the X400 Diagnostic-Code when present (an X.400 report that crossed SMTP
// and came back keeps its codes), else from the status; class 4 with Action
// failed means the remote MTA gave up retrying -> maximum-time-expired.
// Action delivered -> delivery (time from Last-Attempt-Date, else
// Arrival-Date, else `now`). delayed: dropped. relayed/expanded: dropped
// unless the policy says to answer with a delivery report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/dsn_params.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/multipart_report.hpp"
#include "mapping/report/x400_report.hpp"

namespace mixer::mapping::report {

// What the queue stored when the subject message went X.400 -> SMTP.
struct StoredSubject {
  std::string mts_id;
  bool content_return_request = false;
  bool content_stored = false;
  std::optional<std::string> content_identifier;
  struct Recipient {
    std::string smtp_address;                                 // RCPT TO
    TypedValue x400_recipient;                                // the P1 recipient name ("x400" std-or)
    std::optional<TypedValue> originally_intended_recipient;  // from the subject
    ReportRequest request;
  };
  std::vector<Recipient> recipients;
};

struct DsnToX400Policy {
  // RFC 3461 "relayed": the far side will not report. Default: no X.400
  // delivery report claims delivery that nobody saw (reports.md §relayed).
  bool relayed_as_delivery = false;
};

// The MTS identifier the DSN refers to, or nullopt when it cannot be tied to
// an X.400 message (then it is not a report for X.400; digest §4.2 last para).
std::optional<std::string> subject_mts_id(const ReceivedReport& report, const DeliveryStatus& ds);

// nullopt when no recipient of the DSN needs an X.400 report (all delayed,
// not requested, or not ours). Error when a DSN recipient matches no stored
// recipient and nothing else matched either (a DSN about someone else).
Result<std::optional<X400Report>, ReportError> dsn_to_x400_report(const DeliveryStatus& ds,
                                                                  const StoredSubject& subject,
                                                                  const std::string& gateway_mta, Timestamp now,
                                                                  const DsnToX400Policy& policy = {});

}  // namespace mixer::mapping::report
