// `mixer p1 listen`: an X.400 P1 responder (RFC 1006) that stores each
// received MTS-APDU as SPOOL/<id>.ber plus a metadata SPOOL/<id>.json, and
// logs each association. Storage is durable (fsync of file and directory)
// before the activity end is acknowledged, unless --no-fsync (benchmarks).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include "common/json.hpp"
#include "gateway/cli/cmd_p1_common.hpp"
#include "gateway/cli/commands.hpp"

namespace mixer::cli {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using namespace x400::p1;
namespace osi = x400::osi;

bool write_file(const fs::path& path, const std::uint8_t* data, std::size_t n, bool sync) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return false;
  std::size_t off = 0;
  while (off < n) {
    const ssize_t w = ::write(fd, data + off, n - off);
    if (w <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    off += static_cast<std::size_t>(w);
  }
  const bool ok = (!sync || ::fsync(fd) == 0) && ::close(fd) == 0;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

const char* apdu_kind(const osi::Bytes& a) {
  if (a.empty()) return "empty";
  switch (a[0]) {
    case 0xa0:
      return "message";
    case 0xa1:
      return "report";
    case 0xa2:
      return "probe";
    default:
      return "unknown";
  }
}

struct Listener {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  AssociationConfig base;
  ConnectionTimeouts timeouts;
  fs::path spool;
  std::optional<fs::path> trace_dir;
  ConnectionTls tls;  // --tls-cert/--tls-key: RFC 1006 inside TLS
  bool sync = true;
  long max_associations = 16;
  long exit_after = 0;  // stop after this many associations ended (0 = never)
  long active = 0, ended = 0, serial = 0;
  std::uint64_t stored = 0;
  std::ostream* log = nullptr;
  std::set<std::shared_ptr<AsioConnection>> live;

  std::string new_id() {
    return "p1-" + std::to_string(std::time(nullptr)) + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(++stored);
  }

  void accept() {
    acceptor.async_accept([this](const boost::system::error_code& ec, asio::ip::tcp::socket sock) {
      if (ec) {
        if (ec != asio::error::operation_aborted) accept();
        return;
      }
      const long n = ++serial;
      AssociationConfig cfg = base;
      cfg.busy = active >= max_associations;
      std::optional<fs::path> trace;
      if (trace_dir) trace = *trace_dir / ("assoc-" + std::to_string(n) + ".stream");
      auto conn = std::make_shared<AsioConnection>(
          std::move(sock), cfg, timeouts,
          [this, n](AsioConnection& c, const AssociationEvent& ev) { on_event(n, c, ev); }, trace, tls);
      ++active;
      live.insert(conn);
      *log << "assoc " << n << ": connection from " << conn->peer_address() << std::endl;
      std::weak_ptr<AsioConnection> weak = conn;
      conn->on_closed = [this, n, weak] {
        --active;
        ++ended;
        *log << "assoc " << n << ": closed" << std::endl;
        if (auto c = weak.lock()) asio::post(io, [this, c] { live.erase(c); });
        if (exit_after > 0 && ended >= exit_after) stop();
      };
      conn->start();
      accept();
    });
  }

  void on_event(long n, AsioConnection& c, const AssociationEvent& ev) {
    std::string line = "assoc " + std::to_string(n) + ": " + to_string(ev.kind);
    if (!ev.peer.empty()) line += " peer=" + printable(ev.peer);
    if (ev.bind_error) line += std::string(" bind-error=") + to_string(*ev.bind_error);
    if (!ev.detail.empty()) line += " (" + printable(ev.detail) + ")";
    if (ev.kind == AssociationEvent::Kind::apdu_received) {
      const std::string id = new_id();
      const bool ok = write_file(spool / (id + ".ber"), ev.apdu.data(), ev.apdu.size(), sync);
      json::Value meta = json::Value::object();
      meta.set("id", id);
      meta.set("kind", apdu_kind(ev.apdu));
      meta.set("octets", static_cast<long long>(ev.apdu.size()));
      meta.set("peer_address", c.peer_address());
      meta.set("association", n);
      meta.set("mode", c.association().mode() == Mode::normal ? "normal" : "x410");
      meta.set("received_at", static_cast<long long>(std::time(nullptr)));
      const std::string text = json::write(meta, {2}) + "\n";
      const bool meta_ok =
          ok && write_file(spool / (id + ".json"), reinterpret_cast<const std::uint8_t*>(text.data()),
                           text.size(), sync);
      if (ok && meta_ok && (!sync || sync_dir(spool))) {
        c.association().confirm_stored(ev.id);
        line = id + ": " + line + " stored " + std::to_string(ev.apdu.size()) + " octets";
      } else {
        c.association().reject_stored(ev.id);
        line += " NOT stored (spool write failed), refused";
      }
      c.flush();
    }
    *log << line << std::endl;
  }

  void stop() {
    boost::system::error_code ec;
    acceptor.close(ec);
    signals.cancel();
    for (const auto& c : live) c->association().abort("listener shutting down"), c->flush();
    // Give the aborts a moment to reach the peers, then end the loop.
    stop_timer.expires_after(std::chrono::milliseconds(200));
    stop_timer.async_wait([this](const boost::system::error_code&) { io.stop(); });
  }
  asio::steady_timer stop_timer{io};
};

}  // namespace

Command p1_listen_command() {
  return Command{
      "p1 listen",
      "Run an X.400 P1 responder (RFC 1006) storing received MTS-APDUs in a spool directory",
      [] {
        ArgSpec s;
        s.option("--port", "N", "TCP port to listen on (1..65535)")
            .option("--spool", "DIR", "where to store <id>.ber and <id>.json")
            .option("--mta", "NAME", "our MTA name (responder-name)")
            .repeated("--peer", "NAME:PASSWORD[:OURPASSWORD]",
                      "an initiator allowed to bind, its password, and the password we answer with (default: "
                      "the same)")
            .option("--listen", "ADDR", "address to bind (default 127.0.0.1)")
            .option("--max-associations", "N",
                    "concurrent associations before binds are refused busy (1..10000, default 16)")
            .option("--exit-after", "N", "exit after N associations have ended (for tests; default never)")
            .option("--trace-dir", "DIR",
                    "write each association's bytes as DIR/assoc-N.stream (stream2pcap format)")
            .option("--tls-cert", "FILE",
                    "serve RFC 1006 inside TLS with this PEM certificate chain (needs --tls-key)")
            .option("--tls-key", "FILE", "the PEM private key of --tls-cert")
            .flag("--no-fsync", "do not fsync stored APDUs (benchmarks only)");
        add_p1_options(s);
        return s;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        auto need = [&](const char* o) -> std::optional<std::string> {
          auto v = args.get(o);
          if (!v) io.err << "mixer p1 listen: " << o << " is required\n";
          return v;
        };
        auto port = need("--port");
        auto spool = need("--spool");
        auto mta = need("--mta");
        if (!port || !spool || !mta) return kExitUsage;
        auto l = std::make_unique<Listener>();
        l->log = &io.out;
        l->base.role = Role::responder;
        l->base.our_mta = *mta;
        auto p = parse_int("--port", *port, 1, 65535);
        auto r = apply_p1_options(args, l->base, l->timeouts);
        if (!p || !r) {
          io.err << "mixer p1 listen: " << (!p ? p.error() : r.error()) << "\n";
          return kExitUsage;
        }
        for (const auto& peer : args.all("--peer")) {
          const auto c1 = peer.find(':');
          if (c1 == std::string::npos || c1 == 0) {
            io.err << "mixer p1 listen: --peer: expected NAME:PASSWORD, got '" << printable(peer) << "'\n";
            return kExitUsage;
          }
          std::string rest = peer.substr(c1 + 1);
          const auto c2 = rest.find(':');
          PeerCredentials pc{rest.substr(0, c2),
                             c2 == std::string::npos ? rest.substr(0, c2) : rest.substr(c2 + 1)};
          l->base.peers[peer.substr(0, c1)] = pc;
        }
        if (auto v = args.get("--max-associations")) {
          auto n = parse_int("--max-associations", *v, 1, 10000);
          if (!n) return io.err << "mixer p1 listen: " << n.error() << "\n", kExitUsage;
          l->max_associations = static_cast<long>(*n);
        }
        if (auto v = args.get("--exit-after")) {
          auto n = parse_int("--exit-after", *v, 1, 1000000000);
          if (!n) return io.err << "mixer p1 listen: " << n.error() << "\n", kExitUsage;
          l->exit_after = static_cast<long>(*n);
        }
        if (auto v = args.get("--trace-dir")) l->trace_dir = fs::path(*v);
        const auto cert = args.get("--tls-cert"), key = args.get("--tls-key");
        if (cert.has_value() != key.has_value())
          return io.err << "mixer p1 listen: --tls-cert and --tls-key go together\n", kExitUsage;
        if (cert) {
          auto ctx = tls_server_context(*cert, *key);
          if (!ctx) return io.err << "mixer p1 listen: " << ctx.error() << "\n", kExitFailure;
          l->tls.context = std::move(ctx).value();
        }
        l->sync = !args.has("--no-fsync");
        l->spool = *spool;
        std::error_code fec;
        fs::create_directories(l->spool, fec);
        if (l->trace_dir) fs::create_directories(*l->trace_dir, fec);
        if (!fs::is_directory(l->spool)) {
          io.err << "mixer p1 listen: cannot use spool directory " << l->spool << "\n";
          return kExitFailure;
        }
        boost::system::error_code ec;
        const auto addr = asio::ip::make_address(args.get_or("--listen", "127.0.0.1"), ec);
        if (ec) {
          io.err << "mixer p1 listen: --listen: not an IP address\n";
          return kExitUsage;
        }
        asio::ip::tcp::endpoint ep(addr, static_cast<std::uint16_t>(*p));
        l->acceptor.open(ep.protocol(), ec);
        if (!ec) l->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) l->acceptor.bind(ep, ec);
        if (!ec) l->acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
          io.err << "mixer p1 listen: cannot listen on " << ep << ": " << ec.message() << "\n";
          return kExitFailure;
        }
        io.out << "listening on " << ep << (l->tls.context ? " (TLS)" : "") << " as MTA " << printable(*mta)
               << ", "
               << (l->base.peers.empty() ? std::string("any initiator accepted")
                                         : std::to_string(l->base.peers.size()) + " peer(s)")
               << std::endl;
        l->signals.async_wait([&l](const boost::system::error_code& e, int) {
          if (!e) l->stop();
        });
        l->accept();
        l->io.run();
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
