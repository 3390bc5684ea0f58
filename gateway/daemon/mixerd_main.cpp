#include "gateway/daemon/mixerd_main.hpp"

#include <csignal>
#include <ostream>

#include "config/load.hpp"
#include "gateway/cli/args.hpp"
#include "gateway/cli/command.hpp"
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

// Blocks until SIGTERM or SIGINT. Signals are blocked first so they are only
// ever consumed here, never by a default handler.
int wait_for_stop_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return -1;
    if (sig == SIGHUP) continue;  // reload arrives with the gateway issue
    return sig;
  }
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
  auto cfg = config::load_file(*path);
  if (!cfg) {
    for (const auto& e : cfg.error()) err << e.to_string() << "\n";
    err << "mixerd: configuration is invalid, not starting\n";
    return cli::kExitFailure;
  }
  if (parsed->has("--check")) {
    out << *path << ": configuration OK\n";
    return cli::kExitOk;
  }
  const auto& c = *cfg;
  out << "mixerd " << kVersion << " (MTA " << c.gateway.mta_name << ", domain " << c.gateway.domain << ")\n"
      << "  SMTP listener  " << c.smtp.listen.host << ":" << c.smtp.listen.port << "\n"
      << "  P1 listener    " << c.p1.listen.host << ":" << c.p1.listen.port << "\n"
      << "  SMTP next hop  " << c.smtp.next_hop.host << ":" << c.smtp.next_hop.port << "\n"
      << "  spool          " << c.queue.dir.string() << "\n"
      << "mixerd: the listeners are not served yet (gateway issue); waiting for SIGTERM/Ctrl-C\n"
      << std::flush;
  int sig = wait_for_stop_signal();
  out << "mixerd: stopping on signal " << sig << "\n";
  return cli::kExitOk;
}

}  // namespace mixer::daemon
