// The address subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

Command map_address_command();  // cmd_map_address.cpp

void add_address_commands(std::vector<Command>& out) { out.push_back(map_address_command()); }

}  // namespace mixer::cli
