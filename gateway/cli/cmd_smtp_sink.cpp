// `mixer smtp-sink --port N --dir DIR [--listen ADDR]`: an ESMTP server that
// accepts every recipient and stores each message with its envelope in DIR
// (smtp/sink_store.hpp: fsynced before the 250), for tests and demos.
// --discard answers 250 without storing (to compare with Postfix's smtp-sink).
// Prints "listening on ADDR:PORT" once bound; runs until SIGINT/SIGTERM.
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange

#include <csignal>
#include <filesystem>
#include <iostream>
#include <ostream>

#include <boost/asio.hpp>

#include "common/log_escape.hpp"
#include "gateway/cli/commands.hpp"
#include "smtp/asio_server.hpp"
#include "smtp/sink_store.hpp"

namespace mixer::cli {

namespace {

namespace asio = boost::asio;

int run_sink(const ParsedArgs& args, CommandIo& io) {
  auto fail_usage = [&](const std::string& msg) {
    io.err << "mixer smtp-sink: " << msg << "\n";
    return kExitUsage;
  };
  const bool discard = args.has("--discard");
  const auto dir = args.get("--dir");
  if (!dir && !discard) return fail_usage("--dir DIR is required (or --discard)");
  const auto port_s = args.get("--port");
  if (!port_s) return fail_usage("--port N is required (0 picks a free port)");
  const auto port = parse_int("--port", *port_s, 0, 65535);
  if (!port) return fail_usage(port.error());
  smtp::ServerConfig cfg;
  cfg.hostname = args.get_or("--hostname", "localhost");
  for (const auto& spec : smtp::kServerLimitSpecs) {
    const std::string opt = "--" + std::string(spec.name);
    if (auto v = args.get(opt)) {
      const auto n = parse_int(opt, *v, static_cast<long long>(spec.min),
                               static_cast<long long>(std::min<std::uint64_t>(spec.max, 1ull << 62)));
      if (!n) return fail_usage(n.error());
      if (auto r = smtp::set_limit(cfg.limits, spec.name, static_cast<std::uint64_t>(*n)); !r) return fail_usage(r.error());
    }
  }
  if (args.has("--bare-lf-normalize")) cfg.limits.bare_lf = smtp::BareLfPolicy::kNormalize;
  cfg.require_tls = args.has("--require-tls");
  std::optional<smtp::TlsFiles> tls;
  if (args.has("--tls-cert") != args.has("--tls-key")) return fail_usage("--tls-cert and --tls-key go together");
  if (args.has("--tls-cert")) tls = smtp::TlsFiles{*args.get("--tls-cert"), *args.get("--tls-key")};
  if (cfg.require_tls && !tls) return fail_usage("--require-tls needs --tls-cert and --tls-key");
  if (dir) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) {
      io.err << "mixer smtp-sink: cannot create " << *dir << ": " << ec.message() << "\n";
      return kExitFailure;
    }
  }
  const auto reject_prefix = args.get_or("--reject-prefix", "");

  asio::io_context ioc;
  asio::thread_pool storers(2);  // fsync off the I/O thread
  auto rcpt = [reject_prefix](const smtp::Envelope&, const smtp::Recipient& r) {
    if (!reject_prefix.empty() && r.address.rfind(reject_prefix, 0) == 0)
      return smtp::RcptDecision::refuse(smtp::Reply::make(550, "5.1.1", "Recipient address rejected: test rejection"));
    return smtp::RcptDecision::ok();
  };
  const std::filesystem::path spool = dir.value_or("");
  auto on_message = [&storers, spool, discard](const std::string& id, const smtp::ReceivedMessage& msg,
                                               std::function<void(smtp::AcceptResult)> done) {
    if (discard) return done(smtp::AcceptResult::accepted(id + "-discarded"));
    asio::post(storers, [&msg, spool, done = std::move(done)] {
      auto r = smtp::store_message(spool, msg);
      done(r ? smtp::AcceptResult::accepted(*r) : smtp::AcceptResult::storage_failed(r.error()));
    });
  };
  auto log = [&io](std::string_view line) { io.err << "smtp-sink: " << line << "\n" << std::flush; };
  auto server = smtp::AsioServer::create(ioc, cfg, rcpt, on_message, log, tls);
  if (!server) {
    io.err << "mixer smtp-sink: " << server.error() << "\n";
    return kExitFailure;
  }
  const auto listen_addr = args.get_or("--listen", "127.0.0.1");
  if (auto r = (*server)->listen(listen_addr, static_cast<std::uint16_t>(*port)); !r) {
    io.err << "mixer smtp-sink: " << r.error() << "\n";
    return kExitFailure;
  }
  io.out << "listening on " << listen_addr << ":" << (*server)->port() << "\n" << std::flush;
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    (*server)->stop();
    ioc.stop();
  });
  ioc.run();
  storers.join();
  return kExitOk;
}

}  // namespace

Command smtp_sink_command() {
  return Command{
      "smtp-sink",
      "Run an ESMTP server that stores every message with its envelope in a directory",
      [] {
        ArgSpec s;
        s.option("--port", "N", "TCP port (0 = any free port, printed on start)")
            .option("--dir", "DIR", "store each message as DIR/<id>.eml + DIR/<id>.json (fsynced)")
            .option("--listen", "ADDR", "listen address (default 127.0.0.1)")
            .option("--hostname", "NAME", "name in the greeting and EHLO reply (default localhost)")
            .option("--tls-cert", "FILE", "PEM certificate chain: offer STARTTLS")
            .option("--tls-key", "FILE", "PEM private key for --tls-cert")
            .flag("--require-tls", "refuse MAIL before STARTTLS (530 5.7.0)")
            .flag("--discard", "answer 250 without storing (benchmarks)")
            .flag("--bare-lf-normalize", "store bare-LF lines with CRLF instead of refusing the message")
            .option("--reject-prefix", "TEXT", "refuse recipients starting with TEXT (550 5.1.1), for tests");
        for (const auto& spec : smtp::kServerLimitSpecs)
          s.option("--" + std::string(spec.name), "N",
                   "limit (default " + std::to_string(spec.default_value) + ", range " + std::to_string(spec.min) +
                       ".." + std::to_string(spec.max) + ")");
        return s;
      },
      run_sink,
  };
}

}  // namespace mixer::cli
