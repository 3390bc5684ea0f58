// X.411 (MTAAbstractService) transfer PDUs as plain values: MTS-APDU with
// Message, Probe and Report; their envelopes, per-recipient fields and the
// report content. Codecs: p1_apdu.hpp.
//
// Contract: every field of X.411 clause 12 (1999 module) is modelled; DEFAULT
// values are represented by their default (empty BIT STRING, empty extension
// list, nullopt priority = normal) and omitted on encoding; SET members that
// X.411 does not define are kept raw in `unknown_members` and re-emitted.
// Content (and returned content) is shared, not copied, when decoded from a
// shared buffer (see decode_mts_apdu).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "x400/asn/or_address.hpp"
#include "x400/asn/p1_common.hpp"
#include "x400/asn/p22_shared_bytes.hpp"

namespace mixer::x400::asn {

using p22::SharedBytes;

enum class Priority : std::int64_t { normal = 0, non_urgent = 1, urgent = 2 };

// PerMessageIndicators bits ([APPLICATION 8] BIT STRING).
namespace per_message_indicator {
inline constexpr std::size_t kDisclosureOfOtherRecipients = 0, kImplicitConversionProhibited = 1,
                             kAlternateRecipientAllowed = 2, kContentReturnRequest = 3, kReserved = 4, kBit5 = 5,
                             kBit6 = 6, kServiceMessage = 7;
}
// PerRecipientIndicators bits (SIZE (8..ub-bit-options)).
namespace per_recipient_indicator {
inline constexpr std::size_t kResponsibility = 0, kOriginatingMtaReport = 1, kOriginatingMtaNonDeliveryReport = 2,
                             kOriginatorReport = 3, kOriginatorNonDeliveryReport = 4;
}

// PerRecipientMessageTransferFields / PerRecipientProbeTransferFields (same shape).
struct PerRecipientTransferFields {
  ORName recipient_name;                                 // [APPLICATION 0]
  std::int64_t originally_specified_recipient_number = 1;  // [0]
  ber::BitString per_recipient_indicators;               // [1]
  std::optional<std::int64_t> explicit_conversion;       // [2]
  Extensions extensions;                                 // [3]
  std::vector<RawBer> unknown_members;
  bool operator==(const PerRecipientTransferFields&) const = default;
};

struct MessageTransferEnvelope {
  MtsIdentifier message_identifier;                                  // [APPLICATION 4]
  ORName originator_name;                                            // [APPLICATION 0]
  std::optional<EncodedInformationTypes> original_encoded_information_types;  // [APPLICATION 5]
  ContentType content_type;                                          // [APPLICATION 6] | OID
  std::optional<std::string> content_identifier;                     // [APPLICATION 10]
  std::optional<Priority> priority;                                  // [APPLICATION 7], DEFAULT normal
  ber::BitString per_message_indicators;                             // [APPLICATION 8], DEFAULT {}
  std::optional<ber::Time> deferred_delivery_time;                   // [0]
  std::vector<PerDomainBilateralInformation> per_domain_bilateral_information;  // [1]
  TraceInformation trace_information;                                // [APPLICATION 9]
  Extensions extensions;                                             // [3]
  std::vector<PerRecipientTransferFields> per_recipient_fields;      // [2]
  std::vector<RawBer> unknown_members;
  bool operator==(const MessageTransferEnvelope&) const = default;
};

struct ProbeTransferEnvelope {
  MtsIdentifier probe_identifier;  // [APPLICATION 4]
  ORName originator_name;          // [APPLICATION 0]
  std::optional<EncodedInformationTypes> original_encoded_information_types;
  ContentType content_type;
  std::optional<std::string> content_identifier;
  std::optional<std::int64_t> content_length;  // [0]
  ber::BitString per_message_indicators;
  std::vector<PerDomainBilateralInformation> per_domain_bilateral_information;  // [1]
  TraceInformation trace_information;
  Extensions extensions;  // [3]
  std::vector<PerRecipientTransferFields> per_recipient_fields;  // [2]
  std::vector<RawBer> unknown_members;
  bool operator==(const ProbeTransferEnvelope&) const = default;
};

// NonDeliveryReasonCode (X.411 12.2.2.1.3.1) and NonDeliveryDiagnosticCode:
// INTEGERs with named numbers; values outside the list are kept as numbers.
enum class NonDeliveryReason : std::int64_t {
  transfer_failure = 0, unable_to_transfer = 1, conversion_not_performed = 2,
  physical_rendition_not_performed = 3, physical_delivery_not_performed = 4, restricted_delivery = 5,
  directory_operation_unsuccessful = 6, deferred_delivery_not_performed = 7,
  transfer_failure_for_security_reason = 8,
};
enum class NonDeliveryDiagnostic : std::int64_t {
  unrecognised_or_name = 0, ambiguous_or_name = 1, mts_congestion = 2, loop_detected = 3,
  recipient_unavailable = 4, maximum_time_expired = 5, encoded_information_types_unsupported = 6,
  content_too_long = 7, conversion_impractical = 8, implicit_conversion_prohibited = 9,
  implicit_conversion_not_subscribed = 10, invalid_arguments = 11, content_syntax_error = 12,
  size_constraint_violation = 13, protocol_violation = 14, content_type_not_supported = 15,
  too_many_recipients = 16, no_bilateral_agreement = 17, unsupported_critical_function = 18,
  conversion_with_loss_prohibited = 19, line_too_long = 20, page_split = 21, pictorial_symbol_loss = 22,
  punctuation_symbol_loss = 23, alphabetic_character_loss = 24, multiple_information_loss = 25,
  recipient_reassignment_prohibited = 26, redirection_loop_detected = 27, dl_expansion_prohibited = 28,
  no_dl_submit_permission = 29, dl_expansion_failure = 30, physical_rendition_attributes_not_supported = 31,
  undeliverable_mail_physical_delivery_address_incorrect = 32,
  undeliverable_mail_physical_delivery_office_incorrect_or_invalid = 33,
  undeliverable_mail_physical_delivery_address_incomplete = 34, undeliverable_mail_recipient_unknown = 35,
  undeliverable_mail_recipient_deceased = 36, undeliverable_mail_organization_expired = 37,
  undeliverable_mail_recipient_refused_to_accept = 38, undeliverable_mail_recipient_did_not_claim = 39,
  undeliverable_mail_recipient_changed_address_permanently = 40,
  undeliverable_mail_recipient_changed_address_temporarily = 41,
  undeliverable_mail_recipient_changed_temporary_address = 42, undeliverable_mail_new_address_unknown = 43,
  undeliverable_mail_recipient_did_not_want_forwarding = 44,
  undeliverable_mail_originator_prohibited_forwarding = 45, secure_messaging_error = 46,
  unable_to_downgrade = 47, unable_to_complete_transfer = 48, transfer_attempts_limit_reached = 49,
  incorrect_notification_type = 50, dl_expansion_prohibited_by_security_policy = 51,
  forbidden_alternate_recipient = 52, security_policy_violation = 53, security_services_refusal = 54,
  unauthorised_dl_member = 55, unauthorised_dl_name = 56, unauthorised_originally_intended_recipient_name = 57,
  unauthorised_originator_name = 58, unauthorised_recipient_name = 59, unreliable_system = 60,
  authentication_failure_on_subject_message = 61, decryption_failed = 62, decryption_key_unobtainable = 63,
  double_envelope_creation_failure = 64, double_enveloping_message_restoring_failure = 65,
  failure_of_proof_of_message = 66, integrity_failure_on_subject_message = 67, invalid_security_label = 68,
  key_failure = 69, mandatory_parameter_absence = 70, operation_security_failure = 71,
  repudiation_failure_of_message = 72, security_context_failure = 73, token_decryption_failed = 74,
  token_error = 75, unknown_security_label = 76, unsupported_algorithm_identifier = 77,
  unsupported_security_policy = 78,
};
inline constexpr std::int64_t kMaxNamedReason = 8, kMaxNamedDiagnostic = 78;
// The ASN.1 name ("unable-to-transfer"), or "reason-code-N" / "diagnostic-code-N".
std::string to_string(NonDeliveryReason r);
std::string to_string(NonDeliveryDiagnostic d);

enum class TypeOfMtsUser : std::int64_t { public_ = 0, private_ = 1, ms = 2, dl = 3, pdau = 4, physical_recipient = 5, other = 6 };

struct DeliveryReport {  // [0] SET
  ber::Time message_delivery_time;                    // [0]
  TypeOfMtsUser type_of_mts_user = TypeOfMtsUser::public_;  // [1] DEFAULT public
  bool operator==(const DeliveryReport&) const = default;
};
struct NonDeliveryReport {  // [1] SET
  NonDeliveryReason reason = NonDeliveryReason::transfer_failure;  // [0]
  std::optional<NonDeliveryDiagnostic> diagnostic;                 // [1]
  bool operator==(const NonDeliveryReport&) const = default;
};

struct LastTraceInformation {
  ber::Time arrival_time;  // [0]
  std::optional<EncodedInformationTypes> converted_encoded_information_types;
  std::variant<DeliveryReport, NonDeliveryReport> report_type;  // [1]
  bool operator==(const LastTraceInformation&) const = default;
};

struct PerRecipientReportTransferFields {
  ORName actual_recipient_name;                            // [0]
  std::int64_t originally_specified_recipient_number = 1;  // [1]
  ber::BitString per_recipient_indicators;                 // [2]
  LastTraceInformation last_trace_information;             // [3]
  std::optional<ORName> originally_intended_recipient_name;  // [4]
  std::optional<std::string> supplementary_information;   // [5] PrintableString
  Extensions extensions;                                   // [6]
  std::vector<RawBer> unknown_members;
  bool operator==(const PerRecipientReportTransferFields&) const = default;
};

struct ReportTransferEnvelope {
  MtsIdentifier report_identifier;   // [APPLICATION 4]
  ORName report_destination_name;    // [APPLICATION 0]
  TraceInformation trace_information;  // [APPLICATION 9]
  Extensions extensions;             // [1]
  std::vector<RawBer> unknown_members;
  bool operator==(const ReportTransferEnvelope&) const = default;
};

struct ReportTransferContent {
  MtsIdentifier subject_identifier;  // [APPLICATION 4]
  std::optional<TraceInformation> subject_intermediate_trace_information;  // [APPLICATION 9]
  std::optional<EncodedInformationTypes> original_encoded_information_types;
  std::optional<ContentType> content_type;
  std::optional<std::string> content_identifier;
  std::optional<SharedBytes> returned_content;  // [1]
  std::optional<RawBer> additional_information;  // [2], kept raw (deprecated by X.411)
  Extensions extensions;                         // [3]
  std::vector<PerRecipientReportTransferFields> per_recipient_fields;  // [0]
  std::vector<RawBer> unknown_members;
  bool operator==(const ReportTransferContent&) const = default;
};

struct Message {
  MessageTransferEnvelope envelope;
  SharedBytes content;  // Content ::= OCTET STRING (the P2/P22/other content, undecoded)
  bool operator==(const Message&) const = default;
};
struct Report {
  ReportTransferEnvelope envelope;
  ReportTransferContent content;
  bool operator==(const Report&) const = default;
};
struct Probe {
  ProbeTransferEnvelope envelope;
  bool operator==(const Probe&) const = default;
};

// MTS-APDU ::= CHOICE { message [0] Message, probe [2] Probe, report [1] Report }
using MtsApdu = std::variant<Message, Report, Probe>;

}  // namespace mixer::x400::asn
