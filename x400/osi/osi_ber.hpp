// How the OSI upper layers (presentation, ACSE, RTSE; X.226/X.227/X.228 PDUs
// are BER, X.690) use the project's BER codec x400/ber: TLVs are read with
// ber::Reader (identifier, length, indefinite form, limits) and written with
// ber::Writer; this file only adapts them to the layers' needs — errors as
// OsiError with the layer and field named, children as a vector, small
// INTEGERs as long — and adds no BER rules of its own.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <vector>

#include "common/result.hpp"
#include "x400/ber/ber.hpp"
#include "x400/osi/error.hpp"
#include "x400/osi/transport.hpp"

namespace mixer::x400::osi {

using ber::application;
using ber::context;
using ber::Element;
using ber::Tag;
using ber::universal;

// Named limit: nesting of an OSI PDU. The deepest P1 PDU (CN user data:
// CP-type / normal-mode parameters / User-data / PDV-list / AARQ /
// user-information / EXTERNAL / RTORQ / connectionData / bind) nests about
// 12 levels, so 32 leaves room for peers' extra wrappers and stops hostile
// nesting early. Sizes are bounded before BER is read (transport
// max_tsdu_octets, association max_apdu_octets), so the BER size limit is
// the codec's maximum.
inline constexpr std::size_t kOsiBerMaxDepth = 32;
const ber::Limits& osi_ber_limits();

OsiError from_ber(const ber::BerError& e, const char* layer, const std::string& where);

// Exactly one element filling `in` (trailing octets are an error).
Result<Element, OsiError> read_one(ByteView in, const char* layer, const char* what);
// The elements of a constructed element, in order.
Result<std::vector<Element>, OsiError> children(const Element& e, const char* layer);
// Elements given without their enclosing identifier and length (the X.410
// mode parameters are the members of a SET handed over as contents).
Result<std::vector<Element>, OsiError> members(ByteView contents, const char* layer);
// Contents of an OCTET STRING, primitive or constructed (X.690 8.7).
Result<Bytes, OsiError> octets(const Element& e, const char* layer);
// An INTEGER that must fit in 32 bits (ids, reasons, sizes, priorities).
Result<long, OsiError> small_integer(const Element& e, const char* layer);

// Encoders (definite lengths, via ber::Writer).
Bytes tlv(Tag t, bool constructed, ByteView content);
inline Bytes ctx(std::uint32_t n, ByteView c) { return tlv(context(n), true, c); }  // [n] constructed
inline Bytes ctx_prim(std::uint32_t n, ByteView c) { return tlv(context(n), false, c); }
inline Bytes app(std::uint32_t n, ByteView c) { return tlv(application(n), true, c); }
inline Bytes seq(ByteView c) { return tlv(ber::tags::kSequence, true, c); }
inline Bytes set(ByteView c) { return tlv(ber::tags::kSet, true, c); }
Bytes integer(long v, Tag t = ber::tags::kInteger);
Bytes concat(std::initializer_list<ByteView> parts);

}  // namespace mixer::x400::osi
