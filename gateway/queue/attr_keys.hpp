// The names of the opaque queue::Record attributes that the gateway's
// listeners, transports and report factory agree on (the queue itself never
// reads them). Declared once here so that a typo is a compile error.
//
// What a record holds, by `format`:
//   rfc5322  - content is an Internet message as received over SMTP (or a
//              DSN/MDN the gateway generated); recipients are RFC 5321
//              mailboxes (direction x400_to_smtp) or RFC 5321 mailboxes still
//              to be mapped to O/R addresses at delivery (smtp_to_x400).
//   p1-apdu  - content is one BER MTS-APDU (message, report or probe) as
//              received over P1 (or an X.400 report the gateway generated);
//              recipients are std-or O/R addresses (smtp_to_x400 direction
//              for generated reports) or RFC 5321 mailboxes already mapped
//              (x400_to_smtp, mapped at intake so that an unmappable
//              recipient is refused/reported at once).
// The direction says which transport delivers the record: smtp_to_x400 ->
// the P1 transport, x400_to_smtp -> the SMTP client transport.
#pragma once

namespace mixer::queue::attr {

// Message-level (Record::attrs)
inline constexpr const char* kFormat = "format";            // "rfc5322" | "p1-apdu"
inline constexpr const char* kFormatRfc5322 = "rfc5322";
inline constexpr const char* kFormatP1Apdu = "p1-apdu";
inline constexpr const char* kEnvid = "envid";              // RFC 3461 ENVID (decoded xtext)
inline constexpr const char* kRet = "ret";                  // "FULL" | "HDRS"
inline constexpr const char* kBody = "body";                // "7BIT" | "8BITMIME" | "BINARYMIME"
inline constexpr const char* kSmtpUtf8 = "smtputf8";        // "1" when the client sent SMTPUTF8
inline constexpr const char* kReceivedFrom = "received-from";  // peer: "host [ip]" or P1 MTA name
inline constexpr const char* kHelo = "helo";                // SMTP HELO/EHLO argument
inline constexpr const char* kMtsId = "mts-id";             // X.400 MTS identifier (std text)
inline constexpr const char* kIsReport = "is-report";       // "1": a report/notification (never report on it)
inline constexpr const char* kSubjectId = "subject-id";     // queue id of the message a report is about

// Per-recipient (Recipient::attrs)
inline constexpr const char* kNotify = "notify";            // RFC 3461 NOTIFY list, e.g. "SUCCESS,FAILURE"
inline constexpr const char* kOrcpt = "orcpt";              // RFC 3461 ORCPT "type;value" (decoded)
inline constexpr const char* kOrAddress = "or-address";     // the mapped/original O/R address (std-or)
inline constexpr const char* kRecipientNumber = "rcpt-number";  // X.400 originally-specified-recipient-number
inline constexpr const char* kRoute = "route";              // X.400 route name chosen at delivery

}  // namespace mixer::queue::attr
