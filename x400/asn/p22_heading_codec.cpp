// X.420 Heading and its component types (X.420 (1999) 7.1, 7.2; Annex A
// IPMSInformationObjects, IMPLICIT TAGS): IPMIdentifier, ORDescriptor,
// RecipientSpecifier, IPMSExtension, Heading.
#include <string>

#include "x400/asn/p22_codec_internal.hpp"

namespace mixer::x400::p22::detail {

using ber::BerError;
using ber::BerResult;
using ber::context;
using ber::Element;
using ber::StringKind;
using ber::Tag;
using ber::Writer;
namespace tags = ber::tags;

inline constexpr Tag kIpmIdentifierTag = ber::application(11);
inline constexpr Tag kOrNameTag = ber::application(0);

BerError duplicate_member(const Element& e, std::string_view name) {
  return ber::unexpected(e.offset, std::string(name) + " " + e.tag.to_string() + " appears twice");
}

BerError unknown_member(const Element& e, std::string_view type_name) {
  return ber::unexpected(e.offset, "unexpected " + e.tag.to_string() + " in " + std::string(type_name));
}

RawBer raw(const Element& e) { return RawBer(e.encoding.begin(), e.encoding.end()); }

BerResult<SharedBytes> read_shared_octets(const Element& e, const DecodeContext& ctx) {
  if (!e.constructed) {
    if (ctx.owner) return SharedBytes(ctx.owner, e.content);
    return SharedBytes::copy(e.content);
  }
  std::vector<std::uint8_t> scratch;
  auto view = MIXER_TRY(ber::read_octets(e, scratch));
  if (view.data() != scratch.data() || view.size() != scratch.size()) return SharedBytes::copy(view);
  return SharedBytes::adopt(std::move(scratch));
}

// IPMIdentifier ::= [APPLICATION 11] SET { user ORName OPTIONAL,
//   user-relative-identifier LocalIPMIdentifier }
BerResult<IpmIdentifier> read_ipm_identifier(const Element& e) {
  IpmIdentifier v;
  bool have_id = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == kOrNameTag) {
      if (v.user) return fail(duplicate_member(el, "user"));
      v.user = MIXER_BER_FIELD("user", read_or_name(el));
    } else if (el.tag == tags::kPrintableString) {
      if (have_id) return fail(duplicate_member(el, "user-relative-identifier"));
      v.user_relative_identifier =
          MIXER_BER_FIELD("user-relative-identifier", ber::read_string(el, StringKind::printable));
      have_id = true;
    } else {
      return fail(unknown_member(el, "IPMIdentifier"));
    }
  }
  if (!have_id)
    return fail(ber::within(ber::unexpected(e.offset, "missing mandatory user-relative-identifier"),
                            "user-relative-identifier"));
  return v;
}

void write_ipm_identifier(Writer& w, const IpmIdentifier& v, Tag t) {
  auto m = w.begin(t);
  // DER SET order (X.690 10.3): [UNIVERSAL 19] before [APPLICATION 0].
  w.string(v.user_relative_identifier, StringKind::printable);
  if (v.user) write_or_name(w, *v.user);
  w.end(m);
}

// ORDescriptor ::= SET { formal-name ORName OPTIONAL, free-form-name [0]
//   FreeFormName OPTIONAL, telephone-number [1] TelephoneNumber OPTIONAL }
BerResult<OrDescriptor> read_or_descriptor(const Element& e) {
  OrDescriptor v;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == kOrNameTag) {
      if (v.formal_name) return fail(duplicate_member(el, "formal-name"));
      v.formal_name = MIXER_BER_FIELD("formal-name", read_or_name(el));
    } else if (el.tag == context(0)) {
      if (v.free_form_name) return fail(duplicate_member(el, "free-form-name"));
      v.free_form_name = MIXER_BER_FIELD("free-form-name", ber::read_string(el, StringKind::teletex));
    } else if (el.tag == context(1)) {
      if (v.telephone_number) return fail(duplicate_member(el, "telephone-number"));
      v.telephone_number = MIXER_BER_FIELD("telephone-number", ber::read_string(el, StringKind::printable));
    } else {
      return fail(unknown_member(el, "ORDescriptor"));
    }
  }
  return v;
}

