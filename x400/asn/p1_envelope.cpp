// MessageTransferEnvelope / ProbeTransferEnvelope and their per-recipient
// fields (X.411 12.2.1, MTAAbstractService), SET members in any order.
#include "x400/asn/or_address_codec.hpp"
#include "x400/asn/p1_codec_internal.hpp"

namespace mixer::x400::asn::detail {

using namespace ber;  // NOLINT: codec file

BerResult<SharedBytes> ContentOwner::content(const Element& e) const {
  if (e.constructed) return SharedBytes::adopt(MIXER_TRY(read_octets_copy(e)));  // PP's segmented Content
  if (owner) return SharedBytes(owner, e.content);
  return SharedBytes::copy(e.content);
}

BerResult<ORName> read_or_name(const Element& e) { return decode_or_name(e); }

namespace {

BerStatus once(bool& seen, const Element& c) {
  if (seen) return fail(unexpected(c.offset, "SET member " + c.tag.to_string() + " appears twice"));
  seen = true;
  return Ok{};
}

BerResult<Priority> read_priority(const Element& e) {
  auto v = MIXER_TRY(read_enumerated(e));
  if (v < 0 || v > 2) return fail(unexpected(e.offset, "Priority must be normal(0), non-urgent(1) or urgent(2)"));
  return static_cast<Priority>(v);
}

// The members Message and Probe envelopes share. Returns false when `c` is not one of them.
template <typename Env>
BerResult<bool> read_common_member(const Element& c, Env& env, bool& seen_orig, bool& seen_ct, bool& seen_trace,
                                   bool& seen_eits, bool& seen_cid, bool& seen_pmi, bool& seen_pdbi, bool& seen_ext) {
  if (c.tag == application(0)) {
    MIXER_BER_CHECK("originator-name", once(seen_orig, c));
    env.originator_name = MIXER_BER_FIELD("originator-name", read_or_name(c));
  } else if (auto ct = try_decode_content_type(c)) {
    MIXER_BER_CHECK("content-type", once(seen_ct, c));
    if (!ct->ok()) return fail(within(std::move(*ct).error(), "content-type"));
    env.content_type = std::move(**ct);
  } else if (c.tag == application(9)) {
    MIXER_BER_CHECK("trace-information", once(seen_trace, c));
    env.trace_information = MIXER_BER_FIELD("trace-information", decode_trace_information(c));
  } else if (c.tag == application(5)) {
    MIXER_BER_CHECK("original-encoded-information-types", once(seen_eits, c));
    env.original_encoded_information_types = MIXER_BER_FIELD("original-encoded-information-types", decode_eits(c));
  } else if (c.tag == application(10)) {
    MIXER_BER_CHECK("content-identifier", once(seen_cid, c));
    env.content_identifier = MIXER_BER_FIELD("content-identifier", read_string(c, StringKind::printable));
  } else if (c.tag == application(8)) {
    MIXER_BER_CHECK("per-message-indicators", once(seen_pmi, c));
    env.per_message_indicators = MIXER_BER_FIELD("per-message-indicators", read_bit_string(c));
  } else if (c.tag == context(1)) {
    MIXER_BER_CHECK("per-domain-bilateral-information", once(seen_pdbi, c));
    env.per_domain_bilateral_information = MIXER_BER_FIELD("per-domain-bilateral-information", decode_pdbi_list(c));
  } else if (c.tag == context(3)) {
    MIXER_BER_CHECK("extensions", once(seen_ext, c));
    env.extensions = MIXER_BER_FIELD("extensions", decode_extensions(c));
  } else {
    return false;
  }
  return true;
}

BerStatus require(bool seen, const Element& e, const char* field) {
  if (!seen) return fail(within(unexpected(e.offset, std::string("missing mandatory member ") + field), field));
  return Ok{};
}

template <typename Env>
void write_common_head(Writer& w, const Env& v) {
  encode_or_name(w, v.originator_name);
  if (v.original_encoded_information_types) encode_eits(w, *v.original_encoded_information_types);
  encode_content_type(w, v.content_type);
  if (v.content_identifier) w.string(*v.content_identifier, StringKind::printable, application(10));
}

}  // namespace

BerResult<PerRecipientTransferFields> decode_per_recipient(const Element& e) {
  if (e.tag != tags::kSet) return fail(unexpected(e.offset, "expected per-recipient SET, found " + e.tag.to_string()));
  PerRecipientTransferFields p;
  bool seen_name = false, seen_num = false, seen_pri = false, seen_conv = false, seen_ext = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == application(0)) {
      MIXER_BER_CHECK("recipient-name", once(seen_name, c));
      p.recipient_name = MIXER_BER_FIELD("recipient-name", read_or_name(c));
    } else if (c.tag == context(0)) {
      MIXER_BER_CHECK("originally-specified-recipient-number", once(seen_num, c));
      p.originally_specified_recipient_number =
          MIXER_BER_FIELD("originally-specified-recipient-number", read_integer(c));
    } else if (c.tag == context(1)) {
      MIXER_BER_CHECK("per-recipient-indicators", once(seen_pri, c));
      p.per_recipient_indicators = at_least_8_bits(MIXER_BER_FIELD("per-recipient-indicators", read_bit_string(c)));
    } else if (c.tag == context(2)) {
      MIXER_BER_CHECK("explicit-conversion", once(seen_conv, c));
      p.explicit_conversion = MIXER_BER_FIELD("explicit-conversion", read_integer(c));
    } else if (c.tag == context(3)) {
      MIXER_BER_CHECK("extensions", once(seen_ext, c));
      p.extensions = MIXER_BER_FIELD("extensions", decode_extensions(c));
    } else {
      p.unknown_members.push_back(raw(c));
    }
  }
  MIXER_BER_OK(require(seen_name, e, "recipient-name"));
  MIXER_BER_OK(require(seen_num, e, "originally-specified-recipient-number"));
  MIXER_BER_OK(require(seen_pri, e, "per-recipient-indicators"));
  return p;
}

