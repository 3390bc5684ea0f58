// `mixer`: the operator's command-line tool. See gateway/cli/.
#include <iostream>
#include <string>
#include <vector>

#include "gateway/cli/command.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return mixer::cli::run_cli(args, std::cout, std::cerr);
}
