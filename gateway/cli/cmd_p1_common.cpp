#include "gateway/cli/cmd_p1_common.hpp"

#include "common/log_escape.hpp"

namespace mixer::cli {

void add_p1_options(ArgSpec& spec) {
  spec.option("--mode", "MODE", "normal (X.419 1988, default) or x410 (X.410-1984 mode); a listener accepts both")
      .option("--checkpoint-size", "KIB", "RTSE checkpoint size in KiB, 0 = none (0..1024, default 0)")
      .option("--window", "N", "RTSE window size (1..1024, default 3)")
      .option("--idle-timeout", "MS", "abort an association silent for this long (100..3600000, default 300000)")
      .option("--max-apdu", "OCTETS", "largest MTS-APDU accepted (1024..1073741824, default 67108864)");
}

Result<Ok> apply_p1_options(const ParsedArgs& args, x400::p1::AssociationConfig& c, x400::p1::ConnectionTimeouts& t) {
  const std::string mode = args.get_or("--mode", "normal");
  if (mode == "normal") c.mode = x400::p1::Mode::normal;
  else if (mode == "x410") c.mode = x400::p1::Mode::x410;
  else return fail(std::string("--mode: expected normal or x410, got '") + mode + "'");
  if (auto v = args.get("--checkpoint-size")) c.checkpoint_size = static_cast<long>(MIXER_TRY(parse_int("--checkpoint-size", *v, 0, 1024)));
  if (auto v = args.get("--window")) c.window_size = static_cast<long>(MIXER_TRY(parse_int("--window", *v, 1, 1024)));
  if (auto v = args.get("--idle-timeout")) t.idle = std::chrono::milliseconds(MIXER_TRY(parse_int("--idle-timeout", *v, 100, 3600000)));
  if (auto v = args.get("--max-apdu"))
    c.max_apdu_octets = static_cast<std::size_t>(MIXER_TRY(parse_int("--max-apdu", *v, 1024, 1073741824)));
  return Ok{};
}

std::string printable(const std::string& untrusted) { return log_escape(untrusted); }

}  // namespace mixer::cli
