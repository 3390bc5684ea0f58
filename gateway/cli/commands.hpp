// The subcommands of `mixer`. Each area of the tree registers its own commands
// in its own file (gateway/cli/<area>_commands.cpp), so areas never edit each
// other's files; commands.cpp calls them in the order `mixer --help` lists.
#pragma once

#include <vector>

#include "gateway/cli/command.hpp"

namespace mixer::cli {

Command version_command();

void add_x400_commands(std::vector<Command>& out);     // x400 dump / encode     (x400_commands.cpp)
void add_p1_commands(std::vector<Command>& out);       // p1 listen / send       (p1_commands.cpp)
void add_address_commands(std::vector<Command>& out);  // map-address            (address_commands.cpp)
void add_mapping_commands(std::vector<Command>& out);  // convert                (mapping_commands.cpp)
void add_smtp_commands(std::vector<Command>& out);     // smtp-sink, ...         (smtp_commands.cpp)
void add_gateway_commands(std::vector<Command>& out);  // check-config, queue, status (gateway_commands.cpp)

}  // namespace mixer::cli
