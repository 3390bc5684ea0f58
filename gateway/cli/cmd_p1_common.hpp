// Shared option handling of `mixer p1 listen` and `mixer p1 send`: the
// association settings a user can give on the command line (mode, RTSE
// checkpoint size and window, selectors, timeouts) with their ranges.
#pragma once

#include <string>

#include "gateway/cli/command.hpp"
#include "x400/p1/asio_connection.hpp"

namespace mixer::cli {

// Adds --mode, --checkpoint-size, --window, --idle-timeout, --trace options.
void add_p1_options(ArgSpec& spec);
// Applies them; the error names the option.
Result<Ok> apply_p1_options(const ParsedArgs& args, x400::p1::AssociationConfig& config,
                            x400::p1::ConnectionTimeouts& timeouts);
std::string printable(const std::string& untrusted);

}  // namespace mixer::cli
