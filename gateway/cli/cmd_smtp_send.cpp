// `mixer smtp-send --server HOST:PORT --from ADDR --to ADDR... FILE...`: sends
// each FILE (an RFC 5322 message) with the given envelope to an SMTP server
// over one connection, using the mixer SMTP client (smtp/asio_client.hpp), and
// prints one line per recipient: "FILE<TAB>RCPT<TAB>CODE<TAB>ENHANCED<TAB>TEXT".
// Exit 0 when every recipient got 2xx, 1 otherwise, 2 on usage errors.
#include <fstream>
#include <ostream>
#include <sstream>

#include "gateway/cli/commands.hpp"
#include "smtp/asio_client.hpp"

namespace mixer::cli {

namespace {

int run_send(const ParsedArgs& args, CommandIo& io) {
  auto usage = [&](const std::string& msg) {
    io.err << "mixer smtp-send: " << msg << "\n";
    return kExitUsage;
  };
  const auto server = args.get("--server");
  if (!server) return usage("--server HOST:PORT is required");
  const auto colon = server->rfind(':');
  if (colon == std::string::npos) return usage("--server must be HOST:PORT");
  const auto port = parse_int("--server", server->substr(colon + 1), 1, 65535);
  if (!port) return usage(port.error());
  std::string host = server->substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto to = args.all("--to");
  if (to.empty()) return usage("at least one --to ADDRESS is required");
  if (args.positionals().empty()) return usage("at least one message FILE is required");

  smtp::ClientConfig cfg;
  cfg.helo_name = args.get_or("--helo", "localhost");
  const auto mode = args.get_or("--tls", "opportunistic");
  if (mode == "off") cfg.tls = smtp::TlsMode::kOff;
  else if (mode == "opportunistic") cfg.tls = smtp::TlsMode::kOpportunistic;
  else if (mode == "required") cfg.tls = smtp::TlsMode::kRequired;
  else return usage("--tls must be off, opportunistic or required");
  if (auto t = args.get("--timeout")) {
    const auto n = parse_int("--timeout", *t, 1, 3600);
    if (!n) return usage(n.error());
    const auto s = static_cast<std::uint64_t>(*n);
    cfg.timeouts = smtp::ClientTimeouts{s, s, s, s, s, s};
  }
  smtp::ClientTls tls;
  tls.ca_file = args.get_or("--ca-file", "");
  tls.verify = !args.has("--no-verify");
  tls.server_name = args.get_or("--server-name", "");

  smtp::Envelope env;
  env.mail_from = args.get_or("--from", "");
  env.envid = args.get_or("--envid", "");
  const auto ret = args.get_or("--ret", "");
  if (ret == "FULL") env.ret = smtp::DsnRet::kFull;
  else if (ret == "HDRS") env.ret = smtp::DsnRet::kHeaders;
  else if (!ret.empty()) return usage("--ret must be FULL or HDRS");
  smtp::DsnNotify notify;
  if (auto n = args.get("--notify")) {
    notify.given = true;
    std::stringstream ss(*n);
    for (std::string item; std::getline(ss, item, ',');) {
      if (item == "NEVER") notify.never = true;
      else if (item == "SUCCESS") notify.success = true;
      else if (item == "FAILURE") notify.failure = true;
      else if (item == "DELAY") notify.delay = true;
      else return usage("--notify takes NEVER or SUCCESS,FAILURE,DELAY");
    }
  }
  for (const auto& a : to) env.recipients.push_back(smtp::Recipient{a, notify, "", ""});
  if (args.has("--orcpt"))
    for (auto& r : env.recipients) r.orcpt_type = "rfc822", r.orcpt_address = r.address;

  std::vector<smtp::OutgoingMessage> msgs;
  for (const auto& file : args.positionals()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      io.err << "mixer smtp-send: cannot read " << file << "\n";
      return kExitFailure;
    }
    std::ostringstream content;
    content << in.rdbuf();
    msgs.push_back(smtp::OutgoingMessage{env, content.str()});
  }
  const auto report = smtp::deliver_blocking(host, static_cast<std::uint16_t>(*port), cfg, tls, std::move(msgs));
  bool all_ok = true;
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    for (const auto& r : report.results[i].recipients) {
      all_ok = all_ok && r.reply.positive();
      std::string text = r.reply.text();
      for (auto& c : text)
        if (c == '\n' || c == '\t') c = ' ';
      io.out << args.positionals()[i] << "\t" << r.address << "\t" << r.reply.code << "\t" << r.reply.enhanced << "\t"
             << text << "\n";
    }
  }
  io.out << "tls=" << (report.tls ? "yes" : "no") << "\n";
  if (!report.error.empty()) io.err << "mixer smtp-send: " << report.error << "\n";
  return all_ok ? kExitOk : kExitFailure;
}

}  // namespace

Command smtp_send_command() {
  return Command{
      "smtp-send",
      "Send message files to an SMTP server with the mixer SMTP client; one result line per recipient",
      [] {
        ArgSpec s;
        s.option("--server", "HOST:PORT", "the next hop")
            .option("--from", "ADDR", "reverse path (default: <>)")
            .repeated("--to", "ADDR", "a recipient (repeatable)")
            .option("--helo", "NAME", "EHLO name (default localhost)")
            .option("--tls", "MODE", "off, opportunistic (default) or required (verified)")
            .option("--ca-file", "FILE", "PEM trust anchors for --tls required")
            .option("--server-name", "NAME", "name to verify and send as SNI (default: HOST)")
            .flag("--no-verify", "with --tls required: encrypt without verifying the certificate")
            .option("--notify", "LIST", "DSN NOTIFY for every recipient (NEVER or SUCCESS,FAILURE,DELAY)")
            .flag("--orcpt", "send ORCPT=rfc822;<address> for every recipient")
            .option("--ret", "FULL|HDRS", "DSN RET")
            .option("--envid", "ID", "DSN ENVID")
            .option("--timeout", "SECONDS", "one timeout for every step (default: RFC 5321 4.5.3.2 values)")
            .variadic("FILE", "message files, sent in order over one connection");
        return s;
      },
      run_send,
  };
}

}  // namespace mixer::cli
