// mixer queue flush [ID]: deferred messages are tried at mixerd's next scan.
#include <ostream>

#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/queue/admin.hpp"

namespace mixer::cli {

Command queue_flush_command() {
  return Command{
      "queue flush",
      "Retry deferred messages (all, or one) at the next queue scan",
      [] {
        ArgSpec spec;
        add_spool_options(spec).positional("ID", "Only this message.", false);
        return spec;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        std::optional<std::string> id;
        if (!args.positionals().empty()) {
          id = args.positionals()[0];
          if (!queue::valid_queue_id(*id)) {
            io.err << "mixer: '" << *id << "' is not a queue id\n";
            return kExitUsage;
          }
        }
        auto opened = open_spool_from_args(args);
        if (!opened) {
          io.err << opened.error() << "\n";
          return kExitFailure;
        }
        auto n = queue::flush_queue(*opened->spool, id);
        if (!n) {
          io.err << n.error() << "\n";
          return kExitFailure;
        }
        io.out << *n << " message" << (*n == 1 ? "" : "s") << " scheduled for immediate delivery\n";
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
