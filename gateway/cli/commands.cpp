#include "gateway/cli/commands.hpp"

namespace mixer::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> c;
    c.push_back(version_command());
    return c;
  }();
  return commands;
}

}  // namespace mixer::cli
