// The report functions the gateway's transports call (issue #8, design.md
// "Data flow"), pure over the wire values of x400/asn and the RFC 5322 text:
//
//  P1 in, towards SMTP (F's for_smtp):
//   - report_apdu_to_dsn: an X.400 report -> a DSN (RFC 2156 §5.3.3) to the
//     subject's SMTP originator, i.e. the report-destination-name mapped with
//     RFC 2156 §4.3.5; MAIL FROM:<>.
//   - ipn_message_to_mdn: a P1 message whose content is an IPN -> an MDN
//     (RFC 8098; docs/conformance/reports.md §IPN) to the P1 recipients
//     (the IPM originator) mapped to RFC 822; MAIL FROM:<>.
//  SMTP in, towards X.400 (G's for_x400):
//   - is_report_message: the text is a multipart/report (DSN or MDN).
//   - report_mail_to_x400: a DSN -> a Report APDU (RFC 2156 §5.1), an MDN ->
//     a Message APDU carrying the IPN; nullopt when nothing is owed to X.400
//     (delayed DSN, MDN "processed").
//  P1 in, probes (G's listener): answer_probe_apdu -> the Report APDU.
//
// SMTP envelope: ReportMail below (mail_from always "", recipients RFC 5321
// mailboxes); F adapts it to mapping::message::SmtpEnvelope.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/address/context.hpp"
#include "mapping/report/date_time.hpp"
#include "mapping/report/error.hpp"
#include "x400/asn/p1_types.hpp"

namespace mixer::mapping::report {

// Who the gateway is (compare mapping::message::GatewayIdentity).
struct GatewayReportIdentity {
  std::string mta_name;                   // Reporting-MTA "x400; <mta_name>", trace MTA name
  std::string domain;                     // our RFC 822 domain: DSN-Gateway, postmaster@domain, Message-IDs
  x400::asn::GlobalDomainIdentifier gdi;  // our X.400 domain: report identifiers, trace
};

struct ReportMail {
  std::string mail_from;                // "" (null reverse-path, RFC 3461 §6.2 / RFC 8098 §2.1)
  std::vector<std::string> recipients;  // RCPT TO
  std::string content;                  // RFC 5322 message, CRLF
};

struct ToSmtpOptions {
  Timestamp now{};  // Date: of the report
  // A unique token for the Message-ID ("<token@domain>"); e.g. the queue id.
  std::string unique;
  // The subject's ENVID when the gateway kept it (Original-Envelope-Id).
  std::optional<std::string> original_envelope_id;
  // Maps returned X.400 content to RFC 822 (C's message mapping). Absent or
  // returning nullopt: the DSN carries no returned content.
  std::function<std::optional<std::string>(const x400::asn::ReportTransferContent&)> map_returned_content;
};

// X.400 report -> DSN. Errors: the report-destination-name does not map to
// RFC 822, a recipient address std-or cannot write.
Result<ReportMail, ReportError> report_apdu_to_dsn(const x400::asn::Report& report,
                                                   const address::MappingContext& ctx,
                                                   const GatewayReportIdentity& gw, const ToSmtpOptions& o);

// IPN message -> MDN. Error when the content is not an IPN (decode error
// with its path) or the addresses do not map.
Result<ReportMail, ReportError> ipn_message_to_mdn(const x400::asn::Message& message,
                                                   const address::MappingContext& ctx,
                                                   const GatewayReportIdentity& gw, const ToSmtpOptions& o);
// True when the message content decodes as an IPN (content type 2/22).
bool is_ipn_message(const x400::asn::Message& message);

// --- SMTP -> X.400 -------------------------------------------------------------

// Content-Type multipart/report with report-type delivery-status or
// disposition-notification (a cheap header check, no full parse).
bool is_report_message(std::string_view rfc5322);

struct ToX400Options {
  Timestamp now{};
  std::string unique;  // local identifier seed for the new MTS identifier (<= 32 IA5 used)
};

// DSN/MDN arriving over SMTP for `rcpt_to` (an RFC 5321 mailbox that maps to
// an X.400 user). DSN -> Report APDU to that user (the subject's X.400
// originator), correlated by Original-Envelope-Id = the subject's MTS
// identifier (RFC 2156 §5.1 / App. A §3.1). MDN -> Message APDU with the
// IPN (content type 22). nullopt: nothing to send (delayed, relayed,
// processed). Errors: not a report, malformed DSN/MDN, no MTS identifier to
// correlate with, unmappable address.
Result<std::optional<x400::asn::MtsApdu>, ReportError> report_mail_to_x400(std::string_view rfc5322,
                                                                           std::string_view rcpt_to,
                                                                           const address::MappingContext& ctx,
                                                                           const GatewayReportIdentity& gw,
                                                                           const ToX400Options& o);

// --- probes -----------------------------------------------------------------------

struct ProbePolicy {
  // Whether the gateway has a route for a mapped RFC 822 address.
  std::function<bool(const std::string&)> routable = [](const std::string&) { return true; };
  std::size_t max_size = 10 * 1024 * 1024;  // the gateway's message size limit (config)
};

// Probe -> the Report APDU answering it (RFC 2156 §5.3.9), to the probe's
// originator; nullopt when no recipient asked for a report.
Result<std::optional<x400::asn::Report>, ReportError> answer_probe_apdu(const x400::asn::Probe& probe,
                                                                        const address::MappingContext& ctx,
                                                                        const GatewayReportIdentity& gw,
                                                                        const ProbePolicy& policy,
                                                                        const ToX400Options& o);

// A fresh MTS identifier of ours: our GDI, local identifier from `unique`
// (cut to X.411 ub-local-id-length 32 by a digest, never truncated).
x400::asn::MtsIdentifier new_mts_identifier(const GatewayReportIdentity& gw, std::string_view unique);

}  // namespace mixer::mapping::report
