// mixer status: is mixerd running (pid file lock), and how full is the queue.
#include <ostream>

#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/daemon/pid_file.hpp"
#include "gateway/queue/admin.hpp"

namespace mixer::cli {

Command status_command() {
  return Command{
      "status",
      "Show whether mixerd runs and the queue size per state",
      [] {
        ArgSpec spec;
        add_spool_options(spec);
        return spec;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        auto opened = open_spool_from_args(args);
        if (!opened) {
          io.err << opened.error() << "\n";
          return kExitFailure;
        }
        if (!opened->pid_file.empty()) {
          auto pid = daemon::running_daemon(opened->pid_file);
          if (pid) io.out << "mixerd:   running (pid " << *pid << ")\n";
          else io.out << "mixerd:   not running\n";
        }
        io.out << "spool:    " << opened->spool->dir().string() << "\n";
        auto counts = queue::count_queue(*opened->spool);
        for (auto st : queue::kAllStates)
          io.out << std::string(queue::to_string(st)) << ":" << std::string(9 - queue::to_string(st).size(), ' ')
                 << counts.by_state[static_cast<int>(st)] << "\n";
        io.out << "total:    " << counts.total() << "\n";
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
