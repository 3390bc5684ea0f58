// JSON -> MTS-APDU (the reading half of p1_json.hpp): every member checked
// against the X.411 type, errors name the JSON path.
#include <array>

#include "x400/json/or_address_json.hpp"
#include "x400/json/p1_common_json.hpp"
#include "x400/json/p1_json.hpp"
#include "x400/json/p1_json_internal.hpp"

namespace mixer::x400::xjson {

using namespace asn;
using namespace detail;

namespace {

JsonResult<ORName> name_member(const json::Value& v, std::string_view key, std::string_view path) {
  return or_name_from_json(*MIXER_TRY(required_member(v, key, path)), join_path(path, key));
}

JsonResult<std::vector<RawBer>> unknown_from(const json::Value& v, std::string_view path) {
  if (auto* x = optional_member(v, "unknown-members")) return raw_list_from_json(*x, join_path(path, "unknown-members"));
  return std::vector<RawBer>{};
}

JsonResult<Extensions> extensions_member(const json::Value& v, std::string_view path) {
  if (auto* x = optional_member(v, "extensions")) return extensions_from_json(*x, join_path(path, "extensions"));
  return Extensions{};
}

JsonResult<PerRecipientTransferFields> per_recipient_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path,
                                  {"recipient-name", "originally-specified-recipient-number",
                                   "per-recipient-indicators", "explicit-conversion", "extensions",
                                   "unknown-members"}));
  auto p = [&](std::string_view key) { return join_path(path, key); };
  PerRecipientTransferFields r;
  r.recipient_name = MIXER_TRY(name_member(v, "recipient-name", path));
  r.originally_specified_recipient_number =
      MIXER_TRY(read_int(*MIXER_TRY(required_member(v, "originally-specified-recipient-number", path)),
                         p("originally-specified-recipient-number")));
  r.per_recipient_indicators =
      MIXER_TRY(read_flags(*MIXER_TRY(required_member(v, "per-recipient-indicators", path)),
                           p("per-recipient-indicators"), kPerRecipientIndicators, kPerRecipientIndicatorBits));
  if (auto* x = optional_member(v, "explicit-conversion")) {
    r.explicit_conversion = MIXER_TRY(read_enum(*x, p("explicit-conversion"), kExplicitConversion));
  }
  r.extensions = MIXER_TRY(extensions_member(v, path));
  r.unknown_members = MIXER_TRY(unknown_from(v, path));
  return r;
}

// The members MessageTransferEnvelope and ProbeTransferEnvelope share.
template <typename Env>
JsonStatus common_envelope_from(Env& e, const json::Value& v, std::string_view path) {
  auto p = [&](std::string_view key) { return join_path(path, key); };
  e.originator_name = MIXER_TRY(name_member(v, "originator-name", path));
  if (auto* x = optional_member(v, "original-encoded-information-types"))
    e.original_encoded_information_types = MIXER_TRY(eits_from_json(*x, p("original-encoded-information-types")));
  e.content_type = MIXER_TRY(content_type_from_json(*MIXER_TRY(required_member(v, "content-type", path)), p("content-type")));
  if (auto* x = optional_member(v, "content-identifier"))
    e.content_identifier = MIXER_TRY(read_restricted(*x, p("content-identifier"), ber::StringKind::printable));
  if (auto* x = optional_member(v, "per-message-indicators"))
    e.per_message_indicators = MIXER_TRY(read_flags(*x, p("per-message-indicators"), kPerMessageIndicators));
  if (auto* x = optional_member(v, "per-domain-bilateral-information"))
    e.per_domain_bilateral_information = MIXER_TRY(
        list_from_json<PerDomainBilateralInformation>(*x, p("per-domain-bilateral-information"), pdbi_from_json));
  e.trace_information =
      MIXER_TRY(trace_from_json(*MIXER_TRY(required_member(v, "trace-information", path)), p("trace-information")));
  e.extensions = MIXER_TRY(extensions_member(v, path));
  e.per_recipient_fields = MIXER_TRY(list_from_json<PerRecipientTransferFields>(
      *MIXER_TRY(required_member(v, "per-recipient-fields", path)), p("per-recipient-fields"), per_recipient_from));
  if (e.per_recipient_fields.empty()) return error(p("per-recipient-fields"), "X.411 requires at least one recipient");
  e.unknown_members = MIXER_TRY(unknown_from(v, path));
  return Ok{};
}

