// mixer queue list: every message, by state, like Postfix's mailq.
#include <iomanip>
#include <ostream>

#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/queue/admin.hpp"
#include "common/log_escape.hpp"

namespace mixer::cli {

Command queue_list_command() {
  return Command{
      "queue list",
      "List the queued messages with their recipients' status",
      [] {
        ArgSpec spec;
        add_spool_options(spec).option("--state", "STATE", "Only this state: incoming, active, deferred, hold, corrupt.");
        return spec;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        std::optional<queue::State> only;
        if (auto s = args.get("--state")) {
          only = queue::state_from_string(*s);
          if (!only) {
            io.err << "mixer: --state: unknown state '" << *s << "'\n";
            return kExitUsage;
          }
        }
        auto opened = open_spool_from_args(args);
        if (!opened) {
          io.err << opened.error() << "\n";
          return kExitFailure;
        }
        std::size_t n = 0;
        for (const auto& e : queue::list_queue(*opened->spool)) {
          if (only && e.state != *only) continue;
          ++n;
          io.out << std::left << std::setw(24) << e.id << std::setw(9) << queue::to_string(e.state) << std::right
                 << std::setw(9) << e.size << "  ";
          if (!e.record) {
            io.out << "(unparseable: " << e.error << ")\n";
            continue;
          }
          const auto& r = *e.record;
          io.out << format_time(r.arrival) << "  " << queue::to_string(r.direction) << "  " << log_escape(r.originator)
                 << "\n";
          for (const auto& rc : r.recipients) {
            io.out << "    " << log_escape(rc.address) << "  " << queue::to_string(rc.status);
            if (rc.attempts) io.out << ", " << rc.attempts << " attempt" << (rc.attempts == 1 ? "" : "s");
            if (rc.status == queue::RcptStatus::deferred) io.out << ", next " << format_time(rc.next_retry);
            if (!rc.diagnostic.empty()) io.out << "  (" << log_escape(rc.diagnostic) << ")";
            io.out << "\n";
          }
        }
        io.out << "-- " << n << " message" << (n == 1 ? "" : "s") << "\n";
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
