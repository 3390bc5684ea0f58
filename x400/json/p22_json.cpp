// IPM heading, IPN and InformationObject <-> JSON; see p22_json.hpp.
#include "x400/json/p22_json.hpp"

#include <array>

#include "x400/asn/p22_extensions.hpp"
#include "x400/json/or_address_json.hpp"
#include "x400/json/p22_json_internal.hpp"

namespace mixer::x400::xjson {

using namespace p22;

namespace {

constexpr std::array<std::string_view, 5> kNotificationBits = {"rn", "nrn", "ipm-return", "an-supported",
                                                               "suppress-an"};
constexpr std::array<std::string_view, 3> kImportance = {"low", "normal", "high"};
constexpr std::array<std::string_view, 4> kSensitivity = {"", "personal", "private", "company-confidential"};
constexpr std::array<std::string_view, 3> kAutoSubmitted = {"not-auto-submitted", "auto-generated",
                                                            "auto-replied"};
constexpr std::array<std::string_view, 2> kNonReceiptReason = {"ipm-discarded", "ipm-auto-forwarded"};
constexpr std::array<std::string_view, 3> kDiscardReason = {"ipm-expired", "ipm-obsoleted",
                                                            "user-subscription-terminated"};
constexpr std::array<std::string_view, 2> kAckMode = {"manual", "automatic"};

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

// ---- to JSON ----

json::Value identifier_json(const IpmIdentifier& v) {
  json::Value o = json::Value::object();
  if (v.user) o.set("user", to_json(*v.user));
  o.set("user-relative-identifier", v.user_relative_identifier);
  return o;
}

json::Value descriptor_json(const OrDescriptor& v) {
  json::Value o = json::Value::object();
  if (v.formal_name) o.set("formal-name", to_json(*v.formal_name));
  if (v.free_form_name) o.set("free-form-name", octet_text(*v.free_form_name));
  if (v.telephone_number) o.set("telephone-number", *v.telephone_number);
  return o;
}

json::Value extension_json(const IpmsExtension& x) {
  json::Value o = json::Value::object();
  o.set("type", x.type.to_string());
  if (!x.value) return o;
  if (is_rfc822_field_list(x.type)) {
    if (auto list = decode_rfc822_field_list(*x.value); list.ok()) {
      json::Value a = json::Value::array();
      for (const auto& f : *list) a.push(octet_text(f));
      o.set("value", std::move(a));
      return o;
    }
  } else if (x.type == oids::kHexLanguages) {
    if (auto list = decode_languages(*x.value); list.ok()) {
      json::Value a = json::Value::array();
      for (const auto& f : *list) a.push(f);
      o.set("value", std::move(a));
      return o;
    }
  } else if (x.type == oids::kHexAutoSubmitted) {
    if (auto v = decode_auto_submitted(*x.value); v.ok()) {
      o.set("value", enum_value(static_cast<std::int64_t>(*v), kAutoSubmitted));
      return o;
    }
  }
  o.set("value", ber_tlv(*x.value));  // unknown type, or a value that does not decode: kept as is
  return o;
}

json::Value extensions_json(const std::vector<IpmsExtension>& list) {
  json::Value a = json::Value::array();
  for (const auto& x : list) a.push(extension_json(x));
  return a;
}

template <typename T, typename F>
json::Value list_json(const std::vector<T>& list, F&& one) {
  json::Value a = json::Value::array();
  for (const auto& x : list) a.push(one(x));
  return a;
}

json::Value recipient_json(const RecipientSpecifier& r) {
  json::Value o = json::Value::object();
  o.set("recipient", descriptor_json(r.recipient));
  if (r.notification_requests)
    o.set("notification-requests", named_bits(*r.notification_requests, kNotificationBits));
  if (r.reply_requested) o.set("reply-requested", *r.reply_requested);
  if (r.recipient_extensions) o.set("recipient-extensions", extensions_json(*r.recipient_extensions));
  return o;
}

json::Value heading_json(const Heading& h) {
  json::Value o = json::Value::object();
  o.set("this-IPM", identifier_json(h.this_ipm));
  if (h.originator) o.set("originator", descriptor_json(*h.originator));
  if (h.authorizing_users) o.set("authorizing-users", list_json(*h.authorizing_users, descriptor_json));
  if (!h.primary_recipients.empty())
    o.set("primary-recipients", list_json(h.primary_recipients, recipient_json));
  if (!h.copy_recipients.empty()) o.set("copy-recipients", list_json(h.copy_recipients, recipient_json));
  if (h.blind_copy_recipients)
    o.set("blind-copy-recipients", list_json(*h.blind_copy_recipients, recipient_json));
  if (h.replied_to_ipm) o.set("replied-to-IPM", identifier_json(*h.replied_to_ipm));
  if (!h.obsoleted_ipms.empty()) o.set("obsoleted-IPMs", list_json(h.obsoleted_ipms, identifier_json));
  if (!h.related_ipms.empty()) o.set("related-IPMs", list_json(h.related_ipms, identifier_json));
  if (h.subject) o.set("subject", octet_text(*h.subject));
  if (h.expiry_time) o.set("expiry-time", time_value(*h.expiry_time));
  if (h.reply_time) o.set("reply-time", time_value(*h.reply_time));
  if (h.reply_recipients) o.set("reply-recipients", list_json(*h.reply_recipients, descriptor_json));
  if (h.importance) o.set("importance", enum_value(static_cast<std::int64_t>(*h.importance), kImportance));
  if (h.sensitivity)
    o.set("sensitivity", enum_value(static_cast<std::int64_t>(*h.sensitivity), kSensitivity));
  if (h.auto_forwarded) o.set("auto-forwarded", *h.auto_forwarded);
  if (!h.extensions.empty()) o.set("extensions", extensions_json(h.extensions));
  return o;
}

// ---- from JSON ----

JsonResult<IpmIdentifier> identifier_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"user", "user-relative-identifier"}));
  IpmIdentifier id;
  if (auto* u = optional_member(v, "user"))
    id.user = MIXER_TRY(or_name_from_json(*u, join_path(path, "user")));
  const std::string p = join_path(path, "user-relative-identifier");
  id.user_relative_identifier = MIXER_TRY(read_restricted(
      *MIXER_TRY(required_member(v, "user-relative-identifier", path)), p, ber::StringKind::printable));
  return id;
}

