// x400/json on every real BER file of the test data (Isode P1 MTS-APDU and
// MTA-bind PDUs, Isode and PP P22 IPMs): `dump --as auto` recognises each,
// and dump -> encode -> dump gives the same JSON (the same value), with the
// re-encoding stable from then on (byte for byte).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "common/json.hpp"
#include "x400/json/syntax_registry.hpp"

using namespace mixer;
namespace xjson = mixer::x400::xjson;

namespace {

std::vector<std::uint8_t> slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(X400JsonRealFiles, EveryFileDumpsEncodesAndDumpsTheSame) {
  const std::filesystem::path data = std::filesystem::path(MIXER_SOURCE_DIR) / "tests/data/x400";
  const std::map<std::string, std::string> expected_kind = {
      {"isode-p772-mts-apdu.ber", "mts-apdu"},    {"isode-bind-argument.ber", "bind-argument"},
      {"isode-bind-result.ber", "bind-result"},   {"isode-bind-error-busy.ber", "bind-error"},
      {"isode-bind-error-refuse.ber", "bind-error"}, {"isode-p772-ipm.ber", "ipm"},
      {"pp-1988-ipm.ber", "ipm"},
  };
  std::size_t seen = 0;
  for (const char* dir : {"p1", "p22"}) {
    for (const auto& entry : std::filesystem::directory_iterator(data / dir)) {
      if (entry.path().extension() != ".ber") continue;
      const std::string name = entry.path().filename().string();
      SCOPED_TRACE(name);
      ++seen;
      const auto ber = slurp(entry.path());
      auto doc = xjson::dump_ber("auto", ber);
      ASSERT_TRUE(doc.ok()) << doc.error();
      ASSERT_EQ(doc->size(), 1u);
      const std::string& kind = doc->as_object().front().key;
      ASSERT_TRUE(expected_kind.count(name)) << "new data file: add its kind here";
      EXPECT_EQ(kind, expected_kind.at(name));
      auto text = json::write(*doc, {.indent = 2});
      auto parsed = json::parse(text);
      ASSERT_TRUE(parsed.ok());
      auto encoded = xjson::encode_document(*parsed);
      ASSERT_TRUE(encoded.ok()) << encoded.error();
      auto again = xjson::dump_ber(xjson::dump_syntax_of(kind), *encoded);
      ASSERT_TRUE(again.ok()) << again.error();
      EXPECT_TRUE(*again == *doc) << text << "\n---\n" << json::write(*again, {.indent = 2});
      auto encoded2 = xjson::encode_document(*again);
      ASSERT_TRUE(encoded2.ok());
      EXPECT_EQ(*encoded2, *encoded);
    }
  }
  EXPECT_EQ(seen, expected_kind.size());
}

TEST(X400JsonRealFiles, AutoReportsEveryCandidateWhenNothingDecodes) {
  auto r = xjson::dump_ber("auto", std::vector<std::uint8_t>{0xa0, 0x03, 0x31, 0x01});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("as mts-apdu: ", 0), 0u) << r.error();
  EXPECT_NE(r.error().find("; as ipm: "), std::string::npos) << r.error();
  EXPECT_NE(r.error().find("offset"), std::string::npos) << r.error();
  // One candidate: its error alone, as before (the path names the type).
  auto s = xjson::dump_ber("auto", std::vector<std::uint8_t>{0x30, 0x00});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("InformationObject at offset 0"), std::string::npos) << s.error();
}
