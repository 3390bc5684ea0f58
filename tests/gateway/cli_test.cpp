// The `mixer` and `mixerd` programs, run as a user would run them.
#include <csignal>
#include <thread>
#include <gtest/gtest.h>

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

TEST(Mixerd, StartsOnExampleAndStopsOnSigterm) {
  TempDir dir;
  ChildProcess d({kMixerd, "--config", std::string(MIXER_SOURCE_DIR) + "/config/examples/mixer.toml",
                  "--foreground"},
                 dir.path());
  // Wait until it has printed its listeners, then stop it.
  std::string out;
  for (int i = 0; i < 500 && out.find("waiting for SIGTERM") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    out = d.stdout_text();
  }
  EXPECT_NE(out.find("SMTP listener  127.0.0.1:2525"), std::string::npos) << out;
  EXPECT_EQ(d.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace mixer::test
