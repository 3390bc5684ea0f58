// mixerd's lifecycle around an Asio io_context: logging, privilege drop, pid
// file (single instance), spool open + crash recovery, the queue manager on a
// strand driven by a timer, and signals: SIGTERM/SIGINT stop gracefully (no
// new deliveries, in-flight ones get timeouts.shutdown_grace seconds; the
// spool makes abandoning them safe), SIGHUP reloads the configuration (a bad
// file is refused with every error logged and the old configuration kept).
#pragma once

#include <iosfwd>
#include <string>

#include "config/config.hpp"

namespace mixer::daemon {

// Runs until stopped by a signal. Returns the process exit status.
int run_daemon(const std::string& config_path, config::Config cfg, std::ostream& out, std::ostream& err);

}  // namespace mixer::daemon
