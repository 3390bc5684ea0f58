// Whole-message conversion between X.400 and Internet mail (RFC 2156 §4.6,
// §5.1, §5.3; RFC 2157 for bodies; digest §2.4, §2.5, §5.1). Pure functions:
// no clock (the caller passes `now`), no I/O.
//
// X.400 -> Internet (to_internet): one P1 Message (transfer envelope + IPM
// content, content type 2 or 22) becomes an SMTP envelope (MAIL FROM from the
// originator, one RCPT TO per recipient this MTA is responsible for, with
// NOTIFY from the originator-report-request bits, ORCPT "x400;<std-or>",
// ENVID the xtext of the MTS identifier, RET from content-return-request)
// and RFC 5322/MIME bytes: a Received line for the gateway, the MIXER
// envelope headers (X400-Received per trace element, X400-MTS-Identifier,
// X400-Originator, X400-Recipients, X400-Content-Type, ...), the heading
// fields (mapping/heading) and the body (MIME, mapping/body/body.hpp).
//
// Internet -> X.400 (to_x400): the reverse. The MIXER envelope headers are
// consumed into the MessageTransferEnvelope (when they parse: otherwise they
// stay, verbatim, in the rfc-822-heading-list); the gateway adds its own
// trace element; the MTS identifier is the one carried in
// X400-MTS-Identifier or is derived from Message-ID (RFC 2156 §4.6.3).
//
// Failures are MappingFailure values in X.411 NDR terms (mapping/failure.hpp)
// so the reports code can turn them into an NDR or a DSN directly. An IPN
// content is not converted here (reports: mapping/report/ipn_mdn.hpp): its
// failure has `where == kNotificationWhere` (test with is_notification()).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/address/context.hpp"
#include "mapping/failure.hpp"
#include "mapping/mime/entity.hpp"
#include "mapping/mime/limits.hpp"
#include "x400/asn/p1_types.hpp"

namespace mixer::mapping::message {

// Who the gateway is, on both sides.
struct GatewayIdentity {
  std::string mta_name;              // our MTA name (Received line, internal trace)
  std::string country, admd, prmd;   // our global domain identifier (prmd may be empty)
  std::string domain;                // our RFC 822 domain (Received "by", generated ids)
};

// One RCPT TO with its DSN parameters (RFC 3461); empty strings = absent.
struct SmtpRecipient {
  std::string address;  // addr-spec, no angle brackets
  std::string notify;   // "SUCCESS,FAILURE", "FAILURE", "NEVER", ...
  std::string orcpt;    // "rfc822;user@example.org" / "x400;/C=GB/..." (xtext, as on the wire)
  friend bool operator==(const SmtpRecipient&, const SmtpRecipient&) = default;
};

struct SmtpEnvelope {
  std::string mail_from;  // reverse-path addr-spec, "" for the null path <>
  std::vector<SmtpRecipient> recipients;
  std::string envid;       // ENVID (xtext), "" when absent
  std::string ret;         // "FULL" / "HDRS" / ""
  bool eight_bit = false;  // BODY=8BITMIME needed (to_internet) / given (to_x400)
  bool smtputf8 = false;   // SMTPUTF8 needed / given
  friend bool operator==(const SmtpEnvelope&, const SmtpEnvelope&) = default;
};

struct ConversionOptions {
  GatewayIdentity gateway;
  std::int64_t now = 0;          // unix seconds: Received/trace arrival time, generated ids
  bool next_hop_8bit = false;    // the next SMTP hop offered 8BITMIME: 8bit CTE allowed
  bool allow_p2 = false;         // to_x400: content type 2 when the IPM fits X.420 (1984)
  bool attachments_as_bilateral = false;  // to_x400: per peer, attachments as BilaterallyDefined (mapping/body)
  std::string eol = "\r\n";      // to_internet: line ends of the produced message ("\n" for files)
  mime::MimeLimits mime_limits;  // to_x400: parser limits
};

// X.400 -> Internet result: the envelope and the complete message bytes.
struct InternetMessage {
  SmtpEnvelope envelope;
  std::string content;
};

// What a P1 content is, before converting it.
enum class ContentClass { ipm, ipn, unsupported };
ContentClass classify(const x400::asn::Message& m);

inline constexpr std::string_view kNotificationWhere = "content.ipn";
inline bool is_notification(const MappingFailure& f) { return f.where == kNotificationWhere; }

// X.400 -> Internet.
Result<InternetMessage, MappingFailure> to_internet(const x400::asn::Message& m,
                                                    const address::MappingContext& ctx,
                                                    const ConversionOptions& o);

// Internet -> X.400. The string_view overload copies `content` once into a
// shared buffer; the BodyRef overload shares the caller's buffer (body bytes
// of the result point into it where no transfer decoding was needed).
Result<x400::asn::Message, MappingFailure> to_x400(const SmtpEnvelope& e, std::string_view content,
                                                   const address::MappingContext& ctx,
                                                   const ConversionOptions& o);
Result<x400::asn::Message, MappingFailure> to_x400(const SmtpEnvelope& e, const mime::BodyRef& content,
                                                   const address::MappingContext& ctx,
                                                   const ConversionOptions& o);

}  // namespace mixer::mapping::message