void write_or_descriptor(Writer& w, const OrDescriptor& v, Tag t) {
  auto m = w.begin(t);
  if (v.formal_name) write_or_name(w, *v.formal_name);
  if (v.free_form_name) w.string(*v.free_form_name, StringKind::teletex, context(0));
  if (v.telephone_number) w.string(*v.telephone_number, StringKind::printable, context(1));
  w.end(m);
}

// IPMSExtension ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY DEFAULT NULL }
BerResult<std::vector<IpmsExtension>> read_extensions(const Element& e) {
  std::vector<IpmsExtension> out;
  auto r = MIXER_TRY(e.children());
  for (std::size_t i = 0; !r.empty(); ++i) {
    auto el = MIXER_TRY(r.next());
    auto one = [&]() -> BerResult<IpmsExtension> {
      if (el.tag != tags::kSequence)
        return fail(
            ber::unexpected(el.offset, "expected IPMSExtension SEQUENCE, found " + el.tag.to_string()));
      IpmsExtension x;
      auto c = MIXER_TRY(el.children());
      x.type = MIXER_BER_FIELD("type", ber::read_oid(MIXER_TRY(c.expect(tags::kObjectIdentifier))));
      if (!c.empty()) x.value = raw(MIXER_BER_FIELD("value", c.next()));
      MIXER_BER_CHECK("value", c.finish());
      return x;
    }();
    if (!one.ok()) return fail(ber::within_index(std::move(one).error(), i));
    out.push_back(std::move(one).value());
  }
  return out;
}

void write_extensions(Writer& w, const std::vector<IpmsExtension>& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v) {
    auto s = w.begin(tags::kSequence);
    w.oid(x.type);
    if (x.value) w.raw(*x.value);
    w.end(s);
  }
  w.end(m);
}

namespace {

BerResult<RecipientSpecifier> read_recipient_specifier(const Element& e) {
  RecipientSpecifier v;
  bool have_recipient = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == context(0)) {
      if (have_recipient) return fail(duplicate_member(el, "recipient"));
      v.recipient = MIXER_BER_FIELD("recipient", read_or_descriptor(el));
      have_recipient = true;
    } else if (el.tag == context(1)) {
      if (v.notification_requests) return fail(duplicate_member(el, "notification-requests"));
      auto bits = MIXER_BER_FIELD("notification-requests", ber::read_bit_string(el));
      bits.trim_trailing_zeros();  // X.680 22.7: trailing 0 bits of a named-bit list carry no value
      v.notification_requests = std::move(bits);
    } else if (el.tag == context(2)) {
      if (v.reply_requested) return fail(duplicate_member(el, "reply-requested"));
      v.reply_requested = MIXER_BER_FIELD("reply-requested", ber::read_boolean(el));
    } else if (el.tag == context(3)) {
      if (v.recipient_extensions) return fail(duplicate_member(el, "recipient-extensions"));
      v.recipient_extensions = MIXER_BER_FIELD("recipient-extensions", read_extensions(el));
    } else {
      return fail(unknown_member(el, "RecipientSpecifier"));
    }
  }
  if (!have_recipient)
    return fail(ber::within(ber::unexpected(e.offset, "missing mandatory recipient [0]"), "recipient"));
  return v;
}

void write_recipient_specifier(Writer& w, const RecipientSpecifier& v) {
  auto m = w.begin(tags::kSet);
  write_or_descriptor(w, v.recipient, context(0));
  if (v.notification_requests) w.bit_string(*v.notification_requests, context(1));
  if (v.reply_requested) w.boolean(*v.reply_requested, context(2));
  if (v.recipient_extensions) write_extensions(w, *v.recipient_extensions, context(3));
  w.end(m);
}

