// `mixer convert`: the gateway's whole-message conversion offline, so an
// operator sees exactly what the gateway will do with a message
// (mapping/message/convert.hpp, RFC 2156).
//
//   mixer convert to-internet FILE.ber [--config CONFIG] [--8bit]
//       FILE holds one BER MTS-APDU (a P1 Message). Prints the SMTP envelope
//       (MAIL FROM / RCPT TO lines with DSN parameters), a blank line, and
//       the RFC 5322 message (LF line ends, or CRLF with --crlf).
//   mixer convert to-x400 FILE.eml --from A --to B [--to C ...] [--notify N]
//       [--ret FULL|HDRS] [--config CONFIG] [--p2] [--json] [-o OUT]
//       FILE holds an RFC 5322 message (CRLF or LF). Writes the BER MTS-APDU
//       to OUT (or prints its JSON dump with --json; without -o, the hex).
// The gateway identity and tables come from --config ([gateway] and
// [tables]); without it a neutral test identity is used (C=XX, ADMD=" ",
// domain gateway.invalid). --now fixes the clock (unix seconds) for
// reproducible output. Exit 0 converted, 1 conversion refused / bad input
// (the reason in X.411 NDR terms on stderr), 2 usage.
#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>

#include "common/hex.hpp"
#include "common/json.hpp"
#include "config/load.hpp"
#include "config/tables/mapping_context.hpp"
#include "gateway/cli/cmd_x400_common.hpp"
#include "gateway/cli/commands.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/message/envelope_text.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/json/p1_json.hpp"

