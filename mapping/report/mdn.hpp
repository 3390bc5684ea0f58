// RFC 8098 message/disposition-notification: the model, a parser and a
// printer (§3.1, §3.2). One group of fields; unknown fields are kept as
// extensions in order.
//
//   Disposition: action-mode "/" sending-mode ";" disposition-type
//                [ "/" disposition-modifier *( "," disposition-modifier ) ]
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/field_groups.hpp"
#include "mapping/report/limits.hpp"

namespace mixer::mapping::report {

// RFC 8098 §3.2.6.2.
enum class DispositionType { displayed, deleted, dispatched, processed };
std::string_view to_string(DispositionType t);

struct Disposition {
  bool automatic_action = false;   // automatic-action vs manual-action (§3.2.6.1)
  bool sent_automatically = true;  // MDN-sent-automatically vs MDN-sent-manually
  DispositionType type = DispositionType::displayed;
  std::vector<std::string> modifiers;  // "error" or extension tokens (§3.2.6.3)
  friend bool operator==(const Disposition&, const Disposition&) = default;
};

struct DispositionNotification {
  std::optional<TypedValue> reporting_ua;  // ua-name ; ua-product (kept as text pair)
  std::optional<TypedValue> mdn_gateway;   // mta-name-type ; mta-name
  std::optional<TypedValue> original_recipient;
  TypedValue final_recipient;
  std::optional<std::string> original_message_id;
  Disposition disposition;
  std::vector<std::string> errors;  // Error: fields
  std::vector<Field> extensions;
};

Result<DispositionNotification, ReportError> parse_disposition_notification(std::string_view body,
                                                                            const ReportLimits& limits = {},
                                                                            std::size_t first_line = 1);
std::string print_disposition_notification(const DispositionNotification& mdn);

Result<Disposition, ReportError> parse_disposition(std::string_view value);
std::string format_disposition(const Disposition& d);

}  // namespace mixer::mapping::report
