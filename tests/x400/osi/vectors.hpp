// Hex vectors for the OSI layer tests: the crib's worked example (Appendix A,
// tshark-checked) and Isode's client bytes from x400-ping-success.pcap.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "common/hex.hpp"

namespace mixer::x400::osi::test {

inline std::vector<std::uint8_t> hex(const std::string& s) { return *mixer::from_hex(s); }

// Crib Appendix A, initiator ("GATEWAY") side.
inline const char* kCribCR = "0300001813e00000000100c1020001c20478343030c0010b";
inline const char* kCribCC = "0300000e09d00001400000c0010b";
inline const char* kCribCN =
    "0300009c02f0800d9305091301001601021a01001402024934020001c17e317ca003800101a275a433300f020101060452010001300406"
    "025101300f02010306045600020c300406025101300f020105060456000207300406025101613e303c020101a037603580020780a10606"
    "0456000106be272825020103a020b01e820100a319a017b015a113800747415445574159a1081606736563726574";
inline const char* kCribAC =
    "0300008d02f0800e8405091301001601021a01001402024934020001c16f316da003800101a266a51b3007800100810251013007800100"
    "8102510130078001008102510161473045020101a040613e80020780a106060456000106a203020100a305a103020100be242822020103"
    "a01db11ba219a017b115a11380074d535749544348a1081606706173737764";
inline const char* kCribGTAS = "0300001002f08001002d052903020101";
inline const char* kCribDT =
    "030000db02f080010001006181cd3081ca020103a081c40481c12881be020105a081b8a081b5318192641763116104130247426203"
    "130120130441434d4516024d31601e301c6104130247426203130120a206130441434d45a5078005536d6974684601166929302763"
    "116104130247426203130120130441434d453112800d3234303530313132303030305a820100a2293127601e301c61041302474262"
    "03130120a206130441434d45a50780054a6f6e657380010181020080041ea01c310b6b03130131a80414024869300da00b31001607"
    "48656c6c6f0d0a";
inline const char* kCribGTAE = "0300000e02f080010029032a0131";
inline const char* kCribPTAEA = "0300000e02f08002002a032a0131";
inline const char* kCribFN = "0300001c02f0800913110101c10e610c300a020101a0056203800100";
inline const char* kCribDN = "0300001902f0800a10c10e610c300a020101a0056303800100";
inline const char* kCribDR = "0300000b06804000000180";

// A stream file (tests/data/x400/osi/*.stream, the oracle's stream2pcap
// format): the payloads of one side, '>' = initiator, '<' = responder.
inline std::vector<std::vector<std::uint8_t>> stream_side(const std::string& name, char side) {
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/osi/" + name);
  std::vector<std::vector<std::uint8_t>> out;
  std::string line;
  while (std::getline(in, line))
    if (line.size() > 2 && line[0] == side) out.push_back(*mixer::from_hex(line.substr(2)));
  return out;
}

inline std::vector<std::uint8_t> join(const std::vector<std::vector<std::uint8_t>>& parts) {
  std::vector<std::uint8_t> all;
  for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

}  // namespace mixer::x400::osi::test
