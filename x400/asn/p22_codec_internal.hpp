// Internal to the P22 codec (p22_*_codec.cpp): the per-type read/write
// functions the three codec files share. Not a public API.
#pragma once

#include <memory>
#include <string_view>

#include "x400/asn/p22_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::p22::detail {

// Who owns the bytes being decoded (for SharedBytes views).
struct DecodeContext {
  std::shared_ptr<const void> owner;
};

// ORName ([APPLICATION 0]) through the X.411 ORName codec.
ber::BerResult<ORName> read_or_name(const ber::Element& e);
void write_or_name(ber::Writer& w, const ORName& n);

// Errors for a SET member that appears twice / a tag not in the type.
ber::BerError duplicate_member(const ber::Element& e, std::string_view name);
ber::BerError unknown_member(const ber::Element& e, std::string_view type_name);

RawBer raw(const ber::Element& e);
// An octet string (any string type's contents) as SharedBytes: a view when
// primitive, one reassembled buffer when constructed.
ber::BerResult<SharedBytes> read_shared_octets(const ber::Element& e, const DecodeContext& ctx);

ber::BerResult<IpmIdentifier> read_ipm_identifier(const ber::Element& e);  // tag already matched
void write_ipm_identifier(ber::Writer& w, const IpmIdentifier& v, ber::Tag t);
ber::BerResult<OrDescriptor> read_or_descriptor(const ber::Element& e);
void write_or_descriptor(ber::Writer& w, const OrDescriptor& v, ber::Tag t);
ber::BerResult<std::vector<IpmsExtension>> read_extensions(const ber::Element& e);  // SET OF IPMSExtension
void write_extensions(ber::Writer& w, const std::vector<IpmsExtension>& v, ber::Tag t);
ber::BerResult<Heading> read_heading(const ber::Element& e);
void write_heading(ber::Writer& w, const Heading& v);

ber::BerResult<BodyPart> read_body_part(const ber::Element& e, const DecodeContext& ctx);
void write_body_part(ber::Writer& w, const BodyPart& v);

// IPM ::= SEQUENCE { heading, body } with the tag already matched.
ber::BerResult<Ipm> read_ipm(const ber::Element& e, const DecodeContext& ctx);
void write_ipm(ber::Writer& w, const Ipm& v, ber::Tag t);
ber::BerResult<Ipn> read_ipn(const ber::Element& e, const DecodeContext& ctx);
void write_ipn(ber::Writer& w, const Ipn& v, ber::Tag t);

}  // namespace mixer::x400::p22::detail
