#include "gateway/x400side/p1_transport.hpp"

#include <atomic>
#include <chrono>
#include <deque>
#include <vector>

#include "common/log_escape.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "x400/p1/asio_connection.hpp"

namespace mixer::x400side {

namespace asio = boost::asio;
using asio::ip::tcp;
using config::Limit;
using queue::AttemptResult;
using x400::p1::AsioConnection;
using x400::p1::AssociationEvent;
using Strand = asio::strand<asio::io_context::executor_type>;

struct P1Transport::Settings {
  routing::RouteTable routes;
  config::GatewaySettings gateway;
  std::shared_ptr<const mapping::address::MappingContext> ctx;
  std::chrono::milliseconds connect_timeout{30000};
  std::chrono::milliseconds silence_timeout{600000};  // no byte from the peer during a transfer
  std::chrono::milliseconds release_after{300000};    // an unused association is released
  std::size_t max_apdu = 16777216;
};

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

x400::osi::Bytes octets(const std::string& s) { return x400::osi::Bytes(s.begin(), s.end()); }

// One transfer: an encoded APDU and what to do with its result.
struct Job {
  std::vector<std::uint8_t> apdu;
  std::function<void(bool confirmed, const std::string& diagnostic)> done;
};

}  // namespace

// The associations to one route and the transfers waiting for them. Every
// member runs on `strand_` (the sockets are bound to it too).
class P1Transport::RoutePool : public std::enable_shared_from_this<RoutePool> {
 public:
  RoutePool(asio::io_context& io, config::Route route, std::shared_ptr<const Settings> s, Log log,
            std::string trace_dir, std::shared_ptr<std::atomic<std::uint64_t>> opened)
      : strand_(asio::make_strand(io)),
        route_(std::move(route)),
        settings_(std::move(s)),
        log_(std::move(log)),
        trace_dir_(std::move(trace_dir)),
        opened_(std::move(opened)) {
    if (route_.tls) {
      // One client context per route (CAs loaded once); a route whose CA
      // file cannot be used fails its transfers (temporary) with the reason.
      auto c = x400::p1::tls_client_context(route_.tls_ca);
      if (c)
        tls_.context = std::move(c).value();
      else
        tls_error_ = "route " + route_.name + ": " + c.error();
      tls_.verify_host = route_.peer.host;
    }
  }

  void submit(Job job) {
    asio::post(strand_, [self = shared_from_this(), job = std::move(job)]() mutable {
      self->jobs_.push_back(std::move(job));
      self->dispatch();
    });
  }

  void shutdown() {
    asio::post(strand_, [self = shared_from_this()] {
      self->down_ = true;
      self->fail_waiting("gateway shutting down");
      // remove() aborts each association and fails its transfers (temporary)
      // now, so no association keeps the pool alive once the io_context stops.
      auto links = self->links_;
      for (auto& l : links) self->remove(l, "gateway shutting down");
    });
  }

 private:
  enum class LinkState { connecting, ready, closing };
  struct Link {
    std::uint64_t n = 0;
    LinkState state = LinkState::connecting;
    std::shared_ptr<AsioConnection> conn;
    std::map<std::uint64_t, Job> in_flight;     // association transfer id -> job
    std::unique_ptr<asio::steady_timer> timer;  // connect timeout, then idle release
    std::unique_ptr<tcp::resolver> resolver;
    std::unique_ptr<tcp::socket> socket;  // while connecting
  };

  void log(int level, const std::string& line) const {
    if (log_) log_(level, line);
  }
  std::string tag(const Link& l) const {
    return "p1 route " + route_.name + " assoc " + std::to_string(l.n) + ": ";
  }

