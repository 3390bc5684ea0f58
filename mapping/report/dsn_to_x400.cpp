#include "mapping/report/dsn_to_x400.hpp"

#include "mapping/report/date_time.hpp"
#include "mapping/report/gateway_outcome.hpp"
#include "mapping/report/x400_codes.hpp"

namespace mixer::mapping::report {
namespace {

// Local-part is case-sensitive in principle (RFC 5321 §2.4) but MTAs report
// it as given; compare exactly, domain case-insensitively.
bool same_address(std::string_view a, std::string_view b) {
  std::size_t at_a = a.rfind('@'), at_b = b.rfind('@');
  if (at_a == std::string_view::npos || at_b == std::string_view::npos) return iequal(a, b);
  return a.substr(0, at_a) == b.substr(0, at_b) && iequal(a.substr(at_a), b.substr(at_b));
}

std::string_view strip_angle(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return v;
}

const StoredSubject::Recipient* match(const DsnRecipient& r, const StoredSubject& s) {
  if (r.original_recipient) {
    for (const auto& sr : s.recipients) {
      if (iequal(r.original_recipient->type, "x400") && iequal(sr.x400_recipient.type, "x400") &&
          trim(r.original_recipient->value) == trim(sr.x400_recipient.value)) {
        return &sr;
      }
      if (iequal(r.original_recipient->type, "rfc822") &&
          same_address(strip_angle(r.original_recipient->value), sr.smtp_address)) {
        return &sr;
      }
    }
  }
  if (iequal(r.final_recipient.type, "rfc822")) {
    for (const auto& sr : s.recipients) {
      if (same_address(strip_angle(r.final_recipient.value), sr.smtp_address)) return &sr;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> subject_mts_id(const ReceivedReport& report, const DeliveryStatus& ds) {
  if (ds.original_envelope_id && !ds.original_envelope_id->empty()) return ds.original_envelope_id;
  if (report.returned_index) {
    const ReceivedPart& part = report.parts[*report.returned_index];
    auto groups = parse_field_groups(header_block(part.body), ReportLimits{});
    if (groups && !groups->empty()) {
      for (const Field& f : groups->front()) {
        if (iequal(f.name, "X400-MTS-Identifier")) return f.value;
      }
    }
  }
  return std::nullopt;
}

Result<std::optional<X400Report>, ReportError> dsn_to_x400_report(const DeliveryStatus& ds,
                                                                  const StoredSubject& subject,
                                                                  const std::string& gateway_mta, Timestamp now,
                                                                  const DsnToX400Policy& policy) {
  X400Report rep;
  rep.subject_mts_id = subject.mts_id;
  rep.reporting_mta = gateway_mta;
  rep.content_identifier = subject.content_identifier;
  std::optional<Timestamp> arrival;
  if (ds.arrival_date) arrival = parse_date_time(*ds.arrival_date);
  rep.arrival_time = arrival;
  bool any_failed = false;
  std::size_t matched = 0;
  for (const DsnRecipient& r : ds.recipients) {
    const StoredSubject::Recipient* sr = match(r, subject);
    if (!sr) continue;
    ++matched;
    X400ReportRecipient x;
    x.actual_recipient = sr->x400_recipient;
    x.originally_intended_recipient = sr->originally_intended_recipient;
    std::string detail = r.diagnostic_code ? r.diagnostic_code->type + "; " + r.diagnostic_code->value : std::string();
    switch (r.action) {
      case DsnAction::delayed: continue;  // no X.400 counterpart (digest §4.2)
      case DsnAction::relayed:
      case DsnAction::expanded:
        if (!policy.relayed_as_delivery) continue;
        [[fallthrough]];
      case DsnAction::delivered: {
        x.delivered = true;
        std::optional<Timestamp> t;
        if (r.last_attempt_date) t = parse_date_time(*r.last_attempt_date);
        if (!t) t = arrival;
        x.delivery_time = t ? *t : now;
        break;
      }
      case DsnAction::failed: {
        x.delivered = false;
        std::optional<X400Codes> codes;
        if (r.diagnostic_code && iequal(r.diagnostic_code->type, kX400DiagnosticType)) {
          codes = parse_x400_diagnostic(r.diagnostic_code->value);
        }
        if (!codes) {
          codes = r.status.klass == 4
                      ? X400Codes{NonDeliveryReason::unable_to_transfer,
                                  static_cast<int>(NonDeliveryDiagnostic::maximum_time_expired)}
                      : status_to_x400(r.status);
        }
        x.codes = *codes;
        any_failed = true;
        break;
      }
    }
    if (!detail.empty()) x.supplementary_information = to_supplementary_info(detail);
    if (!x400_report_wanted(x.delivered, sr->request)) continue;
    rep.recipients.push_back(std::move(x));
  }
  if (matched == 0) {
    return fail(ReportError{"no recipient of the DSN matches the stored subject " + printable_ascii(subject.mts_id),
                            "Final-Recipient", 0});
  }
  if (rep.recipients.empty()) return std::optional<X400Report>{};
  rep.return_stored_content = any_failed && subject.content_return_request && subject.content_stored;
  return std::optional<X400Report>{std::move(rep)};
}

}  // namespace mixer::mapping::report
