// Per-recipient outcomes the gateway itself decides or observes, turned into
// the right report in the originator's own world (design.md "Data flow";
// RFC 2156 §5.1, §5.3.3; RFC 3461 §6): a DSN for an SMTP originator, an
// X.400 report for an X.400 originator. Each recipient is judged alone: one
// bad recipient never fails the others, and only recipients whose report
// request asks for it appear in the report. Nothing here generates a report
// about a report: callers pass subjects only (see may_report_on()).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/report/dsn.hpp"
#include "mapping/report/dsn_params.hpp"
#include "mapping/report/x400_report.hpp"
#include "mapping/report/x400_to_dsn.hpp"

namespace mixer::mapping::report {

// Why the gateway could not deliver or relay a recipient.
enum class GatewayReason {
  unmappable_address,             // no RFC 2156 mapping for the address
  conversion_prohibited,          // content needs conversion, originator prohibited it
  conversion_impossible,          // content cannot be converted
  too_large,                      // over the size limit of the gateway or next hop
  expired,                        // queue lifetime / latest-delivery-time passed
  no_route,                       // no next hop for the recipient
  peer_refused,                   // next hop rejected (SMTP reply or X.400 refusal)
  loop_detected,                  // trace / Received: count over the limit
  unsupported_critical_function,  // unknown critical extension
  too_many_recipients,
};

struct GatewayFailure {
  TypedValue recipient;  // as the originator knows it ("rfc822" or "x400")
  std::optional<TypedValue> original_recipient;
  GatewayReason reason = GatewayReason::no_route;
  std::string text;                      // detail for people (peer reply text, limit...)
  std::optional<int> smtp_reply_code;    // peer_refused by an SMTP peer
  std::optional<TypedValue> remote_mta;  // the peer that refused, e.g. {"dns", "mx.example"}
};

// Status and X.400 codes for a gateway failure (reports.md §"Gateway-decided").
StatusCode gateway_status(const GatewayFailure& f);
X400Codes gateway_x400_codes(const GatewayFailure& f);

// --- SMTP originator --------------------------------------------------------

struct SmtpOutcome {
  DsnRecipient dsn;             // the per-recipient group to write
  std::optional<Notify> notify; // the recipient's NOTIFY (absent = SMTP default)
};

SmtpOutcome smtp_failed(const GatewayFailure& f, const std::optional<Notify>& notify, std::optional<Timestamp> last_attempt);
// Still queued: Action delayed, Status 4.x.x, Will-Retry-Until.
SmtpOutcome smtp_delayed(const TypedValue& recipient, const std::optional<TypedValue>& original,
                         const std::optional<Notify>& notify, StatusCode status, std::string text,
                         Timestamp last_attempt, Timestamp retry_until);
// Handed to a system that will not report (RFC 3461 §6.2.4.3): Action relayed.
SmtpOutcome smtp_relayed(const TypedValue& recipient, const std::optional<TypedValue>& original,
                         const std::optional<Notify>& notify, Timestamp when, std::string text);

// RFC 3461 §4.1: failed -> NOTIFY absent or FAILURE; delayed -> DELAY;
// delivered/relayed/expanded -> SUCCESS. NEVER -> nothing.
bool dsn_wanted(DsnAction action, const std::optional<Notify>& notify);

// Builds the DSN for the recipients that want one; nullopt when none does.
// Returned content: the whole message (message/rfc822) when RET=FULL and a
// recipient failed, else its headers (text/rfc822-headers), when given.
std::optional<std::string> build_gateway_dsn(const std::vector<SmtpOutcome>& outcomes, const DsnEnvelope& env,
                                             const std::optional<Ret>& ret,
                                             const std::optional<std::string>& original_message);

// --- X.400 originator -------------------------------------------------------

struct X400Outcome {
  X400ReportRecipient recipient;
  ReportRequest request;  // the subject's per-recipient report request
};

X400Outcome x400_failed(const GatewayFailure& f, const ReportRequest& request);
X400Outcome x400_delivered(const TypedValue& recipient, const std::optional<TypedValue>& original,
                           const ReportRequest& request, Timestamp when, std::string text);

// X.411 §12.2.1.1.1.7: a delivery report only when "report" was asked; a
// non-delivery report unless both bits are clear (RFC 2156 App. A NEVER).
bool x400_report_wanted(bool delivered, const ReportRequest& request);

struct X400Subject {
  std::string mts_id;
  bool content_return_request = false;
  bool content_stored = false;  // the gateway holds the original X.400 content
  std::optional<std::string> content_identifier;
  std::optional<Timestamp> arrival_time;
};

// The X.400 report for the recipients that want one; nullopt when none does.
std::optional<X400Report> build_gateway_x400_report(const std::vector<X400Outcome>& outcomes,
                                                    const X400Subject& subject, const std::string& gateway_mta);

// Loop safety (RFC 3461 §6.2, RFC 3834 §2, RFC 8098 §2.1, X.411: no report
// on a report): only ordinary messages and probes get reports.
enum class SubjectKind { message, probe, delivery_report, notification };
constexpr bool may_report_on(SubjectKind k) { return k == SubjectKind::message || k == SubjectKind::probe; }

}  // namespace mixer::mapping::report