  void dispatch() {
    if (!tls_error_.empty() && !jobs_.empty()) {
      log(2, "p1 route " + route_.name + ": TLS unusable: " + tls_error_);
      fail_waiting(tls_error_);
      return;
    }
    while (!jobs_.empty() && !down_) {
      Link* best = nullptr;
      std::size_t connecting = 0;
      for (auto& l : links_) {
        if (l->state == LinkState::connecting) ++connecting;
        if (l->state == LinkState::ready && (!best || l->in_flight.size() < best->in_flight.size()))
          best = l.get();
      }
      if (best && best->in_flight.empty()) {
        assign(*best);
        continue;
      }
      if (links_.size() < static_cast<std::size_t>(std::max<std::int64_t>(1, route_.concurrency)) &&
          connecting < jobs_.size()) {
        open_link();
        continue;
      }
      if (best) {
        assign(*best);  // every association busy: queue behind a transfer (X.228: one activity at a time)
        continue;
      }
      break;  // wait for an association being set up
    }
  }

  void assign(Link& l) {
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    l.timer->cancel();
    const auto id = l.conn->association().transfer(std::move(job.apdu));
    l.in_flight.emplace(id, std::move(job));
    l.conn->flush();
  }

  void fail_waiting(const std::string& why) {
    auto jobs = std::move(jobs_);
    jobs_.clear();
    for (auto& j : jobs) j.done(false, why);
  }

  void open_link() {
    auto link = std::make_shared<Link>();
    link->n = ++serial_;
    ++*opened_;
    link->timer = std::make_unique<asio::steady_timer>(strand_);
    link->resolver = std::make_unique<tcp::resolver>(strand_);
    link->socket = std::make_unique<tcp::socket>(strand_);
    links_.push_back(link);
    std::weak_ptr<Link> weak = link;
    link->timer->expires_after(settings_->connect_timeout);
    link->timer->async_wait([self = shared_from_this(), weak](const boost::system::error_code& ec) {
      auto l = weak.lock();
      if (ec || !l || l->state != LinkState::connecting) return;
      boost::system::error_code ignored;
      l->resolver->cancel();
      if (l->socket) l->socket->close(ignored);
      self->link_failed(l, "connect to " + self->peer_text() + " timed out");
    });
    link->resolver->async_resolve(
        route_.peer.host, std::to_string(route_.peer.port),
        [self = shared_from_this(), weak](const boost::system::error_code& ec,
                                          tcp::resolver::results_type eps) {
          auto l = weak.lock();
          if (!l || l->state != LinkState::connecting) return;
          if (ec)
            return self->link_failed(l, "cannot resolve " + self->route_.peer.host + ": " + ec.message());
          asio::async_connect(
              *l->socket, eps, [self, weak](const boost::system::error_code& e, const tcp::endpoint&) {
                auto l2 = weak.lock();
                if (!l2 || l2->state != LinkState::connecting) return;
                if (e)
                  return self->link_failed(l2, "cannot connect to " + self->peer_text() + ": " + e.message());
                self->connected(l2);
              });
        });
  }

  std::string peer_text() const { return route_.peer.host + ":" + std::to_string(route_.peer.port); }

  x400::p1::AssociationConfig association_config() const {
    x400::p1::AssociationConfig c;
    c.role = x400::p1::Role::initiator;
    c.mode = route_.mode == config::P1Mode::x410 ? x400::p1::Mode::x410 : x400::p1::Mode::normal;
    c.our_mta = route_.our_name.empty() ? settings_->gateway.mta_name : route_.our_name;
    c.our_password = route_.our_password;
    c.peer_mta = route_.peer_name;
    c.called_tsel = octets(route_.selectors.tsel);
    c.called_ssel = octets(route_.selectors.ssel);
    c.called_psel = octets(route_.selectors.psel);
    c.checkpoint_size = static_cast<long>(route_.checkpoint);
    c.window_size = static_cast<long>(route_.window);
    c.max_apdu_octets = settings_->max_apdu;
    return c;
  }

