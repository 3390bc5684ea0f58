// MappingFailure: why a message (or one recipient's copy) could not be
// converted between X.400 and Internet mail, in the terms an X.400
// non-delivery report uses (X.411 NonDeliveryReasonCode and
// NonDeliveryDiagnosticCode, 8.3.1.2.1.x). The reports engineer's code
// (mapping/report) turns a MappingFailure into an NDR for an X.400
// originator or a DSN (RFC 3464, status from the same table) for an SMTP
// originator. Typical values:
//   conversion prohibited and a body part needs conversion
//       -> conversion_not_performed / implicit_conversion_prohibited
//   conversion-with-loss prohibited and the conversion would lose data
//       -> conversion_not_performed / conversion_with_loss_prohibited
//   a body part with no mapping at all -> conversion_not_performed / conversion_impractical
//   content larger than the configured limit -> unable_to_transfer / content_too_long
//   unknown critical extension -> unable_to_transfer / unsupported_critical_function
//   input that does not parse -> unable_to_transfer / content_syntax_error
#pragma once

#include <optional>
#include <string>

#include "mapping/report/x400_codes.hpp"

namespace mixer::mapping {

struct MappingFailure {
  report::NonDeliveryReason reason = report::NonDeliveryReason::conversion_not_performed;
  std::optional<report::NonDeliveryDiagnostic> diagnostic;
  std::string what;   // human-readable explanation (for the report's supplementary info and logs)
  std::string where;  // field or body part path: "heading.subject", "body[2]", "envelope.recipient[0]"

  std::string to_string() const {
    std::string s = "mapping: " + what;
    if (!where.empty()) s += " (at " + where + ")";
    s += " [reason " + std::to_string(static_cast<int>(reason));
    if (diagnostic) s += ", diagnostic " + std::to_string(static_cast<int>(*diagnostic));
    return s + "]";
  }
};

inline MappingFailure conversion_failure(report::NonDeliveryDiagnostic d, std::string what, std::string where = {}) {
  return MappingFailure{report::NonDeliveryReason::conversion_not_performed, d, std::move(what), std::move(where)};
}

inline MappingFailure transfer_failure(report::NonDeliveryDiagnostic d, std::string what, std::string where = {}) {
  return MappingFailure{report::NonDeliveryReason::unable_to_transfer, d, std::move(what), std::move(where)};
}

}  // namespace mixer::mapping
