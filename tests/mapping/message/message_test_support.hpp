// Shared helpers of the mapping/message tests: a gateway context, the
// tshark judge for produced MTS-APDUs, and header comparison.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "mapping/address/std_or.hpp"
#include "mapping/message/convert.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"

namespace mixer::mapping::message::test_support {

inline address::MappingContext context() {
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  return ctx;
}

inline ConversionOptions options() {
  ConversionOptions o;
  o.gateway.mta_name = "mixer-test";
  o.gateway.country = "GB";
  o.gateway.admd = "BT";
  o.gateway.prmd = "GW";
  o.gateway.domain = "gw.example.org";
  o.now = 1795435200;  // 2026-11-23 12:00:00 UTC
  return o;
}

// BER of a whole MTS-APDU carrying `m`.
inline std::vector<std::uint8_t> encode(const x400::asn::Message& m) {
  auto ber = x400::asn::encode_mts_apdu(x400::asn::MtsApdu{m});
  EXPECT_TRUE(ber.ok()) << (ber.ok() ? "" : ber.error().to_string());
  return ber.ok() ? *ber : std::vector<std::uint8_t>{};
}

// Encodes, decodes again (from a shared buffer, as the gateway does) and
// returns the decoded message.
inline x400::asn::Message through_ber(const x400::asn::Message& m) {
  auto bytes = std::make_shared<const std::vector<std::uint8_t>>(encode(m));
  auto back = x400::asn::decode_mts_apdu(bytes);
  EXPECT_TRUE(back.ok()) << (back.ok() ? "" : back.error().to_string());
  if (!back.ok()) return m;
  return std::get<x400::asn::Message>(*back);
}

// tshark's verdict on the bytes as `syntax` (0 = clean).
inline test::RunResult judge(const std::vector<std::uint8_t>& bytes, const std::string& syntax) {
  test::TempDir dir;
  auto path = dir / "value.ber";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return test::run({std::string(MIXER_SHARED_DIR) + "/oracle/bin/decode-ber", path.string(), syntax});
}

// tshark has no decoder for the rfc-822-heading-list extension (RFC 2156
// §5.1.2; its 0.9.2342.234219200300 arc is beyond Wireshark's OID support):
// it judges the same message without that one extension, our own codec
// checks the complete value (through_ber).
inline x400::asn::Message without_heading_list(const x400::asn::Message& m) {
  auto io = x400::p22::decode_information_object(m.content.bytes());
  EXPECT_TRUE(io.ok());
  if (!io.ok()) return m;
  if (auto* ipm = std::get_if<x400::p22::Ipm>(&*io))
    std::erase_if(ipm->heading.extensions,
                  [](const x400::p22::IpmsExtension& e) { return x400::p22::is_rfc822_field_list(e.type); });
  auto out = m;
  out.content = x400::p22::SharedBytes::adopt(*x400::p22::encode_information_object(*io));
  return out;
}

inline std::vector<std::pair<std::string, std::string>> pairs(const mime::HeaderList& h) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : h) out.emplace_back(f.name, f.value());
  return out;
}

}  // namespace mixer::mapping::message::test_support
