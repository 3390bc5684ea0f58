// mixer's BER/DER codec (ITU-T X.690). Include this one header.
//
// Decoding: a Reader is a view over bytes; next()/expect()/optional() hand out
// one Element (tag, form, contents view, whole-TLV view, offset) per TLV;
// Element::children() is a Reader over a constructed element's contents; the
// read_* functions decode contents. Nothing is copied unless a constructed
// string must be reassembled. Limits bound depth, element count and size.
//
//   ber::Reader top(bytes);                                    // Limits{} defaults
//   auto seq = MIXER_TRY(top.expect(ber::tags::kSequence));    // BerResult<Element>
//   auto r = MIXER_TRY(seq.children());
//   auto n = MIXER_BER_FIELD("version", ber::read_integer(MIXER_TRY(r.expect(ber::tags::kInteger))));
//   if (auto el = MIXER_TRY(r.optional(ber::context(0))))      // OPTIONAL [0]
//     name = MIXER_BER_FIELD("name", ber::read_string(*el, ber::StringKind::printable));
//   MIXER_BER_OK(r.finish());                                  // no trailing bytes
//   unknown.assign(el.encoding.begin(), el.encoding.end());   // keep an open type raw
//
// Errors are BerError values {kind, path, offset, message}; MIXER_BER_FIELD
// prefixes the field name to the path on the way out, so the caller sees
// "MessageTransferEnvelope.per-recipient-fields[2].recipient-name".
//
// Encoding: a Writer appends TLVs and back-patches lengths.
//   ber::Writer w;
//   auto m = w.begin(ber::tags::kSequence);
//   w.integer(2);
//   w.string("ACME", ber::StringKind::printable, ber::context(0));
//   w.end(m);
//   auto bytes = MIXER_TRY(std::move(w).finish());             // BerResult<std::vector<uint8_t>>
#pragma once

#include "x400/ber/decode.hpp"
#include "x400/ber/error.hpp"
#include "x400/ber/external.hpp"
#include "x400/ber/limits.hpp"
#include "x400/ber/reader.hpp"
#include "x400/ber/tag.hpp"
#include "x400/ber/types.hpp"
#include "x400/ber/writer.hpp"
