// RFC 6522 multipart/report: building a complete report message (headers,
// human-readable part, machine-readable part, optional returned content) and
// taking a received one apart.
//
// Generated messages carry Auto-Submitted: auto-replied (RFC 3834 §5) and
// are meant to be sent with an empty reverse-path (RFC 3461 §6.2, RFC 8098
// §2.1), so no conforming agent reports on them: loop-safe by construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/field_groups.hpp"
#include "mapping/report/limits.hpp"

namespace mixer::mapping::report {

enum class ReturnedKind { none, full_message, headers_only };  // message/rfc822, text/rfc822-headers

struct ReportParts {
  // Top-level header fields (From, To, Subject, Date, Message-ID and any
  // extra such as In-Reply-To); MIME-Version, Content-Type and Auto-Submitted
  // are added by build_report.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string report_type;   // "delivery-status" or "disposition-notification"
  std::string human_text;    // US-ASCII text, any line ends (normalised to CRLF)
  std::string machine_type;  // "message/delivery-status" ...
  std::string machine_body;  // as printed (CRLF)
  ReturnedKind returned = ReturnedKind::none;
  std::string returned_content;  // RFC 5322 message or its header block
};

// Builds the message (CRLF line ends). The boundary is derived from the
// content (no randomness, so output is reproducible) and checked not to occur
// in it.
std::string build_report(const ReportParts& parts);

// One body part of a received report.
struct ReceivedPart {
  std::string content_type;  // lower-cased type/subtype
  std::vector<Field> headers;
  std::string body;          // decoded for 7bit/8bit/binary/quoted-printable/base64
  std::size_t body_line = 0; // line of the body's first line in the message
};

struct ReceivedReport {
  std::vector<Field> headers;    // top-level header fields
  std::string report_type;       // the report-type parameter, lower-cased
  std::vector<ReceivedPart> parts;
  // Index of the machine-readable part and of the returned content, when present.
  std::optional<std::size_t> machine_index;
  std::optional<std::size_t> returned_index;
};

// Takes apart a multipart/report message (RFC 6522 §3). Errors: not
// multipart/report, missing boundary, no closing boundary, limits.
Result<ReceivedReport, ReportError> parse_report(std::string_view message, const ReportLimits& limits = {});

// Content-Type value helpers (RFC 2045 §5.1): the lower-cased type/subtype
// and a parameter value (quoted-string unquoted), nullopt when absent.
std::string media_type(std::string_view content_type);
std::optional<std::string> media_parameter(std::string_view content_type, std::string_view name);

// The header block of an RFC 5322 message (up to, not including, the blank
// line), for text/rfc822-headers.
std::string_view header_block(std::string_view message);

}  // namespace mixer::mapping::report
