// What the P1 listener does with one received MTS-APDU before it is stored
// (pure: bytes + settings in, a queue::Record or a refusal out; no I/O).
//
//  - decode it (x400/asn decode_mts_apdu); undecodable -> refusal: the RTSE
//    transfer is not acknowledged (X.228 exception), so the sending MTA keeps
//    responsibility and retries or reports (X.411 12.2: responsibility passes
//    only with the transfer confirmation);
//  - Message: loop check - a trace (X.411 12.2.1.1.1.9 trace-information)
//    longer than limits.max_trace_elements means the message loops between
//    MTAs: it is stored with every responsible recipient failed "loop
//    detected" so that the queue returns a non-delivery report (X.411
//    non-delivery-diagnostic loop-detected), never dropped;
//  - each recipient whose responsibility bit (X.411 12.2.1.1.1.x
//    per-recipient-indicators bit 0) is set is ours: mapped to RFC 5321 with
//    map_x400_to_822 (RFC 2156 4.3.5). An unmappable recipient is kept
//    (address = its std-or text or "<unmappable>") with status failed and the
//    mapping error as diagnostic: the queue reports it (NDR), it is not lost;
//  - Report: stored as is for the SMTP side (F's for_smtp -> E's DSN
//    mapping); its one recipient is the report-destination-name mapped to RFC
//    5321 (unmappable: failed, as above);
//  - Probe: answered, never forwarded as mail (RFC 2156 5.3.9): the caller
//    gets kind = probe and builds the answering report (see P1Listener).
// Record: direction x400_to_smtp, attrs format=p1-apdu, mts-id,
// received-from, is-report for reports; per recipient or-address (std-or)
// and rcpt-number (originally-specified-recipient-number).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "gateway/queue/record.hpp"
#include "mapping/address/context.hpp"
#include "x400/asn/p1_types.hpp"

namespace mixer::x400side {

struct IntakeSettings {
  std::size_t max_trace_elements = 64;  // config limits.max_trace_elements (loop_max_trace)
  std::size_t max_recipients = 1000;    // config limits.max_recipients
  std::size_t max_size = 10485760;      // config limits.max_message_size (bytes of the APDU)
};

enum class ApduKind { message, report, probe };

struct Intake {
  ApduKind kind = ApduKind::message;
  queue::Record record;     // message/report: store this; probe: recipients as mapped, for the answer
  x400::asn::MtsApdu apdu;  // the decoded APDU (shares the received buffer)
  std::size_t failed = 0;   // recipients failed at intake (unmappable, loop)
  bool loop = false;        // trace limit exceeded
};

inline constexpr const char* kLoopDiagnostic = "loop detected: X.400 trace longer than the configured limit";
inline constexpr const char* kUnmappablePlaceholder = "<unmappable>";

// `peer_mta` is the bound peer's MTA name (received-from); `now` unix seconds.
// The error text says why the APDU is refused (layer, field path, offset).
Result<Intake, std::string> intake_apdu(std::span<const std::uint8_t> apdu, std::string_view peer_mta,
                                        const mapping::address::MappingContext& ctx,
                                        const IntakeSettings& settings, std::int64_t now);

// The textual MTS identifier (RFC 2156 4.6.1.1 mts-msg-id "[C*ADMD*PRMD;local]" form).
std::string mts_id_text(const x400::asn::MtsIdentifier& id);

}  // namespace mixer::x400side
