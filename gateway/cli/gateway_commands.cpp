// The gateway subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

void add_gateway_commands(std::vector<Command>& out) {
  out.push_back(check_config_command());
  out.push_back(status_command());
  out.push_back(queue_list_command());
  out.push_back(queue_show_command());
  out.push_back(queue_flush_command());
  out.push_back(queue_delete_command());
  out.push_back(queue_hold_command());
  out.push_back(queue_release_command());
}

}  // namespace mixer::cli
