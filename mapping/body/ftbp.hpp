// The file transfer body part's parameters as the body mapping uses them
// (X.420 (1996+) 7.4.12, IPMSFileTransferBodyPartType; FTAM attributes of
// ISO 8571-2), in the form EUR Doc 047 (AMHS) profiles and real X.400 UAs
// read:
//   FileTransferParameters ::= SEQUENCE {
//     contents-type   [1] document-type { document-type-name {1 0 8571 5 3} }  -- FTAM-3, unstructured binary
//     environment     [2] { user-visible-string [3] SEQUENCE OF GraphicString } -- the MIME Content-* fields
//     file-attributes [4] { pathname incomplete-pathname [0] { GraphicString },
//                           date-and-time-of-creation [4] { actual-values [1] GeneralizedTime },
//                           date-and-time-of-last-modification [5] { ... },
//                           date-and-time-of-last-read-access [6] { ... },
//                           object-size [13] { actual-values [1] INTEGER } } }
//   FileTransferData ::= SEQUENCE OF EXTERNAL  -- one EXTERNAL { direct-reference
//                        {1 0 8571 5 3}, octet-aligned data } (as AMHS gateways write it)
// The MIME fields in user-visible-string are the project's MIME-in-X.400
// carrier (RFC 2157 names no FTBP form for MIME; docs/conformance/x400-p22.md).
// Decoding accepts any FileTransferParameters (unknown members skipped) and
// reports what it found; `exact` tells whether encode() of the result gives
// the same bytes back (else the mapping keeps the original TLV).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x400/asn/p22_types.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::mapping::body {

struct FileTransferInfo {
  std::vector<std::string> mime_fields;  // "Content-Type: image/png", ... (ASCII)
  std::optional<std::string> file_name;  // the last pathname component
  std::optional<x400::ber::Time> created, modified, read;
  std::optional<std::int64_t> size;  // object-size actual-values (octets)
  friend bool operator==(const FileTransferInfo&, const FileTransferInfo&) = default;
};

// {1 0 8571 5 3}: FTAM-3 unstructured binary document type.
const x400::ber::Oid& ftam3_document_type();

x400::ber::BerResult<x400::p22::RawBer> encode_ftbp_parameters(const FileTransferInfo& info);
x400::ber::BerResult<FileTransferInfo> decode_ftbp_parameters(const x400::p22::RawBer& tlv);

// The body part for `data` (copied once into the EXTERNAL) with the
// parameters' TLV (from encode_ftbp_parameters, or carried).
x400::p22::FileTransferBodyPart make_ftbp(std::optional<x400::p22::RawBer> parameters, std::string_view data);
// The file's octets: the concatenated octet-aligned (or single OCTET STRING)
// EXTERNALs; an error for any other encoding.
x400::ber::BerResult<std::string> ftbp_data(const x400::p22::FileTransferBodyPart& part);

}  // namespace mixer::mapping::body