  void connected(const std::shared_ptr<Link>& l) {
    l->timer->cancel();
    x400::p1::ConnectionTimeouts t;
    t.connect = settings_->connect_timeout;
    t.idle = settings_->silence_timeout;
    std::optional<std::filesystem::path> trace;
    if (!trace_dir_.empty())
      trace = std::filesystem::path(trace_dir_) / (route_.name + "-" + std::to_string(l->n) + ".stream");
    std::weak_ptr<Link> weak = l;
    auto self = shared_from_this();
    l->conn = std::make_shared<AsioConnection>(
        std::move(*l->socket), association_config(), t,
        [self, weak](AsioConnection&, const AssociationEvent& ev) {
          if (auto link = weak.lock()) self->on_event(link, ev);
        },
        trace, tls_);
    l->socket.reset();
    l->conn->on_closed = [self, weak] {
      // Deferred: close() runs inside the connection's own handler.
      asio::post(self->strand_, [self, weak] {
        if (auto link = weak.lock()) self->closed(link, "connection closed");
      });
    };
    l->conn->start();
  }

  void on_event(const std::shared_ptr<Link>& l, const AssociationEvent& ev) {
    switch (ev.kind) {
      case AssociationEvent::Kind::bound:
        l->state = LinkState::ready;
        log(0, tag(*l) + "bound to MTA " + log_escape(ev.peer) + " at " + peer_text());
        dispatch();
        idle_check(l);
        break;
      case AssociationEvent::Kind::bind_refused: {
        const bool auth = ev.bind_error == x400::p1::BindError::authentication_error;
        const std::string why =
            "bind refused by " + peer_text() + ": " +
            (ev.bind_error ? std::string(x400::p1::to_string(*ev.bind_error)) : std::string("?")) +
            (ev.detail.empty() ? "" : " (" + log_escape(ev.detail) + ")");
        // Authentication errors need an operator (passwords): loud, but the
        // messages stay queued (temporary) until it is fixed or they expire.
        log(auth ? 2 : 1, tag(*l) + why + (auth ? " - check route passwords/names" : ""));
        link_failed(l, why);
        break;
      }
      case AssociationEvent::Kind::transfer_confirmed:
        finish(l, ev.id, true, "");
        break;
      case AssociationEvent::Kind::transfer_failed:
        finish(l, ev.id, false, "transfer not confirmed by " + peer_text() + ": " + log_escape(ev.detail));
        break;
      case AssociationEvent::Kind::released:
        closed(l, "released");
        break;
      case AssociationEvent::Kind::aborted:
        log(1, tag(*l) + "aborted: " + log_escape(ev.detail));
        // Before the bind (TLS handshake, connection dropped) this is a
        // failed set-up: no immediate reconnect loop, the transfers go back.
        if (l->state == LinkState::connecting)
          link_failed(l, "association with " + peer_text() + " not set up: " + ev.detail);
        else
          closed(l, "association aborted: " + ev.detail);
        break;
      default:
        break;
    }
  }

  void finish(const std::shared_ptr<Link>& l, std::uint64_t id, bool ok, const std::string& why) {
    auto it = l->in_flight.find(id);
    if (it == l->in_flight.end()) return;
    auto job = std::move(it->second);
    l->in_flight.erase(it);
    job.done(ok, why);
    dispatch();
    idle_check(l);
  }

  // A ready association with nothing to do is released after release_after.
  void idle_check(const std::shared_ptr<Link>& l) {
    if (l->state != LinkState::ready || !l->in_flight.empty()) return;
    std::weak_ptr<Link> weak = l;
    l->timer->expires_after(settings_->release_after);
    l->timer->async_wait([self = shared_from_this(), weak](const boost::system::error_code& ec) {
      auto link = weak.lock();
      if (ec || !link || link->state != LinkState::ready || !link->in_flight.empty()) return;
      link->state = LinkState::closing;
      link->conn->association().release();
      link->conn->flush();
    });
  }

  void link_failed(const std::shared_ptr<Link>& l, const std::string& why) {
    if (l->state == LinkState::connecting) log(1, tag(*l) + why);
    remove(l, why);
    // No association could be set up: the waiting transfers go back to the
    // queue (temporary) rather than loop on connection attempts.
    bool other = false;
    for (auto& x : links_) other = other || x->state != LinkState::closing;
    if (!other) fail_waiting(why);
  }

