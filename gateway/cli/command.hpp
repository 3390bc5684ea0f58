// The `mixer` operator CLI: git-style subcommands, possibly in groups
// ("mixer x400 dump", "mixer queue list"). Each subcommand lives in its own
// cmd_*.cpp file and is listed once in commands.cpp.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "gateway/cli/args.hpp"

namespace mixer::cli {

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the operation failed (bad input, peer refused, ...)
inline constexpr int kExitUsage = 2;    // the command line itself was wrong

struct CommandIo {
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string name;     // words separated by single spaces: "p1 listen"
  std::string summary;  // one line for `mixer --help`
  std::function<ArgSpec()> spec;
  std::function<int(const ParsedArgs&, CommandIo&)> run;
};

// Every subcommand, in the order `mixer --help` lists them.
const std::vector<Command>& all_commands();

// Runs `mixer ARGS...` (args excludes the program name). Returns the exit status.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mixer::cli
