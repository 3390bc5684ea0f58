// mixerd's entry point, kept in the library so tests can link it.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mixer::daemon {

int mixerd_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mixer::daemon
