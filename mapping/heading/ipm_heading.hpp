// IPM heading <-> RFC 5322 header (RFC 2156 §5.1, §5.3, §4.7; digest §2.2,
// §2.3). Pure functions; addresses go through mapping/address.
//
// Internet -> X.400: every field with a heading equivalent is mapped (first
// occurrence); every other field, except the MIME fields the body mapping
// consumes (MIME-Version, Content-*) and Return-Path, goes verbatim, in
// order, into the rfc-822-heading-list extension (§5.1.2). A mapped field
// whose value would not come back identical (names case, comments, group
// syntax, over-long or unrepresentable text, duplicate fields) is ALSO kept
// in the heading list, and on the way back the heading list wins over the
// generated field: so headers survive a round trip (project decision,
// docs/conformance/messages.md).
//
// X.400 -> Internet: the generated fields in a fixed order, then the
// heading-list fields; a generated field whose name the heading list also
// carries is dropped. Unknown heading extensions are listed in
// Discarded-X400-IPMS-Extensions.
#pragma once

#include "common/result.hpp"
#include "mapping/address/context.hpp"
#include "mapping/failure.hpp"
#include "mapping/mime/header.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::heading {

Result<x400::p22::Heading, MappingFailure> heading_from_internet(const mime::HeaderList& headers,
                                                                 const address::MappingContext& ctx);

Result<mime::HeaderList, MappingFailure> heading_to_internet(const x400::p22::Heading& heading,
                                                             const address::MappingContext& ctx);

// True for the fields the body mapping consumes (MIME-Version, Content-*).
bool is_mime_field(std::string_view name);

}  // namespace mixer::mapping::heading
