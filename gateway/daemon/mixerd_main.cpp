#include "gateway/daemon/mixerd_main.hpp"

#include <cerrno>
#include <filesystem>
#include <cstring>
#include <unistd.h>
#include <ostream>

#include "config/check.hpp"
#include "gateway/cli/args.hpp"
#include "gateway/cli/command.hpp"
#include "gateway/daemon/daemon.hpp"
#include "gateway/daemon/snapshot.hpp"
#include "gateway/version.hpp"

namespace mixer::daemon {
namespace {

cli::ArgSpec mixerd_spec() {
  cli::ArgSpec spec;
  spec.option("--config", "FILE", "The configuration file (TOML). Required.")
      .flag("--foreground", "Stay in the foreground and log to stderr.")
      .flag("--check", "Validate the configuration and exit.")
      .flag("--version", "Print the version and exit.");
  return spec;
}

}  // namespace

int mixerd_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto spec = mixerd_spec();
  auto parsed = cli::parse_args(spec, args);
  if (!parsed) {
    err << "mixerd: " << parsed.error() << "\nRun 'mixerd --help' for usage.\n";
    return cli::kExitUsage;
  }
  if (parsed->help_requested()) {
    out << spec.help_text("mixerd", "mixerd is the mixer X.400 <-> SMTP gateway daemon (RFC 2156).");
    return cli::kExitOk;
  }
  if (parsed->has("--version")) {
    out << "mixerd " << kVersion << "\n";
    return cli::kExitOk;
  }
  auto path = parsed->get("--config");
  if (!path) {
    err << "mixerd: --config FILE is required\nRun 'mixerd --help' for usage.\n";
    return cli::kExitUsage;
  }
  auto cfg = config::load_checked(*path);  // the same checks as `mixer check-config`
  if (!cfg) {
    for (const auto& e : cfg.error()) err << e.to_string() << "\n";
    err << "mixerd: configuration is invalid, not starting\n";
    return cli::kExitFailure;
  }
  if (parsed->has("--check")) {
    // Tables and routes too, built as at start (what check-config does).
    if (auto snap = make_snapshot(*cfg); !snap) {
      for (const auto& e : snap.error()) err << e << "\n";
      err << "mixerd: mapping tables or routes are invalid\n";
      return cli::kExitFailure;
    }
    out << *path << ": configuration OK\n";
    return cli::kExitOk;
  }
  if (!parsed->has("--foreground")) {
    // Classic detach; systemd runs us with --foreground (packaging/mixerd.service).
    if (::daemon(0, 0) != 0) {
      err << "mixerd: cannot detach: " << std::strerror(errno) << "\n";
      return cli::kExitFailure;
    }
  }
  return run_daemon(std::filesystem::absolute(*path).string(), std::move(cfg).value(), out, err);
}

}  // namespace mixer::daemon
