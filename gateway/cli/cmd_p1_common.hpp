// Shared option handling of `mixer p1 listen` and `mixer p1 send`: the
// association settings a user can give on the command line (mode, RTSE
// checkpoint size and window, selectors, timeouts) with their ranges.
#pragma once

#include <string>

#include "gateway/cli/command.hpp"
#include "x400/p1/asio_connection.hpp"

namespace mixer::cli {

// Adds --mode, --checkpoint-size, --window, --idle-timeout, --max-apdu and
// the called selectors --called-tsel/--called-ssel/--called-psel (send: the
// peer's address; listen: what callers must address, refused otherwise).
void add_p1_options(ArgSpec& spec);
// Applies them; the error names the option.
Result<Ok> apply_p1_options(const ParsedArgs& args, x400::p1::AssociationConfig& config,
                            x400::p1::ConnectionTimeouts& timeouts);
std::string printable(const std::string& untrusted);
// An OSI selector as the configuration writes it: "0x..." hex, otherwise the
// text's octets; at most `max` octets (X.224 TSAP 32, session/presentation 16).
Result<x400::osi::Bytes> parse_selector(const std::string& option, const std::string& value, std::size_t max);

}  // namespace mixer::cli