JsonResult<OrDescriptor> descriptor_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"formal-name", "free-form-name", "telephone-number"}));
  OrDescriptor d;
  if (auto* f = optional_member(v, "formal-name"))
    d.formal_name = MIXER_TRY(or_name_from_json(*f, join_path(path, "formal-name")));
  if (auto* f = optional_member(v, "free-form-name"))
    d.free_form_name = MIXER_TRY(read_octet_text(*f, join_path(path, "free-form-name")));
  if (auto* t = optional_member(v, "telephone-number"))
    d.telephone_number =
        MIXER_TRY(read_restricted(*t, join_path(path, "telephone-number"), ber::StringKind::printable));
  return d;
}

JsonResult<std::vector<std::string>> strings_from(const json::Value& v, std::string_view path, bool octets) {
  const auto* arr = MIXER_TRY(read_array(v, path));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(octets ? MIXER_TRY(read_octet_text((*arr)[i], index_path(path, i)))
                         : MIXER_TRY(read_string((*arr)[i], index_path(path, i))));
  return out;
}

JsonResult<IpmsExtension> extension_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"type", "value"}));
  IpmsExtension x;
  x.type = MIXER_TRY(read_oid(*MIXER_TRY(required_member(v, "type", path)), join_path(path, "type")));
  const json::Value* value = optional_member(v, "value");
  if (!value) return x;
  const std::string vp = join_path(path, "value");
  if (value->is_object() && value->find("ber")) {
    x.value = MIXER_TRY(read_ber_tlv(*value, vp));
    return x;
  }
  auto typed = [&](ber::BerResult<IpmsExtension> r) -> JsonResult<IpmsExtension> {
    if (!r.ok()) return error(vp, r.error().message);
    r->type = x.type;  // keep the spelling given (either rfc-822-heading-list OID)
    return std::move(r).value();
  };
  if (is_rfc822_field_list(x.type))
    return typed(make_rfc822_field_list(MIXER_TRY(strings_from(*value, vp, true))));
  if (x.type == oids::kHexLanguages) return typed(make_languages(MIXER_TRY(strings_from(*value, vp, false))));
  if (x.type == oids::kHexAutoSubmitted)
    return typed(
        make_auto_submitted(static_cast<AutoSubmitted>(MIXER_TRY(read_enum(*value, vp, kAutoSubmitted)))));
  return error(vp, "expected {\"ber\": ...} for an extension of type " + x.type.to_string());
}

JsonResult<std::vector<IpmsExtension>> extensions_from(const json::Value& v, std::string_view path) {
  const auto* arr = MIXER_TRY(read_array(v, path));
  std::vector<IpmsExtension> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(MIXER_TRY(extension_from((*arr)[i], index_path(path, i))));
  return out;
}

