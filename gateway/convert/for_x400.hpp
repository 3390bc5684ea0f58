// Delivery-time conversion of a queued smtp_to_x400 record into what the P1
// transport sends (RFC 2156 §5 message mapping, §4.3.4 address mapping):
//
//  - format rfc5322: the SMTP envelope (originator, RCPT TO with NOTIFY/ORCPT,
//    ENVID, RET, BODY, SMTPUTF8 from the record attrs) and the RFC 5322 bytes
//    go through mapping::message::to_x400 (C) -> one P1 Message;
//    A multipart/report (DSN or MDN, RFC 3464 / RFC 8098) for an X.400 user
//    goes through mapping::report::report_mail_to_x400 (E) instead: a DSN
//    becomes a Report APDU, an MDN a Message carrying the IPN (RFC 2156 5.1);
//    nothing owed (delayed DSN, MDN "processed") settles the recipient as
//    delivered with a diagnostic saying so;
//  - format p1-apdu: an MTS-APDU the gateway generated (an X.400 report about
//    an X.400 message) is sent as is; its recipients are std-or addresses.
// A recipient that does not map (RFC 2156 4.3.4) fails alone; the others
// are still converted.
//
// The result names, for each due recipient, its O/R address and the index of
// its per-recipient field in the Message, or an outcome: a mapping failure is
// permanent for the recipient (diagnostic = the mapping error), so the queue
// reports it (DSN towards the SMTP originator); never silently dropped.
// encode_for_route() then writes the APDU for one route: the X.411 12.2.1.1.1
// responsibility bit set only for that route's recipients (a message split
// between routes travels once per route, each copy responsible for its own
// recipients only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "config/config.hpp"
#include "gateway/queue/record.hpp"
#include "gateway/queue/schedule.hpp"
#include "mapping/address/context.hpp"
#include "x400/asn/p1_types.hpp"

namespace mixer::convert {

struct ForX400Settings {
  config::GatewaySettings gateway;  // our MTA name, GDI, domain (trace, MTS identifiers)
  std::int64_t now = 0;             // unix seconds (trace arrival time)
};

struct X400Target {
  std::size_t index = 0;                     // into Record::recipients
  x400::ORAddress address;                   // the recipient's O/R address (routing key)
  std::size_t apdu = 0;                      // into X400Outbound::apdus
  std::optional<std::size_t> per_recipient;  // index into that Message's per-recipient fields
};

struct X400Outbound {
  std::vector<x400::asn::MtsApdu> apdus;          // messages / reports to send (usually one)
  std::vector<X400Target> targets;                // due recipients that can be sent
  std::vector<queue::RecipientOutcome> outcomes;  // due recipients settled now (mapping failures)
};

X400Outbound for_x400(const queue::Record& record, const std::vector<std::size_t>& due,
                      const mapping::address::MappingContext& ctx, const ForX400Settings& settings);

// BER of the APDU of the targets `chosen` (indices into out.targets, all with
// the same `apdu`): a Message has the responsibility bit set for exactly
// their per-recipient fields; a report or probe is encoded unchanged.
Result<std::vector<std::uint8_t>, std::string> encode_for_route(const X400Outbound& out,
                                                                const std::vector<std::size_t>& chosen);

// The O/R address a queued smtp_to_x400 recipient is routed by, without
// converting the message: std-or for p1-apdu records, RFC 2156 4.3.4 mapping
// of the RFC 5321 mailbox for rfc5322 records. Error: it does not map.
Result<x400::ORAddress, std::string> recipient_or_address(const queue::Record& record, std::size_t index,
                                                          const mapping::address::MappingContext& ctx);

}  // namespace mixer::convert
