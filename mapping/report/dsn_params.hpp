// SMTP DSN parameters (RFC 3461 §4) <-> X.400 envelope fields (RFC 2156
// Appendix A §3.1, digest §2.5 and §4.3):
//   NOTIFY  <-> per-recipient originator-report-request bits
//              (PerRecipientIndicators originator-report(3) and
//               originator-non-delivery-report(4), X.411 §12.2.1.1.1.x)
//   RET     <-> content-return-request
//   ENVID   <-> the subject message's MTS identifier (textual form)
//   ORCPT   <-> originally-intended-recipient ("rfc822" or "x400" type)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/error.hpp"

namespace mixer::mapping::report {

// The two X.400 per-recipient report request bits. report=true means "a
// delivery report and a non-delivery report"; non_delivery_report=true alone
// means "only on failure"; both false means "no report" (X.411 §8.2.1.1.1.x:
// the originator cannot suppress non-delivery entirely with the MTS, but
// non-delivery-report=0 & report=0 is the NEVER case of RFC 2156 App. A).
struct ReportRequest {
  bool report = false;
  bool non_delivery_report = true;
  friend bool operator==(const ReportRequest&, const ReportRequest&) = default;
};

struct Notify {
  bool never = false;
  bool success = false;
  bool failure = false;
  bool delay = false;
  friend bool operator==(const Notify&, const Notify&) = default;
};

// Parses the NOTIFY value: "NEVER" alone, or a comma list of SUCCESS,
// FAILURE, DELAY (case-insensitive, RFC 3461 §4.1). Errors on unknown
// keywords, repeats, empty items, NEVER combined with others.
Result<Notify, ReportError> parse_notify(std::string_view value);
std::string format_notify(const Notify& n);

// RFC 2156 App. A §3.1: NEVER -> both bits 0; SUCCESS present -> report
// bit; otherwise -> non-delivery-report bit. DELAY has no X.400 equivalent.
// Absent NOTIFY (nullopt) = SMTP default semantics = non-delivery only.
ReportRequest notify_to_request(const std::optional<Notify>& notify);
// The reverse (X.400 -> SMTP): report -> SUCCESS,FAILURE; non-delivery only
// -> FAILURE; neither -> NEVER. DELAY is never requested: the gateway has
// nothing to map a delay DSN to (reports.md §NOTIFY).
Notify request_to_notify(const ReportRequest& r);

enum class Ret { full, hdrs };
Result<Ret, ReportError> parse_ret(std::string_view value);
std::string_view format_ret(Ret r);
// RET=FULL <-> content-return-request; HDRS or absent <-> not requested.
bool ret_to_content_return(const std::optional<Ret>& ret);
Ret content_return_to_ret(bool content_return_request);

// ENVID (RFC 3461 §4.4): at most 100 characters of xtext.
inline constexpr std::size_t kMaxEnvidLength = 100;
// The ENVID the gateway sends for a message from X.400: xtext of the MTS
// identifier text. Error when the encoded form exceeds 100 characters.
Result<std::string, ReportError> envid_from_mts_id(std::string_view mts_id_text);
// The MTS identifier text back from an ENVID parameter (xtext-decoded).
Result<std::string, ReportError> mts_id_from_envid(std::string_view envid_xtext);

// ORCPT (RFC 3461 §4.2): "addr-type;xtext". Decoded into a TypedValue.
Result<TypedValue, ReportError> parse_orcpt(std::string_view value);
std::string format_orcpt(const TypedValue& address);
// Only "rfc822" and "x400" originals can become an X.400
// originally-intended-recipient (RFC 2156 App. A §3.1).
bool orcpt_usable_in_x400(const TypedValue& address);

}  // namespace mixer::mapping::report