void encode_per_recipient(Writer& w, const PerRecipientTransferFields& v) {
  auto m = w.begin(tags::kSet);
  encode_or_name(w, v.recipient_name);
  w.integer(v.originally_specified_recipient_number, context(0));
  w.bit_string(at_least_8_bits(v.per_recipient_indicators), context(1));
  if (v.explicit_conversion) w.integer(*v.explicit_conversion, context(2));
  encode_extensions(w, v.extensions, context(3));
  for (const auto& u : v.unknown_members) w.raw(u);
  w.end(m);
}

BerResult<std::vector<PerRecipientTransferFields>> decode_per_recipient_list(const Element& e) {
  std::vector<PerRecipientTransferFields> out;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto v = [&]() -> BerResult<PerRecipientTransferFields> { return decode_per_recipient(MIXER_TRY(r.next())); }();
    if (!v.ok()) return fail(within_index(std::move(v).error(), out.size()));
    out.push_back(std::move(*v));
  }
  if (out.empty()) return fail(unexpected(e.offset, "per-recipient-fields needs at least one recipient"));
  return out;
}

BerResult<MessageTransferEnvelope> decode_message_envelope(const Element& e) {
  MessageTransferEnvelope env;
  bool seen_id = false, seen_orig = false, seen_ct = false, seen_trace = false, seen_eits = false, seen_cid = false,
       seen_pmi = false, seen_pdbi = false, seen_ext = false, seen_prio = false, seen_ddt = false, seen_prf = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == application(4)) {
      MIXER_BER_CHECK("message-identifier", once(seen_id, c));
      env.message_identifier = MIXER_BER_FIELD("message-identifier", decode_mts_identifier(c));
    } else if (c.tag == application(7)) {
      MIXER_BER_CHECK("priority", once(seen_prio, c));
      env.priority = MIXER_BER_FIELD("priority", read_priority(c));
    } else if (c.tag == context(0)) {
      MIXER_BER_CHECK("deferred-delivery-time", once(seen_ddt, c));
      env.deferred_delivery_time = MIXER_BER_FIELD("deferred-delivery-time", decode_p1_time(c));
    } else if (c.tag == context(2)) {
      MIXER_BER_CHECK("per-recipient-fields", once(seen_prf, c));
      env.per_recipient_fields = MIXER_BER_FIELD("per-recipient-fields", decode_per_recipient_list(c));
    } else if (!MIXER_TRY(read_common_member(c, env, seen_orig, seen_ct, seen_trace, seen_eits, seen_cid, seen_pmi,
                                             seen_pdbi, seen_ext))) {
      env.unknown_members.push_back(raw(c));
    }
  }
  MIXER_BER_OK(require(seen_id, e, "message-identifier"));
  MIXER_BER_OK(require(seen_orig, e, "originator-name"));
  MIXER_BER_OK(require(seen_ct, e, "content-type"));
  MIXER_BER_OK(require(seen_trace, e, "trace-information"));
  MIXER_BER_OK(require(seen_prf, e, "per-recipient-fields"));
  return env;
}

