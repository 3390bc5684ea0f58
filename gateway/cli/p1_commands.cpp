// The p1 subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

Command p1_listen_command();
Command p1_send_command();

void add_p1_commands(std::vector<Command>& out) {
  out.push_back(p1_listen_command());
  out.push_back(p1_send_command());
}

}  // namespace mixer::cli
