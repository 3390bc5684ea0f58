#include "gateway/daemon/daemon.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <ostream>
#include <thread>
#include <vector>

#include "config/load.hpp"
#include "gateway/daemon/logging.hpp"
#include "gateway/daemon/pid_file.hpp"
#include "gateway/daemon/privileges.hpp"
#include "gateway/daemon/queue_manager.hpp"
#include "gateway/queue/spool.hpp"
#include "gateway/version.hpp"

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

class Daemon {
 public:
  Daemon(std::string path, config::Config cfg, std::shared_ptr<spdlog::logger> log, queue::Spool& spool)
      : path_(std::move(path)), cfg_(std::move(cfg)), log_(std::move(log)), spool_(spool),
        strand_(asio::make_strand(ioc_)), timer_(strand_), signals_(ioc_, SIGTERM, SIGINT, SIGHUP),
        qm_(spool, policy_of(cfg_), static_cast<std::size_t>(cfg_.limits[Limit::queue_destination_concurrency]),
            [this](int level, const std::string& line) {
              if (level == 0) log_->info("{}", line);
              else if (level == 1) log_->warn("{}", line);
              else log_->error("{}", line);
            },
            [this](std::function<void()> f) { asio::post(strand_, std::move(f)); }) {}

  int run(std::ostream& out) {
    qm_.load_deferred();
    asio::post(strand_, [this] { tick(); });
    wait_signal();
    const auto& c = cfg_;
    out << "mixerd " << kVersion << " (MTA " << c.gateway.mta_name << ", domain " << c.gateway.domain << ")\n"
        << "  SMTP listener  " << c.smtp.listen.host << ":" << c.smtp.listen.port << "\n"
        << "  P1 listener    " << c.p1.listen.host << ":" << c.p1.listen.port << "\n"
        << "  SMTP next hop  " << c.smtp.next_hop.host << ":" << c.smtp.next_hop.port << "\n"
        << "  X.400 routes   " << c.routes.size() << "\n"
        << "  spool          " << c.queue.dir.string() << "\n"
        << "mixerd: the SMTP and P1 listeners are not wired in this build; the queue manager runs\n"
        << "mixerd: running; waiting for SIGTERM (stop) or SIGHUP (reload)\n"
        << std::flush;
    log_->info("started: spool {}, {} worker threads", c.queue.dir.string(), c.limits[Limit::daemon_threads]);
    std::vector<std::thread> pool;
    for (std::int64_t i = 1; i < c.limits[Limit::daemon_threads]; ++i) pool.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : pool) t.join();
    log_->info("stopped");
    return 0;
  }

 private:
  void tick() {
    if (stopping_) return;
    qm_.scan(unix_now());
    timer_.expires_after(std::chrono::seconds(cfg_.limits[Limit::queue_scan_interval]));
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
      log_->info("signal {}: stopping (in-flight deliveries get {}s)", sig, cfg_.limits[Limit::timeout_shutdown_grace]);
      asio::post(strand_, [this] { begin_stop(); });
    });
  }

  void reload() {
    auto fresh = config::load_file(path_);
    if (!fresh) {
      for (const auto& e : fresh.error()) log_->error("reload: {}", e.to_string());
      log_->error("reload refused: {} has {} error(s); keeping the running configuration", path_, fresh.error().size());
      return;
    }
    if (fresh->queue.dir != cfg_.queue.dir)
      log_->warn("reload: queue.dir changed to {}; takes effect at restart", fresh->queue.dir.string());
    auto dir = cfg_.queue.dir;
    cfg_ = std::move(fresh).value();
    cfg_.queue.dir = dir;
    qm_.set_policy(policy_of(cfg_));
    log_->info("configuration reloaded from {}", path_);
  }

  void begin_stop() {
    stopping_ = true;
    timer_.cancel();
    signals_.cancel();
    deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(cfg_.limits[Limit::timeout_shutdown_grace]);
    wait_in_flight();
  }

  void wait_in_flight() {
    if (qm_.in_flight() == 0 || std::chrono::steady_clock::now() >= deadline_) {
      if (qm_.in_flight()) log_->warn("abandoning {} in-flight deliveries; they are retried at the next start", qm_.in_flight());
      ioc_.stop();
      return;
    }
    timer_.expires_after(std::chrono::milliseconds(100));
    timer_.async_wait([this](boost::system::error_code) { wait_in_flight(); });
  }

  std::string path_;
  config::Config cfg_;
  std::shared_ptr<spdlog::logger> log_;
  queue::Spool& spool_;
  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  asio::signal_set signals_;
  QueueManager qm_;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

int run_daemon(const std::string& config_path, config::Config cfg, std::ostream& out, std::ostream& err) {
  // Signals are handled by Asio's signal_set; block them in every thread
  // until it is installed so none is lost or kills us with its default action.
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
  auto spool = queue::Spool::open(queue::SpoolOptions{cfg.queue.dir, cfg.queue.group_commit,
                                                      static_cast<std::size_t>(cfg.limits[Limit::queue_committers])});
  if (!spool) {
    err << "mixerd: " << spool.error().to_string() << "\n";
    return 1;
  }
  auto pid = PidFile::acquire(cfg.daemon.pid_file);
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
  Daemon d(config_path, std::move(cfg), log, *spool.value());
  return d.run(out);
}

}  // namespace mixer::daemon