template <typename T, typename F>
JsonResult<std::vector<T>> list_from(const json::Value& v, std::string_view path, F&& one) {
  const auto* arr = MIXER_TRY(read_array(v, path));
  std::vector<T> out;
  for (std::size_t i = 0; i < arr->size(); ++i) out.push_back(MIXER_TRY(one((*arr)[i], index_path(path, i))));
  return out;
}

JsonResult<RecipientSpecifier> recipient_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(
      v, path, {"recipient", "notification-requests", "reply-requested", "recipient-extensions"}));
  RecipientSpecifier r;
  r.recipient = MIXER_TRY(
      descriptor_from(*MIXER_TRY(required_member(v, "recipient", path)), join_path(path, "recipient")));
  if (auto* n = optional_member(v, "notification-requests"))
    r.notification_requests =
        MIXER_TRY(read_named_bits(*n, join_path(path, "notification-requests"), kNotificationBits));
  if (auto* b = optional_member(v, "reply-requested"))
    r.reply_requested = MIXER_TRY(read_bool(*b, join_path(path, "reply-requested")));
  if (auto* x = optional_member(v, "recipient-extensions"))
    r.recipient_extensions = MIXER_TRY(extensions_from(*x, join_path(path, "recipient-extensions")));
  return r;
}

JsonResult<Heading> heading_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(
      v, path,
      {"this-IPM", "originator", "authorizing-users", "primary-recipients", "copy-recipients",
       "blind-copy-recipients", "replied-to-IPM", "obsoleted-IPMs", "related-IPMs", "subject", "expiry-time",
       "reply-time", "reply-recipients", "importance", "sensitivity", "auto-forwarded", "extensions"}));
  Heading h;
  auto p = [&](std::string_view key) { return join_path(path, key); };
  h.this_ipm = MIXER_TRY(identifier_from(*MIXER_TRY(required_member(v, "this-IPM", path)), p("this-IPM")));
  if (auto* x = optional_member(v, "originator"))
    h.originator = MIXER_TRY(descriptor_from(*x, p("originator")));
  if (auto* x = optional_member(v, "authorizing-users"))
    h.authorizing_users = MIXER_TRY(list_from<OrDescriptor>(*x, p("authorizing-users"), descriptor_from));
  if (auto* x = optional_member(v, "primary-recipients"))
    h.primary_recipients =
        MIXER_TRY(list_from<RecipientSpecifier>(*x, p("primary-recipients"), recipient_from));
  if (auto* x = optional_member(v, "copy-recipients"))
    h.copy_recipients = MIXER_TRY(list_from<RecipientSpecifier>(*x, p("copy-recipients"), recipient_from));
  if (auto* x = optional_member(v, "blind-copy-recipients"))
    h.blind_copy_recipients =
        MIXER_TRY(list_from<RecipientSpecifier>(*x, p("blind-copy-recipients"), recipient_from));
  if (auto* x = optional_member(v, "replied-to-IPM"))
    h.replied_to_ipm = MIXER_TRY(identifier_from(*x, p("replied-to-IPM")));
  if (auto* x = optional_member(v, "obsoleted-IPMs"))
    h.obsoleted_ipms = MIXER_TRY(list_from<IpmIdentifier>(*x, p("obsoleted-IPMs"), identifier_from));
  if (auto* x = optional_member(v, "related-IPMs"))
    h.related_ipms = MIXER_TRY(list_from<IpmIdentifier>(*x, p("related-IPMs"), identifier_from));
  if (auto* x = optional_member(v, "subject")) h.subject = MIXER_TRY(read_octet_text(*x, p("subject")));
  if (auto* x = optional_member(v, "expiry-time"))
    h.expiry_time = MIXER_TRY(read_time(*x, p("expiry-time"), ber::TimeKind::utc_time));
  if (auto* x = optional_member(v, "reply-time"))
    h.reply_time = MIXER_TRY(read_time(*x, p("reply-time"), ber::TimeKind::utc_time));
  if (auto* x = optional_member(v, "reply-recipients"))
    h.reply_recipients = MIXER_TRY(list_from<OrDescriptor>(*x, p("reply-recipients"), descriptor_from));
  if (auto* x = optional_member(v, "importance")) {
    const auto i = MIXER_TRY(read_enum(*x, p("importance"), kImportance));
    if (i < 0 || i > 2) return error(p("importance"), "out of range low(0)..high(2)");
    h.importance = static_cast<Importance>(i);
  }
  if (auto* x = optional_member(v, "sensitivity")) {
    const auto s = MIXER_TRY(read_enum(*x, p("sensitivity"), kSensitivity));
    if (s < 1 || s > 3) return error(p("sensitivity"), "out of range personal(1)..company-confidential(3)");
    h.sensitivity = static_cast<Sensitivity>(s);
  }
  if (auto* x = optional_member(v, "auto-forwarded"))
    h.auto_forwarded = MIXER_TRY(read_bool(*x, p("auto-forwarded")));
  if (auto* x = optional_member(v, "extensions"))
    h.extensions = MIXER_TRY(extensions_from(*x, p("extensions")));
  return h;
}

