// BER codec of the O/R address model (x400/asn/or_address.hpp), X.411 clause
// 12.5 / Annex A (MTSAbstractService: ORName, ORAddress,
// BuiltInStandardAttributes, BuiltInDomainDefinedAttributes,
// ExtensionAttributes), module with IMPLICIT TAGS.
//
// Contract:
//  - decode -> encode -> decode is an identity on the model; SET members are
//    accepted in any order; extension attributes the model does not name are
//    kept raw (RawExtensionAttribute) and re-emitted unchanged.
//  - Tagged CHOICEs (CountryName [APPLICATION 1], AdministrationDomainName
//    [APPLICATION 2], PrivateDomainName [2], ORName's directory-name [0]) and
//    the [1] extension-attribute-value open type are EXPLICIT (X.680 31.2.7).
//  - PresentationAddress (X.520, explicit module) uses [0]..[3] EXPLICIT.
//  - Extension attributes are written in ascending type order, then the raw
//    ones in the order received (ExtensionAttributes is a SET OF).
//  - Upper bounds (ub::) are not enforced here (mapping reports them); the
//    BER Limits bound the work.
#pragma once

#include <cstdint>
#include <vector>

#include "x400/asn/or_address.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::asn {

// ORAddress ::= SEQUENCE {...}: `e` is the element (tag already matched, any tag).
ber::BerResult<ORAddress> decode_or_address(const ber::Element& e);
// The ORAddress components from a reader (for COMPONENTS OF in ORName).
ber::BerResult<ORAddress> decode_or_address_components(ber::Reader& r);
// ORName ::= [APPLICATION 0] SEQUENCE { COMPONENTS OF ORAddress, directory-name [0] Name OPTIONAL }
// `e` is the element (tag already matched: [APPLICATION 0] or an implicit replacement).
ber::BerResult<ORName> decode_or_name(const ber::Element& e);

void encode_or_address(ber::Writer& w, const ORAddress& a, ber::Tag tag = ber::tags::kSequence);
void encode_or_address_components(ber::Writer& w, const ORAddress& a);
void encode_or_name(ber::Writer& w, const ORName& n, ber::Tag tag = ber::application(0));

// Whole-buffer helpers: exactly one value, nothing after it.
ber::BerResult<ORName> decode_or_name(ber::Bytes bytes, const ber::Limits& limits = {});
ber::BerResult<ORAddress> decode_or_address(ber::Bytes bytes, const ber::Limits& limits = {});
ber::BerResult<std::vector<std::uint8_t>> encode_or_name(const ORName& n);
ber::BerResult<std::vector<std::uint8_t>> encode_or_address(const ORAddress& a);

}  // namespace mixer::x400::asn
