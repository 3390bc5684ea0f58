// EXTERNAL (X.690 8.18, the 1994+ encoding, which is also the 1988 one):
//   [UNIVERSAL 8] IMPLICIT SEQUENCE {
//     direct-reference      OBJECT IDENTIFIER OPTIONAL,
//     indirect-reference    INTEGER OPTIONAL,
//     data-value-descriptor ObjectDescriptor OPTIONAL,
//     encoding CHOICE { single-ASN1-type [0] ABSTRACT-SYNTAX.&Type,
//                       octet-aligned    [1] IMPLICIT OCTET STRING,
//                       arbitrary        [2] IMPLICIT BIT STRING } }
// Used by X.420 extended body parts and by ACSE user-information.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x400/ber/reader.hpp"
#include "x400/ber/types.hpp"
#include "x400/ber/writer.hpp"

namespace mixer::x400::ber {

struct External {
  enum class Encoding : std::uint8_t { single_asn1_type, octet_aligned, arbitrary };

  std::optional<Oid> direct_reference;
  std::optional<std::int64_t> indirect_reference;
  std::optional<std::string> data_value_descriptor;  // GraphicString bytes
  Encoding encoding = Encoding::single_asn1_type;
  // single-ASN1-type: the complete TLV of the value (an open type, kept raw);
  // octet-aligned: the octets; arbitrary: see `bits`.
  std::vector<std::uint8_t> data;
  BitString bits;

  friend bool operator==(const External&, const External&) = default;
};

// Decodes the contents of an element already matched as EXTERNAL (the tag may
// be [UNIVERSAL 8] or an implicit replacement).
BerResult<External> read_external(const Element& e);
void write_external(Writer& w, const External& v, Tag t = tags::kExternal);

}  // namespace mixer::x400::ber
