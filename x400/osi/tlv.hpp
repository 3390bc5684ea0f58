// The small BER subset the OSI upper layers need (X.690 §8.1): identifier
// octets incl. high tag numbers (§8.1.2.4), definite and indefinite lengths
// (§8.1.3), end-of-contents (§8.1.5), and a writer with definite lengths.
// Presentation, ACSE and RTSE PDUs are walked as TLV trees; the P1 payload
// itself is handed on as opaque octets. Depth and size are bounded.
// (x400/ber is the project's full BER codec; these layers only need TLV
// framing, and must not depend on the X.400 type codecs.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "x400/osi/error.hpp"
#include "x400/osi/transport.hpp"

namespace mixer::x400::osi {

inline constexpr unsigned kMaxTlvDepth = 32;  // named limit: nesting of OSI PDUs

struct Tlv {
  std::uint8_t cls = 0;  // 0 universal, 1 application, 2 context, 3 private
  bool constructed = false;
  std::uint32_t tag = 0;
  ByteView content;          // definite: the contents; indefinite: up to (excl.) the EOC
  std::size_t offset = 0;    // of the identifier, relative to the outermost buffer
  std::size_t header = 0;    // identifier + length octets
  std::size_t total = 0;     // whole encoding incl. EOC
  ByteView encoding;         // the whole TLV

  bool is(std::uint8_t c, std::uint32_t t) const { return cls == c && tag == t; }
};

// Parses one TLV at the start of `in` (which begins at `base` in the PDU).
Result<Tlv, OsiError> read_tlv(ByteView in, std::size_t base, const char* layer, unsigned depth = 0);
// All TLVs of a constructed value's contents.
Result<std::vector<Tlv>, OsiError> read_children(const Tlv& t, const char* layer, unsigned depth = 0);
// Contents of a string type that may be primitive or constructed (X.690 §8.7.3).
Result<Bytes, OsiError> string_contents(const Tlv& t, const char* layer, unsigned depth = 0);
// A small non-negative INTEGER (X.690 §8.3); fails beyond 2^31.
Result<long, OsiError> integer_value(const Tlv& t, const char* layer);

// Writer: identifier octet(s) + definite length + contents.
Bytes tlv(std::uint8_t cls, bool constructed, std::uint32_t tag, ByteView content);
inline Bytes ctx(std::uint32_t tag, ByteView c) { return tlv(2, true, tag, c); }          // [n] constructed
inline Bytes ctx_prim(std::uint32_t tag, ByteView c) { return tlv(2, false, tag, c); }    // [n] IMPLICIT primitive
inline Bytes app(std::uint32_t tag, ByteView c) { return tlv(1, true, tag, c); }
inline Bytes seq(ByteView c) { return tlv(0, true, 16, c); }
inline Bytes set(ByteView c) { return tlv(0, true, 17, c); }
Bytes integer(long v, std::uint8_t cls = 0, std::uint32_t tag = 2);
Bytes concat(std::initializer_list<ByteView> parts);

}  // namespace mixer::x400::osi
