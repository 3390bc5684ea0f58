// The `mixer` and `mixerd` programs, run as a user would run them.
#include <csignal>
#include <thread>
#include <gtest/gtest.h>

#include <map>

#include "tests/support/net.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::test {
namespace {

const std::string kMixer = MIXER_CLI_PATH;
const std::string kMixerd = MIXERD_PATH;

TEST(MixerCli, HelpListsCommands) {
  auto r = run({kMixer, "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Usage: mixer COMMAND"), std::string::npos);
  EXPECT_NE(r.out.find("version"), std::string::npos);
}

TEST(MixerCli, NoArgumentsIsUsageError) {
  auto r = run({kMixer});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Usage: mixer"), std::string::npos);
}

TEST(MixerCli, Version) {
  auto r = run({kMixer, "version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("mixer 0.", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("RFC 2156"), std::string::npos);
}

TEST(MixerCli, SubcommandHelp) {
  auto r = run({kMixer, "version", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Usage: mixer version"), std::string::npos);
}

TEST(MixerCli, UnknownCommandExits2) {
  auto r = run({kMixer, "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_NE(r.err.find("mixer --help"), std::string::npos);
}

TEST(MixerCli, BadArgumentExits2) {
  auto r = run({kMixer, "version", "--bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown option '--bogus'"), std::string::npos);
  auto extra = run({kMixer, "version", "surplus"});
  EXPECT_EQ(extra.exit_code, 2);
  EXPECT_NE(extra.err.find("unexpected argument 'surplus'"), std::string::npos);
}

TEST(Mixerd, Help) {
  auto r = run({kMixerd, "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--config FILE"), std::string::npos);
}

TEST(Mixerd, MissingConfigIsUsageError) {
  auto r = run({kMixerd});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--config FILE is required"), std::string::npos);
}

TEST(Mixerd, InvalidConfigRefusesToStart) {
  TempDir dir;
  write_file(dir / "bad.toml", "[gateway]\nmta_name = 1\n");
  auto r = run({kMixerd, "--config", (dir / "bad.toml").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.toml:2: gateway.mta_name must be a string"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not starting"), std::string::npos);
}

// The bundled example, with only its ports (free ones: tests run in
// parallel, and a quick start may be running) and its spool substituted.
TEST(Mixerd, StartsOnExampleAndStopsOnSigterm) {
  TempDir dir;
  const std::string examples = std::string(MIXER_SOURCE_DIR) + "/config/examples/";
  std::string text = read_file(examples + "mixer.toml");
  std::map<std::string, std::uint16_t> ports;
  for (const char* fixed : {"2525", "10102", "10025", "10202", "9102"}) {
    const std::string from = "\"127.0.0.1:" + std::string(fixed) + "\"";
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << fixed;
    ports[fixed] = free_loopback_port();
    text.replace(at, from.size(), "\"127.0.0.1:" + std::to_string(ports[fixed]) + "\"");
  }
  for (const auto& r :
       {std::pair<std::string, std::string>{"\"../../run/spool\"", "\"spool\""},
        {"\"x400-domains.table\"", "\"" + examples + "x400-domains.table\""},
        {"\"x400-domains-reverse.table\"", "\"" + examples + "x400-domains-reverse.table\""}}) {
    auto at = text.find(r.first);
    ASSERT_NE(at, std::string::npos) << r.first;
    text.replace(at, r.first.size(), r.second);
  }
  write_file(dir / "mixer.toml", text);
  ChildProcess d({kMixerd, "--config", (dir / "mixer.toml").string(), "--foreground"}, dir.path());
  // Wait until it has printed its listeners, then stop it.
  std::string out;
  for (int i = 0; i < 1000 && out.find("waiting for SIGTERM") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    out = d.stdout_text();
  }
  EXPECT_NE(out.find("SMTP listener  127.0.0.1:" + std::to_string(ports["2525"])), std::string::npos) << out << d.stderr_text();
  EXPECT_NE(out.find("P1 listener    127.0.0.1:" + std::to_string(ports["10102"])), std::string::npos) << out;
  EXPECT_NE(out.find("metrics        http://127.0.0.1:" + std::to_string(ports["9102"]) + "/metrics"), std::string::npos) << out;
  EXPECT_TRUE(wait_for_port("127.0.0.1", ports["2525"]));
  EXPECT_TRUE(wait_for_port("127.0.0.1", ports["10102"]));
  EXPECT_EQ(d.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace mixer::test
