#include "gateway/cli/cmd_p1_common.hpp"

#include "common/hex.hpp"
#include "common/log_escape.hpp"

namespace mixer::cli {

void add_p1_options(ArgSpec& spec) {
  spec.option("--mode", "MODE",
              "normal (X.419 1988, default) or x410 (X.410-1984 mode); a listener accepts both")
      .option("--checkpoint-size", "KIB", "RTSE checkpoint size in KiB, 0 = none (0..1024, default 0)")
      .option("--window", "N", "RTSE window size (1..1024, default 3)")
      .option("--idle-timeout", "MS",
              "abort an association silent for this long (100..3600000, default 300000)")
      .option("--max-apdu", "OCTETS", "largest MTS-APDU accepted (1024..1073741824, default 67108864)")
      .option("--called-tsel", "SEL", "called transport selector (X.224 c2): text, or 0x followed by hex")
      .option("--called-ssel", "SEL", "called session selector (X.225): text or 0xHEX")
      .option("--called-psel", "SEL", "called presentation selector (X.226, normal mode): text or 0xHEX");
}

Result<Ok> apply_p1_options(const ParsedArgs& args, x400::p1::AssociationConfig& c,
                            x400::p1::ConnectionTimeouts& t) {
  const std::string mode = args.get_or("--mode", "normal");
  if (mode == "normal")
    c.mode = x400::p1::Mode::normal;
  else if (mode == "x410")
    c.mode = x400::p1::Mode::x410;
  else
    return fail(std::string("--mode: expected normal or x410, got '") + mode + "'");
  if (auto v = args.get("--checkpoint-size"))
    c.checkpoint_size = static_cast<long>(MIXER_TRY(parse_int("--checkpoint-size", *v, 0, 1024)));
  if (auto v = args.get("--window"))
    c.window_size = static_cast<long>(MIXER_TRY(parse_int("--window", *v, 1, 1024)));
  if (auto v = args.get("--idle-timeout"))
    t.idle = std::chrono::milliseconds(MIXER_TRY(parse_int("--idle-timeout", *v, 100, 3600000)));
  if (auto v = args.get("--max-apdu"))
    c.max_apdu_octets = static_cast<std::size_t>(MIXER_TRY(parse_int("--max-apdu", *v, 1024, 1073741824)));
  const std::pair<const char*, x400::osi::Bytes*> sels[] = {{"--called-tsel", &c.called_tsel},
                                                            {"--called-ssel", &c.called_ssel},
                                                            {"--called-psel", &c.called_psel}};
  for (auto [opt, dst] : sels) {
    if (auto v = args.get(opt))
      *dst = MIXER_TRY(parse_selector(opt, *v, std::string_view(opt) == "--called-tsel" ? 32 : 16));
  }
  return Ok{};
}

Result<x400::osi::Bytes> parse_selector(const std::string& option, const std::string& value,
                                        std::size_t max) {
  x400::osi::Bytes out;
  if (value.size() >= 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'X')) {
    auto h = from_hex(std::string_view(value).substr(2));
    if (!h || value.size() == 2)
      return fail(option + ": '" + printable(value) + "' is not 0x followed by hex digit pairs");
    out = std::move(*h);
  } else {
    out.assign(value.begin(), value.end());
  }
  if (out.empty()) return fail(option + ": empty selector");
  if (out.size() > max)
    return fail(option + ": " + std::to_string(out.size()) + " octets, at most " + std::to_string(max));
  return out;
}

std::string printable(const std::string& untrusted) { return log_escape(untrusted); }

}  // namespace mixer::cli
