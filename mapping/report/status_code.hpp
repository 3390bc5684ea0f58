// RFC 3463 enhanced mail system status codes: class.subject.detail with
// class 2 (success), 4 (persistent transient failure) or 5 (permanent
// failure), subject and detail 0..999 (RFC 3463 §2: 1*3digit).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mixer::mapping::report {

struct StatusCode {
  int klass = 5;
  int subject = 0;
  int detail = 0;

  std::string to_string() const;
  friend bool operator==(const StatusCode&, const StatusCode&) = default;
};

// Parses "5.1.1" exactly (no surrounding text); nullopt when malformed.
std::optional<StatusCode> parse_status_code(std::string_view s);

// Finds an enhanced status code at the start of an SMTP reply text, as in
// "550 5.1.1 <x@y>: Recipient address rejected" (RFC 2034 §4). When the reply
// carries none, derives one from the basic reply code (RFC 3463 §3 and RFC
// 5321 §4.2): 2yz -> 2.0.0, 4yz -> 4.0.0, 5yz -> 5.0.0, with the specific
// codes 421/450/451/452/550/551/552/553/554 refined as the comment in
// status_code.cpp explains. nullopt when the reply code is not 2xx/4xx/5xx.
std::optional<StatusCode> status_from_smtp_reply(int reply_code, std::string_view reply_text);

}  // namespace mixer::mapping::report
