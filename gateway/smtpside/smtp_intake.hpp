// mixerd's SMTP listener (the Internet -> X.400 intake): the smtp/ ESMTP
// server on [smtp] listen (STARTTLS with [smtp] tls_cert/tls_key), with the
// RCPT and end-of-data decisions of intake_rules.hpp, handing each accepted
// message to the daemon's MessageIntake (the spool). The 250 is sent only
// from the spool's durable callback (gateway/queue/spool.hpp); a storage
// failure is 451 4.3.0, a full queue 452 4.3.1, a mail loop 554.
//
// Threads: the server runs on its own io_context and thread (smtp/asio_server
// expects one thread), so SMTP sessions never wait on the queue manager. The
// mapping context and limits are read through `Live` on every transaction, so
// a SIGHUP reload applies to the next RCPT without dropping a connection.
// stop() closes the listener, waits (bounded) for messages being stored to be
// answered, then ends the sessions: a client that did not get its 250 retries,
// so nothing acknowledged is lost and nothing unacknowledged is kept silently.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "config/config.hpp"
#include "gateway/daemon/ports.hpp"
#include "gateway/metrics/metrics.hpp"
#include "gateway/smtpside/intake_rules.hpp"
#include "mapping/address/context.hpp"

namespace mixer::smtpside {

// What the intake reads per transaction (may change on reload).
struct Live {
  std::shared_ptr<const mapping::address::MappingContext> ctx;
  RouteCheck routable;             // empty: every mapped address is accepted
  std::size_t max_received = 100;  // limits.max_received_headers
  std::string hostname;            // "by" in Received:, EHLO greeting
};

struct IntakeHooks {
  std::function<Live()> live;           // required
  std::function<bool()> queue_full;     // queue.max_messages reached; may be empty
  std::function<void(int level, const std::string&)> log;  // 0 info, 1 warn, 2 error
  metrics::Metrics* metrics = nullptr;  // may be null
};

class SmtpIntake {
 public:
  // Validates the settings, loads the TLS files and binds the listener.
  static Result<std::unique_ptr<SmtpIntake>> start(const config::Config& cfg, daemon::MessageIntake& intake,
                                                   IntakeHooks hooks);
  ~SmtpIntake();  // stop()
  SmtpIntake(const SmtpIntake&) = delete;
  SmtpIntake& operator=(const SmtpIntake&) = delete;

  std::uint16_t port() const;
  // Idempotent; waits up to `grace_ms` for messages being stored.
  void stop(int grace_ms = 5000);

  struct Impl;
  explicit SmtpIntake(std::unique_ptr<Impl> impl);  // use start()

 private:
  std::unique_ptr<Impl> impl_;
};

// The smtp::ServerConfig that [smtp] and [limits]/[timeouts] describe.
smtp::ServerConfig server_config(const config::Config& cfg);

}  // namespace mixer::smtpside
