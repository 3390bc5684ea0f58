// `mixerd`: the gateway daemon. See gateway/daemon/.
#include <iostream>
#include <string>
#include <vector>

#include "gateway/daemon/mixerd_main.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return mixer::daemon::mixerd_main(args, std::cout, std::cerr);
}
