// mixer check-config [FILE]: the same validation as mixerd's start, every
// problem as "FILE:LINE: message": the file (config/load), the hosts it names
// (config/check), then the mapping table files and the routing table built
// exactly as mixerd builds them (daemon::make_snapshot). --limits prints the
// limits table.
#include <iomanip>
#include <ostream>

#include "config/check.hpp"
#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/daemon/snapshot.hpp"

namespace mixer::cli {

Command check_config_command() {
  return Command{
      "check-config",
      "Validate a mixer configuration file (every error with file and line)",
      [] {
        ArgSpec spec;
        spec.flag("--limits", "Print every limit: section, key, value, default, range, unit.")
            .positional("FILE", std::string("The configuration (default ") + kDefaultConfigPath + ").", false);
        return spec;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        std::string path = args.positionals().empty() ? kDefaultConfigPath : args.positionals()[0];
        auto report = [&](std::size_t n) {
          io.err << path << ": " << n << " error" << (n == 1 ? "" : "s") << "\n";
          return kExitFailure;
        };
        auto cfg = config::load_checked(path);
        if (!cfg) {
          for (const auto& e : cfg.error()) io.err << e.to_string() << "\n";
          return report(cfg.error().size());
        }
        if (auto snap = daemon::make_snapshot(*cfg); !snap) {
          for (const auto& e : snap.error()) io.err << e << "\n";
          return report(snap.error().size());
        }
        io.out << path << ": configuration OK (" << cfg->routes.size() << " X.400 route"
               << (cfg->routes.size() == 1 ? "" : "s") << ", spool " << cfg->queue.dir.string() << ")\n";
        if (args.has("--limits")) {
          for (const auto& s : config::kLimitSpecs) {
            std::string where = std::string(s.section) + "." + std::string(s.key);
            io.out << std::left << std::setw(34) << where << std::right << std::setw(11)
                   << (s.section == "route" ? s.default_value : cfg->limits[s.id]) << "  default " << s.default_value
                   << ", range " << s.min << ".." << s.max << " " << s.unit << "  - " << s.help << "\n";
          }
        }
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