JsonResult<Message> message_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"envelope", "content"}));
  const std::string ep = join_path(path, "envelope");
  const json::Value& ev = *MIXER_TRY(required_member(v, "envelope", path));
  MIXER_XJSON_CHECK(expect_object(
      ev, ep,
      {"message-identifier", "originator-name", "original-encoded-information-types", "content-type",
       "content-identifier", "priority", "per-message-indicators", "deferred-delivery-time",
       "per-domain-bilateral-information", "trace-information", "extensions", "per-recipient-fields",
       "unknown-members"}));
  Message m;
  auto& e = m.envelope;
  e.message_identifier = MIXER_TRY(mts_identifier_from_json(*MIXER_TRY(required_member(ev, "message-identifier", ep)),
                                                            join_path(ep, "message-identifier")));
  MIXER_XJSON_CHECK(common_envelope_from(e, ev, ep));
  if (auto* x = optional_member(ev, "priority")) {
    const auto pr = MIXER_TRY(read_enum(*x, join_path(ep, "priority"), kPriority));
    if (pr < 0 || pr > 2) return error(join_path(ep, "priority"), "out of range normal(0)..urgent(2)");
    e.priority = static_cast<Priority>(pr);
  }
  if (auto* x = optional_member(ev, "deferred-delivery-time"))
    e.deferred_delivery_time = MIXER_TRY(read_time(*x, join_path(ep, "deferred-delivery-time"), ber::TimeKind::utc_time));
  m.content = MIXER_TRY(content_from_json(*MIXER_TRY(required_member(v, "content", path)), join_path(path, "content")));
  return m;
}

JsonResult<Probe> probe_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(
      v, path,
      {"probe-identifier", "originator-name", "original-encoded-information-types", "content-type",
       "content-identifier", "content-length", "per-message-indicators", "per-domain-bilateral-information",
       "trace-information", "extensions", "per-recipient-fields", "unknown-members"}));
  Probe p;
  auto& e = p.envelope;
  e.probe_identifier = MIXER_TRY(mts_identifier_from_json(*MIXER_TRY(required_member(v, "probe-identifier", path)),
                                                          join_path(path, "probe-identifier")));
  MIXER_XJSON_CHECK(common_envelope_from(e, v, path));
  if (auto* x = optional_member(v, "content-length"))
    e.content_length = MIXER_TRY(read_int(*x, join_path(path, "content-length")));
  return p;
}

JsonResult<LastTraceInformation> last_trace_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"arrival-time", "converted-encoded-information-types", "report-type"}));
  auto p = [&](std::string_view key) { return join_path(path, key); };
  LastTraceInformation t;
  t.arrival_time = MIXER_TRY(
      read_time(*MIXER_TRY(required_member(v, "arrival-time", path)), p("arrival-time"), ber::TimeKind::utc_time));
  if (auto* x = optional_member(v, "converted-encoded-information-types"))
    t.converted_encoded_information_types = MIXER_TRY(eits_from_json(*x, p("converted-encoded-information-types")));
  const json::Value& rt = *MIXER_TRY(required_member(v, "report-type", path));
  const std::string rp = p("report-type");
  MIXER_XJSON_CHECK(expect_object(rt, rp, {"delivery", "non-delivery"}));
  if (rt.size() != 1) return error(rp, "expected exactly one of \"delivery\" and \"non-delivery\"");
  if (auto* d = optional_member(rt, "delivery")) {
    const std::string dp = join_path(rp, "delivery");
    MIXER_XJSON_CHECK(expect_object(*d, dp, {"message-delivery-time", "type-of-MTS-user"}));
    DeliveryReport r;
    r.message_delivery_time = MIXER_TRY(read_time(*MIXER_TRY(required_member(*d, "message-delivery-time", dp)),
                                                  join_path(dp, "message-delivery-time"), ber::TimeKind::utc_time));
    if (auto* x = optional_member(*d, "type-of-MTS-user")) {
      r.type_of_mts_user =
          static_cast<TypeOfMtsUser>(MIXER_TRY(read_enum(*x, join_path(dp, "type-of-MTS-user"), kTypeOfMtsUser)));
    }
    t.report_type = r;
  } else {
    const json::Value& n = *MIXER_TRY(required_member(rt, "non-delivery", rp));
    const std::string np = join_path(rp, "non-delivery");
    MIXER_XJSON_CHECK(expect_object(n, np, {"non-delivery-reason-code", "non-delivery-diagnostic-code"}));
    NonDeliveryReport r;
    r.reason = MIXER_TRY(code_from<NonDeliveryReason>(*MIXER_TRY(required_member(n, "non-delivery-reason-code", np)),
                                                      join_path(np, "non-delivery-reason-code"), kMaxNamedReason));
    if (auto* x = optional_member(n, "non-delivery-diagnostic-code"))
      r.diagnostic = MIXER_TRY(
          code_from<NonDeliveryDiagnostic>(*x, join_path(np, "non-delivery-diagnostic-code"), kMaxNamedDiagnostic));
    t.report_type = r;
  }
  return t;
}

