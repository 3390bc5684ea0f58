#include "gateway/smtpside/smtp_transport.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <exception>

#include "common/log_escape.hpp"
#include "gateway/convert/for_smtp.hpp"

namespace mixer::smtpside {
namespace asio = boost::asio;
using config::Limit;

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string reply_text(const smtp::Reply& r) {
  std::string s = std::to_string(r.code);
  if (!r.enhanced.empty()) s += " " + r.enhanced;
  const auto t = r.text();
  if (!t.empty()) s += " " + t;
  for (auto& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

SmtpTransportSettings transport_settings(const config::Config& cfg,
                                         std::shared_ptr<const mapping::address::MappingContext> ctx) {
  SmtpTransportSettings s;
  s.host = cfg.smtp.next_hop.host;
  s.port = cfg.smtp.next_hop.port;
  s.client.helo_name = cfg.gateway.domain.empty() ? "localhost" : cfg.gateway.domain;
  s.client.tls = cfg.smtp.next_hop_tls == config::TlsPolicy::none       ? smtp::TlsMode::kOff
                 : cfg.smtp.next_hop_tls == config::TlsPolicy::required ? smtp::TlsMode::kRequired
                                                                        : smtp::TlsMode::kOpportunistic;
  s.client.timeouts.connect = static_cast<std::uint64_t>(cfg.limits[Limit::timeout_connect]);
  s.client.timeouts.command = static_cast<std::uint64_t>(cfg.limits[Limit::timeout_smtp_command]);
  s.client.timeouts.data_end = static_cast<std::uint64_t>(cfg.limits[Limit::timeout_smtp_data]);
  s.pool.max_idle = static_cast<std::size_t>(cfg.limits[Limit::smtp_next_hop_idle_connections]);
  s.pool.idle_timeout_seconds = static_cast<std::uint64_t>(cfg.limits[Limit::timeout_smtp_next_hop_idle]);
  s.gateway = cfg.gateway;
  s.ctx = std::move(ctx);
  return s;
}

queue::RecipientOutcome outcome_of(std::size_t index, const smtp::Reply& reply) {
  const auto result = reply.positive()    ? queue::AttemptResult::delivered
                      : reply.permanent() ? queue::AttemptResult::permanent_failure
                                          : queue::AttemptResult::temporary_failure;
  return {index, result, "smtp; " + reply_text(reply)};
}

SmtpTransport::SmtpTransport(asio::io_context& io, SmtpTransportSettings s, Log log, metrics::Metrics* m)
    : io_(io),
      settings_(std::make_shared<const SmtpTransportSettings>(std::move(s))),
      log_(std::move(log)),
      metrics_(m),
      pool_(smtp::ClientPool::create(io, settings_->pool)) {}

void SmtpTransport::configure(SmtpTransportSettings s) {
  auto fresh = std::make_shared<const SmtpTransportSettings>(std::move(s));
  pool_->set_limits(fresh->pool);
  std::lock_guard lock(mu_);
  settings_ = std::move(fresh);
}

std::shared_ptr<const SmtpTransportSettings> SmtpTransport::settings() const {
  std::lock_guard lock(mu_);
  return settings_;
}

std::string SmtpTransport::destination(const daemon::DeliveryRequest&) const {
  auto s = settings();
  return "smtp:" + s->host + ":" + std::to_string(s->port);
}

void SmtpTransport::deliver(daemon::DeliveryRequest request, Done done) {
  auto self = shared_from_this();
  auto s = settings();
  auto run = [](std::shared_ptr<SmtpTransport> self, std::shared_ptr<const SmtpTransportSettings> s,
                daemon::DeliveryRequest req, Done done) -> asio::awaitable<void> {
    std::vector<queue::RecipientOutcome> outcomes;
    try {
      convert::ForSmtpOptions o;
      o.ctx = s->ctx.get();
      o.gateway = &s->gateway;
      o.now = unix_now();
      auto conv = convert::for_smtp(req.record, req.recipients, o);
      outcomes = std::move(conv.failed);
      if (self->metrics_ && !outcomes.empty()) ++self->metrics_->conversion_failures;
      if (conv.message) {
        if (self->metrics_) ++self->metrics_->smtp_out_sessions;
        auto report =
            co_await self->pool_->deliver(s->host, s->port, s->client, s->tls, std::move(*conv.message));
        const smtp::MessageResult* res = report.results.empty() ? nullptr : &report.results.front();
        for (std::size_t k = 0; k < conv.rcpt_index.size(); ++k) {
          const auto idx = conv.rcpt_index[k];
          if (res && k < res->recipients.size()) {
            outcomes.push_back(outcome_of(idx, res->recipients[k].reply));
          } else if (res && !res->mail_reply.positive() && res->mail_reply.code != 0) {
            outcomes.push_back(outcome_of(idx, res->mail_reply));
          } else {
            outcomes.push_back({idx, queue::AttemptResult::temporary_failure,
                                "smtp; session to " + s->host + ":" + std::to_string(s->port) + " failed: " +
                                    (report.error.empty() ? std::string("no result") : report.error)});
          }
        }
      }
    } catch (const std::exception& e) {
      // Never lose the completion: whatever is not yet settled is retried.
      outcomes.clear();
      for (auto i : req.recipients)
        outcomes.push_back(
            {i, queue::AttemptResult::temporary_failure, std::string("smtp; internal error: ") + e.what()});
    }
    done(std::move(outcomes));
  };
  asio::co_spawn(asio::make_strand(io_),
                 run(std::move(self), std::move(s), std::move(request), std::move(done)), asio::detached);
}

}  // namespace mixer::smtpside
