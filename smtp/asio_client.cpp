// clang-format off
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include "smtp/asio_client.hpp"

// GCC 12 reports a false -Wmismatched-new-delete on Boost 1.74's coroutine
// frame allocator (see asio_server.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

namespace mixer::smtp {

namespace asio = boost::asio;

MessageResult not_sent(const OutgoingMessage& message, const std::string& why) {
  MessageResult r;
  r.mail_reply = Reply::make(451, "4.4.2", "(local) not sent: " + why);
  for (const auto& rc : message.envelope.recipients) r.recipients.push_back({rc.address, r.mail_reply});
  return r;
}

asio::awaitable<DeliveryReport> deliver(std::string host, std::uint16_t port, ClientConfig config,
                                        ClientTls tls, std::vector<OutgoingMessage> messages) {
  DeliveryReport report;
  auto conn = co_await ClientConnection::open(host, port, std::move(config), std::move(tls));
  for (auto& m : messages) {
    if (!conn->usable()) {
      // Messages never started get the session's failure as a temporary result.
      report.error = conn->error();
      report.results.push_back(not_sent(m, report.error));
      continue;
    }
    report.results.push_back(co_await conn->send(std::move(m)));
  }
  if (!conn->usable() && report.error.empty()) report.error = conn->error();
  report.tls = conn->tls_active();
  co_await conn->quit();
  co_return report;
}

DeliveryReport deliver_blocking(const std::string& host, std::uint16_t port, const ClientConfig& config,
                                const ClientTls& tls, std::vector<OutgoingMessage> messages) {
  asio::io_context io;
  DeliveryReport out;
  asio::co_spawn(io, deliver(host, port, config, tls, std::move(messages)),
                 [&out](std::exception_ptr e, DeliveryReport r) {
                   if (e)
                     out.error = "internal error in SMTP delivery";
                   else
                     out = std::move(r);
                 });
  io.run();
  return out;
}

}  // namespace mixer::smtp
