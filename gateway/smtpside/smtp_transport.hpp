// mixerd's SMTP transport (daemon::Transport for x400_to_smtp): converts the
// due recipients of a record with convert::for_smtp and hands the result to
// the configured next hop ([smtp] next_hop, normally Postfix) with the smtp/
// client (RFC 5321; STARTTLS per [smtp] next_hop_tls: none / opportunistic /
// required with certificate and host name verification, RFC 3207).
//
// One outcome per due recipient (RFC 5321 4.2.1 reply classes):
//   2xx to the end of data          -> delivered
//   4xx, connect/session failure    -> temporary (the queue retries)
//   5xx (RCPT or end of data)       -> permanent, diagnostic "smtp; <code>
//                                      <enhanced> <text>" (RFC 3464 2.3.6
//                                      Diagnostic-Code form; the report
//                                      factory takes the enhanced code)
//   conversion failure              -> as convert::for_smtp says
// `done` is called exactly once, from the transport's strand.
//
// Connections: a smtp::ClientPool keeps up to smtp.next_hop_idle_connections
// idle sessions to the next hop for timeouts.smtp_next_hop_idle seconds, so a
// stream of messages pays one connect/greeting/EHLO(/STARTTLS) per session,
// not per message; each transaction is pipelined (MAIL, RCPTs, DATA in one
// write, RFC 2920) when the next hop offers PIPELINING.
//
// Threads: every delivery runs as a coroutine on its own strand of the
// io_context given (the client's socket and its timeout timer must not run
// concurrently); settings are swapped atomically on reload.
#pragma once

// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include <boost/asio/io_context.hpp>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "gateway/daemon/ports.hpp"
#include "gateway/metrics/metrics.hpp"
#include "mapping/address/context.hpp"
#include "smtp/asio_client.hpp"
#include "smtp/client_pool.hpp"

namespace mixer::smtpside {

struct SmtpTransportSettings {
  std::string host;
  std::uint16_t port = 0;
  smtp::ClientConfig client;
  smtp::ClientTls tls;
  smtp::PoolLimits
      pool;  // connections kept to the next hop (smtp.next_hop_idle_connections, timeouts.smtp_next_hop_idle)
  config::GatewaySettings gateway;
  std::shared_ptr<const mapping::address::MappingContext> ctx;
};

SmtpTransportSettings transport_settings(const config::Config& cfg,
                                         std::shared_ptr<const mapping::address::MappingContext> ctx);

// The queue outcome of one recipient's final SMTP reply.
queue::RecipientOutcome outcome_of(std::size_t index, const smtp::Reply& reply);

class SmtpTransport : public daemon::Transport, public std::enable_shared_from_this<SmtpTransport> {
 public:
  using Log = std::function<void(int level, const std::string& line)>;  // 0 info, 1 warn, 2 error
  SmtpTransport(boost::asio::io_context& io, SmtpTransportSettings s, Log log, metrics::Metrics* m = nullptr);

  void configure(SmtpTransportSettings s);  // SIGHUP reload: the next delivery uses it
  std::string destination(const daemon::DeliveryRequest& request) const override;
  void deliver(daemon::DeliveryRequest request, Done done) override;
  smtp::PoolStats pool_stats() const { return pool_->stats(); }
  void close_idle() { pool_->close_idle(); }  // QUIT the kept connections (shutdown)

 private:
  std::shared_ptr<const SmtpTransportSettings> settings() const;
  boost::asio::io_context& io_;
  mutable std::mutex mu_;
  std::shared_ptr<const SmtpTransportSettings> settings_;
  Log log_;
  metrics::Metrics* metrics_;
  std::shared_ptr<smtp::ClientPool> pool_;
};

}  // namespace mixer::smtpside
