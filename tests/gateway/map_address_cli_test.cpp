// `mixer map-address`, run as an operator would: both directions, --explain,
// table files, --config, and clear failures.
#include <gtest/gtest.h>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::test {
namespace {

const std::string kMixer = MIXER_CLI_PATH;
const std::string kExamples = std::string(MIXER_SOURCE_DIR) + "/config/examples/";

std::vector<std::string> base() {
  return {kMixer,        "map-address",  "--table1",        kExamples + "table1.table",
          "--table2",    kExamples + "table2.table", "--gateway-table", kExamples + "gateway.table",
          "--local-domain", "gw.example.org", "--local-or", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/"};
}

RunResult map(std::vector<std::string> extra) {
  auto argv = base();
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

TEST(MapAddressCli, Rfc822ToX400WithExplain) {
  auto r = map({"--explain", "John.Smith@abc.xyz.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "/G=John/S=Smith/O=abc/PRMD=XYZ/ADMD=BT/C=GB/\n"
            "rule: RFC 2156 4.3.4 stage I: table 1 domain -> O/R prefix [" +
                kExamples + "table1.table:6]\n");
}

TEST(MapAddressCli, X400To822AutoDetected) {
  auto r = map({"/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)example.org/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "fred@example.org\n");
  auto f401 = map({"C=FR;A=ATLAS;S=Dupont"});
  ASSERT_EQ(f401.exit_code, 0) << f401.err;
  EXPECT_EQ(f401.out, "/S=Dupont/ADMD=ATLAS/C=FR/@x400gw.example.fr\n");
  auto stdor_at_gw = map({"/S=Doe/ADMD=ATT/C=US/@gw.example.org"});  // an RFC 822 address
  ASSERT_EQ(stdor_at_gw.exit_code, 0) << stdor_at_gw.err;
  EXPECT_EQ(stdor_at_gw.out, "/S=Doe/ADMD=ATT/C=US/\n");
}

TEST(MapAddressCli, ForcedDirectionAndStageTwo) {
  auto r = map({"--to", "x400", "jo_smith@xyz.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/DD.RFC-822=jo(u)smith(a)xyz.com/O=MIXER/PRMD=GW/ADMD=BT/C=GB/\n");
  auto bad_to = map({"--to", "x25", "a@b.example"});
  EXPECT_EQ(bad_to.exit_code, 2);
}

TEST(MapAddressCli, BadInputExits1WithMessage) {
  auto r = map({"not an address"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("mixer map-address: address: missing '@'"), std::string::npos) << r.err;
  auto too_long = map({std::string(40, '#') + "@example.org"});
  EXPECT_EQ(too_long.exit_code, 1);
  EXPECT_NE(too_long.err.find("over ub-domain-defined-attribute-value-length (128)"), std::string::npos);
  auto bad_or = map({"/C=GB/FOO=1/"});
  EXPECT_EQ(bad_or.exit_code, 1);
  EXPECT_NE(bad_or.err.find("unknown attribute keyword 'FOO'"), std::string::npos) << bad_or.err;
  auto utf8 = map({"j\xc3\xb6rg@example.org"});
  EXPECT_EQ(utf8.exit_code, 1);
  EXPECT_NE(utf8.err.find("SMTPUTF8"), std::string::npos);
  auto missing = run({kMixer, "map-address"});
  EXPECT_EQ(missing.exit_code, 2);
}

TEST(MapAddressCli, BadTableNamesFileAndLine) {
  TempDir dir;
  write_file(dir / "t1", "# ok\nxyz.com#PRMD$XYZ.ADMD$BT.C$GB\n");
  auto r = run({kMixer, "map-address", "--table1", (dir / "t1").string(), "a@xyz.com"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find((dir / "t1").string() + ":2: missing trailing '#'"), std::string::npos) << r.err;
  auto missing = run({kMixer, "map-address", "--table2", (dir / "nope").string(), "a@xyz.com"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos);
}

TEST(MapAddressCli, ConfigGivesGatewayIdentityAndTables) {
  TempDir dir;
  write_file(dir / "t1", "xyz.com#PRMD$XYZ.ADMD$BT.C$GB#\n");
  write_file(dir / "mixer.toml",
             "[gateway]\nmta_name = \"MIXER\"\ndomain = \"gw.example.org\"\n"
             "or_address = \"/C=GB/ADMD=BT/PRMD=GW/O=MIXER/\"\n"
             "global_domain = { country = \"GB\", admd = \"BT\", prmd = \"GW\" }\n"
             "[queue]\ndir = \"" + (dir / "spool").string() + "\"\n"
             "[tables]\ndomain_to_or = \"" + (dir / "t1").string() + "\"\n");
  auto r = run({kMixer, "map-address", "--config", (dir / "mixer.toml").string(), "--explain", "fred@example.org"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/DD.RFC-822=fred(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/\n"
                   "rule: RFC 2156 4.3.4 stage II / 4.3.2: RFC-822 DDA under the local gateway\n");
  auto t = run({kMixer, "map-address", "--config", (dir / "mixer.toml").string(), "Ann.Lee@xyz.com"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_EQ(t.out, "/G=Ann/S=Lee/PRMD=XYZ/ADMD=BT/C=GB/\n");
}

TEST(MapAddressCli, ExampleConfiguration) {
  auto r = run({kMixer, "map-address", "--config", kExamples + "mixer.toml", "fred@example.org"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/DD.RFC-822=fred(a)example.org/O=Gateway/PRMD=MIXER/ADMD= /C=XX/\n");
  auto back = run({kMixer, "map-address", "--config", kExamples + "mixer.toml", r.out.substr(0, r.out.size() - 1)});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(back.out, "fred@example.org\n");
}

}  // namespace
}  // namespace mixer::test
