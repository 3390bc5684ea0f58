#include "mapping/report/dsn_params.hpp"

#include "mapping/report/field_groups.hpp"
#include "mapping/report/xtext.hpp"

namespace mixer::mapping::report {

Result<Notify, ReportError> parse_notify(std::string_view value) {
  Notify n;
  if (value.empty()) return fail(ReportError{"empty NOTIFY value", "NOTIFY", 0});
  std::size_t count = 0;
  while (true) {
    std::size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    bool* slot = nullptr;
    if (iequal(item, "NEVER")) {
      slot = &n.never;
    } else if (iequal(item, "SUCCESS")) {
      slot = &n.success;
    } else if (iequal(item, "FAILURE")) {
      slot = &n.failure;
    } else if (iequal(item, "DELAY")) {
      slot = &n.delay;
    } else {
      return fail(ReportError{"unknown NOTIFY keyword \"" + printable_ascii(item) + "\"", "NOTIFY", 0});
    }
    if (*slot) return fail(ReportError{"repeated NOTIFY keyword", "NOTIFY", 0});
    *slot = true;
    ++count;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  if (n.never && count > 1) return fail(ReportError{"NOTIFY=NEVER combined with other keywords", "NOTIFY", 0});
  return n;
}

std::string format_notify(const Notify& n) {
  if (n.never) return "NEVER";
  std::string s;
  auto add = [&](bool on, std::string_view k) {
    if (!on) return;
    if (!s.empty()) s += ",";
    s += k;
  };
  add(n.success, "SUCCESS");
  add(n.failure, "FAILURE");
  add(n.delay, "DELAY");
  return s.empty() ? "NEVER" : s;
}

ReportRequest notify_to_request(const std::optional<Notify>& notify) {
  if (!notify) return ReportRequest{false, true};
  if (notify->never) return ReportRequest{false, false};
  if (notify->success) return ReportRequest{true, false};
  return ReportRequest{false, true};
}

Notify request_to_notify(const ReportRequest& r) {
  Notify n;
  if (r.report) {
    n.success = true;
    n.failure = true;
  } else if (r.non_delivery_report) {
    n.failure = true;
  } else {
    n.never = true;
  }
  return n;
}

Result<Ret, ReportError> parse_ret(std::string_view value) {
  if (iequal(value, "FULL")) return Ret::full;
  if (iequal(value, "HDRS")) return Ret::hdrs;
  return fail(ReportError{"RET must be FULL or HDRS, got \"" + printable_ascii(value) + "\"", "RET", 0});
}

std::string_view format_ret(Ret r) { return r == Ret::full ? "FULL" : "HDRS"; }

bool ret_to_content_return(const std::optional<Ret>& ret) { return ret && *ret == Ret::full; }
Ret content_return_to_ret(bool content_return_request) { return content_return_request ? Ret::full : Ret::hdrs; }

Result<std::string, ReportError> envid_from_mts_id(std::string_view mts_id_text) {
  std::string x = xtext_encode(mts_id_text);
  if (x.size() > kMaxEnvidLength) {
    return fail(ReportError{"ENVID of " + std::to_string(x.size()) + " characters exceeds RFC 3461's 100", "ENVID", 0});
  }
  return x;
}

Result<std::string, ReportError> mts_id_from_envid(std::string_view envid_xtext) {
  if (envid_xtext.size() > kMaxEnvidLength) {
    return fail(ReportError{"ENVID longer than 100 characters", "ENVID", 0});
  }
  auto d = xtext_decode(envid_xtext);
  if (!d) {
    ReportError e = std::move(d).error();
    e.field = "ENVID";
    return fail(std::move(e));
  }
  return std::move(*d);
}

Result<TypedValue, ReportError> parse_orcpt(std::string_view value) {
  std::size_t semi = value.find(';');
  if (semi == std::string_view::npos || semi == 0) {
    return fail(ReportError{"ORCPT must be addr-type;xtext", "ORCPT", 0});
  }
  auto d = xtext_decode(value.substr(semi + 1));
  if (!d) {
    ReportError e = std::move(d).error();
    e.field = "ORCPT";
    return fail(std::move(e));
  }
  std::string type(value.substr(0, semi));
  for (char& c : type) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return TypedValue{std::move(type), std::move(*d)};
}

std::string format_orcpt(const TypedValue& a) { return a.type + ";" + xtext_encode(a.value); }

bool orcpt_usable_in_x400(const TypedValue& a) { return iequal(a.type, "rfc822") || iequal(a.type, "x400"); }

}  // namespace mixer::mapping::report
