#include "mapping/report/x400_codes.hpp"

#include <array>
#include <charconv>

namespace mixer::mapping::report {
namespace {

struct ReasonRow {
  std::string_view name;
  StatusCode status;  // used when no diagnostic is given
};

// X.411 NonDeliveryReasonCode; status when the report carries no diagnostic.
constexpr std::array<ReasonRow, kMaxReason + 1> kReasons = {{
    {"transfer-failure", {5, 4, 0}},
    {"unable-to-transfer", {5, 0, 0}},
    {"conversion-not-performed", {5, 6, 3}},
    {"physical-rendition-not-performed", {5, 6, 0}},
    {"physical-delivery-not-performed", {5, 0, 0}},
    {"restricted-delivery", {5, 7, 1}},
    {"directory-operation-unsuccessful", {5, 1, 0}},
    {"deferred-delivery-not-performed", {5, 3, 0}},
    {"transfer-failure-for-security-reason", {5, 7, 0}},
}};

struct DiagnosticRow {
  std::string_view name;
  StatusCode status;
};

// X.411 NonDeliveryDiagnosticCode -> RFC 3463 status. Each row is a decision
// recorded in docs/conformance/reports.md §"X.400 -> status".
constexpr std::array<DiagnosticRow, kMaxDiagnostic + 1> kDiagnostics = {{
    {"unrecognised-OR-name", {5, 1, 1}},
    {"ambiguous-OR-name", {5, 1, 4}},
    {"mts-congestion", {5, 4, 5}},
    {"loop-detected", {5, 4, 6}},
    {"recipient-unavailable", {5, 2, 1}},
    {"maximum-time-expired", {5, 4, 7}},
    {"encoded-information-types-unsupported", {5, 6, 1}},
    {"content-too-long", {5, 3, 4}},
    {"conversion-impractical", {5, 6, 3}},
    {"implicit-conversion-prohibited", {5, 6, 2}},
    {"implicit-conversion-not-subscribed", {5, 6, 3}},
    {"invalid-arguments", {5, 5, 4}},
    {"content-syntax-error", {5, 6, 0}},
    {"size-constraint-violation", {5, 3, 4}},
    {"protocol-violation", {5, 5, 0}},
    {"content-type-not-supported", {5, 6, 1}},
    {"too-many-recipients", {5, 5, 3}},
    {"no-bilateral-agreement", {5, 7, 1}},
    {"unsupported-critical-function", {5, 3, 3}},
    {"conversion-with-loss-prohibited", {5, 6, 2}},
    {"line-too-long", {5, 6, 5}},
    {"page-split", {5, 6, 5}},
    {"pictorial-symbol-loss", {5, 6, 5}},
    {"punctuation-symbol-loss", {5, 6, 5}},
    {"alphabetic-character-loss", {5, 6, 5}},
    {"multiple-information-loss", {5, 6, 5}},
    {"recipient-reassignment-prohibited", {5, 1, 6}},
    {"redirection-loop-detected", {5, 4, 6}},
    {"dl-expansion-prohibited", {5, 2, 4}},
    {"no-dl-submit-permission", {5, 7, 2}},
    {"dl-expansion-failure", {5, 2, 4}},
    {"physical-rendition-attributes-not-supported", {5, 6, 1}},
    {"undeliverable-mail-physical-delivery-address-incorrect", {5, 1, 1}},
    {"undeliverable-mail-physical-delivery-office-incorrect-or-invalid", {5, 1, 2}},
    {"undeliverable-mail-physical-delivery-address-incomplete", {5, 1, 3}},
    {"undeliverable-mail-recipient-unknown", {5, 1, 1}},
    {"undeliverable-mail-recipient-deceased", {5, 2, 1}},
    {"undeliverable-mail-organization-expired", {5, 2, 1}},
    {"undeliverable-mail-recipient-refused-to-accept", {5, 7, 1}},
    {"undeliverable-mail-recipient-did-not-claim", {5, 2, 0}},
    {"undeliverable-mail-recipient-changed-address-permanently", {5, 1, 6}},
    {"undeliverable-mail-recipient-changed-address-temporarily", {5, 1, 6}},
    {"undeliverable-mail-recipient-changed-temporary-address", {5, 1, 6}},
    {"undeliverable-mail-new-address-unknown", {5, 1, 6}},
    {"undeliverable-mail-recipient-did-not-want-forwarding", {5, 7, 1}},
    {"undeliverable-mail-originator-prohibited-forwarding", {5, 7, 1}},
    {"secure-messaging-error", {5, 7, 0}},
    {"unable-to-downgrade", {5, 6, 3}},
    {"unable-to-complete-transfer", {5, 4, 0}},
    {"transfer-attempts-limit-reached", {5, 4, 7}},
    {"incorrect-notification-type", {5, 7, 0}},
    {"dl-expansion-prohibited-by-security-policy", {5, 7, 2}},
    {"forbidden-alternate-recipient", {5, 7, 1}},
    {"security-policy-violation", {5, 7, 0}},
    {"security-services-refusal", {5, 7, 0}},
    {"unauthorised-dl-member", {5, 7, 1}},
    {"unauthorised-dl-name", {5, 7, 1}},
    {"unauthorised-originally-intended-recipient-name", {5, 7, 1}},
    {"unauthorised-originator-name", {5, 7, 1}},
    {"unauthorised-recipient-name", {5, 7, 1}},
    {"unreliable-system", {5, 7, 0}},
    {"authentication-failure-on-subject-message", {5, 7, 0}},
    {"decryption-failed", {5, 7, 5}},
    {"decryption-key-unobtainable", {5, 7, 5}},
    {"double-envelope-creation-failure", {5, 7, 0}},
    {"double-enveloping-message-restoring-failure", {5, 7, 0}},
    {"failure-of-proof-of-message", {5, 7, 0}},
    {"integrity-failure-on-subject-message", {5, 7, 7}},
    {"invalid-security-label", {5, 7, 0}},
    {"key-failure", {5, 7, 5}},
    {"mandatory-parameter-absence", {5, 7, 0}},
    {"operation-security-failure", {5, 7, 0}},
    {"repudiation-failure-of-message", {5, 7, 0}},
    {"security-context-failure", {5, 7, 0}},
    {"token-decryption-failed", {5, 7, 5}},
    {"token-error", {5, 7, 0}},
    {"unknown-security-label", {5, 7, 0}},
    {"unsupported-algorithm-identifier", {5, 7, 6}},
    {"unsupported-security-policy", {5, 7, 0}},
}};

// RFC 3463 status -> X.400 (digest §4.2). detail -1 matches any detail.
// First match wins, so specific rows come before subject-wide ones.
struct StatusRow {
  int subject;
  int detail;
  NonDeliveryReason reason;
  int diagnostic;  // -1: none
};

constexpr NonDeliveryReason kUtt = NonDeliveryReason::unable_to_transfer;
constexpr NonDeliveryReason kCnp = NonDeliveryReason::conversion_not_performed;
constexpr NonDeliveryReason kSec = NonDeliveryReason::transfer_failure_for_security_reason;

constexpr std::array<StatusRow, 23> kStatusRows = {{
    {1, 1, kUtt, 0},    // bad destination mailbox -> unrecognised-OR-name
    {1, 2, kUtt, 0},    // bad destination system
    {1, 3, kUtt, 0},    // bad mailbox syntax [V]
    {1, 4, kUtt, 1},    // ambiguous -> ambiguous-OR-name
    {1, 6, kUtt, 0},    // mailbox moved: the address no longer resolves here
    {1, 7, kUtt, 11},   // bad sender syntax -> invalid-arguments [V]
    {1, 8, kUtt, 11},   // bad sender system
    {1, -1, kUtt, 0},   // other address status
    {2, 3, kUtt, 7},    // message too long for mailbox -> content-too-long
    {2, 4, kUtt, 30},   // list expansion -> dl-expansion-failure
    {2, -1, kUtt, 4},   // mailbox disabled/full -> recipient-unavailable
    {3, 1, kUtt, 2},    // system full -> mts-congestion
    {3, 3, kUtt, 18},   // feature unsupported -> unsupported-critical-function
    {3, 4, kUtt, 7},    // too big -> content-too-long
    {4, 5, kUtt, 2},    // congestion -> mts-congestion
    {4, 6, kUtt, 3},    // routing loop -> loop-detected
    {4, 7, kUtt, 5},    // expired -> maximum-time-expired
    {5, 3, kUtt, 16},   // too many recipients
    {6, 1, kUtt, 15},   // media not supported -> content-type-not-supported
    {6, 2, kCnp, 9},    // conversion prohibited -> implicit-conversion-prohibited
    {6, 3, kCnp, 8},    // conversion not supported -> conversion-impractical
    {6, 5, kCnp, 8},    // conversion failed -> conversion-impractical
    {7, -1, kSec, -1},  // security -> transfer-failure-for-security-reason
}};

}  // namespace

bool is_known_reason(int v) noexcept { return v >= 0 && v <= kMaxReason; }
bool is_known_diagnostic(int v) noexcept { return v >= 0 && v <= kMaxDiagnostic; }

std::string_view reason_name(int v) noexcept {
  return is_known_reason(v) ? kReasons[static_cast<std::size_t>(v)].name : std::string_view("unknown");
}
std::string_view diagnostic_name(int v) noexcept {
  return is_known_diagnostic(v) ? kDiagnostics[static_cast<std::size_t>(v)].name : std::string_view("unknown");
}

StatusCode x400_to_status(const X400Codes& c) {
  int r = static_cast<int>(c.reason);
  StatusCode by_reason = is_known_reason(r) ? kReasons[static_cast<std::size_t>(r)].status : StatusCode{5, 0, 0};
  // Reasons whose meaning is stronger than any diagnostic.
  if (c.reason == NonDeliveryReason::restricted_delivery) return by_reason;
  if (!c.diagnostic || !is_known_diagnostic(*c.diagnostic)) return by_reason;
  StatusCode by_diag = kDiagnostics[static_cast<std::size_t>(*c.diagnostic)].status;
  // A security failure stays a security status even with a non-security diagnostic.
  if (c.reason == NonDeliveryReason::transfer_failure_for_security_reason && by_diag.subject != 7) return by_reason;
  return by_diag;
}

X400Codes status_to_x400(const StatusCode& s) {
  if (s.klass == 4 || s.klass == 5) {
    for (const StatusRow& row : kStatusRows) {
      if (row.subject == s.subject && (row.detail == -1 || row.detail == s.detail)) {
        X400Codes c{row.reason, std::nullopt};
        if (row.diagnostic >= 0) c.diagnostic = row.diagnostic;
        return c;
      }
    }
  }
  // Anything else: unable-to-transfer without diagnostic (digest §4.2 last row).
  return X400Codes{NonDeliveryReason::unable_to_transfer, std::nullopt};
}

std::string format_x400_diagnostic(const X400Codes& c, std::string_view supplementary) {
  int r = static_cast<int>(c.reason);
  std::string s = "reason=" + std::to_string(r) + " (" + std::string(reason_name(r)) + ")";
  if (c.diagnostic) {
    s += "; diagnostic=" + std::to_string(*c.diagnostic) + " (" + std::string(diagnostic_name(*c.diagnostic)) + ")";
  }
  if (!supplementary.empty()) s += "; " + std::string(supplementary);
  return s;
}

std::optional<X400Codes> parse_x400_diagnostic(std::string_view text) {
  auto number_after = [&](std::string_view key) -> std::optional<int> {
    std::size_t p = text.find(key);
    if (p == std::string_view::npos) return std::nullopt;
    p += key.size();
    int v = 0;
    auto [ptr, ec] = std::from_chars(text.data() + p, text.data() + text.size(), v);
    if (ec != std::errc() || ptr == text.data() + p) return std::nullopt;
    return v;
  };
  if (text.substr(0, 7) != "reason=") return std::nullopt;
  auto r = number_after("reason=");
  if (!r || !is_known_reason(*r)) return std::nullopt;
  X400Codes c{static_cast<NonDeliveryReason>(*r), std::nullopt};
  std::size_t semi = text.find(';');
  if (semi != std::string_view::npos && text.substr(semi).find("; diagnostic=") == 0) {
    auto d = number_after("; diagnostic=");
    if (!d || !is_known_diagnostic(*d)) return std::nullopt;
    c.diagnostic = *d;
  }
  return c;
}

}  // namespace mixer::mapping::report
