#include "gateway/x400side/p1_listener.hpp"

#include <chrono>
#include <mutex>
#include <set>

#include "common/log_escape.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "gateway/queue/spool.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::x400side {

namespace asio = boost::asio;
using asio::ip::tcp;
using x400::p1::AsioConnection;
using x400::p1::AssociationEvent;
using Strand = asio::strand<asio::io_context::executor_type>;
using config::Limit;

struct P1Listener::Settings {
  config::Endpoint listen;
  x400::p1::AssociationConfig base;
  x400::p1::ConnectionTimeouts timeouts;
  std::uint64_t max_associations = 32;
  IntakeSettings intake;
  std::shared_ptr<const mapping::address::MappingContext> ctx;
  x400::p1::ConnectionTls tls;  // [p1] tls_cert/tls_key: RFC 1006 inside TLS
  std::string tls_error;        // why the TLS files could not be used
};

struct P1Listener::Conn {
  explicit Conn(Strand s) : strand(std::move(s)) {}
  Strand strand;  // the socket's executor: every handler of this association runs on it
  std::shared_ptr<AsioConnection> c;
  std::uint64_t n = 0;
  std::string peer_mta;  // from the bind
  std::shared_ptr<const Settings> settings;
};

struct P1Listener::Shared {
  daemon::MessageIntake* intake = nullptr;
  Log log;
  std::mutex mu;  // guards everything below
  ProbeAnswerer probe;
  P1ListenerStats stats;
  std::set<std::shared_ptr<Conn>> live;
  std::uint64_t serial = 0;

  void write(int level, const std::string& line) {
    if (log) log(level, line);
  }
  void count(std::uint64_t P1ListenerStats::*field) {
    std::lock_guard lk(mu);
    ++(stats.*field);
  }
};

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

x400::osi::Bytes octets(const std::string& s) { return x400::osi::Bytes(s.begin(), s.end()); }

const char* kind_name(ApduKind k) {
  switch (k) {
    case ApduKind::message:
      return "message";
    case ApduKind::report:
      return "report";
    case ApduKind::probe:
      return "probe";
  }
  return "?";
}

// The default probe answer (RFC 2156 5.3.9): E's answer_probe_apdu decides
// from the address mapping and the size limit; the Report APDU is stored
// towards X.400 (smtp_to_x400, p1-apdu) to the probe's originator.
P1Listener::ProbeAnswerer default_answerer(const config::Config& cfg,
                                           std::shared_ptr<const mapping::address::MappingContext> ctx) {
  mapping::report::GatewayReportIdentity gw;
  gw.mta_name = cfg.gateway.mta_name;
  gw.domain = cfg.gateway.domain;
  gw.gdi.country_name.value = cfg.gateway.global_domain.country;
  gw.gdi.administration_domain_name.value = cfg.gateway.global_domain.admd;
  if (!cfg.gateway.global_domain.prmd.empty())
    gw.gdi.private_domain_identifier = x400::NumericOrPrintable{cfg.gateway.global_domain.prmd, false};
  mapping::report::ProbePolicy policy;
  policy.max_size = static_cast<std::size_t>(cfg.limits[Limit::message_max_size]);
  return [gw, policy, ctx](const Intake& in) -> Result<queue::Record, std::string> {
    const auto& probe = std::get<x400::asn::Probe>(in.apdu);
    mapping::report::ToX400Options o;
    o.now = mapping::report::Timestamp(std::chrono::seconds(unix_now()));
    o.unique = queue::make_queue_id();
    auto report = mapping::report::answer_probe_apdu(probe, *ctx, gw, policy, o);
    if (!report) return fail("cannot answer the probe: " + report.error().to_string());
    queue::Record r;
    r.arrival = unix_now();
    r.direction = queue::Direction::smtp_to_x400;
    r.attrs[queue::attr::kFormat] = queue::attr::kFormatP1Apdu;
    r.attrs[queue::attr::kIsReport] = "1";
    auto rf = in.record.attrs.find(queue::attr::kReceivedFrom);
    if (rf != in.record.attrs.end()) r.attrs[queue::attr::kReceivedFrom] = rf->second;
    if (!*report) return r;  // nothing owed: no recipient, not stored
    auto bytes = x400::asn::encode_mts_apdu(x400::asn::MtsApdu(**report));
    if (!bytes) return fail("cannot encode the probe's report: " + bytes.error().to_string());
    r.content.assign(bytes->begin(), bytes->end());
    auto dest = mapping::address::print_std_or((*report)->envelope.report_destination_name.address);
    if (!dest) return fail("probe originator has no std-or form: " + dest.error().to_string());
    r.attrs[queue::attr::kMtsId] = mts_id_text((*report)->envelope.report_identifier);
    queue::Recipient rc;
    rc.address = *dest;
    rc.attrs[queue::attr::kOrAddress] = *dest;
    r.recipients.push_back(std::move(rc));
    return r;
  };
}

}  // namespace

