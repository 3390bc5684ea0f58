#include "mapping/report/mdn.hpp"

#include <array>

namespace mixer::mapping::report {
namespace {

constexpr std::array<std::string_view, 4> kTypeNames = {"displayed", "deleted", "dispatched", "processed"};

ReportError bad_disposition(std::string what) { return ReportError{std::move(what), "Disposition", 0}; }

// Removes RFC 822 comments "( ... )" (RFC 8098 allows CFWS around tokens).
std::string strip_comments(std::string_view v) {
  std::string out;
  int depth = 0;
  for (char c : v) {
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(DispositionType t) { return kTypeNames[static_cast<std::size_t>(t)]; }

Result<Disposition, ReportError> parse_disposition(std::string_view raw) {
  std::string v = strip_comments(raw);
  std::string_view s = v;
  std::size_t semi = s.find(';');
  if (semi == std::string_view::npos) return fail(bad_disposition("Disposition lacks ';' before the type"));
  std::string_view modes = s.substr(0, semi);
  std::string_view rest = s.substr(semi + 1);
  std::size_t slash = modes.find('/');
  if (slash == std::string_view::npos) return fail(bad_disposition("Disposition lacks action-mode/sending-mode"));
  std::string_view action = trim(modes.substr(0, slash));
  std::string_view sending = trim(modes.substr(slash + 1));
  Disposition d;
  if (iequal(action, "automatic-action")) {
    d.automatic_action = true;
  } else if (iequal(action, "manual-action")) {
    d.automatic_action = false;
  } else {
    return fail(bad_disposition("unknown action-mode \"" + printable_ascii(action) + "\""));
  }
  if (iequal(sending, "MDN-sent-automatically")) {
    d.sent_automatically = true;
  } else if (iequal(sending, "MDN-sent-manually")) {
    d.sent_automatically = false;
  } else {
    return fail(bad_disposition("unknown sending-mode \"" + printable_ascii(sending) + "\""));
  }
  std::size_t mslash = rest.find('/');
  std::string_view type = trim(rest.substr(0, mslash));
  bool known = false;
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (iequal(type, kTypeNames[i])) {
      d.type = static_cast<DispositionType>(i);
      known = true;
    }
  }
  if (!known) return fail(bad_disposition("unknown disposition-type \"" + printable_ascii(type) + "\""));
  if (mslash != std::string_view::npos) {
    std::string_view mods = rest.substr(mslash + 1);
    if (trim(mods).empty()) return fail(bad_disposition("empty disposition-modifier"));
    while (!mods.empty()) {
      std::size_t comma = mods.find(',');
      std::string_view m = trim(mods.substr(0, comma));
      if (m.empty()) return fail(bad_disposition("empty disposition-modifier"));
      d.modifiers.emplace_back(m);
      if (comma == std::string_view::npos) break;
      mods.remove_prefix(comma + 1);
    }
  }
  return d;
}

std::string format_disposition(const Disposition& d) {
  std::string s = d.automatic_action ? "automatic-action" : "manual-action";
  s += d.sent_automatically ? "/MDN-sent-automatically; " : "/MDN-sent-manually; ";
  s += to_string(d.type);
  for (std::size_t i = 0; i < d.modifiers.size(); ++i) {
    s += i == 0 ? "/" : ",";
    s += d.modifiers[i];
  }
  return s;
}

Result<DispositionNotification, ReportError> parse_disposition_notification(std::string_view body,
                                                                            const ReportLimits& limits,
                                                                            std::size_t first_line) {
  auto groups = MIXER_TRY(parse_field_groups(body, limits, first_line));
  if (groups.empty()) return fail(ReportError{"empty disposition-notification body", "", first_line});
  if (groups.size() > 1) {
    return fail(ReportError{"disposition-notification has more than one field group", "", groups[1].front().line});
  }
  DispositionNotification mdn;
  std::optional<TypedValue> final_rcpt;
  std::optional<Disposition> disposition;
  auto once = [](bool present, const Field& f) -> Status<ReportError> {
    if (present) return fail(ReportError{"duplicate field", f.name, f.line});
    return Ok{};
  };
  auto typed = [](const Field& f) -> Result<TypedValue, ReportError> {
    auto t = parse_typed(f.value);
    if (!t) return fail(ReportError{"expected \"type; value\"", f.name, f.line});
    return *t;
  };
  for (const Field& f : groups.front()) {
    if (iequal(f.name, "Final-Recipient")) {
      MIXER_REPORT_CHECK(once(final_rcpt.has_value(), f));
      final_rcpt = MIXER_TRY(typed(f));
    } else if (iequal(f.name, "Original-Recipient")) {
      MIXER_REPORT_CHECK(once(mdn.original_recipient.has_value(), f));
      mdn.original_recipient = MIXER_TRY(typed(f));
    } else if (iequal(f.name, "Reporting-UA")) {
      MIXER_REPORT_CHECK(once(mdn.reporting_ua.has_value(), f));
      // ua-product is optional (RFC 8098 §3.2.1): "name" alone is valid.
      auto t = parse_typed(f.value);
      mdn.reporting_ua = t ? *t : TypedValue{f.value, ""};
    } else if (iequal(f.name, "MDN-Gateway")) {
      MIXER_REPORT_CHECK(once(mdn.mdn_gateway.has_value(), f));
      mdn.mdn_gateway = MIXER_TRY(typed(f));
    } else if (iequal(f.name, "Original-Message-ID")) {
      MIXER_REPORT_CHECK(once(mdn.original_message_id.has_value(), f));
      mdn.original_message_id = f.value;
    } else if (iequal(f.name, "Disposition")) {
      MIXER_REPORT_CHECK(once(disposition.has_value(), f));
      auto d = parse_disposition(f.value);
      if (!d) {
        ReportError e = std::move(d).error();
        e.line = f.line;
        return fail(std::move(e));
      }
      disposition = std::move(*d);
    } else if (iequal(f.name, "Error")) {
      mdn.errors.push_back(f.value);
    } else {
      mdn.extensions.push_back(f);
    }
  }
  if (!final_rcpt) return fail(ReportError{"lacks Final-Recipient (RFC 8098 §3.2.4)", "Final-Recipient", first_line});
  if (!disposition) return fail(ReportError{"lacks Disposition (RFC 8098 §3.2.6)", "Disposition", first_line});
  mdn.final_recipient = std::move(*final_rcpt);
  mdn.disposition = std::move(*disposition);
  return mdn;
}

std::string print_disposition_notification(const DispositionNotification& mdn) {
  std::string out;
  if (mdn.reporting_ua) {
    append_field(out, "Reporting-UA",
                 mdn.reporting_ua->value.empty() ? mdn.reporting_ua->type : format_typed(*mdn.reporting_ua));
  }
  if (mdn.mdn_gateway) append_field(out, "MDN-Gateway", format_typed(*mdn.mdn_gateway));
  if (mdn.original_recipient) append_field(out, "Original-Recipient", format_typed(*mdn.original_recipient));
  append_field(out, "Final-Recipient", format_typed(mdn.final_recipient));
  if (mdn.original_message_id) append_field(out, "Original-Message-ID", *mdn.original_message_id);
  append_field(out, "Disposition", format_disposition(mdn.disposition));
  for (const std::string& e : mdn.errors) append_field(out, "Error", e);
  for (const Field& f : mdn.extensions) append_field(out, f.name, f.value);
  return out;
}

}  // namespace mixer::mapping::report