namespace mixer::cli {

namespace {

namespace msg = mixer::mapping::message;
namespace tables = mixer::config::tables;

struct Setup {
  mapping::address::MappingContext ctx;
  msg::ConversionOptions options;
};

// Reads --config (or the neutral identity) and --now.
Result<Setup, std::string> setup(const ParsedArgs& args) {
  Setup s;
  auto& g = s.options.gateway;
  if (auto path = args.get("--config")) {
    auto cfg = config::load_file(*path);
    if (!cfg.ok()) {
      std::string e;
      for (const auto& x : cfg.error()) e += x.to_string() + "\n";
      return fail(e);
    }
    auto built = tables::build_mapping_context(*cfg);
    if (!built.ok()) {
      std::string e;
      for (const auto& x : built.error()) e += x.to_string() + "\n";
      return fail(e);
    }
    s.ctx = std::move(*built);
    g.mta_name = cfg->gateway.mta_name;
    g.country = cfg->gateway.global_domain.country;
    g.admd = cfg->gateway.global_domain.admd;
    g.prmd = cfg->gateway.global_domain.prmd;
    g.domain = cfg->gateway.domain;
  } else {
    s.ctx.local_domain = "gateway.invalid";
    s.ctx.local_or = *mapping::address::parse_std_or("/O=Gateway/ADMD= /C=XX/");
    g.mta_name = "mixer";
    g.country = "XX";
    g.admd = " ";
    g.domain = "gateway.invalid";
  }
  if (auto now = args.get("--now")) {
    auto n = parse_int("--now", *now, 0, 4102444800LL);  // up to 2100-01-01
    if (!n.ok()) return fail(n.error());
    s.options.now = *n;
  } else {
    s.options.now = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  }
  return s;
}

int refused(const mapping::MappingFailure& f, CommandIo& io) {
  io.err << "mixer convert: not converted: " << f.to_string() << "\n";
  return kExitFailure;
}

int run_to_internet(const ParsedArgs& args, CommandIo& io) {
  auto s = setup(args);
  if (!s.ok()) {
    io.err << "mixer convert: " << s.error();
    return kExitFailure;
  }
  auto bytes = x400_read_file(args.positionals().at(0));
  if (!bytes.ok()) {
    io.err << "mixer convert: " << bytes.error() << "\n";
    return kExitFailure;
  }
  auto buffer = std::make_shared<const std::vector<std::uint8_t>>(std::move(*bytes));
  auto apdu = x400::asn::decode_mts_apdu(buffer);
  if (!apdu.ok()) {
    io.err << "mixer convert: " << apdu.error().to_string() << "\n";
    return kExitFailure;
  }
  const auto* m = std::get_if<x400::asn::Message>(&*apdu);
  if (!m) {
    io.err << "mixer convert: the MTS-APDU is a " << x400::asn::kind_name(*apdu)
           << ", not a message (reports and probes are converted by the reports mapping)\n";
    return kExitFailure;
  }
  s->options.next_hop_8bit = args.has("--8bit");
  s->options.eol = args.has("--crlf") ? "\r\n" : "\n";
  auto r = msg::to_internet(*m, s->ctx, s->options);
  if (!r.ok()) return refused(r.error(), io);
  io.out << msg::format_envelope_text(r->envelope) << s->options.eol << r->content;
  return kExitOk;
}

int run_to_x400(const ParsedArgs& args, CommandIo& io) {
  auto s = setup(args);
  if (!s.ok()) {
    io.err << "mixer convert: " << s.error();
    return kExitFailure;
  }
  auto from = args.get("--from");
  auto to = args.all("--to");
  if (!from || to.empty()) {
    io.err << "mixer convert to-x400: --from and at least one --to are required\n";
    return kExitUsage;
  }
  msg::SmtpEnvelope env;
  env.mail_from = *from == "<>" ? "" : *from;
  for (const auto& t : to) env.recipients.push_back({t, args.get_or("--notify", ""), ""});
  env.ret = args.get_or("--ret", "");
  env.envid = args.get_or("--envid", "");
  std::ifstream in(args.positionals().at(0), std::ios::binary);
  if (!in) {
    io.err << "mixer convert: cannot read " << args.positionals().at(0) << "\n";
    return kExitFailure;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  s->options.allow_p2 = args.has("--p2");
  auto r = msg::to_x400(env, mapping::mime::BodyRef::own(ss.str()), s->ctx, s->options);
  if (!r.ok()) return refused(r.error(), io);
  x400::asn::MtsApdu apdu{std::move(*r)};
  auto ber = x400::asn::encode_mts_apdu(apdu);
  if (!ber.ok()) {
    io.err << "mixer convert: " << ber.error().to_string() << "\n";
    return kExitFailure;
  }
  if (auto out = args.get("-o")) {
    auto w = x400_write_file(*out, *ber);
    if (!w.ok()) {
      io.err << "mixer convert: " << w.error() << "\n";
      return kExitFailure;
    }
  }
  if (args.has("--json")) {
    json::WriteOptions wo;
    wo.indent = 2;
    io.out << json::write(x400::xjson::to_json(apdu), wo) << "\n";
  } else if (!args.get("-o")) {
    io.out << to_hex(*ber) << "\n";
  }
  return kExitOk;
}

ArgSpec common(ArgSpec spec) {
  return spec.option("--config", "FILE", "gateway identity ([gateway]) and mapping tables ([tables]) from FILE")
      .option("--now", "SECONDS", "the clock for trace and Received (unix seconds; default: now)");
}

}  // namespace

Command convert_to_internet_command() {
  return Command{
      "convert to-internet",
      "Convert a BER P1 message to the SMTP envelope and RFC 5322 message the gateway would send",
      [] {
        return common(ArgSpec{})
            .flag("--8bit", "the next hop offers 8BITMIME (8bit transfer encoding allowed)")
            .flag("--crlf", "write CRLF line ends (default LF)")
            .positional("FILE", "one BER MTS-APDU holding a message");
      },
      run_to_internet,
  };
}

Command convert_to_x400_command() {
  return Command{
      "convert to-x400",
      "Convert an RFC 5322 message with its SMTP envelope to the P1 message the gateway would send",
      [] {
        return common(ArgSpec{})
            .option("--from", "ADDRESS", "MAIL FROM reverse-path (\"<>\" for the null path)")
            .repeated("--to", "ADDRESS", "RCPT TO (repeatable)")
            .option("--notify", "LIST", "DSN NOTIFY for every recipient (SUCCESS,FAILURE,DELAY or NEVER)")
            .option("--ret", "FULL|HDRS", "DSN RET")
            .option("--envid", "XTEXT", "DSN ENVID")
            .flag("--p2", "content type 2 (X.400 1984) when the IPM fits")
            .flag("--json", "print the MTS-APDU as JSON (mixer x400 dump form)")
            .option("-o", "OUT", "write the BER MTS-APDU to OUT")
            .positional("FILE", "an RFC 5322 message");
      },
      run_to_x400,
  };
}

}  // namespace mixer::cli
