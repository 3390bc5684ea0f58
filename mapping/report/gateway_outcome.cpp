#include "mapping/report/gateway_outcome.hpp"

#include "mapping/report/multipart_report.hpp"

namespace mixer::mapping::report {

StatusCode gateway_status(const GatewayFailure& f) {
  switch (f.reason) {
    case GatewayReason::unmappable_address: return {5, 1, 3};
    case GatewayReason::conversion_prohibited: return {5, 6, 2};
    case GatewayReason::conversion_impossible: return {5, 6, 3};
    case GatewayReason::too_large: return {5, 3, 4};
    case GatewayReason::expired: return {5, 4, 7};
    case GatewayReason::no_route: return {5, 4, 4};
    case GatewayReason::loop_detected: return {5, 4, 6};
    case GatewayReason::unsupported_critical_function: return {5, 3, 3};
    case GatewayReason::too_many_recipients: return {5, 5, 3};
    case GatewayReason::peer_refused:
      if (f.smtp_reply_code) {
        if (auto s = status_from_smtp_reply(*f.smtp_reply_code, f.text)) {
          // The report is final (the gateway gave up), so a transient reply
          // that ended the attempts is reported as permanent.
          StatusCode st = *s;
          if (st.klass != 5) st.klass = 5;
          return st;
        }
      }
      return {5, 0, 0};
  }
  return {5, 0, 0};
}

X400Codes gateway_x400_codes(const GatewayFailure& f) {
  switch (f.reason) {
    case GatewayReason::unmappable_address:
      return {NonDeliveryReason::unable_to_transfer, static_cast<int>(NonDeliveryDiagnostic::unrecognised_or_name)};
    case GatewayReason::no_route:
      return {NonDeliveryReason::unable_to_transfer, static_cast<int>(NonDeliveryDiagnostic::unrecognised_or_name)};
    case GatewayReason::expired:
      return {NonDeliveryReason::unable_to_transfer, static_cast<int>(NonDeliveryDiagnostic::maximum_time_expired)};
    default: return status_to_x400(gateway_status(f));
  }
}

namespace {

std::optional<TypedValue> smtp_diagnostic(const GatewayFailure& f) {
  if (f.smtp_reply_code) {
    return TypedValue{"smtp", std::to_string(*f.smtp_reply_code) + " " + printable_ascii(f.text)};
  }
  if (f.text.empty()) return std::nullopt;
  // X-MIXER: gateway-local diagnostic type (RFC 3464 §2.3.6 allows X- types).
  return TypedValue{"X-MIXER", printable_ascii(f.text)};
}

}  // namespace

SmtpOutcome smtp_failed(const GatewayFailure& f, const std::optional<Notify>& notify,
                        std::optional<Timestamp> last_attempt) {
  SmtpOutcome o;
  o.notify = notify;
  o.dsn.final_recipient = f.recipient;
  o.dsn.original_recipient = f.original_recipient;
  o.dsn.action = DsnAction::failed;
  o.dsn.status = gateway_status(f);
  o.dsn.remote_mta = f.remote_mta;
  o.dsn.diagnostic_code = smtp_diagnostic(f);
  if (last_attempt) o.dsn.last_attempt_date = format_date_time(*last_attempt);
  return o;
}

SmtpOutcome smtp_delayed(const TypedValue& recipient, const std::optional<TypedValue>& original,
                         const std::optional<Notify>& notify, StatusCode status, std::string text,
                         Timestamp last_attempt, Timestamp retry_until) {
  SmtpOutcome o;
  o.notify = notify;
  o.dsn.final_recipient = recipient;
  o.dsn.original_recipient = original;
  o.dsn.action = DsnAction::delayed;
  status.klass = 4;  // RFC 3464 §2.3.4: delayed carries a 4.x.x status
  o.dsn.status = status;
  if (!text.empty()) o.dsn.diagnostic_code = TypedValue{"X-MIXER", printable_ascii(text)};
  o.dsn.last_attempt_date = format_date_time(last_attempt);
  o.dsn.will_retry_until = format_date_time(retry_until);
  return o;
}

SmtpOutcome smtp_relayed(const TypedValue& recipient, const std::optional<TypedValue>& original,
                         const std::optional<Notify>& notify, Timestamp when, std::string text) {
  SmtpOutcome o;
  o.notify = notify;
  o.dsn.final_recipient = recipient;
  o.dsn.original_recipient = original;
  o.dsn.action = DsnAction::relayed;
  o.dsn.status = StatusCode{2, 0, 0};
  if (!text.empty()) o.dsn.diagnostic_code = TypedValue{"X-MIXER", printable_ascii(text)};
  o.dsn.last_attempt_date = format_date_time(when);
  return o;
}

bool dsn_wanted(DsnAction action, const std::optional<Notify>& notify) {
  if (notify && notify->never) return false;
  switch (action) {
    case DsnAction::failed: return !notify || notify->failure;
    case DsnAction::delayed: return notify && notify->delay;
    case DsnAction::delivered:
    case DsnAction::relayed:
    case DsnAction::expanded: return notify && notify->success;
  }
  return false;
}

std::optional<std::string> build_gateway_dsn(const std::vector<SmtpOutcome>& outcomes, const DsnEnvelope& env,
                                             const std::optional<Ret>& ret,
                                             const std::optional<std::string>& original_message) {
  DeliveryStatus ds;
  ds.original_envelope_id = env.original_envelope_id;
  ds.reporting_mta = TypedValue{"dns", env.gateway_domain};
  bool any_failed = false, any_delayed = false;
  for (const SmtpOutcome& o : outcomes) {
    if (!dsn_wanted(o.dsn.action, o.notify)) continue;
    any_failed = any_failed || o.dsn.action == DsnAction::failed;
    any_delayed = any_delayed || o.dsn.action == DsnAction::delayed;
    ds.recipients.push_back(o.dsn);
  }
  if (ds.recipients.empty()) return std::nullopt;
  ReportParts p;
  std::string subject = any_failed    ? "Undelivered Mail Returned to Sender"
                        : any_delayed ? "Delayed Mail (still being retried)"
                                      : "Successful Mail Delivery Report";
  if (env.original_subject) subject += ": " + printable_ascii(*env.original_subject);
  p.headers = {{"From", env.from},
               {"To", env.to},
               {"Date", format_date_time(env.date)},
               {"Subject", subject},
               {"Message-ID", env.message_id}};
  p.report_type = "delivery-status";
  p.human_text = describe_delivery_status(ds, "This is the MIXER X.400 gateway at " + env.gateway_domain +
                                                  ".\n\nReport on your message:");
  p.machine_type = "message/delivery-status";
  p.machine_body = print_delivery_status(ds);
  if (original_message) {
    if (any_failed && ret && *ret == Ret::full) {
      p.returned = ReturnedKind::full_message;
      p.returned_content = *original_message;
    } else {
      p.returned = ReturnedKind::headers_only;
      p.returned_content = std::string(header_block(*original_message));
    }
  }
  return build_report(p);
}

X400Outcome x400_failed(const GatewayFailure& f, const ReportRequest& request) {
  X400Outcome o;
  o.request = request;
  o.recipient.subject_request = request;
  o.recipient.actual_recipient = f.recipient;
  o.recipient.originally_intended_recipient = f.original_recipient;
  o.recipient.delivered = false;
  o.recipient.codes = gateway_x400_codes(f);
  std::string text = f.smtp_reply_code ? std::to_string(*f.smtp_reply_code) + " " + f.text : f.text;
  if (!text.empty()) o.recipient.supplementary_information = to_supplementary_info(text);
  return o;
}

X400Outcome x400_delivered(const TypedValue& recipient, const std::optional<TypedValue>& original,
                           const ReportRequest& request, Timestamp when, std::string text) {
  X400Outcome o;
  o.request = request;
  o.recipient.subject_request = request;
  o.recipient.actual_recipient = recipient;
  o.recipient.originally_intended_recipient = original;
  o.recipient.delivered = true;
  o.recipient.delivery_time = when;
  if (!text.empty()) o.recipient.supplementary_information = to_supplementary_info(text);
  return o;
}

bool x400_report_wanted(bool delivered, const ReportRequest& r) {
  return delivered ? r.report : (r.report || r.non_delivery_report);
}

std::optional<X400Report> build_gateway_x400_report(const std::vector<X400Outcome>& outcomes,
                                                    const X400Subject& subject, const std::string& gateway_mta) {
  X400Report rep;
  rep.subject_mts_id = subject.mts_id;
  rep.reporting_mta = gateway_mta;
  rep.arrival_time = subject.arrival_time;
  rep.content_identifier = subject.content_identifier;
  bool any_failed = false;
  for (const X400Outcome& o : outcomes) {
    if (!x400_report_wanted(o.recipient.delivered, o.request)) continue;
    any_failed = any_failed || !o.recipient.delivered;
    rep.recipients.push_back(o.recipient);
  }
  if (rep.recipients.empty()) return std::nullopt;
  // X.411 §8.2.1.1.1.16: content is returned with non-delivery only.
  rep.return_stored_content = any_failed && subject.content_return_request && subject.content_stored;
  return rep;
}

}  // namespace mixer::mapping::report
