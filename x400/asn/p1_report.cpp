// ReportTransferEnvelope / ReportTransferContent (X.411 12.2.2,
// MTAAbstractService) and the NonDelivery reason / diagnostic names.
#include "x400/asn/or_address_codec.hpp"
#include "x400/asn/p1_codec_internal.hpp"

namespace mixer::x400::asn {

std::string to_string(NonDeliveryReason r) {
  static constexpr const char* kNames[] = {"transfer-failure",
                                           "unable-to-transfer",
                                           "conversion-not-performed",
                                           "physical-rendition-not-performed",
                                           "physical-delivery-not-performed",
                                           "restricted-delivery",
                                           "directory-operation-unsuccessful",
                                           "deferred-delivery-not-performed",
                                           "transfer-failure-for-security-reason"};
  const auto v = static_cast<std::int64_t>(r);
  if (v >= 0 && v <= kMaxNamedReason) return kNames[v];
  return "reason-code-" + std::to_string(v);
}

std::string to_string(NonDeliveryDiagnostic d) {
  static constexpr const char* kNames[] = {
      "unrecognised-OR-name", "ambiguous-OR-name", "mts-congestion", "loop-detected", "recipient-unavailable",
      "maximum-time-expired", "encoded-information-types-unsupported", "content-too-long",
      "conversion-impractical", "implicit-conversion-prohibited", "implicit-conversion-not-subscribed",
      "invalid-arguments", "content-syntax-error", "size-constraint-violation", "protocol-violation",
      "content-type-not-supported", "too-many-recipients", "no-bilateral-agreement",
      "unsupported-critical-function", "conversion-with-loss-prohibited", "line-too-long", "page-split",
      "pictorial-symbol-loss", "punctuation-symbol-loss", "alphabetic-character-loss",
      "multiple-information-loss", "recipient-reassignment-prohibited", "redirection-loop-detected",
      "dl-expansion-prohibited", "no-dl-submit-permission", "dl-expansion-failure",
      "physical-rendition-attributes-not-supported", "undeliverable-mail-physical-delivery-address-incorrect",
      "undeliverable-mail-physical-delivery-office-incorrect-or-invalid",
      "undeliverable-mail-physical-delivery-address-incomplete", "undeliverable-mail-recipient-unknown",
      "undeliverable-mail-recipient-deceased", "undeliverable-mail-organization-expired",
      "undeliverable-mail-recipient-refused-to-accept", "undeliverable-mail-recipient-did-not-claim",
      "undeliverable-mail-recipient-changed-address-permanently",
      "undeliverable-mail-recipient-changed-address-temporarily",
      "undeliverable-mail-recipient-changed-temporary-address", "undeliverable-mail-new-address-unknown",
      "undeliverable-mail-recipient-did-not-want-forwarding",
      "undeliverable-mail-originator-prohibited-forwarding", "secure-messaging-error", "unable-to-downgrade",
      "unable-to-complete-transfer", "transfer-attempts-limit-reached", "incorrect-notification-type",
      "dl-expansion-prohibited-by-security-policy", "forbidden-alternate-recipient", "security-policy-violation",
      "security-services-refusal", "unauthorised-dl-member", "unauthorised-dl-name",
      "unauthorised-originally-intended-recipient-name", "unauthorised-originator-name",
      "unauthorised-recipient-name", "unreliable-system", "authentication-failure-on-subject-message",
      "decryption-failed", "decryption-key-unobtainable", "double-envelope-creation-failure",
      "double-enveloping-message-restoring-failure", "failure-of-proof-of-message",
      "integrity-failure-on-subject-message", "invalid-security-label", "key-failure",
      "mandatory-parameter-absence", "operation-security-failure", "repudiation-failure-of-message",
      "security-context-failure", "token-decryption-failed", "token-error", "unknown-security-label",
      "unsupported-algorithm-identifier", "unsupported-security-policy"};
  static_assert(std::size(kNames) == kMaxNamedDiagnostic + 1);
  const auto v = static_cast<std::int64_t>(d);
  if (v >= 0 && v <= kMaxNamedDiagnostic) return kNames[v];
  return "diagnostic-code-" + std::to_string(v);
}

namespace detail {

using namespace ber;  // NOLINT: codec file

namespace {

BerStatus once(bool& seen, const Element& c) {
  if (seen) return fail(unexpected(c.offset, "SET member " + c.tag.to_string() + " appears twice"));
  seen = true;
  return Ok{};
}

BerStatus require(bool seen, const Element& e, const char* field) {
  if (!seen) return fail(within(unexpected(e.offset, std::string("missing mandatory member ") + field), field));
  return Ok{};
}

BerResult<LastTraceInformation> read_last_trace(const Element& e) {
  LastTraceInformation l;
  bool seen_time = false, seen_type = false, seen_eits = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == context(0)) {
      MIXER_BER_CHECK("arrival-time", once(seen_time, c));
      l.arrival_time = MIXER_BER_FIELD("arrival-time", decode_p1_time(c));
    } else if (c.tag == application(5)) {
      MIXER_BER_CHECK("converted-encoded-information-types", once(seen_eits, c));
      l.converted_encoded_information_types = MIXER_BER_FIELD("converted-encoded-information-types", decode_eits(c));
    } else if (c.tag == context(1)) {
      MIXER_BER_CHECK("report-type", once(seen_type, c));
      auto rr = MIXER_BER_FIELD("report-type", c.children());
      auto alt = MIXER_BER_FIELD("report-type", rr.next());
      MIXER_BER_CHECK("report-type", rr.finish());
      auto fields = MIXER_BER_FIELD("report-type", alt.children());
      if (alt.tag == context(0)) {
        DeliveryReport d;
        bool seen_dt = false, seen_user = false;
        while (!fields.empty()) {
          auto f = MIXER_BER_FIELD("report-type.delivery", fields.next());
          if (f.tag == context(0)) {
            MIXER_BER_CHECK("report-type.delivery.message-delivery-time", once(seen_dt, f));
            d.message_delivery_time = MIXER_BER_FIELD("report-type.delivery.message-delivery-time", decode_p1_time(f));
          } else if (f.tag == context(1)) {
            MIXER_BER_CHECK("report-type.delivery.type-of-MTS-user", once(seen_user, f));
            d.type_of_mts_user =
                static_cast<TypeOfMtsUser>(MIXER_BER_FIELD("report-type.delivery.type-of-MTS-user", read_integer(f)));
          } else {
            return fail(within(unexpected(f.offset, "unexpected member " + f.tag.to_string()), "report-type.delivery"));
          }
        }
        if (!seen_dt)
          return fail(within(unexpected(alt.offset, "missing message-delivery-time [0]"), "report-type.delivery"));
        l.report_type = d;
      } else if (alt.tag == context(1)) {
        NonDeliveryReport n;
        bool seen_reason = false, seen_diag = false;
        while (!fields.empty()) {
          auto f = MIXER_BER_FIELD("report-type.non-delivery", fields.next());
          if (f.tag == context(0)) {
            MIXER_BER_CHECK("report-type.non-delivery.non-delivery-reason-code", once(seen_reason, f));
            n.reason = static_cast<NonDeliveryReason>(
                MIXER_BER_FIELD("report-type.non-delivery.non-delivery-reason-code", read_integer(f)));
          } else if (f.tag == context(1)) {
            MIXER_BER_CHECK("report-type.non-delivery.non-delivery-diagnostic-code", once(seen_diag, f));
            n.diagnostic = static_cast<NonDeliveryDiagnostic>(
                MIXER_BER_FIELD("report-type.non-delivery.non-delivery-diagnostic-code", read_integer(f)));
          } else {
            return fail(
                within(unexpected(f.offset, "unexpected member " + f.tag.to_string()), "report-type.non-delivery"));
          }
        }
        if (!seen_reason)
          return fail(within(unexpected(alt.offset, "missing non-delivery-reason-code [0]"), "report-type.non-delivery"));
        l.report_type = n;
      } else {
        return fail(within(unexpected(alt.offset, "expected delivery [0] or non-delivery [1]"), "report-type"));
      }
    } else {
      return fail(unexpected(c.offset, "unexpected member " + c.tag.to_string()));
    }
  }
  MIXER_BER_OK(require(seen_time, e, "arrival-time"));
  MIXER_BER_OK(require(seen_type, e, "report-type"));
  return l;
}

void write_last_trace(Writer& w, const LastTraceInformation& l) {
  auto m = w.begin(context(3));
  w.time(l.arrival_time, context(0));
  if (l.converted_encoded_information_types) encode_eits(w, *l.converted_encoded_information_types);
  auto rt = w.begin(context(1));
  if (const auto* d = std::get_if<DeliveryReport>(&l.report_type)) {
    auto s = w.begin(context(0));
    w.time(d->message_delivery_time, context(0));
    if (d->type_of_mts_user != TypeOfMtsUser::public_) w.integer(static_cast<std::int64_t>(d->type_of_mts_user), context(1));
    w.end(s);
  } else {
    const auto& n = std::get<NonDeliveryReport>(l.report_type);
    auto s = w.begin(context(1));
    w.integer(static_cast<std::int64_t>(n.reason), context(0));
    if (n.diagnostic) w.integer(static_cast<std::int64_t>(*n.diagnostic), context(1));
    w.end(s);
  }
  w.end(rt);
  w.end(m);
}

BerResult<PerRecipientReportTransferFields> read_report_recipient(const Element& e) {
  if (e.tag != tags::kSet) return fail(unexpected(e.offset, "expected per-recipient SET, found " + e.tag.to_string()));
  PerRecipientReportTransferFields p;
  bool seen[7] = {};
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag.cls != TagClass::context || c.tag.number > 6) {
      p.unknown_members.push_back(raw(c));
      continue;
    }
    static constexpr const char* kField[] = {"actual-recipient-name", "originally-specified-recipient-number",
                                             "per-recipient-indicators", "last-trace-information",
                                             "originally-intended-recipient-name", "supplementary-information",
                                             "extensions"};
    const auto n = c.tag.number;
    MIXER_BER_CHECK(kField[n], once(seen[n], c));
    switch (n) {
      case 0: p.actual_recipient_name = MIXER_BER_FIELD(kField[n], read_or_name(c)); break;
      case 1: p.originally_specified_recipient_number = MIXER_BER_FIELD(kField[n], read_integer(c)); break;
      case 2: p.per_recipient_indicators = at_least_8_bits(MIXER_BER_FIELD(kField[n], read_bit_string(c))); break;
      case 3: p.last_trace_information = MIXER_BER_FIELD(kField[n], read_last_trace(c)); break;
      case 4: p.originally_intended_recipient_name = MIXER_BER_FIELD(kField[n], read_or_name(c)); break;
      case 5: p.supplementary_information = MIXER_BER_FIELD(kField[n], read_string(c, StringKind::printable)); break;
      default: p.extensions = MIXER_BER_FIELD(kField[n], decode_extensions(c)); break;
    }
  }
  MIXER_BER_OK(require(seen[0], e, "actual-recipient-name"));
  MIXER_BER_OK(require(seen[1], e, "originally-specified-recipient-number"));
  MIXER_BER_OK(require(seen[2], e, "per-recipient-indicators"));
  MIXER_BER_OK(require(seen[3], e, "last-trace-information"));
  return p;
}

