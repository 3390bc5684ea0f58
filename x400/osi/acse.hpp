// X.227 / ISO 8650 ACSE APDUs for P1 (crib §4): AARQ [APPLICATION 0],
// AARE [APPLICATION 1], RLRQ [2], RLRE [3], ABRT [4]; user-information
// [30] IMPLICIT SEQUENCE OF EXTERNAL. Only what P1 uses is encoded; AP
// titles, AE qualifiers and other optional fields are accepted and ignored.
#pragma once

#include <optional>
#include <vector>

#include "common/result.hpp"
#include "x400/osi/osi_ber.hpp"

namespace mixer::x400::osi {

// EXTERNAL (X.690 §8.18) is x400/ber's: indirect-reference = presentation
// context id; `data` = the single-ASN1-type value's whole TLV, or the
// octet-aligned octets (arbitrary, a BIT STRING, is refused).
using External = ber::External;
// A single-ASN1-type EXTERNAL of presentation context `context_id`.
External external(long context_id, Bytes value);
Result<External, OsiError> decode_external(const Element& t, const char* layer);
Result<External, OsiError> decode_external(ByteView in, const char* layer);
Bytes encode_external(const External& e);
Bytes encode_external(long context_id, ByteView value);

struct AssociateRequest {
  Bytes application_context;  // OID contents
  std::vector<External> user_information;
};
struct AssociateResponse {
  Bytes application_context;
  long result = 0;            // 0 accepted, 1 rejected-permanent, 2 rejected-transient
  int diagnostic_source = 1;  // 1 acse-service-user, 2 acse-service-provider
  long diagnostic = 0;
  std::vector<External> user_information;
};

Result<AssociateRequest, OsiError> decode_aarq(ByteView in);
Bytes encode_aarq(const AssociateRequest& r);
Result<AssociateResponse, OsiError> decode_aare(ByteView in);
Bytes encode_aare(const AssociateResponse& r);

// RLRQ / RLRE with reason [0] (normal 0); ABRT with abort-source [0]
// (0 service-user, 1 service-provider) and optional user information.
Bytes encode_rlrq(long reason = 0);
Bytes encode_rlre(long reason = 0);
Bytes encode_abrt(long source, std::optional<External> user_info);
struct AcseRelease {
  int apdu = 0;  // 2 RLRQ, 3 RLRE, 4 ABRT
  long reason = 0;
  std::vector<External> user_information;
};
Result<AcseRelease, OsiError> decode_release_or_abort(ByteView in);

}  // namespace mixer::x400::osi