JsonResult<std::optional<std::vector<IpmsExtension>>> optional_extensions(const json::Value& v,
                                                                          std::string_view key,
                                                                          std::string_view path) {
  if (auto* x = optional_member(v, key))
    return std::optional<std::vector<IpmsExtension>>{MIXER_TRY(extensions_from(*x, join_path(path, key)))};
  return std::optional<std::vector<IpmsExtension>>{};
}

}  // namespace

// ---- IPM ----

json::Value to_json(const Ipm& v) {
  json::Value o = json::Value::object();
  o.set("heading", heading_json(v.heading));
  json::Value body = json::Value::array();
  for (const auto& part : v.body) body.push(detail::body_part_to_json(part));
  o.set("body", std::move(body));
  return o;
}

JsonResult<Ipm> ipm_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"heading", "body"}));
  Ipm ipm;
  ipm.heading =
      MIXER_TRY(heading_from(*MIXER_TRY(required_member(v, "heading", path)), join_path(path, "heading")));
  const std::string bp = join_path(path, "body");
  const auto* arr = MIXER_TRY(read_array(*MIXER_TRY(required_member(v, "body", path)), bp));
  for (std::size_t i = 0; i < arr->size(); ++i)
    ipm.body.push_back(MIXER_TRY(detail::body_part_from_json((*arr)[i], index_path(bp, i))));
  return ipm;
}

// ---- IPN ----

json::Value to_json(const Ipn& v) {
  json::Value o = json::Value::object();
  o.set("subject-ipm", identifier_json(v.subject_ipm));
  if (v.ipn_originator) o.set("ipn-originator", descriptor_json(*v.ipn_originator));
  if (v.ipm_intended_recipient) o.set("ipm-intended-recipient", descriptor_json(*v.ipm_intended_recipient));
  if (v.conversion_eits) o.set("conversion-eits", ber_tlv(*v.conversion_eits));
  if (v.notification_extensions)
    o.set("notification-extensions", extensions_json(*v.notification_extensions));
  json::Value choice = json::Value::object();
  if (const auto* n = std::get_if<NonReceiptFields>(&v.choice)) {
    json::Value f = json::Value::object();
    f.set("non-receipt-reason", enum_value(n->non_receipt_reason, kNonReceiptReason));
    if (n->discard_reason) f.set("discard-reason", enum_value(*n->discard_reason, kDiscardReason));
    if (n->auto_forward_comment) f.set("auto-forward-comment", *n->auto_forward_comment);
    if (n->returned_ipm) f.set("returned-ipm", to_json(**n->returned_ipm));
    if (n->nrn_extensions) f.set("nrn-extensions", extensions_json(*n->nrn_extensions));
    choice.set("non-receipt-fields", std::move(f));
  } else if (const auto* r = std::get_if<ReceiptFields>(&v.choice)) {
    json::Value f = json::Value::object();
    f.set("receipt-time", time_value(r->receipt_time));
    if (r->acknowledgment_mode) f.set("acknowledgment-mode", enum_value(*r->acknowledgment_mode, kAckMode));
    if (r->suppl_receipt_info) f.set("suppl-receipt-info", *r->suppl_receipt_info);
    if (r->rn_extensions) f.set("rn-extensions", extensions_json(*r->rn_extensions));
    choice.set("receipt-fields", std::move(f));
  } else {
    choice.set("other-notification-type-fields",
               extensions_json(std::get<OtherNotificationTypeFields>(v.choice).extensions));
  }
  o.set("choice", std::move(choice));
  return o;
}

