#include "mapping/report/dsn.hpp"

#include <array>

namespace mixer::mapping::report {
namespace {

constexpr std::array<std::string_view, 5> kActionNames = {"failed", "delayed", "delivered", "relayed", "expanded"};

ReportError field_error(std::string what, const Field& f) { return ReportError{std::move(what), f.name, f.line}; }

// First white-space separated token, so that "failed (comment)" or
// "5.1.1 (unknown user)" parse: RFC 822 comments are seen in the wild.
std::string_view first_token(std::string_view v) {
  v = trim(v);
  std::size_t end = v.find_first_of(" \t(");
  return v.substr(0, end);
}

template <typename T>
Status<ReportError> set_once(std::optional<T>& slot, T value, const Field& f) {
  if (slot) return fail(field_error("duplicate field", f));
  slot = std::move(value);
  return Ok{};
}

Result<TypedValue, ReportError> typed_field(const Field& f) {
  auto t = parse_typed(f.value);
  if (!t) return fail(field_error("expected \"type; value\"", f));
  return *t;
}

Status<ReportError> parse_per_message(const FieldGroup& g, DeliveryStatus& ds) {
  std::optional<TypedValue> reporting;
  for (const Field& f : g) {
    if (iequal(f.name, "Reporting-MTA")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(reporting, std::move(t), f));
    } else if (iequal(f.name, "Original-Envelope-Id")) {
      MIXER_REPORT_CHECK(set_once(ds.original_envelope_id, f.value, f));
    } else if (iequal(f.name, "DSN-Gateway")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(ds.dsn_gateway, std::move(t), f));
    } else if (iequal(f.name, "Received-From-MTA")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(ds.received_from_mta, std::move(t), f));
    } else if (iequal(f.name, "Arrival-Date")) {
      MIXER_REPORT_CHECK(set_once(ds.arrival_date, f.value, f));
    } else if (iequal(f.name, "Final-Recipient") || iequal(f.name, "Action") || iequal(f.name, "Status")) {
      return fail(field_error("per-recipient field in the per-message group (missing blank line?)", f));
    } else {
      ds.extensions.push_back(f);
    }
  }
  if (!reporting) {
    return fail(ReportError{"per-message group lacks Reporting-MTA (RFC 3464 §2.2.2)", "Reporting-MTA",
                            g.empty() ? 0 : g.front().line});
  }
  ds.reporting_mta = std::move(*reporting);
  return Ok{};
}

Result<DsnRecipient, ReportError> parse_recipient(const FieldGroup& g) {
  DsnRecipient r;
  std::optional<TypedValue> final_rcpt;
  std::optional<DsnAction> action;
  std::optional<StatusCode> status;
  for (const Field& f : g) {
    if (iequal(f.name, "Final-Recipient")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(final_rcpt, std::move(t), f));
    } else if (iequal(f.name, "Original-Recipient")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(r.original_recipient, std::move(t), f));
    } else if (iequal(f.name, "Action")) {
      auto a = parse_dsn_action(first_token(f.value));
      if (!a) return fail(field_error("unknown action \"" + printable_ascii(f.value) + "\"", f));
      MIXER_REPORT_CHECK(set_once(action, *a, f));
    } else if (iequal(f.name, "Status")) {
      auto s = parse_status_code(first_token(f.value));
      if (!s) return fail(field_error("malformed status code \"" + printable_ascii(f.value) + "\"", f));
      MIXER_REPORT_CHECK(set_once(status, *s, f));
    } else if (iequal(f.name, "Remote-MTA")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(r.remote_mta, std::move(t), f));
    } else if (iequal(f.name, "Diagnostic-Code")) {
      auto t = MIXER_TRY(typed_field(f));
      MIXER_REPORT_CHECK(set_once(r.diagnostic_code, std::move(t), f));
    } else if (iequal(f.name, "Last-Attempt-Date")) {
      MIXER_REPORT_CHECK(set_once(r.last_attempt_date, f.value, f));
    } else if (iequal(f.name, "Final-Log-ID")) {
      MIXER_REPORT_CHECK(set_once(r.final_log_id, f.value, f));
    } else if (iequal(f.name, "Will-Retry-Until")) {
      MIXER_REPORT_CHECK(set_once(r.will_retry_until, f.value, f));
    } else {
      r.extensions.push_back(f);
    }
  }
  std::size_t line = g.empty() ? 0 : g.front().line;
  if (!final_rcpt) return fail(ReportError{"recipient group lacks Final-Recipient (RFC 3464 §2.3.2)", "Final-Recipient", line});
  if (!action) return fail(ReportError{"recipient group lacks Action (RFC 3464 §2.3.3)", "Action", line});
  if (!status) return fail(ReportError{"recipient group lacks Status (RFC 3464 §2.3.4)", "Status", line});
  r.final_recipient = std::move(*final_rcpt);
  r.action = *action;
  r.status = *status;
  return r;
}