void write_report_recipient(Writer& w, const PerRecipientReportTransferFields& p) {
  auto m = w.begin(tags::kSet);
  encode_or_name(w, p.actual_recipient_name, context(0));
  w.integer(p.originally_specified_recipient_number, context(1));
  w.bit_string(at_least_8_bits(p.per_recipient_indicators), context(2));
  write_last_trace(w, p.last_trace_information);
  if (p.originally_intended_recipient_name) encode_or_name(w, *p.originally_intended_recipient_name, context(4));
  if (p.supplementary_information) w.string(*p.supplementary_information, StringKind::printable, context(5));
  encode_extensions(w, p.extensions, context(6));
  for (const auto& u : p.unknown_members) w.raw(u);
  w.end(m);
}

}  // namespace

BerResult<ReportTransferEnvelope> decode_report_envelope(const Element& e) {
  ReportTransferEnvelope env;
  bool seen_id = false, seen_dest = false, seen_trace = false, seen_ext = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == application(4)) {
      MIXER_BER_CHECK("report-identifier", once(seen_id, c));
      env.report_identifier = MIXER_BER_FIELD("report-identifier", decode_mts_identifier(c));
    } else if (c.tag == application(0)) {
      MIXER_BER_CHECK("report-destination-name", once(seen_dest, c));
      env.report_destination_name = MIXER_BER_FIELD("report-destination-name", read_or_name(c));
    } else if (c.tag == application(9)) {
      MIXER_BER_CHECK("trace-information", once(seen_trace, c));
      env.trace_information = MIXER_BER_FIELD("trace-information", decode_trace_information(c));
    } else if (c.tag == context(1)) {
      MIXER_BER_CHECK("extensions", once(seen_ext, c));
      env.extensions = MIXER_BER_FIELD("extensions", decode_extensions(c));
    } else {
      env.unknown_members.push_back(raw(c));
    }
  }
  MIXER_BER_OK(require(seen_id, e, "report-identifier"));
  MIXER_BER_OK(require(seen_dest, e, "report-destination-name"));
  MIXER_BER_OK(require(seen_trace, e, "trace-information"));
  return env;
}