JsonResult<Ipn> ipn_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path,
                                  {"subject-ipm", "ipn-originator", "ipm-intended-recipient",
                                   "conversion-eits", "notification-extensions", "choice"}));
  Ipn n;
  auto p = [&](std::string_view key) { return join_path(path, key); };
  n.subject_ipm =
      MIXER_TRY(identifier_from(*MIXER_TRY(required_member(v, "subject-ipm", path)), p("subject-ipm")));
  if (auto* x = optional_member(v, "ipn-originator"))
    n.ipn_originator = MIXER_TRY(descriptor_from(*x, p("ipn-originator")));
  if (auto* x = optional_member(v, "ipm-intended-recipient"))
    n.ipm_intended_recipient = MIXER_TRY(descriptor_from(*x, p("ipm-intended-recipient")));
  if (auto* x = optional_member(v, "conversion-eits"))
    n.conversion_eits = MIXER_TRY(read_ber_tlv(*x, p("conversion-eits")));
  n.notification_extensions = MIXER_TRY(optional_extensions(v, "notification-extensions", path));
  const json::Value& c = *MIXER_TRY(required_member(v, "choice", path));
  const std::string cp = p("choice");
  MIXER_XJSON_CHECK(
      expect_object(c, cp, {"non-receipt-fields", "receipt-fields", "other-notification-type-fields"}));
  if (c.size() != 1) return error(cp, "expected exactly one alternative");
  if (auto* f = optional_member(c, "non-receipt-fields")) {
    const std::string fp = join_path(cp, "non-receipt-fields");
    MIXER_XJSON_CHECK(expect_object(
        *f, fp,
        {"non-receipt-reason", "discard-reason", "auto-forward-comment", "returned-ipm", "nrn-extensions"}));
    NonReceiptFields nr;
    nr.non_receipt_reason = MIXER_TRY(read_enum(*MIXER_TRY(required_member(*f, "non-receipt-reason", fp)),
                                                join_path(fp, "non-receipt-reason"), kNonReceiptReason));
    if (auto* x = optional_member(*f, "discard-reason"))
      nr.discard_reason = MIXER_TRY(read_enum(*x, join_path(fp, "discard-reason"), kDiscardReason));
    if (auto* x = optional_member(*f, "auto-forward-comment"))
      nr.auto_forward_comment =
          MIXER_TRY(read_restricted(*x, join_path(fp, "auto-forward-comment"), ber::StringKind::printable));
    if (auto* x = optional_member(*f, "returned-ipm"))
      nr.returned_ipm = Box<Ipm>(MIXER_TRY(ipm_from_json(*x, join_path(fp, "returned-ipm"))));
    nr.nrn_extensions = MIXER_TRY(optional_extensions(*f, "nrn-extensions", fp));
    n.choice = std::move(nr);
  } else if (auto* r = optional_member(c, "receipt-fields")) {
    const std::string fp = join_path(cp, "receipt-fields");
    MIXER_XJSON_CHECK(expect_object(
        *r, fp, {"receipt-time", "acknowledgment-mode", "suppl-receipt-info", "rn-extensions"}));
    ReceiptFields rf;
    rf.receipt_time = MIXER_TRY(read_time(*MIXER_TRY(required_member(*r, "receipt-time", fp)),
                                          join_path(fp, "receipt-time"), ber::TimeKind::utc_time));
    if (auto* x = optional_member(*r, "acknowledgment-mode"))
      rf.acknowledgment_mode = MIXER_TRY(read_enum(*x, join_path(fp, "acknowledgment-mode"), kAckMode));
    if (auto* x = optional_member(*r, "suppl-receipt-info"))
      rf.suppl_receipt_info =
          MIXER_TRY(read_restricted(*x, join_path(fp, "suppl-receipt-info"), ber::StringKind::printable));
    rf.rn_extensions = MIXER_TRY(optional_extensions(*r, "rn-extensions", fp));
    n.choice = std::move(rf);
  } else {
    const json::Value& o = *MIXER_TRY(required_member(c, "other-notification-type-fields", cp));
    n.choice = OtherNotificationTypeFields{
        MIXER_TRY(extensions_from(o, join_path(cp, "other-notification-type-fields")))};
  }
  return n;
}

// ---- InformationObject ----

json::Value to_json(const InformationObject& v) {
  json::Value o = json::Value::object();
  if (const auto* ipm = std::get_if<Ipm>(&v))
    o.set("ipm", to_json(*ipm));
  else
    o.set("ipn", to_json(std::get<Ipn>(v)));
  return o;
}

JsonResult<InformationObject> information_object_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"ipm", "ipn"}));
  if (v.size() != 1) return error(path, "expected exactly one of \"ipm\" and \"ipn\"");
  if (auto* ipm = optional_member(v, "ipm"))
    return InformationObject(MIXER_TRY(ipm_from_json(*ipm, join_path(path, "ipm"))));
  return InformationObject(
      MIXER_TRY(ipn_from_json(*MIXER_TRY(required_member(v, "ipn", path)), join_path(path, "ipn"))));
}

}  // namespace mixer::x400::xjson
