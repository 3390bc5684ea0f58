// P1 MessageTransferEnvelope <-> SMTP envelope + MIXER header fields
// (RFC 2156 §4.6, §5.1, §5.3, App. A, App. C; digest §2.4, §2.5, §5.1).
//
// X.400 -> Internet: MAIL FROM from the originator (mapped, RFC 2156 §4.3.5),
// one RCPT TO per recipient whose responsibility bit is set, NOTIFY from the
// originator-report-request bits (RFC 2156 App. A, mapping/report/dsn_params),
// ORCPT "x400;" + xtext(std-or of the recipient), ENVID = xtext of the MTS
// identifier text, RET from content-return-request; and the header fields
// carrying the envelope, in this order: X400-Received (one per trace element,
// most recent first), X400-MTS-Identifier, X400-Originator, X400-Recipients
// (when disclosure of recipients is allowed), X400-Content-Type,
// X400-Content-Identifier, Priority, Original-Encoded-Information-Types,
// Deferred-Delivery, Latest-Delivery-Time, DL-Expansion-History,
// Conversion, Conversion-With-Loss, Alternate-Recipient,
// Disclose-Recipients, X400-Content-Return, Discarded-X400-MTS-Extensions.
// An extension marked critical for transfer or delivery that the gateway
// does not implement refuses the message (unable-to-transfer /
// unsupported-critical-function, digest §2.5).
//
// Internet -> X.400: the inverse. Fields that parse are consumed into the
// envelope; a consumed field whose text would not be regenerated exactly is
// also left in `remaining` (it then travels in the rfc-822-heading-list and
// wins on the way back, as heading fields do). The gateway adds its own
// trace element (its GDI, `now`, relayed).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "mapping/address/context.hpp"
#include "mapping/failure.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/mime/header.hpp"
#include "x400/asn/p1_types.hpp"

namespace mixer::mapping::message {

struct OutboundEnvelope {
  SmtpEnvelope smtp;
  std::vector<std::pair<std::string, std::string>> fields;  // name, unfolded value
  bool conversion_prohibited = false;
  bool conversion_with_loss_prohibited = false;
};

Result<OutboundEnvelope, MappingFailure> envelope_to_internet(const x400::asn::MessageTransferEnvelope& env,
                                                              const address::MappingContext& ctx);

struct InboundEnvelope {
  x400::asn::MessageTransferEnvelope envelope;
  bool content_type_given = false;  // X400-Content-Type was present and parsed
  bool eits_given = false;          // Original-Encoded-Information-Types was present and parsed
  mime::HeaderList remaining;       // the header without the consumed fields
};

// `content_digest` makes a generated MTS local identifier unique when the
// message has no Message-ID.
Result<InboundEnvelope, MappingFailure> envelope_from_internet(const SmtpEnvelope& smtp,
                                                               const mime::HeaderList& headers,
                                                               const address::MappingContext& ctx,
                                                               const ConversionOptions& o,
                                                               std::string_view content_digest);

// The gateway's global domain identifier.
x400::asn::GlobalDomainIdentifier gateway_gdi(const GatewayIdentity& g);

}  // namespace mixer::mapping::message