// SEQUENCE OF <T> with each element decoded by `read_one` (which sees the
// element whatever its tag and checks it).
template <typename T, typename F>
BerResult<std::vector<T>> read_sequence_of(const Element& e, F&& read_one) {
  std::vector<T> out;
  auto r = MIXER_TRY(e.children());
  for (std::size_t i = 0; !r.empty(); ++i) {
    auto el = MIXER_TRY(r.next());
    auto one = read_one(el);
    if (!one.ok()) return fail(ber::within_index(std::move(one).error(), i));
    out.push_back(std::move(one).value());
  }
  return out;
}

BerResult<RecipientSpecifier> recipient_element(const Element& el) {
  if (el.tag != tags::kSet)
    return fail(ber::unexpected(el.offset, "expected RecipientSpecifier SET, found " + el.tag.to_string()));
  return read_recipient_specifier(el);
}
BerResult<OrDescriptor> descriptor_element(const Element& el) {
  if (el.tag != tags::kSet)
    return fail(ber::unexpected(el.offset, "expected ORDescriptor SET, found " + el.tag.to_string()));
  return read_or_descriptor(el);
}
BerResult<IpmIdentifier> identifier_element(const Element& el) {
  if (el.tag != kIpmIdentifierTag)
    return fail(
        ber::unexpected(el.offset, "expected IPMIdentifier [APPLICATION 11], found " + el.tag.to_string()));
  return read_ipm_identifier(el);
}

void write_recipients(Writer& w, const std::vector<RecipientSpecifier>& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v) write_recipient_specifier(w, x);
  w.end(m);
}
void write_descriptors(Writer& w, const std::vector<OrDescriptor>& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v) write_or_descriptor(w, x, tags::kSet);
  w.end(m);
}
void write_identifiers(Writer& w, const std::vector<IpmIdentifier>& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v) write_ipm_identifier(w, x, kIpmIdentifierTag);
  w.end(m);
}

}  // namespace

// Heading ::= SET { this-IPM ThisIPMField, originator [0] ..., extensions [15] }
BerResult<Heading> read_heading(const Element& e) {
  Heading h;
  bool have_this = false;
  std::uint32_t seen = 0;  // bit n: [n] already read (for the vectors with DEFAULT {})
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag == kIpmIdentifierTag) {
      if (have_this) return fail(duplicate_member(el, "this-IPM"));
      h.this_ipm = MIXER_BER_FIELD("this-IPM", read_ipm_identifier(el));
      have_this = true;
      continue;
    }
    if (el.tag.cls != ber::TagClass::context || el.tag.number > 15)
      return fail(unknown_member(el, "Heading"));
    const std::uint32_t n = el.tag.number;
    if (seen & (1u << n)) return fail(duplicate_member(el, "Heading member"));
    seen |= 1u << n;
    switch (n) {
      case 0:
        h.originator = MIXER_BER_FIELD("originator", read_or_descriptor(el));
        break;
      case 1:
        h.authorizing_users =
            MIXER_BER_FIELD("authorizing-users", read_sequence_of<OrDescriptor>(el, descriptor_element));
        break;
      case 2:
        h.primary_recipients = MIXER_BER_FIELD("primary-recipients",
                                               read_sequence_of<RecipientSpecifier>(el, recipient_element));
        break;
      case 3:
        h.copy_recipients =
            MIXER_BER_FIELD("copy-recipients", read_sequence_of<RecipientSpecifier>(el, recipient_element));
        break;
      case 4:
        h.blind_copy_recipients = MIXER_BER_FIELD(
            "blind-copy-recipients", read_sequence_of<RecipientSpecifier>(el, recipient_element));
        break;
      case 5:
        h.replied_to_ipm = MIXER_BER_FIELD("replied-to-IPM", read_ipm_identifier(el));
        break;
      case 6:
        h.obsoleted_ipms =
            MIXER_BER_FIELD("obsoleted-IPMs", read_sequence_of<IpmIdentifier>(el, identifier_element));
        break;
      case 7:
        h.related_ipms =
            MIXER_BER_FIELD("related-IPMs", read_sequence_of<IpmIdentifier>(el, identifier_element));
        break;
      case 8: {  // [8] EXPLICIT TeletexString
        auto c = MIXER_BER_FIELD("subject", el.children());
        auto s = MIXER_BER_FIELD("subject", c.expect(tags::kTeletexString));
        MIXER_BER_CHECK("subject", c.finish());
        h.subject = MIXER_BER_FIELD("subject", ber::read_string(s, StringKind::teletex));
        break;
      }
      case 9:
        h.expiry_time = MIXER_BER_FIELD("expiry-time", ber::read_time(el, ber::TimeKind::utc_time));
        break;
      case 10:
        h.reply_time = MIXER_BER_FIELD("reply-time", ber::read_time(el, ber::TimeKind::utc_time));
        break;
      case 11:
        h.reply_recipients =
            MIXER_BER_FIELD("reply-recipients", read_sequence_of<OrDescriptor>(el, descriptor_element));
        break;
      case 12: {
        const auto v = MIXER_BER_FIELD("importance", ber::read_enumerated(el));
        if (v < 0 || v > 2)
          return fail(ber::within(ber::unexpected(el.offset, "importance " + std::to_string(v) +
                                                                 " is not low(0), normal(1) or high(2)"),
                                  "importance"));
        h.importance = static_cast<Importance>(v);
        break;
      }
      case 13: {
        const auto v = MIXER_BER_FIELD("sensitivity", ber::read_enumerated(el));
        if (v < 1 || v > 3)
          return fail(ber::within(
              ber::unexpected(el.offset, "sensitivity " + std::to_string(v) +
                                             " is not personal(1), private(2) or company-confidential(3)"),
              "sensitivity"));
        h.sensitivity = static_cast<Sensitivity>(v);
        break;
      }
      case 14:
        h.auto_forwarded = MIXER_BER_FIELD("auto-forwarded", ber::read_boolean(el));
        break;
      case 15:
        h.extensions = MIXER_BER_FIELD("extensions", read_extensions(el));
        break;
    }
  }
  if (!have_this)
    return fail(
        ber::within(ber::unexpected(e.offset, "missing mandatory this-IPM [APPLICATION 11]"), "this-IPM"));
  return h;
}

