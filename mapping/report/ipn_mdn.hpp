// Receipt notifications: X.420 IPN (RN / NRN, X.420 §8) <-> RFC 8098 MDN.
// RFC 2156 predates MDN; this mapping is a project decision following RFC
// 8098 §6 gateway guidance (digest §4.5, docs/conformance/reports.md §IPN):
//
//   RN,  acknowledgment-mode manual    <-> manual-action/MDN-sent-manually; displayed
//   RN,  acknowledgment-mode automatic <-> automatic-action/MDN-sent-automatically; displayed
//   NRN, ipm-discarded                 <-> automatic-action/MDN-sent-automatically; deleted
//   NRN, ipm-auto-forwarded            <-> automatic-action/MDN-sent-automatically; dispatched
//   (MDN processed, or with the error modifier: no IPN; it is dropped)
//
// X.400-only data travels in X400-* extension fields of the MDN
// (X400-Receipt-Time, X400-Acknowledgment-Mode, X400-Supplementary-Info,
// X400-Discard-Reason, X400-Auto-Forward-Comment) so MDN -> IPN restores it.
// Notification requests: rn/nrn on a recipient <-> Disposition-Notification-To.
#pragma once

#include <optional>
#include <string>

#include "common/result.hpp"
#include "mapping/report/date_time.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/mdn.hpp"

namespace mixer::mapping::report {

// X.420 values (ASN.1 ENUMERATED numbers).
enum class NonReceiptReason : int { ipm_discarded = 0, ipm_auto_forwarded = 1 };
enum class DiscardReason : int { ipm_expired = 0, ipm_obsoleted = 1, user_subscription_terminated = 2 };
enum class AcknowledgmentMode : int { manual = 0, automatic = 1 };

// The gateway's view of an IPN: identifiers and addresses already mapped to
// their RFC 822 forms (Message-ID of the subject IPM; "rfc822" or "x400"
// typed addresses) by the heading/address mappings.
struct Ipn {
  std::string subject_message_id;            // "<...>" mapped from subject-ipm
  TypedValue ipn_originator;                 // the recipient who produced the IPN
  std::optional<TypedValue> ipm_intended_recipient;
  bool receipt = true;                       // RN (true) or NRN (false)
  // RN
  std::optional<Timestamp> receipt_time;
  AcknowledgmentMode acknowledgment_mode = AcknowledgmentMode::manual;
  std::optional<std::string> suppl_receipt_info;
  // NRN
  NonReceiptReason non_receipt_reason = NonReceiptReason::ipm_discarded;
  std::optional<DiscardReason> discard_reason;
  std::optional<std::string> auto_forward_comment;
  friend bool operator==(const Ipn&, const Ipn&) = default;
};

struct MdnEnvelope {
  std::string gateway_domain;  // MDN-Gateway: dns; <domain>
  std::string from;            // From: of the MDN (the IPN originator's mapped address)
  std::string to;              // the IPM originator (Disposition-Notification-To target)
  std::string message_id;
  Timestamp date;
  std::optional<std::string> original_subject;
};

DispositionNotification ipn_to_disposition_notification(const Ipn& ipn, const MdnEnvelope& env);
// The complete MDN message (multipart/report; report-type=disposition-notification).
std::string ipn_to_mdn(const Ipn& ipn, const MdnEnvelope& env);

// MDN -> IPN. nullopt (not an error) when the disposition has no IPN
// counterpart (processed, or the error modifier). `mdn_date` (the MDN's
// Date:) is the receipt time when X400-Receipt-Time is absent.
Result<std::optional<Ipn>, ReportError> mdn_to_ipn(const DispositionNotification& mdn,
                                                   std::optional<Timestamp> mdn_date);

// X.420 NotificationRequests bits rn(0), nrn(1), ipm-return(2).
struct NotificationRequests {
  bool rn = false;
  bool nrn = false;
  bool ipm_return = false;
  friend bool operator==(const NotificationRequests&, const NotificationRequests&) = default;
};
// IPM -> 822: any of rn/nrn asks for Disposition-Notification-To.
bool wants_disposition_notification_to(const NotificationRequests& r);
// 822 -> IPM: Disposition-Notification-To present -> rn and nrn (an MDN
// requester wants to hear of display and of deletion alike).
NotificationRequests from_disposition_notification_to(bool present);

}  // namespace mixer::mapping::report
