// mixer queue show ID: one message's envelope, recipients and attributes;
// --content adds the stored content bytes.
#include <ostream>

#include "common/log_escape.hpp"
#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/queue/admin.hpp"

namespace mixer::cli {

Command queue_show_command() {
  return Command{
      "queue show",
      "Show one queued message",
      [] {
        ArgSpec spec;
        add_spool_options(spec)
            .flag("--content", "Also print the content (raw bytes).")
            .positional("ID", "The queue id.");
        return spec;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        const std::string& id = args.positionals().at(0);
        if (!queue::valid_queue_id(id)) {
          io.err << "mixer: '" << id << "' is not a queue id\n";
          return kExitUsage;
        }
        auto opened = open_spool_from_args(args);
        if (!opened) {
          io.err << opened.error() << "\n";
          return kExitFailure;
        }
        auto e = queue::inspect(*opened->spool, id);
        if (!e) {
          io.err << id << ": not in the queue\n";
          return kExitFailure;
        }
        io.out << "id:         " << e->id << "\nstate:      " << queue::to_string(e->state)
               << "\nfile:       " << opened->spool->path_of(id, e->state).string() << " (" << e->size << " bytes)\n";
        if (!e->record) {
          io.out << "error:      " << e->error << "\n";
          return kExitFailure;
        }
        const auto& r = *e->record;
        io.out << "arrival:    " << format_time(r.arrival) << "\ndirection:  " << queue::to_string(r.direction)
               << "\noriginator: " << log_escape(r.originator) << "\ncontent:    " << r.content.size() << " bytes\n";
        for (const auto& [k, v] : r.attrs) io.out << "attr:       " << log_escape(k) << " = " << log_escape(v) << "\n";
        for (const auto& rc : r.recipients) {
          io.out << "recipient:  " << log_escape(rc.address) << "\n  status " << queue::to_string(rc.status)
                 << ", attempts " << rc.attempts;
          if (rc.next_retry) io.out << ", next retry " << format_time(rc.next_retry);
          if (rc.delay_warned) io.out << ", delay reported";
          if (rc.reported) io.out << ", failure reported";
          io.out << "\n";
          if (!rc.diagnostic.empty()) io.out << "  diagnostic: " << log_escape(rc.diagnostic, 1000) << "\n";
          for (const auto& [k, v] : rc.attrs) io.out << "  " << log_escape(k) << " = " << log_escape(v) << "\n";
        }
        if (args.has("--content")) io.out << "\n" << r.content;
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
