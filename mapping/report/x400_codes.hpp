// X.411 (§8.3.1.2.1.13/.14) NonDeliveryReasonCode and
// NonDeliveryDiagnosticCode, and their mapping to and from RFC 3463 status
// codes (RFC 2156 §5.3.3 and §5.1; digest §4.2). All tables live in
// x400_codes.cpp, as data, in one place; docs/conformance/reports.md
// records each decision.
//
// The integer values are the ASN.1 values, so a decoded P1 INTEGER converts
// with a static_cast after range checking (is_known_reason/diagnostic).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mapping/report/status_code.hpp"

namespace mixer::mapping::report {

enum class NonDeliveryReason : int {
  transfer_failure = 0,
  unable_to_transfer = 1,
  conversion_not_performed = 2,
  physical_rendition_not_performed = 3,
  physical_delivery_not_performed = 4,
  restricted_delivery = 5,
  directory_operation_unsuccessful = 6,
  deferred_delivery_not_performed = 7,
  transfer_failure_for_security_reason = 8,
};
inline constexpr int kMaxReason = 8;

// Named values used by the mapping code; the table knows all 0..78.
enum class NonDeliveryDiagnostic : int {
  unrecognised_or_name = 0,
  ambiguous_or_name = 1,
  mts_congestion = 2,
  loop_detected = 3,
  recipient_unavailable = 4,
  maximum_time_expired = 5,
  encoded_information_types_unsupported = 6,
  content_too_long = 7,
  conversion_impractical = 8,
  implicit_conversion_prohibited = 9,
  implicit_conversion_not_subscribed = 10,
  invalid_arguments = 11,
  content_syntax_error = 12,
  size_constraint_violation = 13,
  protocol_violation = 14,
  content_type_not_supported = 15,
  too_many_recipients = 16,
  no_bilateral_agreement = 17,
  unsupported_critical_function = 18,
  conversion_with_loss_prohibited = 19,
  recipient_reassignment_prohibited = 26,
  redirection_loop_detected = 27,
  dl_expansion_failure = 30,
  secure_messaging_error = 46,
  unable_to_downgrade = 47,
  unable_to_complete_transfer = 48,
};
inline constexpr int kMaxDiagnostic = 78;

bool is_known_reason(int v) noexcept;
bool is_known_diagnostic(int v) noexcept;
// ASN.1 identifiers ("unable-to-transfer", "unrecognised-OR-name"); "unknown" outside the range.
std::string_view reason_name(int v) noexcept;
std::string_view diagnostic_name(int v) noexcept;

struct X400Codes {
  NonDeliveryReason reason = NonDeliveryReason::unable_to_transfer;
  std::optional<int> diagnostic;  // NonDeliveryDiagnosticCode value, absent = none
  friend bool operator==(const X400Codes&, const X400Codes&) = default;
};

// X.400 non-delivery -> RFC 3463 status (always class 5: an X.400
// non-delivery report is final).
StatusCode x400_to_status(const X400Codes& codes);

// RFC 3463 status (class 4 or 5) -> X.400 reason/diagnostic (digest §4.2
// table). A class-2 code has no non-delivery meaning and maps to
// unable-to-transfer without diagnostic.
X400Codes status_to_x400(const StatusCode& status);

// Diagnostic-Code text carrying the X.400 codes (diagnostic-type "X400"):
//   "reason=1 (unable-to-transfer); diagnostic=0 (unrecognised-OR-name)[; text]"
inline constexpr std::string_view kX400DiagnosticType = "X400";
std::string format_x400_diagnostic(const X400Codes& codes, std::string_view supplementary = {});
// Recovers the codes from that text (so an X.400 report that crossed SMTP
// and came back keeps its exact codes); nullopt when not in that form.
std::optional<X400Codes> parse_x400_diagnostic(std::string_view text);

}  // namespace mixer::mapping::report
