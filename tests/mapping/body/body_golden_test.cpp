// Golden files (tests/data/mapping/body): each NAME.eml (a MIME entity) is
// converted to an X.400 body, wrapped in a minimal IPM and BER-encoded: the
// hex must equal NAME.ber.hex; the body converted back to MIME (7-bit next
// hop, multipart boundaries replaced by BOUNDARYn) must equal NAME.out.eml.
// MIXER_UPDATE_GOLDEN=1 rewrites the expected files (review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>
#include <sstream>

#include "mapping/address/std_or.hpp"
#include "mapping/body/body.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::mapping::body {
namespace {

namespace p22 = x400::p22;
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string hex_lines(const std::vector<std::uint8_t>& b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    out += d[b[i] >> 4];
    out += d[b[i] & 15];
    out += (i % 32 == 31 || i + 1 == b.size()) ? '\n' : ' ';
  }
  return out;
}

// Boundaries are unique per process run: name them by order of appearance.
std::string normalise_boundaries(const std::string& s) {
  // A plain scan for "=_mixer_[0-9a-v]+" (std::regex trips GCC 12's
  // -Wmaybe-uninitialized under ASan).
  static constexpr std::string_view kPrefix = "=_mixer_";
  auto is_boundary_char = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'v'); };
  std::map<std::string, std::string> names;
  std::string out;
  std::size_t last = 0;
  for (std::size_t at = s.find(kPrefix); at != std::string::npos; at = s.find(kPrefix, last)) {
    std::size_t stop = at + kPrefix.size();
    while (stop < s.size() && is_boundary_char(s[stop])) ++stop;
    if (stop == at + kPrefix.size()) {  // no boundary characters: not a match
      out.append(s, last, stop - last);
      last = stop;
      continue;
    }
    out.append(s, last, at - last);
    auto [pos, fresh] = names.try_emplace(s.substr(at, stop - at), "BOUNDARY" + std::to_string(names.size() + 1));
    out += pos->second;
    last = stop;
  }
  out.append(s, last);
  return out;
}

void check_or_update(const fs::path& p, const std::string& actual) {
  if (std::getenv("MIXER_UPDATE_GOLDEN")) {
    std::ofstream(p, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(p)) << p << " missing (run with MIXER_UPDATE_GOLDEN=1)";
  EXPECT_EQ(slurp(p), actual) << p;
}

TEST(BodyGolden, EveryFileBothDirections) {
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  const fs::path dir = fs::path(MIXER_SOURCE_DIR) / "tests/data/mapping/body";
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path in = entry.path();
    const std::string name = in.filename().string();
    if (name.size() < 5 || name.substr(name.size() - 4) != ".eml" || name.find(".out.") != std::string::npos)
      continue;
    SCOPED_TRACE(name);
    ++n;
    const std::string stem = name.substr(0, name.size() - 4);
    auto e = mime::parse_message(slurp(in));
    ASSERT_TRUE(e.ok()) << e.error().to_string();
    auto body = body_from_mime(*e, {}, ctx);
    ASSERT_TRUE(body.ok()) << body.error().to_string();
    p22::Ipm ipm;
    ipm.heading.this_ipm.user_relative_identifier = "golden";
    ipm.body = *body;
    auto ber = p22::encode_information_object(p22::InformationObject{ipm});
    ASSERT_TRUE(ber.ok()) << ber.error().to_string();
    check_or_update(dir / (stem + ".ber.hex"), hex_lines(*ber));
    auto m = body_to_mime(*body, {}, ctx);
    ASSERT_TRUE(m.ok()) << m.error().to_string();
    check_or_update(dir / (stem + ".out.eml"), normalise_boundaries(mime::print_message(*m)));
  }
  EXPECT_GE(n, 8u);
}

}  // namespace
}  // namespace mixer::mapping::body