void write_heading(Writer& w, const Heading& h) {
  auto m = w.begin(tags::kSet);
  // DER order of SET members: by tag, [APPLICATION 11] before the context tags.
  write_ipm_identifier(w, h.this_ipm, kIpmIdentifierTag);
  if (h.originator) write_or_descriptor(w, *h.originator, context(0));
  if (h.authorizing_users) write_descriptors(w, *h.authorizing_users, context(1));
  if (!h.primary_recipients.empty()) write_recipients(w, h.primary_recipients, context(2));
  if (!h.copy_recipients.empty()) write_recipients(w, h.copy_recipients, context(3));
  if (h.blind_copy_recipients) write_recipients(w, *h.blind_copy_recipients, context(4));
  if (h.replied_to_ipm) write_ipm_identifier(w, *h.replied_to_ipm, context(5));
  if (!h.obsoleted_ipms.empty()) write_identifiers(w, h.obsoleted_ipms, context(6));
  if (!h.related_ipms.empty()) write_identifiers(w, h.related_ipms, context(7));
  if (h.subject) {
    auto s = w.begin(context(8));
    w.string(*h.subject, StringKind::teletex);
    w.end(s);
  }
  if (h.expiry_time) w.time(*h.expiry_time, context(9));
  if (h.reply_time) w.time(*h.reply_time, context(10));
  if (h.reply_recipients) write_descriptors(w, *h.reply_recipients, context(11));
  if (h.importance) w.enumerated(static_cast<std::int64_t>(*h.importance), context(12));
  if (h.sensitivity) w.enumerated(static_cast<std::int64_t>(*h.sensitivity), context(13));
  if (h.auto_forwarded) w.boolean(*h.auto_forwarded, context(14));
  if (!h.extensions.empty()) write_extensions(w, h.extensions, context(15));
  w.end(m);
}

}  // namespace mixer::x400::p22::detail
