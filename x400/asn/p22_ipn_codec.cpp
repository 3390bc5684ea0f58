// X.420 IPN (X.420 (1999) 8, Annex A), the InformationObject CHOICE and the
// public entry points of p22_codec.hpp.
#include <string>

#include "x400/asn/or_address_codec.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_codec_internal.hpp"

namespace mixer::x400::p22 {

using ber::BerResult;
using ber::context;
using ber::Element;
using ber::StringKind;
using ber::Tag;
using ber::Writer;
namespace tags = ber::tags;

namespace detail {

BerResult<ORName> read_or_name(const Element& e) { return asn::decode_or_name(e); }
void write_or_name(Writer& w, const ORName& n) { asn::encode_or_name(w, n); }

namespace {

BerResult<NonReceiptFields> read_non_receipt(const Element& e, const DecodeContext& ctx) {
  NonReceiptFields v;
  bool have_reason = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == context(0) && !have_reason) {
      v.non_receipt_reason = MIXER_BER_FIELD("non-receipt-reason", ber::read_enumerated(el));
      have_reason = true;
    } else if (el.tag == context(1) && !v.discard_reason) {
      v.discard_reason = MIXER_BER_FIELD("discard-reason", ber::read_enumerated(el));
    } else if (el.tag == context(2) && !v.auto_forward_comment) {
      v.auto_forward_comment =
          MIXER_BER_FIELD("auto-forward-comment", ber::read_string(el, StringKind::printable));
    } else if (el.tag == context(3) && !v.returned_ipm) {
      v.returned_ipm = Box<Ipm>(MIXER_BER_FIELD("returned-ipm", read_ipm(el, ctx)));
    } else if (el.tag == context(4) && !v.nrn_extensions) {
      v.nrn_extensions = MIXER_BER_FIELD("nrn-extensions", read_extensions(el));
    } else {
      return fail(unknown_member(el, "NonReceiptFields (or a member twice)"));
    }
  }
  if (!have_reason)
    return fail(ber::within(ber::unexpected(e.offset, "missing mandatory non-receipt-reason [0]"),
                            "non-receipt-reason"));
  return v;
}

BerResult<ReceiptFields> read_receipt(const Element& e) {
  ReceiptFields v;
  bool have_time = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == context(0) && !have_time) {
      v.receipt_time = MIXER_BER_FIELD("receipt-time", ber::read_time(el, ber::TimeKind::utc_time));
      have_time = true;
    } else if (el.tag == context(1) && !v.acknowledgment_mode) {
      v.acknowledgment_mode = MIXER_BER_FIELD("acknowledgment-mode", ber::read_enumerated(el));
    } else if (el.tag == context(2) && !v.suppl_receipt_info) {
      v.suppl_receipt_info =
          MIXER_BER_FIELD("suppl-receipt-info", ber::read_string(el, StringKind::printable));
    } else if (el.tag == context(3) && !v.rn_extensions) {
      v.rn_extensions = MIXER_BER_FIELD("rn-extensions", read_extensions(el));
    } else {
      return fail(unknown_member(el, "ReceiptFields (or a member twice)"));
    }
  }
  if (!have_time)
    return fail(ber::within(ber::unexpected(e.offset, "missing mandatory receipt-time [0]"), "receipt-time"));
  return v;
}

}  // namespace

