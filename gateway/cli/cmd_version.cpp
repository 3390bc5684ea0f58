#include <ostream>

#include "gateway/cli/commands.hpp"
#include "gateway/version.hpp"

namespace mixer::cli {

Command version_command() {
  return Command{
      "version",
      "Print mixer's version and the standards it implements",
      [] { return ArgSpec{}; },
      [](const ParsedArgs&, CommandIo& io) {
        io.out << "mixer " << kVersion << "\n"
               << "X.400 <-> SMTP gateway: RFC 2156 (MIXER), RFC 2157, RFC 3461/3464 (DSN), RFC 8098 (MDN)\n"
               << "X.400 P1 over RFC 1006: ISO transport class 0, session, presentation, ACSE, RTSE; X.410-1984 mode\n";
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
