// Shared fixtures for the report wire tests: a mapping context for the
// gateway gw.example (/C=GB/ADMD=BT/PRMD=GW/O=MIXER/), a fixed clock, the
// tshark oracle (decode-ber) and a hex dump for golden files.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "mapping/address/std_or.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::mapping::report::test {

inline x400::ORAddress orx(const char* text) {
  auto a = address::parse_std_or(text);
  EXPECT_TRUE(a.ok()) << text;
  return a.ok() ? *a : x400::ORAddress{};
}

inline address::MappingContext wire_context() {
  address::MappingContext c;
  c.local_domain = "gw.example";
  c.local_or = orx("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  return c;
}

inline GatewayReportIdentity wire_gateway() {
  GatewayReportIdentity g;
  g.mta_name = "mixer.gw.example";
  g.domain = "gw.example";
  g.gdi.country_name.value = "GB";
  g.gdi.administration_domain_name.value = "BT";
  g.gdi.private_domain_identifier = x400::NumericOrPrintable{"GW", false};
  return g;
}

inline Timestamp wire_now() {
  using namespace std::chrono;
  return Timestamp{sys_days{year{2026} / November / 23}} + hours{12} + minutes{4} + seconds{24};
}

inline std::string hex_lines(const std::vector<std::uint8_t>& b) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < b.size(); ++i) {
    s += d[b[i] >> 4];
    s += d[b[i] & 15];
    s += (i % 32 == 31 || i + 1 == b.size()) ? '\n' : ' ';
  }
  return s;
}

// tshark's X.411/X.420 decoders accept the value without malformed or
// undecoded bytes (shared/oracle/README.md).
inline void expect_tshark_clean(const std::vector<std::uint8_t>& ber, const std::string& syntax,
                                const std::string& tag) {
  mixer::test::TempDir dir;
  auto path = dir.path() / (tag + ".ber");
  mixer::test::write_file(path, std::string(ber.begin(), ber.end()));
  auto judge =
      mixer::test::run({std::string(MIXER_SHARED_DIR) + "/oracle/bin/decode-ber", path.string(), syntax});
  EXPECT_EQ(judge.exit_code, 0) << tag << "\n" << judge.out << judge.err;
}

}  // namespace mixer::mapping::report::test