P1Listener::P1Listener(asio::io_context& io, daemon::MessageIntake& intake, Log log)
    : io_(io), acceptor_(io), shared_(std::make_shared<Shared>()) {
  shared_->intake = &intake;
  shared_->log = std::move(log);
  settings_ = std::make_shared<Settings>();
}

P1Listener::~P1Listener() { stop(); }

void P1Listener::set_probe_answerer(ProbeAnswerer a) {
  std::lock_guard lk(shared_->mu);
  custom_probe_ = true;
  shared_->probe = std::move(a);
}

void P1Listener::configure(const config::Config& cfg,
                           std::shared_ptr<const mapping::address::MappingContext> ctx) {
  auto s = std::make_shared<Settings>();
  s->listen = cfg.p1.listen;
  auto& b = s->base;
  b.role = x400::p1::Role::responder;
  b.our_mta = cfg.gateway.mta_name;
  b.called_tsel = octets(cfg.p1.selectors.tsel);
  b.called_ssel = octets(cfg.p1.selectors.ssel);
  b.called_psel = octets(cfg.p1.selectors.psel);
  b.max_apdu_octets = static_cast<std::size_t>(cfg.limits[Limit::p1_max_pdu_size]);
  // The peer table: each route's peer must bind with the name and password
  // configured for it and gets our password for that route in the result.
  for (const auto& r : cfg.routes) {
    if (r.peer_name.empty()) continue;
    b.peers[r.peer_name] = x400::p1::PeerCredentials{r.peer_password, r.our_password};
  }
  s->timeouts.idle = std::chrono::seconds(cfg.limits[Limit::timeout_p1_idle]);
  s->max_associations = static_cast<std::uint64_t>(cfg.limits[Limit::p1_max_associations]);
  s->intake.max_trace_elements = static_cast<std::size_t>(cfg.limits[Limit::loop_max_trace]);
  s->intake.max_recipients = static_cast<std::size_t>(cfg.limits[Limit::message_max_recipients]);
  s->intake.max_size = static_cast<std::size_t>(cfg.limits[Limit::message_max_size]);
  s->ctx = ctx ? std::move(ctx) : std::make_shared<const mapping::address::MappingContext>();
  const auto running = std::atomic_load(&settings_);
  if (port_ != 0 && cfg.p1.tls.enabled() != static_cast<bool>(running->tls.context)) {
    // Like its address, whether the port speaks TLS is fixed until restart:
    // peers reach it one way or the other.
    shared_->write(1, std::string("p1 listener: [p1] TLS cannot be turned ") +
                          (cfg.p1.tls.enabled() ? "on" : "off") +
                          " by a reload (restart mixerd); the listener keeps its current setting");
    s->tls = running->tls;
  } else if (cfg.p1.tls.enabled()) {
    auto t = x400::p1::tls_server_context(cfg.p1.tls.cert, cfg.p1.tls.key);
    if (t) {
      s->tls.context = std::move(t).value();
    } else if (port_ != 0) {
      shared_->write(2, "p1 listener: TLS files not reloaded, keeping the previous ones: " + t.error());
      s->tls = running->tls;
    } else {
      s->tls_error = t.error();
    }
  }
  if (b.peers.empty())
    shared_->write(
        1, "p1 listener: no route names a peer_name: any initiator may bind (configure peer_name per route)");
  {
    std::lock_guard lk(shared_->mu);
    if (!custom_probe_) shared_->probe = default_answerer(cfg, s->ctx);
  }
  std::atomic_store(&settings_, std::shared_ptr<const Settings>(std::move(s)));
}

