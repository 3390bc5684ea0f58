#include "gateway/cli/cmd_queue_common.hpp"

#include <ctime>

#include "config/load.hpp"

namespace mixer::cli {

ArgSpec& add_spool_options(ArgSpec& spec) {
  return spec.option("--config", "FILE", std::string("The configuration file (default ") + kDefaultConfigPath + ").")
      .option("--spool", "DIR", "The spool directory itself (instead of --config).");
}

Result<OpenedSpool> open_spool_from_args(const ParsedArgs& args) {
  OpenedSpool out;
  std::filesystem::path dir;
  if (auto s = args.get("--spool")) {
    dir = *s;
  } else {
    auto cfg = config::load_file(args.get_or("--config", kDefaultConfigPath));
    if (!cfg) {
      std::string text;
      for (const auto& e : cfg.error()) text += e.to_string() + "\n";
      return fail(text + "configuration is invalid");
    }
    dir = cfg->queue.dir;
    out.pid_file = cfg->daemon.pid_file;
  }
  auto spool = queue::Spool::open(queue::SpoolOptions{dir, false, 1, false});
  if (!spool) return fail(spool.error().to_string());
  out.spool = std::move(spool).value();
  return out;
}

std::string format_time(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mixer::cli

namespace mixer::cli {

Command single_message_command(std::string name, std::string summary,
                               Status<std::string> (*action)(queue::Spool&, const std::string&),
                               std::string done_word) {
  return Command{
      std::move(name),
      std::move(summary),
      [] {
        ArgSpec spec;
        add_spool_options(spec).positional("ID", "The queue id (see `mixer queue list`).");
        return spec;
      },
      [action, done_word](const ParsedArgs& args, CommandIo& io) {
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
        auto r = action(*opened->spool, id);
        if (!r) {
          io.err << r.error() << "\n";
          return kExitFailure;
        }
        io.out << id << ": " << done_word << "\n";
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
