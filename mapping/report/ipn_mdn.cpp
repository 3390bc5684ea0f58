#include "mapping/report/ipn_mdn.hpp"

#include <array>

#include "mapping/report/multipart_report.hpp"
#include "mapping/report/x400_report.hpp"

namespace mixer::mapping::report {
namespace {

constexpr std::array<std::string_view, 3> kDiscard = {"ipm-expired", "ipm-obsoleted", "user-subscription-terminated"};

const Field* find_ext(const DispositionNotification& mdn, std::string_view name) {
  for (const Field& f : mdn.extensions) {
    if (iequal(f.name, name)) return &f;
  }
  return nullptr;
}

}  // namespace

DispositionNotification ipn_to_disposition_notification(const Ipn& ipn, const MdnEnvelope& env) {
  DispositionNotification m;
  m.mdn_gateway = TypedValue{"dns", env.gateway_domain};
  if (ipn.ipm_intended_recipient) {
    m.original_recipient =
        TypedValue{ipn.ipm_intended_recipient->type, printable_ascii(ipn.ipm_intended_recipient->value)};
  }
  m.final_recipient = TypedValue{ipn.ipn_originator.type, printable_ascii(ipn.ipn_originator.value)};
  m.original_message_id = ipn.subject_message_id;
  if (ipn.receipt) {
    bool automatic = ipn.acknowledgment_mode == AcknowledgmentMode::automatic;
    m.disposition = Disposition{automatic, automatic, DispositionType::displayed, {}};
    if (ipn.receipt_time) m.extensions.push_back(Field{"X400-Receipt-Time", format_date_time(*ipn.receipt_time), 0});
    m.extensions.push_back(Field{"X400-Acknowledgment-Mode", automatic ? "automatic" : "manual", 0});
    if (ipn.suppl_receipt_info) {
      m.extensions.push_back(Field{"X400-Supplementary-Info", printable_ascii(*ipn.suppl_receipt_info), 0});
    }
  } else if (ipn.non_receipt_reason == NonReceiptReason::ipm_auto_forwarded) {
    m.disposition = Disposition{true, true, DispositionType::dispatched, {}};
    if (ipn.auto_forward_comment) {
      m.extensions.push_back(Field{"X400-Auto-Forward-Comment", printable_ascii(*ipn.auto_forward_comment), 0});
    }
  } else {
    m.disposition = Disposition{true, true, DispositionType::deleted, {}};
    if (ipn.discard_reason) {
      m.extensions.push_back(
          Field{"X400-Discard-Reason", std::string(kDiscard[static_cast<std::size_t>(*ipn.discard_reason)]), 0});
    }
  }
  return m;
}

std::string ipn_to_mdn(const Ipn& ipn, const MdnEnvelope& env) {
  DispositionNotification m = ipn_to_disposition_notification(ipn, env);
  ReportParts p;
  std::string kind = ipn.receipt ? "Receipt notification" : "Non-receipt notification";
  std::string subject = kind + (env.original_subject ? ": " + printable_ascii(*env.original_subject) : "");
  p.headers = {{"From", env.from},
               {"To", env.to},
               {"Date", format_date_time(env.date)},
               {"Subject", subject},
               {"Message-ID", env.message_id},
               {"In-Reply-To", ipn.subject_message_id},
               {"References", ipn.subject_message_id}};
  p.report_type = "disposition-notification";
  std::string text = kind + " converted from X.400 by the MIXER gateway at " + env.gateway_domain + ".\n\n";
  text += "Your message " + ipn.subject_message_id + " to " + m.final_recipient.value;
  if (ipn.receipt) {
    text += " was received";
    if (ipn.receipt_time) text += " at " + format_date_time(*ipn.receipt_time);
    text += ipn.acknowledgment_mode == AcknowledgmentMode::automatic ? " (acknowledged automatically).\n"
                                                                      : " (acknowledged manually).\n";
    if (ipn.suppl_receipt_info) text += "\n" + printable_ascii(*ipn.suppl_receipt_info) + "\n";
  } else if (ipn.non_receipt_reason == NonReceiptReason::ipm_auto_forwarded) {
    text += " was automatically forwarded and not read by the recipient.\n";
    if (ipn.auto_forward_comment) text += "\nComment: " + printable_ascii(*ipn.auto_forward_comment) + "\n";
  } else {
    text += " was discarded without being read";
    if (ipn.discard_reason) text += " (" + std::string(kDiscard[static_cast<std::size_t>(*ipn.discard_reason)]) + ")";
    text += ".\n";
  }
  text += "\nThe original message is not available.\n";
  p.human_text = text;
  p.machine_type = "message/disposition-notification";
  p.machine_body = print_disposition_notification(m);
  return build_report(p);
}

Result<std::optional<Ipn>, ReportError> mdn_to_ipn(const DispositionNotification& mdn,
                                                   std::optional<Timestamp> mdn_date) {
  for (const std::string& mod : mdn.disposition.modifiers) {
    if (iequal(mod, "error")) return std::optional<Ipn>{};
  }
  Ipn ipn;
  if (!mdn.original_message_id) {
    return fail(ReportError{"MDN lacks Original-Message-ID: cannot name the subject IPM", "Original-Message-ID", 0});
  }
  ipn.subject_message_id = *mdn.original_message_id;
  ipn.ipn_originator = mdn.final_recipient;
  ipn.ipm_intended_recipient = mdn.original_recipient;
  switch (mdn.disposition.type) {
    case DispositionType::processed: return std::optional<Ipn>{};
    case DispositionType::displayed: {
      ipn.receipt = true;
      ipn.acknowledgment_mode =
          mdn.disposition.automatic_action ? AcknowledgmentMode::automatic : AcknowledgmentMode::manual;
      if (const Field* f = find_ext(mdn, "X400-Receipt-Time")) ipn.receipt_time = parse_date_time(f->value);
      if (!ipn.receipt_time) ipn.receipt_time = mdn_date;
      if (!ipn.receipt_time) {
        return fail(ReportError{"MDN gives no receipt time (no X400-Receipt-Time, no Date)", "Date", 0});
      }
      if (const Field* f = find_ext(mdn, "X400-Supplementary-Info")) {
        ipn.suppl_receipt_info = to_supplementary_info(f->value);
      }
      break;
    }
    case DispositionType::deleted: {
      ipn.receipt = false;
      ipn.non_receipt_reason = NonReceiptReason::ipm_discarded;
      if (const Field* f = find_ext(mdn, "X400-Discard-Reason")) {
        for (std::size_t i = 0; i < kDiscard.size(); ++i) {
          if (iequal(f->value, kDiscard[i])) ipn.discard_reason = static_cast<DiscardReason>(i);
        }
      }
      break;
    }
    case DispositionType::dispatched: {
      ipn.receipt = false;
      ipn.non_receipt_reason = NonReceiptReason::ipm_auto_forwarded;
      if (const Field* f = find_ext(mdn, "X400-Auto-Forward-Comment")) {
        ipn.auto_forward_comment = to_supplementary_info(f->value);  // PrintableString, ub 256
      }
      break;
    }
  }
  return std::optional<Ipn>{std::move(ipn)};
}

bool wants_disposition_notification_to(const NotificationRequests& r) { return r.rn || r.nrn; }

NotificationRequests from_disposition_notification_to(bool present) {
  return present ? NotificationRequests{true, true, false} : NotificationRequests{};
}

}  // namespace mixer::mapping::report
