// `mixer x400 dump` / `mixer x400 encode` through the real binary: dump ->
// encode round trips through files (byte-identical for definite-length
// input), hex input, and the exit statuses for bad input (1) and bad usage (2).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using mixer::test::run;

std::string data_file(const std::string& name) {
  return std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/p22/" + name;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(X400Cli, DumpEncodeDumpRoundTripThroughFiles) {
  mixer::test::TempDir dir;
  for (const char* name : {"isode-p772-ipm.ber", "pp-1988-ipm.ber"}) {
    auto dump = run({MIXER_CLI_PATH, "x400", "dump", data_file(name), "-o", (dir / "a.json").string()});
    ASSERT_EQ(dump.exit_code, 0) << dump.err;
    auto enc =
        run({MIXER_CLI_PATH, "x400", "encode", (dir / "a.json").string(), "-o", (dir / "a.ber").string()});
    ASSERT_EQ(enc.exit_code, 0) << enc.err;
    auto dump2 = run({MIXER_CLI_PATH, "x400", "dump", (dir / "a.ber").string()});
    ASSERT_EQ(dump2.exit_code, 0) << dump2.err;
    EXPECT_EQ(dump2.out, slurp(dir / "a.json")) << name;
    // Our own (definite-length) encoding re-encodes byte for byte.
    auto enc2 =
        run({MIXER_CLI_PATH, "x400", "dump", (dir / "a.ber").string(), "-o", (dir / "b.json").string()});
    ASSERT_EQ(enc2.exit_code, 0);
    auto enc3 =
        run({MIXER_CLI_PATH, "x400", "encode", (dir / "b.json").string(), "-o", (dir / "b.ber").string()});
    ASSERT_EQ(enc3.exit_code, 0);
    EXPECT_EQ(slurp(dir / "b.ber"), slurp(dir / "a.ber"));
  }
}

TEST(X400Cli, DumpPrintsAsn1FieldNamesAndEncodePrintsHex) {
  mixer::test::TempDir dir;
  mixer::test::write_file(dir / "ipm.hex",
                          "a0 1c 31 10 6b 05 13 03 61 62 63 a8 04 14 02 48 69 8c 01 02\n"
                          "30 08 a0 06 31 00 16 02 6f 6b\n");
  auto dump = run({MIXER_CLI_PATH, "x400", "dump", "--hex", (dir / "ipm.hex").string()});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_NE(dump.out.find("\"this-IPM\""), std::string::npos);
  EXPECT_NE(dump.out.find("\"subject\": \"Hi\""), std::string::npos);
  EXPECT_NE(dump.out.find("\"importance\": \"high\""), std::string::npos);
  mixer::test::write_file(dir / "ipm.json", dump.out);
  auto enc = run({MIXER_CLI_PATH, "x400", "encode", (dir / "ipm.json").string()});
  ASSERT_EQ(enc.exit_code, 0) << enc.err;
  EXPECT_EQ(enc.out, "a01c31106b051303616263a804140248698c01023008a006310016026f6b\n");
}

TEST(X400Cli, BadInputExitsOneWithPathAndOffset) {
  mixer::test::TempDir dir;
  auto missing = run({MIXER_CLI_PATH, "x400", "dump", (dir / "nope.ber").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;

  mixer::test::write_file(dir / "seq.ber", std::string("\x30\x00", 2));
  auto wrong = run({MIXER_CLI_PATH, "x400", "dump", (dir / "seq.ber").string()});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("InformationObject at offset 0"), std::string::npos) << wrong.err;

  const std::string real = slurp(data_file("pp-1988-ipm.ber"));
  mixer::test::write_file(dir / "cut.ber", real.substr(0, 100));
  auto cut = run({MIXER_CLI_PATH, "x400", "dump", (dir / "cut.ber").string()});
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_NE(cut.err.find("offset"), std::string::npos) << cut.err;

  mixer::test::write_file(dir / "bad.json", "{\"ipm\": ");
  auto syntax = run({MIXER_CLI_PATH, "x400", "encode", (dir / "bad.json").string()});
  EXPECT_EQ(syntax.exit_code, 1);
  EXPECT_NE(syntax.err.find("JSON error at byte 8"), std::string::npos) << syntax.err;

  mixer::test::write_file(
      dir / "value.json",
      R"({"ipm": {"heading": {"this-IPM": {"user-relative-identifier": "a@b"}}, "body": []}})");
  auto value = run({MIXER_CLI_PATH, "x400", "encode", (dir / "value.json").string()});
  EXPECT_EQ(value.exit_code, 1);
  EXPECT_NE(value.err.find("$.ipm.heading.this-IPM.user-relative-identifier"), std::string::npos)
      << value.err;
}

TEST(X400Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run({MIXER_CLI_PATH, "x400", "dump", data_file("pp-1988-ipm.ber"), "--as", "nonsense"}).exit_code,
            2);
  EXPECT_EQ(run({MIXER_CLI_PATH, "x400", "dump"}).exit_code, 2);
  EXPECT_EQ(run({MIXER_CLI_PATH, "x400", "encode"}).exit_code, 2);
  auto help = run({MIXER_CLI_PATH, "x400", "dump", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("orname"), std::string::npos);
}