Result<Ok, std::string> P1Listener::start() {
  auto s = std::atomic_load(&settings_);
  if (!s->tls_error.empty()) return fail("p1 listener: " + s->tls_error);
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(s->listen.host, ec);
  if (ec) return fail("p1 listener: p1.listen host '" + s->listen.host + "' is not an IP address");
  tcp::endpoint ep(addr, s->listen.port);
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return fail("p1 listener: cannot listen on " + ep.address().to_string() + ":" +
                std::to_string(ep.port()) + ": " + ec.message());
  port_ = acceptor_.local_endpoint(ec).port();
  shared_->write(0, "p1 listener: listening on " + ep.address().to_string() + ":" + std::to_string(port_) +
                        (s->tls.context ? " (RFC 1006 inside TLS)" : "") + " as MTA " +
                        log_escape(s->base.our_mta));
  accept();
  return Ok{};
}

void P1Listener::stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  std::set<std::shared_ptr<Conn>> live;
  {
    std::lock_guard lk(shared_->mu);
    live = shared_->live;
  }
  for (const auto& c : live) {
    asio::post(c->strand, [c, shared = shared_] {
      if (c->c) {
        c->c->association().abort("gateway shutting down");
        c->c->flush();
      }
      // Forget it now: the connection lives on only through its pending
      // handlers, so nothing is left over if the io_context stops next.
      std::lock_guard lk(shared->mu);
      if (shared->live.erase(c)) --shared->stats.active;
    });
  }
}

P1ListenerStats P1Listener::stats() const {
  std::lock_guard lk(shared_->mu);
  return shared_->stats;
}

void P1Listener::accept() {
  auto strand = asio::make_strand(io_);
  acceptor_.async_accept(strand, [this, strand, shared = shared_](const boost::system::error_code& ec,
                                                                  tcp::socket sock) {
    if (ec == asio::error::operation_aborted) return;  // stopped: `this` may be gone
    if (stopped_) return;
    if (ec) {
      shared->write(1, "p1 listener: accept failed: " + ec.message());
      accept();
      return;
    }
    auto conn = std::make_shared<Conn>(strand);
    conn->settings = std::atomic_load(&settings_);
    x400::p1::AssociationConfig cfg = conn->settings->base;
    {
      std::lock_guard lk(shared->mu);
      conn->n = ++shared->serial;
      cfg.busy = shared->stats.active >= conn->settings->max_associations;
      ++shared->stats.active;
      ++shared->stats.associations;
      shared->live.insert(conn);
    }
    std::weak_ptr<Conn> weak = conn;
    conn->c = std::make_shared<AsioConnection>(
        std::move(sock), cfg, conn->settings->timeouts,
        [shared, weak](AsioConnection&, const AssociationEvent& ev) {
          auto c = weak.lock();
          if (!c) return;
          const std::string tag = "p1 assoc " + std::to_string(c->n) + ": ";
          switch (ev.kind) {
            case AssociationEvent::Kind::bound:
              c->peer_mta = ev.peer;
              shared->write(0, tag + "bound by MTA " + log_escape(ev.peer));
              break;
            case AssociationEvent::Kind::bind_refused:
              shared->count(&P1ListenerStats::refused_binds);
              shared->write(
                  ev.bind_error == x400::p1::BindError::authentication_error ? 2 : 1,
                  tag + "bind refused: " +
                      (ev.bind_error ? std::string(x400::p1::to_string(*ev.bind_error)) : std::string("?")) +
                      " (" + log_escape(ev.detail) + ")");
              break;
            case AssociationEvent::Kind::apdu_received:
              on_apdu(shared, c, ev);
              break;
            case AssociationEvent::Kind::released:
              shared->write(0, tag + "released");
              break;
            case AssociationEvent::Kind::aborted:
              shared->write(1, tag + "aborted: " + log_escape(ev.detail));
              break;
            default:
              break;
          }
        },
        std::nullopt, conn->settings->tls);
    shared->write(0, "p1 assoc " + std::to_string(conn->n) + ": connection from " + conn->c->peer_address() +
                         (cfg.busy ? " (busy: p1.max_associations reached)" : ""));
    conn->c->on_closed = [shared, weak, strand] {
      auto c = weak.lock();
      if (!c) return;
      // Erased after this handler returns: the connection is inside close().
      asio::post(strand, [shared, c] {
        std::lock_guard lk(shared->mu);
        if (shared->live.erase(c)) --shared->stats.active;
      });
    };
    conn->c->start();
    accept();
  });
}