  void closed(const std::shared_ptr<Link>& l, const std::string& why) {
    if (l->state == LinkState::connecting) return link_failed(l, why);
    remove(l, why);
    dispatch();
  }

  void remove(const std::shared_ptr<Link>& l, const std::string& why) {
    auto it = std::find(links_.begin(), links_.end(), l);
    if (it == links_.end()) return;
    links_.erase(it);
    l->state = LinkState::closing;
    boost::system::error_code ignored;
    l->timer->cancel();
    auto jobs = std::move(l->in_flight);
    l->in_flight.clear();
    for (auto& [id, job] : jobs) job.done(false, why);
    if (l->conn) {
      if (!l->conn->association().finished()) l->conn->association().abort(why);
      l->conn->flush();
    }
  }

  Strand strand_;
  config::Route route_;
  std::shared_ptr<const Settings> settings_;
  Log log_;
  std::string trace_dir_;
  x400::p1::ConnectionTls tls_;  // route.tls: context + the host its certificate must name
  std::string tls_error_;        // the route's CA file could not be used
  std::deque<Job> jobs_;
  std::vector<std::shared_ptr<Link>> links_;
  std::uint64_t serial_ = 0;
  std::shared_ptr<std::atomic<std::uint64_t>> opened_;
  bool down_ = false;
};

P1Transport::P1Transport(asio::io_context& io, Log log) : io_(io), log_(std::move(log)) {
  settings_ = std::make_shared<Settings>();
}

P1Transport::~P1Transport() = default;

Result<Ok, std::string> P1Transport::configure(const config::Config& cfg,
                                               std::shared_ptr<const mapping::address::MappingContext> ctx) {
  auto table = routing::RouteTable::build(cfg.routes);
  if (!table) return fail(table.error().to_string());
  auto s = std::make_shared<Settings>();
  s->routes = std::move(table).value();
  s->gateway = cfg.gateway;
  s->ctx = ctx ? std::move(ctx) : std::make_shared<const mapping::address::MappingContext>();
  s->connect_timeout = std::chrono::seconds(cfg.limits[Limit::timeout_connect]);
  s->silence_timeout = std::chrono::seconds(cfg.limits[Limit::timeout_p1_transfer]);
  s->release_after = std::chrono::seconds(cfg.limits[Limit::timeout_p1_idle]);
  s->max_apdu = static_cast<std::size_t>(cfg.limits[Limit::p1_max_pdu_size]);
  std::lock_guard lk(mu_);
  settings_ = std::move(s);
  // New pools pick up the new routes; the old ones finish their transfers
  // and release their associations by themselves.
  pools_.clear();
  return Ok{};
}

std::shared_ptr<const P1Transport::Settings> P1Transport::settings() const {
  std::lock_guard lk(mu_);
  return settings_;
}

P1TransportStats P1Transport::stats() const {
  std::lock_guard lk(mu_);
  auto s = stats_;
  s.associations = opened_->load();
  return s;
}

std::string P1Transport::destination(const daemon::DeliveryRequest& request) const {
  auto s = settings();
  for (auto i : request.recipients) {
    auto a = convert::recipient_or_address(request.record, i, *s->ctx);
    if (!a) continue;
    if (const auto* r = s->routes.find(*a)) return "x400:" + r->name;
  }
  return "x400:<none>";
}

void P1Transport::deliver(daemon::DeliveryRequest request, Done done) {
  // The conversion (RFC 2156 mapping, BER encoding) runs on the io_context's
  // worker threads, not on the caller's: the queue manager's strand stays
  // free to record outcomes the moment transfers are confirmed.
  asio::post(io_,
             [self = shared_from_this(), request = std::move(request), done = std::move(done)]() mutable {
               self->convert_and_submit(std::move(request), std::move(done));
             });
}

