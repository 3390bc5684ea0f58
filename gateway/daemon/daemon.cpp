#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange

#include "gateway/daemon/daemon.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <mutex>
#include <ostream>
#include <thread>
#include <vector>

#include "config/check.hpp"
#include "gateway/daemon/identity.hpp"
#include "gateway/daemon/logging.hpp"
#include "gateway/daemon/metered.hpp"
#include "gateway/daemon/pid_file.hpp"
#include "gateway/daemon/privileges.hpp"
#include "gateway/daemon/probe_answer.hpp"
#include "gateway/daemon/queue_manager.hpp"
#include "gateway/daemon/snapshot.hpp"
#include "gateway/daemon/spool_intake.hpp"
#include "gateway/daemon/success_reports.hpp"
#include "gateway/metrics/http_endpoint.hpp"
#include "gateway/metrics/metrics.hpp"
#include "gateway/queue/spool.hpp"
#include "gateway/reports/report_factory.hpp"
#include "gateway/smtpside/smtp_intake.hpp"
#include "gateway/smtpside/smtp_transport.hpp"
#include "gateway/version.hpp"
#include "gateway/x400side/p1_listener.hpp"
#include "gateway/x400side/p1_transport.hpp"

namespace mixer::daemon {
namespace asio = boost::asio;
using config::Limit;

namespace {

queue::RetryPolicy policy_of(const config::Config& c) {
  return queue::RetryPolicy{c.limits[Limit::queue_min_backoff], c.limits[Limit::queue_max_backoff],
                            c.limits[Limit::queue_delay_warning], c.limits[Limit::queue_max_lifetime]};
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

reports::ReportFactoryConfig report_config(const config::Config& c) {
  reports::ReportFactoryConfig r;
  r.gateway = report_identity(c.gateway);
  r.give_up_seconds = c.limits[Limit::queue_max_lifetime];
  r.max_returned_content = static_cast<std::size_t>(c.limits[Limit::message_max_size]);
  return r;
}

class Daemon {
 public:
  Daemon(std::string path, std::shared_ptr<const Snapshot> snap, std::shared_ptr<spdlog::logger> log,
         std::unique_ptr<queue::Spool> spool)
      : path_(std::move(path)), snap_(std::move(snap)), log_(std::move(log)), spool_(std::move(spool)),
        strand_(asio::make_strand(ioc_)), timer_(strand_), signals_(ioc_, SIGTERM, SIGINT, SIGHUP),
        intake_(*spool_, static_cast<std::uint64_t>(cfg().limits[Limit::queue_max_messages]), &metrics_),
        qm_(*spool_, policy_of(cfg()), static_cast<std::size_t>(cfg().limits[Limit::queue_destination_concurrency]),
            logger(), [this](std::function<void()> f) { asio::post(strand_, std::move(f)); }) {}

  // Binds the listeners and wires the transports; false when one cannot start.
  bool start(std::ostream& err) {
    const auto& c = cfg();
    // Every message stored (SMTP and P1 arrivals, reports) wakes the queue
    // manager at once; the scan timer is only the safety net and retry clock.
    // Set before any listener can submit.
    spool_->set_stored_hook([this](const std::string& id) {
      asio::post(strand_, [this, id] {
        if (!stopping_) qm_.arrived(id);
      });
    });
    intake_.refresh();
    metrics_.sample = [this] {
      metrics::Sample s;
      s.queue_sizes = intake_.sizes();
      s.in_flight = in_flight_.load();
      if (p1_in_) {
        const auto ps = p1_in_->stats();
        s.p1_in_total = ps.associations;
        s.p1_in_active = ps.active;
      }
      if (p1_out_) s.p1_out_total = p1_out_->stats().associations;
      return s;
    };
    // Reports (E): failures/delays become DSNs or X.400 reports.
    reports_ = std::make_shared<reports::GatewayReportFactory>(report_config(c), snap_->ctx);
    qm_.set_report_factory(std::make_shared<MeteredReports>(reports_, metrics_));
    // X.400 -> SMTP: the SMTP client transport to the next hop.
    smtp_out_ = std::make_shared<smtpside::SmtpTransport>(ioc_, smtpside::transport_settings(c, snap_->ctx), logger(),
                                                          &metrics_);
    qm_.set_transport(queue::Direction::x400_to_smtp, wrap(smtp_out_));
    // SMTP -> X.400: the P1 transport (G) routes by O/R prefix.
    p1_out_ = std::make_shared<x400side::P1Transport>(ioc_, logger());
    if (auto r = p1_out_->configure(c, snap_->ctx); !r) {
      err << "mixerd: P1 transport: " << r.error() << "\n";
      return false;
    }
    qm_.set_transport(queue::Direction::smtp_to_x400, wrap(p1_out_));
    // P1 listener (G), with probes answered by the reports mapping.
    p1_in_ = std::make_unique<x400side::P1Listener>(ioc_, intake_, logger());
    p1_in_->configure(c, snap_->ctx);
    p1_in_->set_probe_answerer([this](const x400side::Intake& in) {
      auto s = snapshot();
      return answer_probe(in, *s->ctx, s->cfg, unix_now());
    });
    if (auto r = p1_in_->start(); !r) {
      err << "mixerd: P1 listener: " << r.error() << "\n";
      return false;
    }
    // SMTP listener.
    smtpside::IntakeHooks hooks;
    hooks.live = [this] {
      auto s = snapshot();
      smtpside::Live l;
      l.ctx = s->ctx;
      auto routes = s->routes;
      l.routable = [routes](const x400::ORAddress& a) { return routes->find(a) != nullptr; };
      l.max_received = static_cast<std::size_t>(s->cfg.limits[Limit::loop_max_received]);
      l.hostname = s->cfg.gateway.domain;
      return l;
    };
    hooks.queue_full = [this] { return intake_.full(); };
    hooks.log = logger();
    hooks.metrics = &metrics_;
    auto smtp_in = smtpside::SmtpIntake::start(c, intake_, std::move(hooks));
    if (!smtp_in) {
      err << "mixerd: " << smtp_in.error() << "\n";
      return false;
    }
    smtp_in_ = std::move(smtp_in).value();
    if (c.metrics.enabled) {
      auto ep = metrics::HttpEndpoint::start(c.metrics.listen.host, c.metrics.listen.port,
                                             [this] { return metrics_.render(); });
      if (!ep) {
        err << "mixerd: " << ep.error() << "\n";
        return false;
      }
      metrics_http_ = std::move(ep).value();
    }
    return true;
  }

  int run(std::ostream& out) {
    qm_.load_deferred();
    asio::post(strand_, [this] { tick(); });
    wait_signal();
    const auto& c = cfg();
    out << "mixerd " << kVersion << " (MTA " << c.gateway.mta_name << ", domain " << c.gateway.domain << ")\n"
        << "  SMTP listener  " << c.smtp.listen.host << ":" << smtp_in_->port() << "\n"
        << "  P1 listener    " << c.p1.listen.host << ":" << p1_in_->port() << "\n"
        << "  SMTP next hop  " << c.smtp.next_hop.host << ":" << c.smtp.next_hop.port << "\n"
        << "  X.400 routes   " << c.routes.size() << "\n"
        << "  spool          " << c.queue.dir.string() << "\n";
    if (metrics_http_) out << "  metrics        http://" << c.metrics.listen.host << ":" << metrics_http_->port() << "/metrics\n";
    out << "mixerd: running; waiting for SIGTERM (stop) or SIGHUP (reload)\n" << std::flush;
    log_->info("started: SMTP {}:{}, P1 {}:{}, spool {}, {} worker threads", c.smtp.listen.host, smtp_in_->port(),
               c.p1.listen.host, p1_in_->port(), c.queue.dir.string(), c.limits[Limit::daemon_threads]);
    std::vector<std::thread> pool;
    for (std::int64_t i = 1; i < c.limits[Limit::daemon_threads]; ++i) pool.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : pool) t.join();
    log_->info("stopped");
    return 0;
  }

 private:
  const config::Config& cfg() const { return snap_->cfg; }  // only on the strand / before run()
  std::shared_ptr<const Snapshot> snapshot() const {
    std::lock_guard lock(snap_mu_);
    return snap_;
  }
  // A transport as the queue manager sees it: success reports stored before
  // the outcomes are applied, and every outcome counted for the metrics.
  std::shared_ptr<Transport> wrap(std::shared_ptr<Transport> t) {
    auto with_reports = std::make_shared<SuccessReports>(
        std::move(t),
        [f = reports_](const queue::Record& r, const std::vector<std::size_t>& idx) {
          return f->make_success_report(r, idx);
        },
        *spool_, logger(), &metrics_);
    return std::make_shared<MeteredTransport>(std::move(with_reports), metrics_);
  }

  QueueManager::Log logger() {
    return [this](int level, const std::string& line) {
      if (level == 0) log_->info("{}", line);
      else if (level == 1) log_->warn("{}", line);
      else log_->error("{}", line);
    };
  }

  void tick() {
    if (stopping_) return;
    intake_.refresh();
    qm_.scan(unix_now());
    in_flight_ = qm_.in_flight();
    timer_.expires_after(std::chrono::seconds(cfg().limits[Limit::queue_scan_interval]));
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) tick();
    });
  }

  void wait_signal() {
    signals_.async_wait([this](boost::system::error_code ec, int sig) {
      if (ec) return;
      if (sig == SIGHUP) {
        asio::post(strand_, [this] { reload(); });
        wait_signal();
        return;
      }
      log_->info("signal {}: stopping (in-flight deliveries get {}s)", sig,
                 snapshot()->cfg.limits[Limit::timeout_shutdown_grace]);
      asio::post(strand_, [this] { begin_stop(); });
    });
  }

  void reload() {
    auto fresh = config::load_checked(path_);  // what check-config checks (H)
    if (!fresh) {
      for (const auto& e : fresh.error()) log_->error("reload: {}", e.to_string());
      log_->error("reload refused: {} has {} error(s); keeping the running configuration", path_, fresh.error().size());
      return;
    }
    const auto& old = cfg();
    if (fresh->queue.dir != old.queue.dir)
      log_->warn("reload: queue.dir changed to {}; takes effect at restart", fresh->queue.dir.string());
    if (fresh->smtp.listen.host != old.smtp.listen.host || fresh->smtp.listen.port != old.smtp.listen.port ||
        fresh->p1.listen.host != old.p1.listen.host || fresh->p1.listen.port != old.p1.listen.port ||
        fresh->metrics.enabled != old.metrics.enabled || fresh->metrics.listen.port != old.metrics.listen.port)
      log_->warn("reload: listener addresses changed; they take effect at restart");
    fresh->queue.dir = old.queue.dir;
    auto snap = make_snapshot(std::move(fresh).value());
    if (!snap) {
      for (const auto& e : snap.error()) log_->error("reload: {}", e);
      log_->error("reload refused: {} error(s) in tables or routes; keeping the running configuration",
                  snap.error().size());
      return;
    }
    const auto& c = snap.value()->cfg;
    if (auto r = p1_out_->configure(c, snap.value()->ctx); !r) {
      log_->error("reload refused: P1 transport: {}; keeping the running configuration", r.error());
      return;
    }
    {
      std::lock_guard lock(snap_mu_);
      snap_ = snap.value();
    }
    p1_in_->configure(c, snap_->ctx);
    smtp_out_->configure(smtpside::transport_settings(c, snap_->ctx));
    reports_->set_context(snap_->ctx);
    intake_.set_max_messages(static_cast<std::uint64_t>(c.limits[Limit::queue_max_messages]));
    qm_.set_policy(policy_of(c));
    log_->info("configuration reloaded from {} ({} routes)", path_, c.routes.size());
  }

  void begin_stop() {
    stopping_ = true;
    qm_.stop_starting();
    timer_.cancel();
    signals_.cancel();
    // No new work: close the listeners first (a message being stored still
    // gets its answer), then let in-flight deliveries finish within the grace.
    smtp_in_->stop();
    p1_in_->stop();
    deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(cfg().limits[Limit::timeout_shutdown_grace]);
    wait_in_flight();
  }

  void wait_in_flight() {
    if (qm_.in_flight() == 0 || std::chrono::steady_clock::now() >= deadline_) {
      if (qm_.in_flight()) log_->warn("abandoning {} in-flight deliveries; they are retried at the next start", qm_.in_flight());
      p1_out_->shutdown();
      ioc_.stop();
      return;
    }
    timer_.expires_after(std::chrono::milliseconds(100));
    timer_.async_wait([this](boost::system::error_code) { wait_in_flight(); });
  }

  std::string path_;
  mutable std::mutex snap_mu_;
  std::shared_ptr<const Snapshot> snap_;
  std::shared_ptr<spdlog::logger> log_;
  // Reset first in ~Daemon: it drains pending arrivals while the owners of
  // their callbacks (intake_, the listeners) still exist.
  std::unique_ptr<queue::Spool> spool_;
  metrics::Metrics metrics_;
  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  asio::signal_set signals_;
  SpoolIntake intake_;
  QueueManager qm_;
  std::shared_ptr<reports::GatewayReportFactory> reports_;
  std::shared_ptr<smtpside::SmtpTransport> smtp_out_;
  std::shared_ptr<x400side::P1Transport> p1_out_;
  std::unique_ptr<x400side::P1Listener> p1_in_;
  std::unique_ptr<smtpside::SmtpIntake> smtp_in_;
  std::unique_ptr<metrics::HttpEndpoint> metrics_http_;
  std::atomic<std::size_t> in_flight_{0};
  bool stopping_ = false;
  std::chrono::steady_clock::time_point deadline_;

 public:
  ~Daemon() {
    // Order matters: stop the listeners (no new arrivals), then drain the
    // spool (pending arrivals get their callbacks while intake_ and the
    // listeners still exist), then the rest goes in reverse declaration order.
    metrics_http_.reset();
    if (smtp_in_) smtp_in_->stop();
    if (p1_in_) p1_in_->stop();
    spool_.reset();
  }
};

}  // namespace