// Hands one received APDU to the queue; confirms the RTSE transfer only once
// the record is durable (the spool's callback, any thread -> the strand).
void P1Listener::on_apdu(const std::shared_ptr<Shared>& shared, const std::shared_ptr<Conn>& conn,
                         const AssociationEvent& ev) {
  shared->count(&P1ListenerStats::received);
  const std::string tag = "p1 assoc " + std::to_string(conn->n) + ": ";
  const auto& s = *conn->settings;
  auto in = intake_apdu(ev.apdu, conn->peer_mta, *s.ctx, s.intake, unix_now());
  auto reject = [&](const std::string& why) {
    shared->count(&P1ListenerStats::rejected);
    shared->write(1, tag + "transfer " + std::to_string(ev.id) + " refused: " + log_escape(why));
    conn->c->association().reject_stored(ev.id);
    conn->c->flush();
  };
  if (!in) return reject(in.error());
  const std::string mts_id = in->record.attrs[queue::attr::kMtsId];
  queue::Record record;
  std::string what = kind_name(in->kind);
  if (in->kind == ApduKind::probe) {
    shared->count(&P1ListenerStats::probes);
    ProbeAnswerer answer;
    {
      std::lock_guard lk(shared->mu);
      answer = shared->probe;
    }
    if (!answer) return reject("probe: no probe answerer is configured (the sending MTA keeps it)");
    auto rec = answer(*in);
    if (!rec) return reject("probe: " + rec.error());
    record = std::move(rec).value();
    what = "probe answered with a report";
    if (record.recipients.empty()) {
      // No report asked for: nothing to store, the probe is done.
      conn->c->association().confirm_stored(ev.id);
      conn->c->flush();
      shared->write(0, tag + "probe mts-id=" + log_escape(mts_id) + " answered: no report requested");
      return;
    }
  } else {
    record = std::move(in->record);
  }
  const std::size_t rcpts = record.recipients.size();
  const std::size_t failed = in->failed;
  const bool loop = in->loop;
  const std::uint64_t id = ev.id;
  shared->intake->accept(std::move(record), [shared, conn, tag, id, what, mts_id, rcpts, failed,
                                             loop](queue::SpoolResult<std::string> r) {
    asio::post(conn->strand, [shared, conn, tag, id, what, mts_id, rcpts, failed, loop, r = std::move(r)] {
      if (r) {
        shared->count(&P1ListenerStats::stored);
        conn->c->association().confirm_stored(id);
        shared->write(loop || failed ? 1 : 0,
                      *r + ": " + tag + what + " from MTA " + log_escape(conn->peer_mta) +
                          " mts-id=" + log_escape(mts_id) + ", " + std::to_string(rcpts) + " recipient(s)" +
                          (failed ? ", " + std::to_string(failed) + " failed at intake" : std::string()) +
                          (loop ? " (loop detected)" : ""));
      } else {
        shared->count(&P1ListenerStats::rejected);
        conn->c->association().reject_stored(id);
        shared->write(
            2, tag + "transfer " + std::to_string(id) + " refused: not stored: " + r.error().to_string());
      }
      conn->c->flush();
    });
  });
}

}  // namespace mixer::x400side
