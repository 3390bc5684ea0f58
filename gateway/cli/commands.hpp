// One factory per subcommand; each is defined in its own cmd_*.cpp.
#pragma once

#include "gateway/cli/command.hpp"

namespace mixer::cli {

Command version_command();

}  // namespace mixer::cli
