#include "config/load.hpp"

#include <gtest/gtest.h>

namespace mixer::config {
namespace {

TEST(ConfigLoad, BundledExampleIsValid) {
  auto cfg = load_file(std::filesystem::path(MIXER_SOURCE_DIR) / "config/examples/mixer.toml");
  ASSERT_TRUE(cfg.ok()) << (cfg.ok() ? "" : cfg.error().front().to_string());
  EXPECT_EQ(cfg->gateway.mta_name, "MIXER-GW");
  EXPECT_EQ(cfg->smtp.listen.host, "127.0.0.1");
  EXPECT_EQ(cfg->smtp.listen.port, 2525);
  EXPECT_EQ(cfg->p1.listen.port, 10102);
  EXPECT_TRUE(cfg->queue.dir.is_absolute());
}

TEST(ConfigLoad, SyntaxErrorHasFileAndLine) {
  auto cfg = load_string("[gateway]\nmta_name = \"X\"\ndomain = = 3\n", "bad.toml");
  ASSERT_FALSE(cfg.ok());
  ASSERT_EQ(cfg.error().size(), 1u);
  EXPECT_EQ(cfg.error()[0].line, 3u);
  EXPECT_NE(cfg.error()[0].to_string().find("bad.toml:3:"), std::string::npos);
}

TEST(ConfigLoad, EveryProblemIsReported) {
  auto cfg = load_string(
      "[gateway]\nmta_name = 7\ndomain = \"d\"\nor_address = \"/C=XX/\"\n"
      "[smtp]\nlisten = \"127.0.0.1:99999\"\n",
      "many.toml");
  ASSERT_FALSE(cfg.ok());
  std::vector<std::string> lines;
  for (const auto& e : cfg.error()) lines.push_back(e.to_string());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "many.toml:2: gateway.mta_name must be a string");
  EXPECT_EQ(lines[1], "many.toml:6: smtp.listen: port '99999' must be 1..65535");
  EXPECT_EQ(lines[2], "many.toml: missing queue.dir");
}

TEST(ConfigLoad, MissingFile) {
  auto cfg = load_file("/nonexistent/mixer.toml");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error()[0].message, "cannot open configuration file");
}

}  // namespace
}  // namespace mixer::config
