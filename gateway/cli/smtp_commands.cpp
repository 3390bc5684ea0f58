// The smtp subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

Command smtp_sink_command();
Command smtp_send_command();

void add_smtp_commands(std::vector<Command>& out) {
  out.push_back(smtp_sink_command());
  out.push_back(smtp_send_command());
}

}  // namespace mixer::cli
