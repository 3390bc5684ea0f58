// Parsing of MAIL FROM / RCPT TO arguments (RFC 5321 4.1.2 paths, 4.1.1.11
// ESMTP parameters) into the Envelope, with the replies RFC 5321 4.2/4.3,
// RFC 1870, RFC 3461, RFC 6152 and RFC 6531 give for malformed input.
// Pure functions: the session decides what state follows.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "smtp/envelope.hpp"
#include "smtp/reply.hpp"

namespace mixer::smtp {

struct MailArgs {
  std::string reverse_path;  // without <>, source route removed
  std::optional<std::uint64_t> size;
  BodyType body = BodyType::kUnspecified;
  bool smtputf8 = false;
  DsnRet ret = DsnRet::kUnspecified;
  std::string envid;
};

struct ArgLimits {
  std::size_t max_path_length = 256;
  bool extensions = true;  // EHLO session: ESMTP parameters allowed
};

// `rest` is what follows "MAIL" (e.g. " FROM:<a@b> SIZE=10"). Error: the reply to send.
std::variant<MailArgs, Reply> parse_mail_args(std::string_view rest, const ArgLimits& lim);
// `smtputf8`: the transaction's MAIL carried SMTPUTF8 (non-ASCII addresses allowed).
std::variant<Recipient, Reply> parse_rcpt_args(std::string_view rest, const ArgLimits& lim, bool smtputf8);

// RFC 5321 4.1.2 Mailbox (local-part "@" domain / address-literal), or UTF-8
// (RFC 6531 3.3) when `utf8`. Returns an error text, empty when valid.
std::string check_mailbox(std::string_view mailbox, bool utf8);
bool valid_utf8(std::string_view s);

}  // namespace mixer::smtp
