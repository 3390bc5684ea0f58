// Helpers shared by the P1 / O/R address codec tests: hex, the tshark oracle
// (decode-ber) runner, and the truncation / corruption loop.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "common/hex.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::x400::asn::testing {

inline std::vector<std::uint8_t> unhex(const char* hex) {
  auto b = from_hex(hex);
  EXPECT_TRUE(b.has_value()) << hex;
  return b.value_or(std::vector<std::uint8_t>{});
}

inline std::string oracle_path() { return std::string(MIXER_SHARED_DIR) + "/oracle/bin/decode-ber"; }

inline bool tshark_available() { return std::system("command -v tshark >/dev/null 2>&1") == 0; }

struct OracleVerdict {
  int exit_code = -1;
  std::string output;
};

// Writes `bytes` to a temp file and runs decode-ber FILE SYNTAX.
inline OracleVerdict run_oracle(const std::vector<std::uint8_t>& bytes, const std::string& syntax,
                                const std::string& name) {
  mixer::test::TempDir dir("mixer-p1-oracle");
  const auto file = dir.path() / (name + ".ber");
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  const auto log = dir.path() / "verdict.txt";
  const std::string cmd = "'" + oracle_path() + "' '" + file.string() + "' '" + syntax + "' >'" + log.string() +
                          "' 2>&1";
  const int rc = std::system(cmd.c_str());
  OracleVerdict v;
  v.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  std::ifstream in(log);
  v.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return v;
}

// Every strict prefix must fail; every single-byte change must give a value or
// an error with a message (ASan/UBSan catch anything else).
template <typename Decode>
void truncate_and_corrupt(const std::vector<std::uint8_t>& good, Decode decode, const std::string& what) {
  for (std::size_t n = 0; n < good.size(); ++n) {
    auto r = decode(std::vector<std::uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)));
    EXPECT_FALSE(r.ok()) << what << " truncated to " << n << " bytes decoded";
  }
  std::size_t failures = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int x : {0x00, 0x01, 0x05, 0x1f, 0x30, 0x31, 0x7f, 0x80, 0x81, 0x84, 0xa0, 0xff}) {
      auto c = good;
      if (c[i] == x) continue;
      c[i] = static_cast<std::uint8_t>(x);
      auto r = decode(c);
      if (!r.ok()) {
        ++failures;
        EXPECT_FALSE(r.error().message.empty()) << what;
      }
    }
  }
  EXPECT_GT(failures, 0u) << what;
}

}  // namespace mixer::x400::asn::testing
