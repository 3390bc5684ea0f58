// Adapters between the P1/P22 wire values (x400/asn p1_types.hpp, p22_types.hpp)
// and this folder's report model (x400_report.hpp, ipn_mdn.hpp, probe.hpp).
//
//  - asn::Report -> X400Report (X.411 §12.2.1.3): addresses become "x400"
//    typed std-or text (RFC 2156 §4.1), the subject MTS identifier its
//    RFC 2156 §4.6.3 text, delivery/non-delivery per recipient with the
//    numeric reason/diagnostic codes, times as UTC instants.
//  - X400Report -> asn::Report: the inverse plus what only the wire carries
//    (report identifier, destination, trace element of the reporting domain,
//    returned content bytes). "rfc822" typed addresses are mapped to O/R
//    addresses with the RFC 2156 §4.3.4 mapping.
//  - asn::Probe -> Probe (answer_probe input): each recipient mapped with
//    RFC 2156 §4.3.5; an unmappable one stays unmappable (-> NDR).
//  - p22::Ipn <-> Ipn (X.420 §8): subject IPM identifier <-> Message-ID
//    (RFC 2156 §4.7.3), ORDescriptor formal names <-> typed addresses.
//
// Pure functions; errors name the P1/P22 field path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "mapping/address/context.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/ipn_mdn.hpp"
#include "mapping/report/probe.hpp"
#include "mapping/report/x400_report.hpp"
#include "x400/asn/p1_types.hpp"
#include "x400/asn/p22_types.hpp"

namespace mixer::mapping::report {

// --- identifiers, addresses, times -------------------------------------------

// MTSIdentifier <-> "[/C=../ADMD=../PRMD=../;local]" (RFC 2156 §4.6.3).
std::string mts_id_text(const x400::asn::MtsIdentifier& id);
Result<x400::asn::MtsIdentifier, ReportError> mts_id_from_text(std::string_view text);

// An O/R name as a typed value {"x400", std-or}. Error when the address has
// attributes std-or cannot write (print_std_or kUnmappable).
Result<TypedValue, ReportError> typed_from_or_name(const x400::ORName& name, std::string_view field);
// {"x400", std-or} parsed; {"rfc822", addr} mapped with RFC 2156 §4.3.4
// (needs `ctx`); any other type is an error naming `field`.
Result<x400::ORName, ReportError> or_name_from_typed(const TypedValue& v, const address::MappingContext* ctx,
                                                     std::string_view field);

x400::ber::Time to_p1_time(Timestamp t);  // UTCTime, Z, with seconds
Timestamp from_p1_time(const x400::ber::Time& t);

// --- reports ----------------------------------------------------------------

// Returned content is not mapped here (it is an X.400 content; the message
// mapping turns it into RFC 822): X400Report::returned_content_rfc822 stays
// empty and the bytes stay in `r.content.returned_content`.
Result<X400Report, ReportError> report_from_p1(const x400::asn::Report& r);

struct P1ReportWire {
  x400::asn::MtsIdentifier report_identifier;          // ours: GDI + a fresh local identifier
  x400::ORName destination;                            // the subject's originator
  x400::asn::GlobalDomainIdentifier reporting_domain;  // the trace element's GDI (ours)
  Timestamp now;                                       // trace arrival time, default arrival/delivery times
  std::optional<x400::asn::ContentType> content_type;  // the subject's
  std::optional<x400::asn::SharedBytes> returned_content;  // the subject's content, when returned
  const address::MappingContext* ctx = nullptr;            // to map "rfc822" typed recipients
};

// The per-recipient number is X400ReportRecipient::recipient_number (its
// position, 1-based, when 0); per-recipient indicators carry the subject's
// originator-report / originator-non-delivery-report bits from
// subject_request (both set when unknown).
Result<x400::asn::Report, ReportError> report_to_p1(const X400Report& rep, const P1ReportWire& wire);

// --- probes -----------------------------------------------------------------

Result<Probe, ReportError> probe_from_p1(const x400::asn::Probe& p, const address::MappingContext& ctx);

// The X.411 per-recipient originator report request bits (3, 4) as a ReportRequest.
ReportRequest report_request_from_indicators(const x400::ber::BitString& indicators);
x400::ber::BitString indicators_from_report_request(const ReportRequest& r);

// --- IPN --------------------------------------------------------------------

// Addresses: mapped to "rfc822" with RFC 2156 §4.3.5 when `ctx` is given and
// the mapping succeeds, else "x400" std-or text. Error for an IPN of the
// other-notification-type (X.420 1999) which has no MDN counterpart.
Result<Ipn, ReportError> ipn_from_p22(const x400::p22::Ipn& ipn, const address::MappingContext* ctx);
Result<x400::p22::Ipn, ReportError> ipn_to_p22(const Ipn& ipn, const address::MappingContext* ctx);

}  // namespace mixer::mapping::report