void encode_message_envelope(Writer& w, const MessageTransferEnvelope& v) {
  auto m = w.begin(tags::kSet);
  encode_mts_identifier(w, v.message_identifier);
  write_common_head(w, v);
  if (v.priority) w.enumerated(static_cast<std::int64_t>(*v.priority), application(7));
  if (v.per_message_indicators.bit_count > 0) w.bit_string(v.per_message_indicators, application(8));
  if (v.deferred_delivery_time) w.time(*v.deferred_delivery_time, context(0));
  encode_pdbi_list(w, v.per_domain_bilateral_information, context(1));
  encode_trace_information(w, v.trace_information);
  encode_extensions(w, v.extensions, context(3));
  auto prf = w.begin(context(2));
  for (const auto& p : v.per_recipient_fields) encode_per_recipient(w, p);
  w.end(prf);
  for (const auto& u : v.unknown_members) w.raw(u);
  w.end(m);
}

BerResult<ProbeTransferEnvelope> decode_probe_envelope(const Element& e) {
  ProbeTransferEnvelope env;
  bool seen_id = false, seen_orig = false, seen_ct = false, seen_trace = false, seen_eits = false, seen_cid = false,
       seen_pmi = false, seen_pdbi = false, seen_ext = false, seen_len = false, seen_prf = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == application(4)) {
      MIXER_BER_CHECK("probe-identifier", once(seen_id, c));
      env.probe_identifier = MIXER_BER_FIELD("probe-identifier", decode_mts_identifier(c));
    } else if (c.tag == context(0)) {
      MIXER_BER_CHECK("content-length", once(seen_len, c));
      env.content_length = MIXER_BER_FIELD("content-length", read_integer(c));
    } else if (c.tag == context(2)) {
      MIXER_BER_CHECK("per-recipient-fields", once(seen_prf, c));
      env.per_recipient_fields = MIXER_BER_FIELD("per-recipient-fields", decode_per_recipient_list(c));
    } else if (!MIXER_TRY(read_common_member(c, env, seen_orig, seen_ct, seen_trace, seen_eits, seen_cid, seen_pmi,
                                             seen_pdbi, seen_ext))) {
      env.unknown_members.push_back(raw(c));
    }
  }
  MIXER_BER_OK(require(seen_id, e, "probe-identifier"));
  MIXER_BER_OK(require(seen_orig, e, "originator-name"));
  MIXER_BER_OK(require(seen_ct, e, "content-type"));
  MIXER_BER_OK(require(seen_trace, e, "trace-information"));
  MIXER_BER_OK(require(seen_prf, e, "per-recipient-fields"));
  return env;
}

void encode_probe_envelope(Writer& w, const ProbeTransferEnvelope& v, Tag t) {
  auto m = w.begin(t);
  encode_mts_identifier(w, v.probe_identifier);
  write_common_head(w, v);
  if (v.content_length) w.integer(*v.content_length, context(0));
  if (v.per_message_indicators.bit_count > 0) w.bit_string(v.per_message_indicators, application(8));
  encode_pdbi_list(w, v.per_domain_bilateral_information, context(1));
  encode_trace_information(w, v.trace_information);
  encode_extensions(w, v.extensions, context(3));
  auto prf = w.begin(context(2));
  for (const auto& p : v.per_recipient_fields) encode_per_recipient(w, p);
  w.end(prf);
  for (const auto& u : v.unknown_members) w.raw(u);
  w.end(m);
}

}  // namespace mixer::x400::asn::detail
