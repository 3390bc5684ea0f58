// Untrusted text (peer names, SMTP arguments, addresses, PDU strings) is passed
// through log_escape before it reaches a log line: control bytes and non-ASCII
// become \xNN, backslash is doubled, and the result is cut to max_len bytes with
// a "..." marker, so a peer can neither forge log lines nor flood the log.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mixer {

inline constexpr std::size_t kDefaultLogFieldMax = 200;

std::string log_escape(std::string_view untrusted, std::size_t max_len = kDefaultLogFieldMax);

}  // namespace mixer
