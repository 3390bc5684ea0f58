#include "gateway/cli/commands.hpp"

namespace mixer::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> c;
    c.push_back(version_command());
    add_gateway_commands(c);
    add_address_commands(c);
    add_mapping_commands(c);
    add_x400_commands(c);
    add_p1_commands(c);
    add_smtp_commands(c);
    return c;
  }();
  return commands;
}

}  // namespace mixer::cli