// IPN ::= SET { COMPONENTS OF CommonFields, choice [0] CHOICE {...} }
BerResult<Ipn> read_ipn(const Element& e, const DecodeContext& ctx) {
  Ipn v;
  bool have_subject = false, have_choice = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == ber::application(11)) {
      if (have_subject) return fail(duplicate_member(el, "subject-ipm"));
      v.subject_ipm = MIXER_BER_FIELD("subject-ipm", read_ipm_identifier(el));
      have_subject = true;
    } else if (el.tag == context(1)) {
      if (v.ipn_originator) return fail(duplicate_member(el, "ipn-originator"));
      v.ipn_originator = MIXER_BER_FIELD("ipn-originator", read_or_descriptor(el));
    } else if (el.tag == context(2)) {
      if (v.ipm_intended_recipient) return fail(duplicate_member(el, "ipm-intended-recipient"));
      v.ipm_intended_recipient = MIXER_BER_FIELD("ipm-intended-recipient", read_or_descriptor(el));
    } else if (el.tag == ber::application(5)) {  // X.411 EncodedInformationTypes
      if (v.conversion_eits) return fail(duplicate_member(el, "conversion-eits"));
      if (!el.constructed)
        return fail(ber::within(ber::unexpected(el.offset, "EncodedInformationTypes must be constructed"),
                                "conversion-eits"));
      v.conversion_eits = raw(el);
    } else if (el.tag == context(3)) {
      if (v.notification_extensions) return fail(duplicate_member(el, "notification-extensions"));
      v.notification_extensions = MIXER_BER_FIELD("notification-extensions", read_extensions(el));
    } else if (el.tag == context(0)) {  // [0] EXPLICIT CHOICE (a tagged CHOICE is explicit)
      if (have_choice) return fail(duplicate_member(el, "choice"));
      auto c = MIXER_BER_FIELD("choice", el.children());
      auto alt = MIXER_BER_FIELD("choice", c.next());
      MIXER_BER_CHECK("choice", c.finish());
      if (alt.tag == context(0)) {
        v.choice = MIXER_BER_FIELD("choice.non-receipt-fields", read_non_receipt(alt, ctx));
      } else if (alt.tag == context(1)) {
        v.choice = MIXER_BER_FIELD("choice.receipt-fields", read_receipt(alt));
      } else if (alt.tag == context(2)) {
        v.choice = OtherNotificationTypeFields{
            MIXER_BER_FIELD("choice.other-notification-type-fields", read_extensions(alt))};
      } else {
        return fail(ber::within(ber::unexpected(alt.offset,
                                                "expected non-receipt-fields [0], receipt-fields [1] or "
                                                "other-notification-type-fields [2], found " +
                                                    alt.tag.to_string()),
                                "choice"));
      }
      have_choice = true;
    } else {
      return fail(unknown_member(el, "IPN"));
    }
  }
  if (!have_subject)
    return fail(ber::within(ber::unexpected(e.offset, "missing mandatory subject-ipm [APPLICATION 11]"),
                            "subject-ipm"));
  if (!have_choice)
    return fail(ber::within(ber::unexpected(e.offset, "missing mandatory choice [0]"), "choice"));
  return v;
}

void write_ipn(Writer& w, const Ipn& v, Tag t) {
  auto m = w.begin(t);
  // DER SET order: [APPLICATION 5], [APPLICATION 11], then [0]..[3].
  if (v.conversion_eits) w.raw(*v.conversion_eits);
  write_ipm_identifier(w, v.subject_ipm, ber::application(11));
  auto c = w.begin(context(0));
  std::visit(
      [&](const auto& alt) {
        using T = std::decay_t<decltype(alt)>;
        if constexpr (std::is_same_v<T, NonReceiptFields>) {
          auto s = w.begin(context(0));
          w.enumerated(alt.non_receipt_reason, context(0));
          if (alt.discard_reason) w.enumerated(*alt.discard_reason, context(1));
          if (alt.auto_forward_comment)
            w.string(*alt.auto_forward_comment, StringKind::printable, context(2));
          if (alt.returned_ipm) write_ipm(w, **alt.returned_ipm, context(3));
          if (alt.nrn_extensions) write_extensions(w, *alt.nrn_extensions, context(4));
          w.end(s);
        } else if constexpr (std::is_same_v<T, ReceiptFields>) {
          auto s = w.begin(context(1));
          w.time(alt.receipt_time, context(0));
          if (alt.acknowledgment_mode) w.enumerated(*alt.acknowledgment_mode, context(1));
          if (alt.suppl_receipt_info) w.string(*alt.suppl_receipt_info, StringKind::printable, context(2));
          if (alt.rn_extensions) write_extensions(w, *alt.rn_extensions, context(3));
          w.end(s);
        } else {
          write_extensions(w, alt.extensions, context(2));
        }
      },
      v.choice);
  w.end(c);
  if (v.ipn_originator) write_or_descriptor(w, *v.ipn_originator, context(1));
  if (v.ipm_intended_recipient) write_or_descriptor(w, *v.ipm_intended_recipient, context(2));
  if (v.notification_extensions) write_extensions(w, *v.notification_extensions, context(3));
  w.end(m);
}

}  // namespace detail

// ---- public API ----

BerResult<InformationObject> read_information_object(const Element& e,
                                                     const std::shared_ptr<const void>& owner) {
  detail::DecodeContext ctx{owner};
  if (e.tag == context(0)) {
    auto ipm = detail::read_ipm(e, ctx);
    if (!ipm.ok()) return fail(ber::within(ber::within(std::move(ipm).error(), "ipm"), "InformationObject"));
    return InformationObject(std::move(ipm).value());
  }
  if (e.tag == context(1)) {
    auto ipn = detail::read_ipn(e, ctx);
    if (!ipn.ok()) return fail(ber::within(ber::within(std::move(ipn).error(), "ipn"), "InformationObject"));
    return InformationObject(std::move(ipn).value());
  }
  return fail(
      ber::within(ber::unexpected(e.offset, "expected ipm [0] or ipn [1], found " + e.tag.to_string()),
                  "InformationObject"));
}

