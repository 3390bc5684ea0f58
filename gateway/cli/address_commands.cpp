// The address subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

void add_address_commands(std::vector<Command>& /*out*/) {}

}  // namespace mixer::cli
