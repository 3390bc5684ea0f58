// The SMTP intake's decisions as pure functions (no sockets, no spool), so
// they are tested without a server:
//
//  - check_recipient: RFC 2156 4.3.4 - an RCPT is accepted only when its
//    address maps to an X.400 O/R address (mapping/address map_822_to_x400)
//    and that address is routable (the caller's route check, normally the
//    O/R-prefix routing table): the gateway is never an open relay. Refusal:
//    550 5.1.1 (RFC 3463 "bad destination mailbox address") with the mapping's
//    own explanation, or 550 5.4.4 ("unable to route") when no route matches;
//    452 4.3.1 ("mail system full", RFC 3463) when the queue is full.
//  - count_received: the Received: fields of the header section (RFC 5321
//    6.3 loop detection: "simply counting the number of Received: header
//    fields"); over limits.max_received_headers the message is refused 554
//    at the end of data so the sending MTA returns it (the loop never enters
//    the spool).
//  - build_record: the queue::Record of one SMTP transaction (gateway/queue/
//    attr_keys.hpp names): direction smtp_to_x400, format rfc5322, ENVID/RET/
//    BODY/SMTPUTF8, received-from/helo, per-recipient NOTIFY/ORCPT and the
//    O/R address the RCPT mapped to; the content gets our own Received: trace
//    field prepended (RFC 5321 4.4).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/queue/record.hpp"
#include "mapping/address/context.hpp"
#include "smtp/envelope.hpp"
#include "smtp/server_session.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::smtpside {

// True when the O/R address has a route (the P1 transport can deliver it).
using RouteCheck = std::function<bool(const x400::ORAddress&)>;

struct RcptVerdict {
  smtp::RcptDecision decision;
  std::string or_address;  // std-or text of the mapped address when accepted
};

RcptVerdict check_recipient(const mapping::address::MappingContext& ctx, const RouteCheck& routable,
                            bool queue_full, std::string_view address);

// Received: fields in the header section of `content` (stops at the first
// empty line); counting stops at `stop_after` + 1 so a hostile header costs
// no more than the limit.
std::size_t count_received(std::string_view content, std::size_t stop_after);

struct IntakeContext {
  std::string id;          // the queue id assigned before storing (it appears in Received:)
  std::string by_domain;   // our host name in "by"
  std::string session_id;  // the SMTP server's session id, for received-from
  std::int64_t now = 0;    // unix seconds
};

// `or_addresses[i]` is the std-or text check_recipient gave recipient i
// ("" when unknown: it is mapped again at delivery).
queue::Record build_record(const smtp::ReceivedMessage& msg, const IntakeContext& c,
                           const std::vector<std::string>& or_addresses);

// The Received: field we prepend (folded, CRLF-terminated).
std::string received_field(const smtp::Envelope& e, const IntakeContext& c);

}  // namespace mixer::smtpside
