// Encoded information types of an IPM body (X.411 EncodedInformationTypes,
// X.420 7.4): the built-in bit of each basic body part type, and for an
// extended body part its type OID (id-et-*); forwarded IPMs contribute their
// own body's types. RFC 2156 §5.1: when the Internet message carries no
// Original-Encoded-Information-Types, the gateway computes them this way.
#pragma once

#include <vector>

#include "x400/asn/p1_common.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::message {

x400::asn::EncodedInformationTypes encoded_information_types(const std::vector<x400::p22::BodyPart>& body);

}  // namespace mixer::mapping::message
