// X.411 §12 MTA-bind arguments, results and errors, the minimum the P1
// association needs (crib §6.1): MTABindArgument / MTABindResult
// ::= CHOICE { unauthenticated NULL, authenticated [1] SET { [0] MTAName,
// [1] Credentials (simple Password: IA5String or OCTET STRING), [2]
// security-context } }, MTABindError ::= INTEGER. In normal mode these travel
// inside the X.219 BIND-macro wrappers [16] / [17] / [18] (crib §6.1 table);
// decoders accept both shapes (PP omits [18] on errors).
// Switch to the shared x400/asn P1 types once they cover MTA-bind.
#pragma once

#include <optional>
#include <string>

#include "common/result.hpp"
#include "x400/osi/tlv.hpp"

namespace mixer::x400::p1 {

using osi::Bytes;
using osi::ByteView;
using osi::OsiError;

inline constexpr std::size_t kMaxMtaNameLength = 32;  // ub-mta-name-length (X.411 Annex)
inline constexpr std::size_t kMaxPasswordLength = 62;  // ub-password-length

enum class BindError : long {
  busy = 0,
  authentication_error = 2,
  unacceptable_dialogue_mode = 3,
  unacceptable_security_context = 4,
  inadequate_association_confidentiality = 5,
};
const char* to_string(BindError e);

struct MtaCredentials {
  bool authenticated = true;  // false = the NULL alternative
  std::string name;
  std::string password;
  bool password_is_octets = false;  // OCTET STRING instead of IA5String
  bool has_security_context = false;
  bool strong = false;  // strong credentials (not supported)
};

// `wrapped` = the [16]/[17] wrapper of normal mode.
Bytes encode_bind_argument(const MtaCredentials& c, bool wrapped);
Bytes encode_bind_result(const MtaCredentials& c, bool wrapped);
Bytes encode_bind_error(BindError e, bool wrapped);
// Accept with or without the wrapper.
Result<MtaCredentials, OsiError> decode_bind_argument(ByteView in);
Result<MtaCredentials, OsiError> decode_bind_result(ByteView in);
Result<BindError, OsiError> decode_bind_error(ByteView in);

}  // namespace mixer::x400::p1
