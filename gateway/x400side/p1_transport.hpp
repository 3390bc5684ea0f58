// mixerd's P1 transport (daemon::Transport for the smtp_to_x400 direction):
// converts a due record with convert::for_x400, routes each recipient by its
// O/R address (routing::RouteTable, longest O/R prefix), and transfers one
// copy of the MTS-APDU per route over a P1 association (X.411 12, X.419)
// bound with that route's names, passwords, mode, selectors and RTSE
// checkpoint/window. Associations are kept per route and reused while busy
// (up to route.concurrency, then transfers queue for a free one); an idle
// association is released after timeouts.p1_idle.
//
// Outcome per recipient: transfer confirmed (RTSE activity end acknowledged:
// the peer has taken responsibility) -> delivered; connect failure, bind
// refused, abort, transfer rejected or timed out -> temporary (the queue
// retries and eventually expires into a report); a bind refused with
// authentication-error stays temporary but is logged at error level (an
// operator must fix the passwords); no route / mapping failure -> permanent.
// deliver() returns at once: conversion and transfer run on the io_context's
// threads, and `done` is called the moment the last transfer of the request
// is confirmed (or failed).
// destination() = the route name of the first due recipient ("x400:<none>"
// when none routes), so the queue's per-destination limit is per route.
#pragma once

// clang-format off
#include <utility>  // before Asio: boost/asio/awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
// clang-format on

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "gateway/convert/for_x400.hpp"
#include "gateway/daemon/ports.hpp"
#include "gateway/routing/route_table.hpp"
#include "mapping/address/context.hpp"

namespace mixer::x400side {

struct P1TransportStats {
  std::uint64_t transfers = 0, confirmed = 0, failed = 0;
  std::uint64_t associations = 0;  // opened (connect attempts), over all routes
};

class P1Transport : public daemon::Transport, public std::enable_shared_from_this<P1Transport> {
 public:
  using Log = std::function<void(int level, const std::string& line)>;  // 0 info, 1 warn, 2 error

  P1Transport(boost::asio::io_context& io, Log log);
  ~P1Transport() override;

  // Routes, our identity, timeouts and the mapping context (SIGHUP reload:
  // new associations use the new settings). The error names the bad route.
  Result<Ok, std::string> configure(const config::Config& cfg,
                                    std::shared_ptr<const mapping::address::MappingContext> ctx);

  std::string destination(const daemon::DeliveryRequest& request) const override;
  void deliver(daemon::DeliveryRequest request, Done done) override;
  // Releases idle associations and aborts busy ones (their transfers come
  // back as temporary failures).
  void shutdown();
  P1TransportStats stats() const;

  // A byte trace of every association (stream2pcap format), for tests.
  void set_trace_dir(std::string dir) { trace_dir_ = std::move(dir); }

 private:
  struct Settings;
  class RoutePool;
  std::shared_ptr<const Settings> settings() const;
  void convert_and_submit(daemon::DeliveryRequest request, Done done);

  boost::asio::io_context& io_;
  Log log_;
  mutable std::mutex mu_;
  std::shared_ptr<const Settings> settings_;
  std::map<std::string, std::shared_ptr<RoutePool>> pools_;  // by route name
  std::string trace_dir_;
  P1TransportStats stats_;
  std::shared_ptr<std::atomic<std::uint64_t>> opened_ = std::make_shared<std::atomic<std::uint64_t>>(0);
  bool shut_down_ = false;
};

}  // namespace mixer::x400side
