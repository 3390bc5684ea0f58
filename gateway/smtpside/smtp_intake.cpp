// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include "gateway/smtpside/smtp_intake.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "common/log_escape.hpp"
#include "gateway/queue/spool.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "smtp/asio_server.hpp"

namespace mixer::smtpside {
namespace asio = boost::asio;
using config::Limit;

smtp::ServerConfig server_config(const config::Config& cfg) {
  smtp::ServerConfig sc;
  sc.hostname = cfg.gateway.domain.empty() ? "localhost" : cfg.gateway.domain;
  sc.tls_available = cfg.smtp.tls.enabled();
  auto& l = sc.limits;
  l.max_message_size = static_cast<std::uint64_t>(cfg.limits[Limit::message_max_size]);
  l.max_recipients = static_cast<std::uint64_t>(cfg.limits[Limit::message_max_recipients]);
  l.command_timeout_seconds = static_cast<std::uint64_t>(cfg.limits[Limit::timeout_smtp_command]);
  l.data_timeout_seconds = static_cast<std::uint64_t>(cfg.limits[Limit::timeout_smtp_data]);
  l.max_connections = static_cast<std::uint64_t>(cfg.limits[Limit::smtp_max_sessions]);
  l.max_connections_per_client = std::min<std::uint64_t>(
      static_cast<std::uint64_t>(cfg.limits[Limit::smtp_max_sessions_per_client]), l.max_connections);
  return sc;
}

struct SmtpIntake::Impl {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::unique_ptr<smtp::AsioServer> server;
  std::thread thread;
  IntakeHooks hooks;
  daemon::MessageIntake* intake = nullptr;
  // Shared with the spool callbacks, which may outlive a stop() that timed
  // out: once closed, a late answer is dropped instead of being posted to a
  // destroyed io_context (the client never got 250, so it retries).
  struct Gate {
    std::mutex mu;
    bool open = true;
    std::atomic<int> storing{0};
  };
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  bool stopped = false;

  void log(int level, const std::string& s) const {
    if (hooks.log) hooks.log(level, s);
  }

  smtp::RcptDecision on_rcpt(const smtp::Recipient& r) {
    const Live live = hooks.live();
    const bool full = hooks.queue_full && hooks.queue_full();
    auto v = check_recipient(*live.ctx, live.routable, full, r.address);
    if (!v.decision.accept && hooks.metrics) ++hooks.metrics->smtp_rejected_rcpt;
    return v.decision;
  }

  void on_message(const std::string& session, const smtp::ReceivedMessage& msg,
                  std::function<void(smtp::AcceptResult)> done) {
    const Live live = hooks.live();
    if (hooks.metrics) ++hooks.metrics->smtp_transactions;
    if (const auto n = count_received(msg.content, live.max_received); n > live.max_received) {
      if (hooks.metrics) ++hooks.metrics->smtp_rejected_msg;
      log(1, session + ": mail loop: more than " + std::to_string(live.max_received) +
                 " Received: fields (limits.max_received_headers); refused");
      return done(smtp::AcceptResult::loop_detected("more than " + std::to_string(live.max_received) +
                                                    " Received: header fields"));
    }
    if (hooks.queue_full && hooks.queue_full()) {
      if (hooks.metrics) ++hooks.metrics->smtp_rejected_msg;
      return done(smtp::AcceptResult::no_space("gateway queue is full (queue.max_messages)"));
    }
    std::vector<std::string> ors;
    for (const auto& rc : msg.envelope.recipients) {
      auto m = mapping::address::map_822_to_x400(*live.ctx, rc.address);
      auto t =
          m ? mapping::address::print_std_or(m->address) : mapping::address::AddressResult<std::string>("");
      ors.push_back(t ? std::move(t).value() : std::string());
    }
    IntakeContext c{
        queue::make_queue_id(), live.hostname, session,
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count()};
    auto record = build_record(msg, c, ors);
    ++gate->storing;
    auto gate_ref = gate;
    metrics::Metrics* m = hooks.metrics;
    auto logf = hooks.log;
    intake->accept(std::move(record),
                   [done = std::move(done), gate_ref, m, logf, session](queue::SpoolResult<std::string> id) {
                     std::lock_guard lock(gate_ref->mu);
                     --gate_ref->storing;
                     if (!gate_ref->open) return;
                     if (id) {
                       done(smtp::AcceptResult::accepted(*id));
                     } else {
                       if (m) ++m->smtp_rejected_msg;
                       if (logf) logf(2, session + ": not stored: " + id.error().to_string());
                       done(smtp::AcceptResult::storage_failed("queue file not written"));
                     }
                   });
  }
};

SmtpIntake::SmtpIntake(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<SmtpIntake>> SmtpIntake::start(const config::Config& cfg,
                                                      daemon::MessageIntake& intake, IntakeHooks hooks) {
  if (!hooks.live) return fail(std::string("smtp intake: no configuration source"));
  auto impl = std::make_unique<Impl>();
  impl->hooks = std::move(hooks);
  impl->intake = &intake;
  Impl* self = impl.get();
  std::optional<smtp::TlsFiles> tls;
  if (cfg.smtp.tls.enabled()) tls = smtp::TlsFiles{cfg.smtp.tls.cert.string(), cfg.smtp.tls.key.string()};
  auto server = smtp::AsioServer::create(
      impl->io, server_config(cfg),
      [self](const smtp::Envelope&, const smtp::Recipient& r) { return self->on_rcpt(r); },
      [self](const std::string& s, const smtp::ReceivedMessage& m,
             std::function<void(smtp::AcceptResult)> d) { self->on_message(s, m, std::move(d)); },
      [self](std::string_view line) { self->log(0, "smtpd " + std::string(line)); }, tls);
  if (!server) return fail("smtp intake: " + server.error());
  impl->server = std::move(server).value();
  if (auto l = impl->server->listen(cfg.smtp.listen.host, cfg.smtp.listen.port); !l)
    return fail("smtp intake: cannot listen on " + cfg.smtp.listen.host + ":" +
                std::to_string(cfg.smtp.listen.port) + ": " + l.error());
  impl->thread = std::thread([self] { self->io.run(); });
  return std::make_unique<SmtpIntake>(std::move(impl));
}

SmtpIntake::~SmtpIntake() { stop(); }

std::uint16_t SmtpIntake::port() const { return impl_->server->port(); }

void SmtpIntake::stop(int grace_ms) {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  Impl* self = impl_.get();
  asio::post(self->io, [self] { self->server->stop(); });
  // Messages being stored get their answer (250 or 451) before the sessions end.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  while (self->gate->storing.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  {
    std::lock_guard lock(self->gate->mu);
    self->gate->open = false;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the answers be written
  self->work.reset();
  self->io.stop();
  if (self->thread.joinable()) self->thread.join();
}

}  // namespace mixer::smtpside