int run_daemon(const std::string& config_path, config::Config cfg, std::ostream& out, std::ostream& err) {
  auto logger = make_logger(cfg.logging);
  if (!logger) {
    err << "mixerd: " << logger.error() << "\n";
    return 1;
  }
  auto log = logger.value();
  if (auto dropped = drop_privileges(cfg.daemon.user); !dropped) {
    err << "mixerd: " << dropped.error() << "\n";
    return 1;
  }
  auto snap = make_snapshot(std::move(cfg));
  if (!snap) {
    for (const auto& e : snap.error()) err << e << "\n";
    err << "mixerd: mapping tables or routes are invalid, not starting\n";
    return 1;
  }
  const auto& c = snap.value()->cfg;
  auto spool = queue::Spool::open(queue::SpoolOptions{c.queue.dir, c.queue.group_commit,
                                                      static_cast<std::size_t>(c.limits[Limit::queue_committers])});
  if (!spool) {
    err << "mixerd: " << spool.error().to_string() << "\n";
    return 1;
  }
  auto pid = PidFile::acquire(c.daemon.pid_file);
  if (!pid) {
    err << "mixerd: " << pid.error() << "\n";
    return 1;
  }
  auto recovered = spool.value()->recover();
  if (!recovered) {
    err << "mixerd: recovery failed: " << recovered.error().to_string() << "\n";
    return 1;
  }
  if (*recovered) log->warn("recovered {} interrupted deliveries from active/ (retried now)", *recovered);
  Daemon d(config_path, std::move(snap).value(), log, std::move(spool).value());
  if (!d.start(err)) return 1;
  return d.run(out);
}

}  // namespace mixer::daemon
