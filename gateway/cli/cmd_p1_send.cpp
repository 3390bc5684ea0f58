// `mixer p1 send`: an X.400 P1 initiator (the X.400 counterpart of swaks):
// binds to a peer MTA, transfers each BER MTS-APDU file as one RTSE transfer,
// releases. Exit status 0 only when the bind succeeded, every transfer was
// confirmed (session activity end acknowledged) and the release completed.
#include <fstream>
#include <iterator>
#include <ostream>

#include "gateway/cli/cmd_p1_common.hpp"
#include "gateway/cli/commands.hpp"

namespace mixer::cli {
namespace {

namespace asio = boost::asio;
using namespace x400::p1;
namespace osi = x400::osi;

std::optional<osi::Bytes> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return osi::Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

Command p1_send_command() {
  return Command{
      "p1 send",
      "Bind to an X.400 MTA over RFC 1006, transfer BER MTS-APDU files, release",
      [] {
        ArgSpec s;
        s.option("--to", "HOST:PORT", "the peer MTA")
            .option("--mta", "OURNAME", "our MTA name (initiator-name)")
            .option("--password", "PW", "our password (initiator-credentials, IA5String)")
            .option("--peer-mta", "THEIRNAME", "the responder-name we expect")
            .option("--connect-timeout", "MS", "TCP connect timeout (100..600000, default 30000)")
            .option("--trace", "FILE", "append the conversation's bytes to FILE (stream2pcap format)")
            .option("--calling-tsel", "SEL", "calling transport selector (c1): text, or 0x followed by hex")
            .flag("--tls", "RFC 1006 inside TLS; the peer's certificate is verified (chain and host name)")
            .option("--tls-ca", "FILE",
                    "trusted CA certificates (PEM) for --tls (default: the system's store)")
            .variadic("FILE...", "BER MTS-APDU files", false);
        add_p1_options(s);
        return s;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        for (const char* o : {"--to", "--mta", "--peer-mta"})
          if (!args.get(o)) return io.err << "mixer p1 send: " << o << " is required\n", kExitUsage;
        AssociationConfig cfg;
        ConnectionTimeouts timeouts;
        cfg.role = Role::initiator;
        cfg.our_mta = *args.get("--mta");
        cfg.our_password = args.get_or("--password", "");
        cfg.peer_mta = *args.get("--peer-mta");
        if (auto t = args.get("--calling-tsel")) {
          auto sel = parse_selector("--calling-tsel", *t, 32);
          if (!sel) return io.err << "mixer p1 send: " << sel.error() << "\n", kExitUsage;
          cfg.calling_tsel = *sel;
        }
        if (auto r = apply_p1_options(args, cfg, timeouts); !r)
          return io.err << "mixer p1 send: " << r.error() << "\n", kExitUsage;
        if (auto v = args.get("--connect-timeout")) {
          auto n = parse_int("--connect-timeout", *v, 100, 600000);
          if (!n) return io.err << "mixer p1 send: " << n.error() << "\n", kExitUsage;
          timeouts.connect = std::chrono::milliseconds(*n);
        }
        const std::string to = *args.get("--to");
        const auto colon = to.rfind(':');
        if (colon == std::string::npos)
          return io.err << "mixer p1 send: --to: expected HOST:PORT\n", kExitUsage;
        auto port = parse_int("--to", to.substr(colon + 1), 1, 65535);
        if (!port) return io.err << "mixer p1 send: " << port.error() << "\n", kExitUsage;
        std::vector<osi::Bytes> files;
        for (const auto& f : args.positionals()) {
          auto b = read_all(f);
          if (!b) return io.err << "mixer p1 send: cannot read " << f << "\n", kExitFailure;
          files.push_back(std::move(*b));
        }
        ConnectionTls tls;
        if (args.get("--tls-ca") && !args.has("--tls"))
          return io.err << "mixer p1 send: --tls-ca needs --tls\n", kExitUsage;
        if (args.has("--tls")) {
          auto c = tls_client_context(args.get_or("--tls-ca", ""));
          if (!c) return io.err << "mixer p1 send: " << c.error() << "\n", kExitFailure;
          tls.context = std::move(c).value();
          tls.verify_host = to.substr(0, colon);
        }
        asio::io_context ctx;
        auto sock =
            connect_tcp(ctx, to.substr(0, colon), static_cast<std::uint16_t>(*port), timeouts.connect);
        if (!sock) return io.err << "mixer p1 send: " << sock.error() << "\n", kExitFailure;
        std::size_t confirmed = 0;
        bool bound = false, released = false;
        std::map<std::uint64_t, std::string> names;
        std::optional<std::filesystem::path> trace;
        if (auto t = args.get("--trace")) trace = *t;
        auto conn = std::make_shared<AsioConnection>(
            std::move(sock).value(), cfg, timeouts,
            [&](AsioConnection&, const AssociationEvent& ev) {
              std::string line = to_string(ev.kind);
              if (ev.id && names.count(ev.id)) line += " " + names[ev.id];
              if (!ev.peer.empty()) line += " peer=" + printable(ev.peer);
              if (ev.bind_error) line += std::string(" bind-error=") + to_string(*ev.bind_error);
              if (!ev.detail.empty()) line += " (" + printable(ev.detail) + ")";
              (ev.kind == AssociationEvent::Kind::aborted ||
                       ev.kind == AssociationEvent::Kind::bind_refused ||
                       ev.kind == AssociationEvent::Kind::transfer_failed
                   ? io.err
                   : io.out)
                  << line << std::endl;
              if (ev.kind == AssociationEvent::Kind::bound) bound = true;
              if (ev.kind == AssociationEvent::Kind::transfer_confirmed) ++confirmed;
              if (ev.kind == AssociationEvent::Kind::released) released = true;
            },
            trace, tls);
        for (std::size_t i = 0; i < files.size(); ++i)
          names[conn->association().transfer(std::move(files[i]))] = args.positionals()[i];
        conn->association().release();
        conn->start();
        ctx.run();
        io.out << "transferred " << confirmed << " of " << names.size() << " APDU(s)" << std::endl;
        return bound && released && confirmed == names.size() ? kExitOk : kExitFailure;
      },
  };
}

}  // namespace mixer::cli