void append_typed(std::string& out, std::string_view name, const std::optional<TypedValue>& t) {
  if (t) append_field(out, name, format_typed(*t));
}
void append_opt(std::string& out, std::string_view name, const std::optional<std::string>& v) {
  if (v) append_field(out, name, *v);
}

}  // namespace

std::string_view to_string(DsnAction a) { return kActionNames[static_cast<std::size_t>(a)]; }

std::optional<DsnAction> parse_dsn_action(std::string_view s) {
  for (std::size_t i = 0; i < kActionNames.size(); ++i) {
    if (iequal(s, kActionNames[i])) return static_cast<DsnAction>(i);
  }
  return std::nullopt;
}

std::optional<TypedValue> parse_typed(std::string_view s) {
  std::size_t semi = s.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  std::string_view type = trim(s.substr(0, semi));
  if (type.empty()) return std::nullopt;
  return TypedValue{std::string(type), std::string(trim(s.substr(semi + 1)))};
}

std::string format_typed(const TypedValue& t) { return t.type + "; " + t.value; }

std::string printable_ascii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\r' || c == '\n') {
      out.push_back(' ');
    } else if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
      out.push_back(ch);
    } else {
      out.push_back('?');
    }
  }
  return out;
}

Result<DeliveryStatus, ReportError> parse_delivery_status(std::string_view body, const ReportLimits& limits,
                                                          std::size_t first_line) {
  auto groups = MIXER_TRY(parse_field_groups(body, limits, first_line));
  if (groups.empty()) return fail(ReportError{"empty delivery-status body", "", first_line});
  DeliveryStatus ds;
  MIXER_REPORT_CHECK(parse_per_message(groups.front(), ds));
  if (groups.size() < 2) {
    return fail(ReportError{"no per-recipient group (RFC 3464 §2.1 requires at least one)", "", first_line});
  }
  for (std::size_t i = 1; i < groups.size(); ++i) {
    ds.recipients.push_back(MIXER_TRY(parse_recipient(groups[i])));
  }
  return ds;
}

std::string print_delivery_status(const DeliveryStatus& ds) {
  std::string out;
  append_opt(out, "Original-Envelope-Id", ds.original_envelope_id);
  append_field(out, "Reporting-MTA", format_typed(ds.reporting_mta));
  append_typed(out, "DSN-Gateway", ds.dsn_gateway);
  append_typed(out, "Received-From-MTA", ds.received_from_mta);
  append_opt(out, "Arrival-Date", ds.arrival_date);
  for (const Field& f : ds.extensions) append_field(out, f.name, f.value);
  for (const DsnRecipient& r : ds.recipients) {
    out.append("\r\n");
    append_typed(out, "Original-Recipient", r.original_recipient);
    append_field(out, "Final-Recipient", format_typed(r.final_recipient));
    append_field(out, "Action", to_string(r.action));
    append_field(out, "Status", r.status.to_string());
    append_typed(out, "Remote-MTA", r.remote_mta);
    append_typed(out, "Diagnostic-Code", r.diagnostic_code);
    append_opt(out, "Last-Attempt-Date", r.last_attempt_date);
    append_opt(out, "Final-Log-ID", r.final_log_id);
    append_opt(out, "Will-Retry-Until", r.will_retry_until);
    for (const Field& f : r.extensions) append_field(out, f.name, f.value);
  }
  return out;
}

}  // namespace mixer::mapping::report