void encode_report_envelope(Writer& w, const ReportTransferEnvelope& v) {
  auto m = w.begin(tags::kSet);
  encode_mts_identifier(w, v.report_identifier);
  encode_or_name(w, v.report_destination_name);
  encode_trace_information(w, v.trace_information);
  encode_extensions(w, v.extensions, context(1));
  for (const auto& u : v.unknown_members) w.raw(u);
  w.end(m);
}

BerResult<ReportTransferContent> decode_report_content(const Element& e, const ContentOwner& owner) {
  ReportTransferContent rc;
  bool seen_id = false, seen_trace = false, seen_eits = false, seen_ct = false, seen_cid = false, seen_ret = false,
       seen_add = false, seen_ext = false, seen_prf = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == application(4)) {
      MIXER_BER_CHECK("subject-identifier", once(seen_id, c));
      rc.subject_identifier = MIXER_BER_FIELD("subject-identifier", decode_mts_identifier(c));
    } else if (c.tag == application(9)) {
      MIXER_BER_CHECK("subject-intermediate-trace-information", once(seen_trace, c));
      rc.subject_intermediate_trace_information =
          MIXER_BER_FIELD("subject-intermediate-trace-information", decode_trace_information(c));
    } else if (c.tag == application(5)) {
      MIXER_BER_CHECK("original-encoded-information-types", once(seen_eits, c));
      rc.original_encoded_information_types = MIXER_BER_FIELD("original-encoded-information-types", decode_eits(c));
    } else if (auto ct = try_decode_content_type(c)) {
      MIXER_BER_CHECK("content-type", once(seen_ct, c));
      if (!ct->ok()) return fail(within(std::move(*ct).error(), "content-type"));
      rc.content_type = std::move(**ct);
    } else if (c.tag == application(10)) {
      MIXER_BER_CHECK("content-identifier", once(seen_cid, c));
      rc.content_identifier = MIXER_BER_FIELD("content-identifier", read_string(c, StringKind::printable));
    } else if (c.tag == context(1)) {
      MIXER_BER_CHECK("returned-content", once(seen_ret, c));
      rc.returned_content = MIXER_BER_FIELD("returned-content", owner.content(c));
    } else if (c.tag == context(2)) {
      MIXER_BER_CHECK("additional-information", once(seen_add, c));
      rc.additional_information = raw(c);
    } else if (c.tag == context(3)) {
      MIXER_BER_CHECK("extensions", once(seen_ext, c));
      rc.extensions = MIXER_BER_FIELD("extensions", decode_extensions(c));
    } else if (c.tag == context(0)) {
      MIXER_BER_CHECK("per-recipient-fields", once(seen_prf, c));
      auto pr = MIXER_BER_FIELD("per-recipient-fields", c.children());
      while (!pr.empty()) {
        auto one = [&]() -> BerResult<PerRecipientReportTransferFields> {
          return read_report_recipient(MIXER_TRY(pr.next()));
        }();
        if (!one.ok())
          return fail(within(within_index(std::move(one).error(), rc.per_recipient_fields.size()), "per-recipient-fields"));
        rc.per_recipient_fields.push_back(std::move(*one));
      }
      if (rc.per_recipient_fields.empty())
        return fail(within(unexpected(c.offset, "needs at least one recipient"), "per-recipient-fields"));
    } else {
      rc.unknown_members.push_back(raw(c));
    }
  }
  MIXER_BER_OK(require(seen_id, e, "subject-identifier"));
  MIXER_BER_OK(require(seen_prf, e, "per-recipient-fields"));
  return rc;
}

void encode_report_content(Writer& w, const ReportTransferContent& v) {
  auto m = w.begin(tags::kSet);
  encode_mts_identifier(w, v.subject_identifier);
  if (v.subject_intermediate_trace_information) encode_trace_information(w, *v.subject_intermediate_trace_information);
  if (v.original_encoded_information_types) encode_eits(w, *v.original_encoded_information_types);
  if (v.content_type) encode_content_type(w, *v.content_type);
  if (v.content_identifier) w.string(*v.content_identifier, StringKind::printable, application(10));
  if (v.returned_content) w.octets(v.returned_content->bytes(), context(1));
  if (v.additional_information) w.raw(*v.additional_information);
  encode_extensions(w, v.extensions, context(3));
  auto prf = w.begin(context(0));
  for (const auto& p : v.per_recipient_fields) write_report_recipient(w, p);
  w.end(prf);
  for (const auto& u : v.unknown_members) w.raw(u);
  w.end(m);
}

}  // namespace detail
}  // namespace mixer::x400::asn
