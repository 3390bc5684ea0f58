// mixerd's P1 responder (X.411 12, X.419 over RFC 1006): accepts
// associations on config p1.listen, binds peers against the routes' MTA
// names and passwords (a route's peer_name / peer_password is what that peer
// must present; our_name / our_password what we answer), and hands every
// received MTS-APDU to p1_intake (decode, loop check, recipient mapping) and
// then to daemon::MessageIntake. The RTSE transfer is confirmed (activity
// end acknowledged, X.228 7.4) only from the intake's durable callback; a
// refused or unstorable APDU is rejected with an exception, so the peer keeps
// responsibility. Probes are answered (RFC 2156 5.3.9, E's answer_probe_apdu
// by default, or a ProbeAnswerer set by the caller) with a report stored
// towards X.400; never turned into mail.
//
// Threading: all association work runs on the io_context given; the intake
// callback may come from any thread and is posted back. Limits:
// p1.max_associations (busy refusal beyond it), p1.max_pdu_size,
// timeouts.p1_idle, limits.max_trace_elements / max_recipients /
// max_message_size.
#pragma once

// clang-format off
#include <utility>  // before Asio: boost/asio/awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
// clang-format on

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "config/config.hpp"
#include "gateway/daemon/ports.hpp"
#include "gateway/x400side/p1_intake.hpp"
#include "mapping/address/context.hpp"
#include "x400/p1/asio_connection.hpp"

namespace mixer::x400side {

struct P1ListenerStats {
  std::uint64_t associations = 0, refused_binds = 0, received = 0, stored = 0, rejected = 0, probes = 0;
  std::uint64_t active = 0;
};

class P1Listener {
 public:
  using Log = std::function<void(int level, const std::string& line)>;  // 0 info, 1 warn, 2 error
  // Builds the record that answers a probe (a report towards X.400; no
  // recipients = nothing owed), or an error (the probe is then refused).
  using ProbeAnswerer = std::function<Result<queue::Record, std::string>(const Intake& probe)>;

  P1Listener(boost::asio::io_context& io, daemon::MessageIntake& intake, Log log);
  ~P1Listener();
  P1Listener(const P1Listener&) = delete;
  P1Listener& operator=(const P1Listener&) = delete;

  // Peer table, limits, selectors and the mapping context; applies to
  // associations accepted afterwards (SIGHUP reload). Call before start().
  void configure(const config::Config& cfg, std::shared_ptr<const mapping::address::MappingContext> ctx);
  void set_probe_answerer(ProbeAnswerer a);
  // Binds cfg.p1.listen (port 0 = any free port, see port()).
  Result<Ok, std::string> start();
  // Stops accepting and aborts the live associations (unconfirmed transfers
  // stay the peer's responsibility).
  void stop();
  std::uint16_t port() const { return port_; }
  P1ListenerStats stats() const;

 private:
  struct Settings;
  struct Conn;
  struct Shared;  // state the connections share; outlives the listener while they run
  void accept();
  static void on_apdu(const std::shared_ptr<Shared>& shared, const std::shared_ptr<Conn>& conn,
                      const x400::p1::AssociationEvent& ev);

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
  std::shared_ptr<const Settings> settings_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
  bool custom_probe_ = false;
};

}  // namespace mixer::x400side
