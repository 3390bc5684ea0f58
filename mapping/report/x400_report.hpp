// The gateway's view of an X.400 report (X.411 §12.2.1.3
// ReportTransferEnvelope + ReportTransferContent), reduced to what the
// RFC 2156 §5.3.3 / §5.1 mappings need. Addresses are already in their
// textual forms (rfc822 address, or "x400" std-or text produced by
// mapping/address); times are UTC instants. The P1 codec adapter fills this
// from the decoded PDU and encodes it back; the mapping functions in this
// folder are pure over it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mapping/report/date_time.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/dsn_params.hpp"
#include "mapping/report/x400_codes.hpp"

namespace mixer::mapping::report {

// X.411 PerRecipientReportTransferFields, reduced.
struct X400ReportRecipient {
  TypedValue actual_recipient;                              // "rfc822" or "x400"
  std::optional<TypedValue> originally_intended_recipient;  // "rfc822" or "x400"
  bool delivered = false;                                   // delivery vs non-delivery
  std::optional<Timestamp> delivery_time;                   // message-delivery-time (delivered)
  X400Codes codes;                                          // non-delivery only
  std::optional<std::string> supplementary_information;     // PrintableString, <= 256
  // Wire-only data the P1 adapter needs (p1_adapter.hpp): the subject's
  // originally-specified-recipient-number (0 = unknown: position, 1-based)
  // and per-recipient report request (nullopt = unknown: both bits set).
  std::int64_t recipient_number = 0;
  std::optional<ReportRequest> subject_request;
};

struct X400Report {
  std::string subject_mts_id;  // textual MTSIdentifier of the subject message/probe
  std::string reporting_mta;   // textual name of the reporting MTA (GlobalDomainIdentifier / MTA name)
  std::optional<Timestamp> arrival_time;      // subject's arrival at the reporting MTA
  std::optional<std::string> content_identifier;
  std::optional<std::string> content_type;    // e.g. "P2-1988"
  std::vector<X400ReportRecipient> recipients;
  // X.400 -> DSN: the returned content, already mapped to RFC 822 by the
  // message mapping (absent when the report returned none).
  std::optional<std::string> returned_content_rfc822;
  // DSN -> X.400: the subject asked for content return and the gateway holds
  // the original X.400 content; the P1 adapter attaches those stored bytes
  // (RFC 2156 §5.2: re-mapping the RFC 822 copy would not reproduce them).
  bool return_stored_content = false;
};

// X.411 ub-supplementary-info-length.
inline constexpr std::size_t kMaxSupplementaryInfo = 256;

// Text as an X.411 supplementary-information PrintableString (digest §4.2):
// non-ASCII octets become '?', line breaks spaces, then ps-encoded (RFC 2156
// §3.4, so '@' reads "(a)") and cut to 256 without splitting an escape.
std::string to_supplementary_info(std::string_view text);

}  // namespace mixer::mapping::report