void P1Transport::convert_and_submit(daemon::DeliveryRequest request, Done done) {
  auto s = settings();
  convert::ForX400Settings fs{s->gateway, unix_now()};
  auto out = std::make_shared<convert::X400Outbound>(
      convert::for_x400(request.record, request.recipients, *s->ctx, fs));

  // Group the targets by (route, APDU).
  std::map<std::pair<std::string, std::size_t>, std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < out->targets.size(); ++k) {
    const auto& t = out->targets[k];
    const auto* r = s->routes.find(t.address);
    if (!r) {
      out->outcomes.push_back({t.index, AttemptResult::permanent_failure, routing::kNoRouteDiagnostic});
      continue;
    }
    groups[{r->name, t.apdu}].push_back(k);
  }

  struct Pending {
    std::mutex mu;
    std::vector<queue::RecipientOutcome> outcomes;
    std::size_t remaining = 0;
    Done done;
  };
  auto pending = std::make_shared<Pending>();
  pending->outcomes = std::move(out->outcomes);
  pending->done = std::move(done);
  pending->remaining = groups.size() + 1;  // +1 until every group is submitted
  auto complete_one = [pending] {
    std::vector<queue::RecipientOutcome> result;
    {
      std::lock_guard lk(pending->mu);
      if (--pending->remaining != 0) return;
      result = std::move(pending->outcomes);
    }
    pending->done(std::move(result));
  };

  const std::string qid = request.record.id;
  for (auto& [key, chosen] : groups) {
    std::vector<std::size_t> indices;
    for (auto k : chosen) indices.push_back(out->targets[k].index);
    auto bytes = convert::encode_for_route(*out, chosen);
    if (!bytes) {
      std::lock_guard lk(pending->mu);
      for (auto i : indices)
        pending->outcomes.push_back({i, AttemptResult::permanent_failure, bytes.error()});
      --pending->remaining;
      continue;
    }
    std::shared_ptr<RoutePool> pool;
    {
      std::lock_guard lk(mu_);
      if (shut_down_) {
        pool = nullptr;
      } else {
        auto& p = pools_[key.first];
        if (!p)
          p = std::make_shared<RoutePool>(io_, *s->routes.by_name(key.first), s, log_, trace_dir_, opened_);
        pool = p;
        ++stats_.transfers;
      }
    }
    if (!pool) {
      std::lock_guard lk(pending->mu);
      for (auto i : indices)
        pending->outcomes.push_back({i, AttemptResult::temporary_failure, "gateway shutting down"});
      --pending->remaining;
      continue;
    }
    const std::string route = key.first;
    auto self = shared_from_this();
    pool->submit(Job{std::move(bytes).value(),
                     [self, pending, indices, complete_one, route, qid](bool ok, const std::string& why) {
                       {
                         std::lock_guard lk(self->mu_);
                         ++(ok ? self->stats_.confirmed : self->stats_.failed);
                       }
                       {
                         std::lock_guard lk(pending->mu);
                         for (auto i : indices)
                           pending->outcomes.push_back(
                               {i, ok ? AttemptResult::delivered : AttemptResult::temporary_failure,
                                ok ? "relayed to X.400 route " + route + " (transfer confirmed)" : why});
                       }
                       if (self->log_)
                         self->log_(ok ? 0 : 1, qid + ": p1 route " + route + ": " +
                                                    (ok ? "transfer confirmed for " +
                                                              std::to_string(indices.size()) + " recipient(s)"
                                                        : "transfer failed: " + log_escape(why)));
                       complete_one();
                     }});
  }
  complete_one();
}

void P1Transport::shutdown() {
  std::map<std::string, std::shared_ptr<RoutePool>> pools;
  {
    std::lock_guard lk(mu_);
    shut_down_ = true;
    pools.swap(pools_);
  }
  for (auto& [name, p] : pools) p->shutdown();
}

}  // namespace mixer::x400side
