// A plain-text form of the SMTP envelope, as the SMTP commands that carry it
// (RFC 5321 §4.1.1.2-3 with the RFC 3461 DSN, RFC 6152 8BITMIME and RFC 6531
// SMTPUTF8 parameters), for `mixer convert` output and golden files:
//
//   MAIL FROM:<alice@example.org> RET=FULL ENVID=... BODY=8BITMIME SMTPUTF8
//   RCPT TO:<bob@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=x400;...
//
// parse_envelope_text reads the same lines back (unknown parameters are an
// error naming the line).
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "mapping/message/convert.hpp"

namespace mixer::mapping::message {

std::string format_envelope_text(const SmtpEnvelope& e);
Result<SmtpEnvelope, std::string> parse_envelope_text(std::string_view text);

}  // namespace mixer::mapping::message
