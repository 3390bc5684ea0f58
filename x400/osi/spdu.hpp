// X.225 (ISO 8327-1) SPDU encoding and decoding: SI, LI (1 octet, or ff + 2
// octets for 255..65535, §8.2.5), PI and PGI units, PGI 193/194 user data,
// and the user information of DT that lies outside the LI (§8.3.11).
// A TSDU may hold several SPDUs (basic concatenation, §6.3.7): a category 0
// SPDU (GT/PT) followed by a category 2 SPDU. decode_tsdu() splits them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "common/result.hpp"
#include "x400/osi/error.hpp"
#include "x400/osi/transport.hpp"

namespace mixer::x400::osi {

// SPDU identifiers (X.225 §8.3, table 5) and parameter codes used by RTSE.
namespace si {
inline constexpr std::uint8_t ER = 0, GT_DT = 1, PT = 2, FN = 9, DN = 10, RF = 12, CN = 13, AC = 14, GTC = 21,
                              GTA = 22, AB_AI = 25, AA_AIA = 26, AR = 29, MAP_AE = 41, MAA_AEA = 42, AS = 45,
                              ED = 48, MIP = 49, MIA = 50, AD = 57, ADA = 58, EX = 5, TD = 33;
}
namespace pi {
inline constexpr std::uint8_t connection_id = 1, connect_accept_item = 5, linking = 33, sync_type = 15,
                              token_item = 16, transport_disconnect = 17, protocol_options = 19,
                              user_requirements = 20, tsdu_max = 21, version = 22, initial_serial = 23,
                              enclosure = 25, token_setting = 26, activity_id = 41, serial_number = 42,
                              reflect = 49, reason_code = 50, calling_ssel = 51, called_ssel = 52,
                              user_data = 193, extended_user_data = 194;
}

struct SessionLimits {
  // Largest PGI 193 we send (ISODE rejects more; crib §2.6). Default 512, range 512..65535.
  std::size_t max_user_data_sent = 512;
  // Largest CN extended user data (PGI 194), X.225 §8.3.1.20: 10240.
  std::size_t max_extended_user_data = 10240;
};

struct Spdu {
  std::uint8_t si = 0;
  // Every PI found, also inside PGIs 1, 5 and 33 (codes do not collide in
  // the SPDUs RTSE uses). Value = the PI's octets.
  std::map<std::uint8_t, Bytes> params;
  // PGI 193/194 user data, or the user information of DT/EX/TD.
  std::optional<Bytes> user_data;
  std::size_t offset = 0;  // of the SI within the TSDU

  bool has(std::uint8_t code) const { return params.count(code) != 0; }
  const Bytes* get(std::uint8_t code) const {
    auto it = params.find(code);
    return it == params.end() ? nullptr : &it->second;
  }
};

// One parameter to encode: a PI, or a PGI holding other PIs.
struct SpduParam {
  std::uint8_t code = 0;
  Bytes value;                     // for a PI
  std::vector<SpduParam> members;  // for a PGI (1, 5, 33); empty for a PI
};

// Splits a TSDU into its SPDUs (1 or 2). The user information of a DT that
// follows GT is everything after the DT's parameter field.
Result<std::vector<Spdu>, OsiError> decode_tsdu(ByteView tsdu);

// Encodes one SPDU. `user_data` goes into PGI 193 (or 194 when `extended`),
// or, for DT, after the parameter field outside the LI.
Bytes encode_spdu(std::uint8_t si, const std::vector<SpduParam>& params, const std::optional<Bytes>& user_data,
                  bool extended = false);

// Appends a length in X.225 LI form (1 octet, or ff hh ll from 255).
void put_li(Bytes& out, std::size_t len);

}  // namespace mixer::x400::osi
