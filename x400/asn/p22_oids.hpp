// Object identifiers of X.420 (IPMSObjectIdentifiers, 1999) that the P22
// codec and the mapping use, and RFC 2156's heading extension.
// id-ipms = {joint-iso-itu-t mhs(6) ipms(1)} = 2.6.1; id-et = {id-ipms 4}
// (extended body part data types), id-ep = {id-ipms 11} (their parameters),
// id-hex = {id-ipms 5} (heading extensions).
#pragma once

#include "x400/ber/types.hpp"

namespace mixer::x400::p22::oids {

// Content types (X.420 Annex A, id-mct): as OIDs for extended content types.
inline const ber::Oid kContentP2{2, 6, 1, 10, 0};   // id-mct-p2-1984
inline const ber::Oid kContentP22{2, 6, 1, 10, 1};  // id-mct-p2-1988

// Extended body part types (X.420 7.4, Annex A).
inline const ber::Oid kEtIa5Text{2, 6, 1, 4, 0};
inline const ber::Oid kEtGeneralText{2, 6, 1, 4, 11};
inline const ber::Oid kEpGeneralText{2, 6, 1, 11, 11};
inline const ber::Oid kEtFileTransfer{2, 6, 1, 4, 12};
inline const ber::Oid kEpFileTransfer{2, 6, 1, 11, 12};
inline const ber::Oid kEtNotification{2, 6, 1, 4, 15};
inline const ber::Oid kEtVoice{2, 6, 1, 4, 16};
inline const ber::Oid kEpVoice{2, 6, 1, 11, 16};

// Heading extensions (X.420 Annex A, IPMSHeadingExtensions).
inline const ber::Oid kHexIncompleteCopy{2, 6, 1, 5, 0};
inline const ber::Oid kHexLanguages{2, 6, 1, 5, 1};
inline const ber::Oid kHexAutoSubmitted{2, 6, 1, 5, 2};

// RFC 2156 5.1.2 (from RFC 1327) rfc-822-heading-list, RFC822FieldList ::=
// SEQUENCE OF IA5String. The numeric value is the one PP (the reference
// MIXER implementation, Format/rfc1148/oids.h) puts on the wire; the
// 0.9.2342.19200300 form is accepted on input too. See
// docs/conformance/x400-p22.md.
inline const ber::Oid kRfc822FieldList{0, 9, 2342, 234219200300ull, 200, 1};
inline const ber::Oid kRfc822FieldListAlt{0, 9, 2342, 19200300, 200, 1};

}  // namespace mixer::x400::p22::oids
