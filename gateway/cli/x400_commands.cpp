// The x400 subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

Command x400_dump_command();
Command x400_encode_command();

void add_x400_commands(std::vector<Command>& out) {
  out.push_back(x400_dump_command());
  out.push_back(x400_encode_command());
}

}  // namespace mixer::cli
