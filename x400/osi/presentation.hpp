// X.226 / ISO 8823 presentation PPDUs for P1 (crib §3): CP-type, CPA-PPDU,
// CPR-PPDU, fully-encoded User-data (PDV lists), ARU/ARP abort PPDUs, in
// normal mode (mode-value 1) and X.410-1984 mode (mode-value 0, where the
// x410-mode-parameters SET carries the RTSE RTORQ/RTOAC/RTORJ members).
// Module ISO8823-PRESENTATION uses IMPLICIT TAGS; CHOICE/ANY are explicit.
#pragma once

#include <optional>
#include <vector>

#include "common/result.hpp"
#include "x400/osi/osi_ber.hpp"

namespace mixer::x400::osi {

// DER contents of the OIDs P1 uses (crib §3.2, §6.3).
namespace oid {
inline const Bytes acse{0x52, 0x01, 0x00, 0x01};              // 2.2.1.0.1
inline const Bytes mta_rtse{0x56, 0x00, 0x02, 0x0c};          // 2.6.0.2.12
inline const Bytes rtse_generic{0x53, 0x00};                  // 2.3.0 (ISODE default)
inline const Bytes mtse{0x56, 0x00, 0x02, 0x07};              // 2.6.0.2.7
inline const Bytes ber{0x51, 0x01};                           // 2.1.1
inline const Bytes mts_transfer{0x56, 0x00, 0x01, 0x06};      // 2.6.0.1.6 id-ac-mts-transfer
}  // namespace oid

enum class PresentationMode { x410 = 0, normal = 1 };

struct PresentationContext {
  long id = 0;
  Bytes abstract_syntax;                 // OID contents
  std::vector<Bytes> transfer_syntaxes;  // OID contents
};

// One presentation data value: context id and the encoding of the value
// (single-ASN1-type: the inner TLV; octet-aligned: the octets).
struct Pdv {
  long context_id = 0;
  Bytes value;
};

struct ConnectPpdu {
  PresentationMode mode = PresentationMode::normal;
  Bytes calling_psel, called_psel;
  std::vector<PresentationContext> contexts;
  std::vector<Pdv> user_data;  // normal mode
  Bytes x410_parameters;       // X.410 mode: contents of [1] (RTORQ members)
};

struct ContextResult {
  long result = 0;  // 0 acceptance, 1 user-rejection, 2 provider-rejection
  long provider_reason = -1;
};

struct AcceptPpdu {
  PresentationMode mode = PresentationMode::normal;
  Bytes responding_psel;
  std::vector<ContextResult> results;
  std::vector<Pdv> user_data;
  Bytes x410_parameters;  // X.410: contents of [1] (RTOAC members)
};

struct RefusePpdu {
  PresentationMode mode = PresentationMode::normal;
  std::vector<ContextResult> results;
  long provider_reason = -1;
  std::vector<Pdv> user_data;
  Bytes x410_parameters;  // X.410: contents of the SET (RTORJ members)
};

Result<ConnectPpdu, OsiError> decode_cp(ByteView in);
Bytes encode_cp(const ConnectPpdu& cp);
Result<AcceptPpdu, OsiError> decode_cpa(ByteView in);
Bytes encode_cpa(const AcceptPpdu& cpa);
Result<RefusePpdu, OsiError> decode_cpr(ByteView in);
Bytes encode_cpr(const RefusePpdu& cpr);

// User-data: fully-encoded-data [APPLICATION 1] SEQUENCE OF PDV-list.
Result<std::vector<Pdv>, OsiError> decode_user_data(ByteView in);
Bytes encode_user_data(const Pdv& pdv);
// Contents of a User-data given as TLV (inside CP/CPA/CPR/ARU).
Result<std::vector<Pdv>, OsiError> decode_user_data_tlv(const Element& t);

// Abort PPDUs: ARU normal mode [0] {User-data}, ARP SEQUENCE {[0] reason}.
Bytes encode_aru(const Pdv& pdv);
struct AbortPpdu {
  bool provider = false;  // ARP
  long provider_reason = -1;
  std::vector<Pdv> user_data;
  Bytes x410_parameters;  // X.410 ARU: RTAB members
};
Result<AbortPpdu, OsiError> decode_abort(ByteView in);

}  // namespace mixer::x400::osi
