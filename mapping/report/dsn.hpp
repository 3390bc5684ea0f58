// RFC 3464 message/delivery-status: the model, a parser and a printer.
// Per-message fields §2.2, per-recipient fields §2.3; unknown fields (X-*,
// the X400-* fields of RFC 2156 §5.3.3 and vendor fields such as
// X-Postfix-*) are kept in order as extensions, so nothing is lost.
//
// Values of typed fields are kept as "type" and "value" (RFC 3464 §2.1.2:
// address-type ";" generic-address, mta-name-type ";" mta-name,
// diagnostic-type ";" *text). ORCPT and ENVID values are carried decoded
// here (RFC 3461 §4.2/§4.4: xtext is only the SMTP parameter encoding).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/field_groups.hpp"
#include "mapping/report/limits.hpp"
#include "mapping/report/status_code.hpp"

namespace mixer::mapping::report {

// "type; value" as in Reporting-MTA, Final-Recipient, Diagnostic-Code.
struct TypedValue {
  std::string type;   // "dns", "rfc822", "x400", "smtp", "X400" ...
  std::string value;
  friend bool operator==(const TypedValue&, const TypedValue&) = default;
};

// RFC 3464 §2.3.3.
enum class DsnAction { failed, delayed, delivered, relayed, expanded };
std::string_view to_string(DsnAction a);
std::optional<DsnAction> parse_dsn_action(std::string_view s);

struct DsnRecipient {
  std::optional<TypedValue> original_recipient;
  TypedValue final_recipient;
  DsnAction action = DsnAction::failed;
  StatusCode status;
  std::optional<TypedValue> remote_mta;
  std::optional<TypedValue> diagnostic_code;
  std::optional<std::string> last_attempt_date;  // RFC 5322 date-time text
  std::optional<std::string> final_log_id;
  std::optional<std::string> will_retry_until;
  std::vector<Field> extensions;
};

struct DeliveryStatus {
  std::optional<std::string> original_envelope_id;
  TypedValue reporting_mta;
  std::optional<TypedValue> dsn_gateway;
  std::optional<TypedValue> received_from_mta;
  std::optional<std::string> arrival_date;
  std::vector<Field> extensions;
  std::vector<DsnRecipient> recipients;  // at least one
};

// Parses the body of a message/delivery-status part. Errors name the field
// and line: missing Reporting-MTA / Final-Recipient / Action / Status, a
// malformed status code, an unknown action, a duplicated field, no
// recipient group.
Result<DeliveryStatus, ReportError> parse_delivery_status(std::string_view body, const ReportLimits& limits = {},
                                                          std::size_t first_line = 1);

// Prints with CRLF line ends, groups separated by one blank line, ending
// with CRLF. Values are written as given; text fields must be US-ASCII
// (use printable_ascii() for untrusted text).
std::string print_delivery_status(const DeliveryStatus& ds);

// Parses "type; value" (white space around both trimmed). nullopt when there
// is no ';' or the type is empty.
std::optional<TypedValue> parse_typed(std::string_view s);
std::string format_typed(const TypedValue& t);

// Replaces every octet outside printable US-ASCII (and TAB) with '?', and
// line breaks with a space: for untrusted text placed in a field.
std::string printable_ascii(std::string_view s);

}  // namespace mixer::mapping::report