JsonResult<PerRecipientReportTransferFields> report_recipient_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path,
                                  {"actual-recipient-name", "originally-specified-recipient-number",
                                   "per-recipient-indicators", "last-trace-information",
                                   "originally-intended-recipient-name", "supplementary-information", "extensions",
                                   "unknown-members"}));
  auto p = [&](std::string_view key) { return join_path(path, key); };
  PerRecipientReportTransferFields r;
  r.actual_recipient_name = MIXER_TRY(name_member(v, "actual-recipient-name", path));
  r.originally_specified_recipient_number =
      MIXER_TRY(read_int(*MIXER_TRY(required_member(v, "originally-specified-recipient-number", path)),
                         p("originally-specified-recipient-number")));
  r.per_recipient_indicators =
      MIXER_TRY(read_flags(*MIXER_TRY(required_member(v, "per-recipient-indicators", path)),
                           p("per-recipient-indicators"), kPerRecipientIndicators, kPerRecipientIndicatorBits));
  r.last_trace_information = MIXER_TRY(
      last_trace_from(*MIXER_TRY(required_member(v, "last-trace-information", path)), p("last-trace-information")));
  if (optional_member(v, "originally-intended-recipient-name"))
    r.originally_intended_recipient_name = MIXER_TRY(name_member(v, "originally-intended-recipient-name", path));
  if (auto* x = optional_member(v, "supplementary-information")) {
    r.supplementary_information =
        MIXER_TRY(read_restricted(*x, p("supplementary-information"), ber::StringKind::printable));
  }
  r.extensions = MIXER_TRY(extensions_member(v, path));
  r.unknown_members = MIXER_TRY(unknown_from(v, path));
  return r;
}

JsonResult<Report> report_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"envelope", "content"}));
  Report rep;
  const std::string ep = join_path(path, "envelope");
  const json::Value& ev = *MIXER_TRY(required_member(v, "envelope", path));
  MIXER_XJSON_CHECK(expect_object(
      ev, ep, {"report-identifier", "report-destination-name", "trace-information", "extensions", "unknown-members"}));
  rep.envelope.report_identifier = MIXER_TRY(mts_identifier_from_json(
      *MIXER_TRY(required_member(ev, "report-identifier", ep)), join_path(ep, "report-identifier")));
  rep.envelope.report_destination_name = MIXER_TRY(name_member(ev, "report-destination-name", ep));
  rep.envelope.trace_information = MIXER_TRY(
      trace_from_json(*MIXER_TRY(required_member(ev, "trace-information", ep)), join_path(ep, "trace-information")));
  rep.envelope.extensions = MIXER_TRY(extensions_member(ev, ep));
  rep.envelope.unknown_members = MIXER_TRY(unknown_from(ev, ep));

  const std::string cp = join_path(path, "content");
  const json::Value& cv = *MIXER_TRY(required_member(v, "content", path));
  MIXER_XJSON_CHECK(expect_object(
      cv, cp,
      {"subject-identifier", "subject-intermediate-trace-information", "original-encoded-information-types",
       "content-type", "content-identifier", "returned-content", "additional-information", "extensions",
       "per-recipient-fields", "unknown-members"}));
  auto p = [&](std::string_view key) { return join_path(cp, key); };
  auto& c = rep.content;
  c.subject_identifier =
      MIXER_TRY(mts_identifier_from_json(*MIXER_TRY(required_member(cv, "subject-identifier", cp)), p("subject-identifier")));
  if (auto* x = optional_member(cv, "subject-intermediate-trace-information"))
    c.subject_intermediate_trace_information = MIXER_TRY(trace_from_json(*x, p("subject-intermediate-trace-information")));
  if (auto* x = optional_member(cv, "original-encoded-information-types"))
    c.original_encoded_information_types = MIXER_TRY(eits_from_json(*x, p("original-encoded-information-types")));
  if (auto* x = optional_member(cv, "content-type")) c.content_type = MIXER_TRY(content_type_from_json(*x, p("content-type")));
  if (auto* x = optional_member(cv, "content-identifier"))
    c.content_identifier = MIXER_TRY(read_restricted(*x, p("content-identifier"), ber::StringKind::printable));
  if (auto* x = optional_member(cv, "returned-content"))
    c.returned_content = MIXER_TRY(content_from_json(*x, p("returned-content")));
  if (auto* x = optional_member(cv, "additional-information"))
    c.additional_information = MIXER_TRY(read_ber_tlv(*x, p("additional-information")));
  c.extensions = MIXER_TRY(extensions_member(cv, cp));
  c.per_recipient_fields = MIXER_TRY(list_from_json<PerRecipientReportTransferFields>(
      *MIXER_TRY(required_member(cv, "per-recipient-fields", cp)), p("per-recipient-fields"), report_recipient_from));
  if (c.per_recipient_fields.empty()) return error(p("per-recipient-fields"), "X.411 requires at least one recipient");
  c.unknown_members = MIXER_TRY(unknown_from(cv, cp));
  return rep;
}

}  // namespace

JsonResult<MtsApdu> mts_apdu_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"message", "report", "probe"}));
  if (v.size() != 1) return error(path, "expected exactly one of \"message\", \"report\" and \"probe\"");
  if (auto* m = optional_member(v, "message")) return MtsApdu(MIXER_TRY(message_from(*m, join_path(path, "message"))));
  if (auto* r = optional_member(v, "report")) return MtsApdu(MIXER_TRY(report_from(*r, join_path(path, "report"))));
  return MtsApdu(MIXER_TRY(probe_from(*MIXER_TRY(required_member(v, "probe", path)), join_path(path, "probe"))));
}

}  // namespace mixer::x400::xjson