BerResult<InformationObject> decode_information_object(
    std::shared_ptr<const std::vector<std::uint8_t>> buffer, const ber::Limits& limits) {
  ber::Reader top(ber::Bytes(buffer->data(), buffer->size()), limits);
  auto e = MIXER_BER_FIELD("InformationObject", top.next());
  MIXER_BER_CHECK("InformationObject", top.finish());
  return read_information_object(e, buffer);
}

BerResult<InformationObject> decode_information_object(ber::Bytes data, const ber::Limits& limits) {
  return decode_information_object(
      std::make_shared<const std::vector<std::uint8_t>>(data.begin(), data.end()), limits);
}

BerResult<Ipn> decode_ipn(ber::Bytes data, const ber::Limits& limits) {
  auto buffer = std::make_shared<const std::vector<std::uint8_t>>(data.begin(), data.end());
  ber::Reader top(ber::Bytes(buffer->data(), buffer->size()), limits);
  auto e = MIXER_BER_FIELD("IPN", top.expect(tags::kSet));
  MIXER_BER_CHECK("IPN", top.finish());
  auto ipn = detail::read_ipn(e, detail::DecodeContext{buffer});
  if (!ipn.ok()) return fail(ber::within(std::move(ipn).error(), "IPN"));
  return std::move(ipn).value();
}

void write_information_object(Writer& w, const InformationObject& v) {
  if (const auto* ipm = std::get_if<Ipm>(&v))
    detail::write_ipm(w, *ipm, context(0));
  else
    detail::write_ipn(w, std::get<Ipn>(v), context(1));
}

BerResult<std::vector<std::uint8_t>> encode_information_object(const InformationObject& v) {
  Writer w;
  write_information_object(w, v);
  auto out = std::move(w).finish();
  if (!out.ok()) return fail(ber::within(std::move(out).error(), "InformationObject"));
  return std::move(out).value();
}

BerResult<std::vector<std::uint8_t>> encode_ipn(const Ipn& v) {
  Writer w;
  detail::write_ipn(w, v, tags::kSet);
  auto out = std::move(w).finish();
  if (!out.ok()) return fail(ber::within(std::move(out).error(), "IPN"));
  return std::move(out).value();
}

namespace {

ber::BerStatus check_p2_ipm(const Ipm& ipm, const std::string& path);

ber::BerStatus p2_error(const std::string& path, std::string_view what) {
  return fail(ber::within(
      ber::encode_error(std::string(what) + " cannot be carried in X.420 (1984) P2 content"), path));
}

ber::BerStatus check_p2_recipients(const std::vector<RecipientSpecifier>& list, const std::string& path) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = list[i];
    const std::string p = path + "[" + std::to_string(i) + "]";
    if (r.recipient_extensions) return p2_error(p + ".recipient-extensions", "a recipient extension");
    if (r.notification_requests && r.notification_requests->bit_count > notification_request::kIpmReturn + 1)
      return p2_error(p + ".notification-requests", "an-supported / suppress-an");
  }
  return Ok{};
}

ber::BerStatus check_p2_ipm(const Ipm& ipm, const std::string& path) {
  const Heading& h = ipm.heading;
  if (!h.extensions.empty()) return p2_error(path + ".heading.extensions", "a heading extension");
  for (const auto* list : {&h.primary_recipients, &h.copy_recipients})
    MIXER_BER_OK(check_p2_recipients(*list, path + ".heading.recipients"));
  if (h.blind_copy_recipients)
    MIXER_BER_OK(check_p2_recipients(*h.blind_copy_recipients, path + ".heading.blind-copy-recipients"));
  for (std::size_t i = 0; i < ipm.body.size(); ++i) {
    const std::string p = path + ".body[" + std::to_string(i) + "]";
    const auto& part = ipm.body[i];
    if (std::holds_alternative<ExtendedBodyPart>(part) || std::holds_alternative<GeneralTextBodyPart>(part) ||
        std::holds_alternative<VoiceBodyPart>(part) || std::holds_alternative<FileTransferBodyPart>(part))
      return p2_error(p, "an extended body part");
    if (const auto* m = std::get_if<MessageBodyPart>(&part))
      MIXER_BER_OK(check_p2_ipm(*m->data, p + ".message.data"));
  }
  return Ok{};
}

}  // namespace

ber::BerStatus check_p2_compatible(const InformationObject& v) {
  if (const auto* ipm = std::get_if<Ipm>(&v)) return check_p2_ipm(*ipm, "InformationObject.ipm");
  const Ipn& ipn = std::get<Ipn>(v);
  if (ipn.notification_extensions)
    return p2_error("InformationObject.ipn.notification-extensions", "a notification extension");
  if (std::holds_alternative<OtherNotificationTypeFields>(ipn.choice))
    return p2_error("InformationObject.ipn.choice", "other-notification-type-fields");
  return Ok{};
}

}  // namespace mixer::x400::p22
