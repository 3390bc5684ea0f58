// X.400 delivery / non-delivery report -> DSN (RFC 2156 §5.3.3, RFC 3464,
// digest §4.1): multipart/report; report-type=delivery-status, sent by the
// gateway to the RFC 822 originator with MAIL FROM:<>.
//
// Per-message: Original-Envelope-Id (the stored ENVID), Reporting-MTA
// "x400; <reporting MTA>", DSN-Gateway "dns; <gateway>", Arrival-Date, and
// X400-MTS-Identifier / X400-Content-Identifier / X400-Content-Type.
// Per-recipient: Original-Recipient, Final-Recipient (rfc822 or x400),
// Action delivered/failed, Status from x400_to_status(), Diagnostic-Code
// "X400; reason=..; diagnostic=..; <supplementary info>", Last-Attempt-Date
// (delivery time). Returned content: message/rfc822 when the report returned
// it, else text/rfc822-headers when the gateway kept the headers.
#pragma once

#include <optional>
#include <string>

#include "mapping/report/dsn.hpp"
#include "mapping/report/x400_report.hpp"

namespace mixer::mapping::report {

struct DsnEnvelope {
  std::string gateway_domain;  // DSN-Gateway and the From: address domain
  std::string from;            // From: header, e.g. "MIXER gateway <postmaster@gw.example>"
  std::string to;              // the RFC 822 originator (also RCPT TO)
  std::string message_id;      // "<...>"
  Timestamp date;              // Date: of the report (the caller's clock)
  std::optional<std::string> original_envelope_id;  // ENVID stored with the subject
  std::optional<std::string> original_headers;      // subject's header block, when kept
  std::optional<std::string> original_subject;
};

DeliveryStatus x400_report_to_delivery_status(const X400Report& report, const DsnEnvelope& env);
// The complete message (CRLF).
std::string x400_report_to_dsn(const X400Report& report, const DsnEnvelope& env);

// The human-readable part for a delivery-status (shared by every DSN the
// gateway writes): one paragraph per recipient.
std::string describe_delivery_status(const DeliveryStatus& ds, std::string_view intro);

}  // namespace mixer::mapping::report
