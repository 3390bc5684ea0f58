// MTA-bind values (X.411 clause 12.1, MTAAbstractService) and their two wire
// shapes (osi-wire-crib 6.1):
//   MTABindArgument ::= CHOICE { unauthenticated NULL, authenticated [1] SET {
//     initiator-name [0] MTAName, initiator-credentials [1] InitiatorCredentials,
//     security-context [2] SecurityContext OPTIONAL } }
//   MTABindResult   ::= CHOICE { unauthenticated NULL, authenticated [1] SET {
//     responder-name [0] MTAName, responder-credentials [1] ResponderCredentials } }
//   MTABindError    ::= INTEGER { busy(0), authentication-error(2), unacceptable-dialogue-mode(3),
//     unacceptable-security-context(4), inadequate-association-confidentiality(5) }
// Normal (1988+) mode carries them in the X.219 BIND-macro wrappers [16] /
// [17] / [18] EXPLICIT; X.410 mode carries them bare. Decoders accept both
// (PP omits [18] on errors) and report which shape they saw; encoders write
// the shape asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x400/asn/p1_common.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::asn {

enum class BindWrapping : std::uint8_t { bare, bind_macro };  // X.410 mode / normal mode

// Credentials ::= CHOICE { simple Password, strong [0] StrongCredentials, ..., protected [1] ProtectedPassword }
// Password ::= CHOICE { ia5-string IA5String (SIZE (0..62)), octet-string OCTET STRING (SIZE (0..62)) }
struct MtaCredentials {
  enum class Kind : std::uint8_t { simple_ia5, simple_octets, strong, protected_password };
  Kind kind = Kind::simple_ia5;
  std::string password;  // simple_*: the password octets
  RawBer raw;            // strong / protected: the whole [0]/[1] TLV, kept opaque
  bool operator==(const MtaCredentials&) const = default;
};

struct MtaAuthenticated {
  std::string name;  // MTAName ::= IA5String (SIZE (1..32))
  MtaCredentials credentials;
  std::optional<RawBer> security_context;  // [2] SET OF SecurityLabel (argument only), kept raw
  bool operator==(const MtaAuthenticated&) const = default;
};

// Both MTABindArgument and MTABindResult: nullopt = unauthenticated (NULL).
struct MtaBindValue {
  std::optional<MtaAuthenticated> authenticated;
  bool operator==(const MtaBindValue&) const = default;
};
using MtaBindArgument = MtaBindValue;
using MtaBindResult = MtaBindValue;

enum class MtaBindError : std::int64_t {
  busy = 0,
  authentication_error = 2,
  unacceptable_dialogue_mode = 3,
  unacceptable_security_context = 4,
  inadequate_association_confidentiality = 5,
};
std::string to_string(MtaBindError e);  // "authentication-error", or "bind-error-N"


// Decoders: exactly one value in `data`; `wrapping` (optional) receives the shape seen.
ber::BerResult<MtaBindArgument> decode_mta_bind_argument(ber::Bytes data, BindWrapping* wrapping = nullptr,
                                                         const ber::Limits& limits = {});
ber::BerResult<MtaBindResult> decode_mta_bind_result(ber::Bytes data, BindWrapping* wrapping = nullptr,
                                                     const ber::Limits& limits = {});
ber::BerResult<MtaBindError> decode_mta_bind_error(ber::Bytes data, BindWrapping* wrapping = nullptr,
                                                   const ber::Limits& limits = {});

ber::BerResult<std::vector<std::uint8_t>> encode_mta_bind_argument(const MtaBindArgument& v, BindWrapping w);
ber::BerResult<std::vector<std::uint8_t>> encode_mta_bind_result(const MtaBindResult& v, BindWrapping w);
ber::BerResult<std::vector<std::uint8_t>> encode_mta_bind_error(MtaBindError e, BindWrapping w);

}  // namespace mixer::x400::asn
