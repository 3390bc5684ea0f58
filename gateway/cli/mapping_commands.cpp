// The mapping subcommands of `mixer`; each command's code lives in its own
// cmd_*.cpp next to this file and is listed here.
#include "gateway/cli/commands.hpp"

namespace mixer::cli {

Command convert_to_internet_command();  // cmd_convert.cpp
Command convert_to_x400_command();      // cmd_convert.cpp

void add_mapping_commands(std::vector<Command>& out) {
  out.push_back(convert_to_internet_command());
  out.push_back(convert_to_x400_command());
}

}  // namespace mixer::cli
