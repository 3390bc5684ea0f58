// MTS-APDU <-> JSON; see p1_json.hpp.
#include "x400/json/p1_json.hpp"

#include <array>

#include "x400/asn/p22_codec.hpp"
#include "x400/json/or_address_json.hpp"
#include "x400/json/p1_common_json.hpp"
#include "x400/json/p1_json_internal.hpp"
#include "x400/json/p22_json.hpp"

namespace mixer::x400::xjson {

using namespace asn;

namespace {

using namespace detail;

// ---- Content ----

json::Value content_json(const SharedBytes& content, const std::optional<ContentType>& type) {
  json::Value o = hex_bytes(content.bytes());
  if (type && !type->extended &&
      (type->built_in == ContentType::kInterpersonalMessaging1984 ||
       type->built_in == ContentType::kInterpersonalMessaging1988)) {
    auto io = p22::decode_information_object(content.bytes());
    if (io.ok())
      o.set("information-object", to_json(*io));
    else
      o.set("information-object-error", io.error().to_string());
  }
  return o;
}

}  // namespace

JsonResult<SharedBytes> detail::content_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"hex", "information-object", "information-object-error"}));
  const json::Value* hex = optional_member(v, "hex");
  const json::Value* io = optional_member(v, "information-object");
  const std::string iop = join_path(path, "information-object");
  if (hex) {
    json::Value only_hex = json::Value::object();
    only_hex.set("hex", *hex);
    auto bytes = MIXER_TRY(read_hex_bytes(only_hex, path));
    if (io) {
      // Keep the octets as given (they may be valid non-canonical BER), but
      // refuse a decoded view that no longer says the same thing.
      auto decoded = p22::decode_information_object(ber::Bytes(bytes));
      if (!decoded.ok() || !(to_json(*decoded) == *io))
        return error(iop, "disagrees with \"hex\" (edit one of them and remove the other)");
    }
    return SharedBytes::adopt(std::move(bytes));
  }
  if (!io) return error(path, "expected \"hex\" or \"information-object\"");
  auto value = MIXER_TRY(information_object_from_json(*io, iop));
  auto ber = p22::encode_information_object(value);
  if (!ber.ok()) return error(iop, ber.error().to_string());
  return SharedBytes::adopt(std::move(ber).value());
}

