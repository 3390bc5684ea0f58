// Conversion at delivery time towards SMTP: one queue::Record of direction
// x400_to_smtp (gateway/queue/attr_keys.hpp) -> the SMTP envelope and RFC 5322
// bytes to hand to the next hop, for the due recipients only.
//
//   format rfc5322 - sent as stored (a DSN/MDN the gateway generated): MAIL
//                    FROM = the record's originator ("" = the null path of a
//                    report, RFC 3461 / RFC 5321 4.5.5), ENVID/RET and per-
//                    recipient NOTIFY/ORCPT from the attributes.
//   format p1-apdu - the stored MTS-APDU is decoded (x400/asn): a Message is
//                    converted by RFC 2156 (mapping::message::to_internet);
//                    a Report becomes a DSN (RFC 2156 5.3 / RFC 3464, the
//                    reports mapping); a Probe is never queued this way (it is
//                    answered at P1 intake) and fails permanently here.
// The RCPT list always comes from the record (the recipients G's P1 intake
// mapped and the queue says are due), never from a fresh mapping, so what
// the queue tracks and what the next hop receives are the same mailboxes.
//
// A conversion failure is a permanent failure of every due recipient with the
// MappingFailure text as diagnostic (the report factory turns it into the
// NDR, X.411 8.3.1.2.1.x reason/diagnostic) - never a silent drop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "gateway/queue/record.hpp"
#include "gateway/queue/schedule.hpp"
#include "mapping/address/context.hpp"
#include "smtp/client_session.hpp"

namespace mixer::convert {

struct SmtpConversion {
  std::optional<smtp::OutgoingMessage> message;  // absent when every due recipient failed
  std::vector<std::size_t> rcpt_index;           // envelope recipient i = Record::recipients[rcpt_index[i]]
  std::vector<queue::RecipientOutcome> failed;   // due recipients failed by the conversion
};

struct ForSmtpOptions {
  const mapping::address::MappingContext* ctx = nullptr;  // required for p1-apdu
  const config::GatewaySettings* gateway = nullptr;       // our identity (Received:, trace)
  std::int64_t now = 0;                                   // unix seconds
  bool next_hop_8bit = false;                             // the next hop offers 8BITMIME
};

SmtpConversion for_smtp(const queue::Record& r, const std::vector<std::size_t>& due, const ForSmtpOptions& o);

// The RFC 3461 parameters of recipient `i` of the record (NOTIFY, ORCPT).
smtp::Recipient smtp_recipient(const queue::Recipient& r);

}  // namespace mixer::convert
