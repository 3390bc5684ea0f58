#include "mapping/report/x400_to_dsn.hpp"

#include "mapping/address/ps_encoding.hpp"
#include "mapping/report/multipart_report.hpp"

namespace mixer::mapping::report {

std::string to_supplementary_info(std::string_view text) {
  // Untrusted text: non-ASCII and control characters become '?' / spaces
  // first, so ps_encode (which accepts ASCII only) cannot fail.
  std::string ascii = printable_ascii(text);
  for (char& c : ascii) {
    if (c == '\t') c = ' ';
  }
  auto encoded = address::ps_encode(ascii);
  std::string out = encoded ? std::move(*encoded) : std::string();
  if (out.size() > kMaxSupplementaryInfo) {
    out.resize(kMaxSupplementaryInfo);
    // Never leave half an escape such as "(06" at the cut.
    std::size_t open = out.rfind('(');
    if (open != std::string::npos && out.find(')', open) == std::string::npos) out.resize(open);
  }
  return out;
}

DeliveryStatus x400_report_to_delivery_status(const X400Report& r, const DsnEnvelope& env) {
  DeliveryStatus ds;
  ds.original_envelope_id = env.original_envelope_id;
  ds.reporting_mta = TypedValue{"x400", printable_ascii(r.reporting_mta)};
  ds.dsn_gateway = TypedValue{"dns", env.gateway_domain};
  if (r.arrival_time) ds.arrival_date = format_date_time(*r.arrival_time);
  ds.extensions.push_back(Field{"X400-MTS-Identifier", printable_ascii(r.subject_mts_id), 0});
  if (r.content_identifier) {
    ds.extensions.push_back(Field{"X400-Content-Identifier", printable_ascii(*r.content_identifier), 0});
  }
  if (r.content_type) ds.extensions.push_back(Field{"X400-Content-Type", printable_ascii(*r.content_type), 0});
  for (const X400ReportRecipient& x : r.recipients) {
    DsnRecipient d;
    if (x.originally_intended_recipient) {
      d.original_recipient = TypedValue{x.originally_intended_recipient->type,
                                        printable_ascii(x.originally_intended_recipient->value)};
    }
    d.final_recipient = TypedValue{x.actual_recipient.type, printable_ascii(x.actual_recipient.value)};
    std::string supp = x.supplementary_information ? printable_ascii(*x.supplementary_information) : std::string();
    if (x.delivered) {
      // RFC 2156 §5.3.3: claim no more than X.400 said: delivered.
      d.action = DsnAction::delivered;
      d.status = StatusCode{2, 0, 0};
      if (x.delivery_time) d.last_attempt_date = format_date_time(*x.delivery_time);
      if (!supp.empty()) d.extensions.push_back(Field{"X400-Supplementary-Info", supp, 0});
    } else {
      d.action = DsnAction::failed;
      d.status = x400_to_status(x.codes);
      d.diagnostic_code = TypedValue{std::string(kX400DiagnosticType), format_x400_diagnostic(x.codes, supp)};
    }
    ds.recipients.push_back(std::move(d));
  }
  return ds;
}

std::string describe_delivery_status(const DeliveryStatus& ds, std::string_view intro) {
  std::string t(intro);
  t += "\n\n";
  for (const DsnRecipient& r : ds.recipients) {
    t += "  " + r.final_recipient.value + "\n";
    switch (r.action) {
      case DsnAction::delivered: t += "    delivered"; break;
      case DsnAction::failed: t += "    could not be delivered"; break;
      case DsnAction::delayed: t += "    delayed, still trying"; break;
      case DsnAction::relayed: t += "    relayed to a system that will not report further"; break;
      case DsnAction::expanded: t += "    delivered and expanded to further recipients"; break;
    }
    t += " (status " + r.status.to_string() + ")\n";
    if (r.diagnostic_code) t += "    " + r.diagnostic_code->type + ": " + r.diagnostic_code->value + "\n";
    if (r.will_retry_until) t += "    will retry until " + *r.will_retry_until + "\n";
    t += "\n";
  }
  return t;
}

std::string x400_report_to_dsn(const X400Report& r, const DsnEnvelope& env) {
  DeliveryStatus ds = x400_report_to_delivery_status(r, env);
  bool any_failed = false;
  for (const auto& x : r.recipients) any_failed = any_failed || !x.delivered;
  ReportParts p;
  std::string subject = any_failed ? "Undelivered Mail Returned to Sender" : "Delivery Report";
  if (env.original_subject) subject += ": " + printable_ascii(*env.original_subject);
  p.headers = {{"From", env.from},
               {"To", env.to},
               {"Date", format_date_time(env.date)},
               {"Subject", subject},
               {"Message-ID", env.message_id}};
  p.report_type = "delivery-status";
  p.human_text = describe_delivery_status(
      ds, "This is the MIXER X.400 gateway at " + env.gateway_domain + ".\n\nThe X.400 MTA " +
              printable_ascii(r.reporting_mta) + " reported on your message " +
              (any_failed ? "(delivery failed for at least one recipient):" : "(delivery report):"));
  p.machine_type = "message/delivery-status";
  p.machine_body = print_delivery_status(ds);
  if (r.returned_content_rfc822) {
    p.returned = ReturnedKind::full_message;
    p.returned_content = *r.returned_content_rfc822;
  } else if (env.original_headers) {
    p.returned = ReturnedKind::headers_only;
    p.returned_content = *env.original_headers;
  }
  return build_report(p);
}

}  // namespace mixer::mapping::report