namespace {

// ---- envelopes: to JSON ----

void set_extensions(json::Value& o, std::string_view key, const Extensions& x) {
  if (!x.empty()) o.set(std::string(key), to_json(x));
}
void set_unknown(json::Value& o, const std::vector<RawBer>& u) {
  if (!u.empty()) o.set("unknown-members", raw_list_json(u));
}

json::Value per_recipient_json(const PerRecipientTransferFields& r) {
  json::Value o = json::Value::object();
  o.set("recipient-name", to_json(r.recipient_name));
  o.set("originally-specified-recipient-number", static_cast<long long>(r.originally_specified_recipient_number));
  o.set("per-recipient-indicators",
        flags_json(r.per_recipient_indicators, kPerRecipientIndicators, kPerRecipientIndicatorBits));
  if (r.explicit_conversion) o.set("explicit-conversion", enum_value(*r.explicit_conversion, kExplicitConversion));
  set_extensions(o, "extensions", r.extensions);
  set_unknown(o, r.unknown_members);
  return o;
}

// The members MessageTransferEnvelope and ProbeTransferEnvelope share, in X.411 order.
template <typename Env>
void common_envelope_json(json::Value& o, const Env& e) {
  o.set("originator-name", to_json(e.originator_name));
  if (e.original_encoded_information_types)
    o.set("original-encoded-information-types", to_json(*e.original_encoded_information_types));
  o.set("content-type", to_json(e.content_type));
  if (e.content_identifier) o.set("content-identifier", *e.content_identifier);
}

template <typename Env>
void tail_envelope_json(json::Value& o, const Env& e) {
  if (!e.per_domain_bilateral_information.empty())
    o.set("per-domain-bilateral-information",
          list_to_json(e.per_domain_bilateral_information,
                       [](const PerDomainBilateralInformation& b) { return to_json(b); }));
  o.set("trace-information", to_json(e.trace_information));
  set_extensions(o, "extensions", e.extensions);
  o.set("per-recipient-fields", list_to_json(e.per_recipient_fields, per_recipient_json));
  set_unknown(o, e.unknown_members);
}

json::Value message_json(const Message& m) {
  const auto& e = m.envelope;
  json::Value env = json::Value::object();
  env.set("message-identifier", to_json(e.message_identifier));
  common_envelope_json(env, e);
  if (e.priority) env.set("priority", enum_value(static_cast<std::int64_t>(*e.priority), kPriority));
  if (e.per_message_indicators.bit_count > 0)
    env.set("per-message-indicators", flags_json(e.per_message_indicators, kPerMessageIndicators));
  if (e.deferred_delivery_time) env.set("deferred-delivery-time", time_value(*e.deferred_delivery_time));
  tail_envelope_json(env, e);
  json::Value o = json::Value::object();
  o.set("envelope", std::move(env));
  o.set("content", content_json(m.content, e.content_type));
  return o;
}

json::Value probe_json(const Probe& p) {
  const auto& e = p.envelope;
  json::Value o = json::Value::object();
  o.set("probe-identifier", to_json(e.probe_identifier));
  common_envelope_json(o, e);
  if (e.content_length) o.set("content-length", static_cast<long long>(*e.content_length));
  if (e.per_message_indicators.bit_count > 0)
    o.set("per-message-indicators", flags_json(e.per_message_indicators, kPerMessageIndicators));
  tail_envelope_json(o, e);
  return o;
}

json::Value last_trace_json(const LastTraceInformation& t) {
  json::Value o = json::Value::object();
  o.set("arrival-time", time_value(t.arrival_time));
  if (t.converted_encoded_information_types)
    o.set("converted-encoded-information-types", to_json(*t.converted_encoded_information_types));
  json::Value type = json::Value::object();
  if (const auto* d = std::get_if<DeliveryReport>(&t.report_type)) {
    json::Value r = json::Value::object();
    r.set("message-delivery-time", time_value(d->message_delivery_time));
    if (d->type_of_mts_user != TypeOfMtsUser::public_)
      r.set("type-of-MTS-user", enum_value(static_cast<std::int64_t>(d->type_of_mts_user), kTypeOfMtsUser));
    type.set("delivery", std::move(r));
  } else {
    const auto& n = std::get<NonDeliveryReport>(t.report_type);
    json::Value r = json::Value::object();
    r.set("non-delivery-reason-code", code_json(n.reason, kMaxNamedReason));
    if (n.diagnostic) r.set("non-delivery-diagnostic-code", code_json(*n.diagnostic, kMaxNamedDiagnostic));
    type.set("non-delivery", std::move(r));
  }
  o.set("report-type", std::move(type));
  return o;
}

json::Value report_recipient_json(const PerRecipientReportTransferFields& r) {
  json::Value o = json::Value::object();
  o.set("actual-recipient-name", to_json(r.actual_recipient_name));
  o.set("originally-specified-recipient-number", static_cast<long long>(r.originally_specified_recipient_number));
  o.set("per-recipient-indicators",
        flags_json(r.per_recipient_indicators, kPerRecipientIndicators, kPerRecipientIndicatorBits));
  o.set("last-trace-information", last_trace_json(r.last_trace_information));
  if (r.originally_intended_recipient_name)
    o.set("originally-intended-recipient-name", to_json(*r.originally_intended_recipient_name));
  if (r.supplementary_information) o.set("supplementary-information", *r.supplementary_information);
  set_extensions(o, "extensions", r.extensions);
  set_unknown(o, r.unknown_members);
  return o;
}

json::Value report_json(const Report& rep) {
  json::Value env = json::Value::object();
  env.set("report-identifier", to_json(rep.envelope.report_identifier));
  env.set("report-destination-name", to_json(rep.envelope.report_destination_name));
  env.set("trace-information", to_json(rep.envelope.trace_information));
  set_extensions(env, "extensions", rep.envelope.extensions);
  set_unknown(env, rep.envelope.unknown_members);

  const auto& c = rep.content;
  json::Value con = json::Value::object();
  con.set("subject-identifier", to_json(c.subject_identifier));
  if (c.subject_intermediate_trace_information)
    con.set("subject-intermediate-trace-information", to_json(*c.subject_intermediate_trace_information));
  if (c.original_encoded_information_types)
    con.set("original-encoded-information-types", to_json(*c.original_encoded_information_types));
  if (c.content_type) con.set("content-type", to_json(*c.content_type));
  if (c.content_identifier) con.set("content-identifier", *c.content_identifier);
  if (c.returned_content) con.set("returned-content", content_json(*c.returned_content, c.content_type));
  if (c.additional_information) con.set("additional-information", ber_tlv(*c.additional_information));
  set_extensions(con, "extensions", c.extensions);
  con.set("per-recipient-fields", list_to_json(c.per_recipient_fields, report_recipient_json));
  set_unknown(con, c.unknown_members);

  json::Value o = json::Value::object();
  o.set("envelope", std::move(env));
  o.set("content", std::move(con));
  return o;
}

}  // namespace

json::Value to_json(const MtsApdu& v) {
  json::Value o = json::Value::object();
  if (const auto* m = std::get_if<Message>(&v))
    o.set("message", message_json(*m));
  else if (const auto* r = std::get_if<Report>(&v))
    o.set("report", report_json(*r));
  else
    o.set("probe", probe_json(std::get<Probe>(v)));
  return o;
}

}  // namespace mixer::x400::xjson
