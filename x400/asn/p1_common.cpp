// X.411 shared parameter types: BER codecs. See p1_common.hpp.
#include "x400/asn/p1_common.hpp"

namespace mixer::x400::asn {

using namespace ber;  // NOLINT: codec file

namespace std_ext {
std::string name(std::int64_t n) {
  static constexpr const char* kNames[] = {
      nullptr, "recipient-reassignment-prohibited", "originator-requested-alternate-recipient",
      "dl-expansion-prohibited", "conversion-with-loss-prohibited", "latest-delivery-time",
      "requested-delivery-method", "physical-forwarding-prohibited", "physical-forwarding-address-request",
      "physical-delivery-modes", "registered-mail-type", "recipient-number-for-advice",
      "physical-rendition-attributes", "originator-return-address", "physical-delivery-report-request",
      "originator-certificate", "message-token", "content-confidentiality-algorithm-identifier",
      "content-integrity-check", "message-origin-authentication-check", "message-security-label",
      "proof-of-submission-request", "proof-of-delivery-request", "content-correlator",
      "probe-origin-authentication-check", "redirection-history", "dl-expansion-history",
      "physical-forwarding-address", "recipient-certificate", "proof-of-delivery",
      "originator-and-DL-expansion-history", "reporting-DL-name", "reporting-MTA-certificate",
      "report-origin-authentication-check", "originating-MTA-certificate", "proof-of-submission",
      "forwarding-request", "trace-information", "internal-trace-information", "reporting-MTA-name",
      "multiple-originator-certificates", "blind-copy-recipients", "dl-exempted-recipients",
      "body-part-encryption-token", "forwarded-content-token", "certificate-selectors",
      "certificate-selectors-override"};
  if (n >= 1 && n < static_cast<std::int64_t>(std::size(kNames))) return kNames[n];
  return "standard-extension-" + std::to_string(n);
}
}  // namespace std_ext

namespace {

BerResult<NumericOrPrintable> read_nop(const Element& e) {
  if (e.tag == tags::kNumericString) return NumericOrPrintable{MIXER_TRY(read_string(e, StringKind::numeric)), true};
  if (e.tag == tags::kPrintableString)
    return NumericOrPrintable{MIXER_TRY(read_string(e, StringKind::printable)), false};
  return fail(unexpected(e.offset, "expected NumericString or PrintableString, found " + e.tag.to_string()));
}

// DomainSuppliedInformation / MTASuppliedInformation (SET, any order).
BerResult<SuppliedInformation> read_supplied(const Element& e, bool internal) {
  SuppliedInformation s;
  bool have_arrival = false, have_action = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == context(0) && !have_arrival) {
      s.arrival_time = MIXER_BER_FIELD("arrival-time", decode_p1_time(c));
      have_arrival = true;
    } else if (c.tag == context(2) && !have_action) {
      auto v = MIXER_BER_FIELD("routing-action", read_enumerated(c));
      if (v != 0 && v != 1) return fail(within(unexpected(c.offset, "RoutingAction must be 0 or 1"), "routing-action"));
      s.routing_action = static_cast<RoutingAction>(v);
      have_action = true;
    } else if (c.tag == application(3) && !s.attempted_domain) {
      s.attempted_domain = MIXER_BER_FIELD(internal ? "attempted.domain" : "attempted-domain", decode_gdi(c));
    } else if (internal && c.tag == tags::kIa5String && !s.attempted_mta) {
      s.attempted_mta = MIXER_BER_FIELD("attempted.mta", read_string(c, StringKind::ia5));
    } else if (c.tag == context(1) && !s.deferred_time) {
      s.deferred_time = MIXER_BER_FIELD("deferred-time", decode_p1_time(c));
    } else if (c.tag == application(5) && !s.converted_encoded_information_types) {
      s.converted_encoded_information_types = MIXER_BER_FIELD("converted-encoded-information-types", decode_eits(c));
    } else if (c.tag == context(3)) {
      s.other_actions = MIXER_BER_FIELD("other-actions", read_bit_string(c));
    } else {
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
    }
  }
  if (!have_arrival) return fail(unexpected(e.offset, "missing arrival-time [0]"));
  if (!have_action) return fail(unexpected(e.offset, "missing routing-action [2]"));
  return s;
}

void write_supplied(Writer& w, const SuppliedInformation& s, bool internal) {
  auto m = w.begin(tags::kSet);
  w.time(s.arrival_time, context(0));
  w.enumerated(static_cast<std::int64_t>(s.routing_action), context(2));
  if (internal && s.attempted_mta)
    w.string(*s.attempted_mta, StringKind::ia5);
  else if (s.attempted_domain)
    encode_gdi(w, *s.attempted_domain);
  if (s.deferred_time) w.time(*s.deferred_time, context(1));
  if (s.converted_encoded_information_types) encode_eits(w, *s.converted_encoded_information_types);
  if (s.other_actions.bit_count > 0) w.bit_string(s.other_actions, context(3));
  w.end(m);
}

// SEQUENCE OF x, each decoded by `one`, with "[i]" in error paths.
template <typename T, typename F>
BerResult<std::vector<T>> read_seq_of(const Element& e, F one) {
  std::vector<T> out;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto v = [&]() -> BerResult<T> { return one(MIXER_TRY(r.next())); }();
    if (!v.ok()) return fail(within_index(std::move(v).error(), out.size()));
    out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace

BerResult<ber::Time> decode_p1_time(const Element& e) { return read_time(e, TimeKind::utc_time); }

ber::BitString at_least_8_bits(ber::BitString b) {
  if (b.bit_count < 8) {
    b.bit_count = 8;
    b.bytes.resize(1, 0);
  }
  return b;
}

BerResult<NumericOrPrintable> decode_tagged_choice_string(const Element& e) {
  auto r = MIXER_TRY(e.children());
  auto v = MIXER_TRY(read_nop(MIXER_TRY(r.next())));
  MIXER_BER_OK(r.finish());
  return v;
}

void encode_tagged_choice_string(Writer& w, Tag t, const NumericOrPrintable& v) {
  auto m = w.begin(t);
  w.string(v.value, v.numeric ? StringKind::numeric : StringKind::printable);
  w.end(m);
}

BerResult<GlobalDomainIdentifier> decode_gdi(const Element& e) {
  GlobalDomainIdentifier g;
  auto r = MIXER_TRY(e.children());
  g.country_name = MIXER_BER_FIELD("country-name", decode_tagged_choice_string(MIXER_TRY(r.expect(application(1)))));
  g.administration_domain_name = MIXER_BER_FIELD(
      "administration-domain-name", decode_tagged_choice_string(MIXER_TRY(r.expect(application(2)))));
  if (!r.empty()) g.private_domain_identifier = MIXER_BER_FIELD("private-domain-identifier", read_nop(MIXER_TRY(r.next())));
  MIXER_BER_OK(r.finish());
  return g;
}

void encode_gdi(Writer& w, const GlobalDomainIdentifier& v, Tag t) {
  auto m = w.begin(t);
  encode_tagged_choice_string(w, application(1), v.country_name);
  encode_tagged_choice_string(w, application(2), v.administration_domain_name);
  if (v.private_domain_identifier)
    w.string(v.private_domain_identifier->value,
             v.private_domain_identifier->numeric ? StringKind::numeric : StringKind::printable);
  w.end(m);
}

BerResult<MtsIdentifier> decode_mts_identifier(const Element& e) {
  MtsIdentifier id;
  auto r = MIXER_TRY(e.children());
  id.global_domain_identifier = MIXER_BER_FIELD("global-domain-identifier", decode_gdi(MIXER_TRY(r.expect(application(3)))));
  id.local_identifier =
      MIXER_BER_FIELD("local-identifier", read_string(MIXER_TRY(r.expect(tags::kIa5String)), StringKind::ia5));
  MIXER_BER_OK(r.finish());
  return id;
}

void encode_mts_identifier(Writer& w, const MtsIdentifier& v, Tag t) {
  auto m = w.begin(t);
  encode_gdi(w, v.global_domain_identifier);
  w.string(v.local_identifier, StringKind::ia5);
  w.end(m);
}

BerResult<EncodedInformationTypes> decode_eits(const Element& e) {
  EncodedInformationTypes v;
  bool have_builtin = false, have_ext = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == context(0) && !have_builtin) {
      v.built_in = MIXER_BER_FIELD("built-in-encoded-information-types", read_bit_string(c));
      have_builtin = true;
    } else if (c.tag == context(1) && !v.g3_facsimile) {
      v.g3_facsimile = MIXER_BER_FIELD("g3-facsimile", read_bit_string(c));
    } else if (c.tag == context(2) && !v.teletex) {
      if (!c.constructed) return fail(within(unexpected(c.offset, "teletex must be a SET"), "teletex"));
      v.teletex = RawBer(c.encoding.begin(), c.encoding.end());
    } else if (c.tag == context(4) && !have_ext) {
      v.extended = MIXER_BER_FIELD("extended-encoded-information-types",
                                   read_seq_of<Oid>(c, [](const Element& x) -> BerResult<Oid> {
                                     if (x.tag != tags::kObjectIdentifier)
                                       return fail(unexpected(x.offset, "expected OBJECT IDENTIFIER"));
                                     return read_oid(x);
                                   }));
      have_ext = true;
    } else {
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
    }
  }
  if (!have_builtin) return fail(unexpected(e.offset, "missing built-in-encoded-information-types [0]"));
  return v;
}

void encode_eits(Writer& w, const EncodedInformationTypes& v, Tag t) {
  auto m = w.begin(t);
  w.bit_string(v.built_in, context(0));
  if (v.g3_facsimile) w.bit_string(*v.g3_facsimile, context(1));
  if (v.teletex) w.raw(*v.teletex);
  if (!v.extended.empty()) {
    auto x = w.begin(context(4));
    for (const auto& o : v.extended) w.oid(o);
    w.end(x);
  }
  w.end(m);
}

std::optional<BerResult<ContentType>> try_decode_content_type(const Element& e) {
  if (e.tag == application(6)) {
    auto v = read_integer(e);
    if (!v.ok()) return BerResult<ContentType>(fail(std::move(v).error()));
    return BerResult<ContentType>(ContentType::builtin(*v));
  }
  if (e.tag == tags::kObjectIdentifier || e.tag == tags::kRelativeOid) {
    auto o = e.tag == tags::kObjectIdentifier ? read_oid(e) : read_relative_oid(e);
    if (!o.ok()) return BerResult<ContentType>(fail(std::move(o).error()));
    return BerResult<ContentType>(ContentType::ext(std::move(*o)));
  }
  return std::nullopt;
}

void encode_content_type(Writer& w, const ContentType& v) {
  if (v.extended)
    w.oid(v.oid);
  else
    w.integer(v.built_in, application(6));
}

BerResult<Extensions> decode_extensions(const Element& e) {
  return read_seq_of<ExtensionField>(e, [](const Element& f) -> BerResult<ExtensionField> {
    if (f.tag != tags::kSequence) return fail(unexpected(f.offset, "expected ExtensionField SEQUENCE"));
    ExtensionField x;
    auto r = MIXER_TRY(f.children());
    auto t = MIXER_BER_FIELD("type", r.next());
    if (t.tag == context(0) && t.constructed) {  // X.411(1988): [0] EXPLICIT { INTEGER | OBJECT IDENTIFIER }
      x.form = ExtensionField::TypeForm::explicit_1988;
      auto tr = MIXER_BER_FIELD("type", t.children());
      auto inner = MIXER_BER_FIELD("type", tr.next());
      MIXER_BER_CHECK("type", tr.finish());
      if (inner.tag == tags::kInteger)
        x.standard = MIXER_BER_FIELD("type.standard-extension", read_integer(inner));
      else if (inner.tag == tags::kObjectIdentifier)
        x.private_oid = MIXER_BER_FIELD("type.private-extension", read_oid(inner));
      else
        return fail(within(unexpected(inner.offset, "expected INTEGER or OBJECT IDENTIFIER"), "type"));
    } else if (t.tag == context(0)) {
      x.standard = MIXER_BER_FIELD("type.standard-extension", read_integer(t));
    } else if (t.tag == context(3)) {
      x.private_oid = MIXER_BER_FIELD("type.private-extension", read_oid(t));
    } else {
      return fail(within(unexpected(t.offset, "expected standard-extension [0] or private-extension [3], found " +
                                                  t.tag.to_string()),
                         "type"));
    }
    if (auto c = MIXER_TRY(r.optional(context(1)))) x.criticality = MIXER_BER_FIELD("criticality", read_bit_string(*c));
    if (auto v = MIXER_TRY(r.optional(context(2)))) {
      auto vr = MIXER_BER_FIELD("value", v->children());
      auto inner = MIXER_BER_FIELD("value", vr.next());
      MIXER_BER_CHECK("value", vr.finish());
      x.value = RawBer(inner.encoding.begin(), inner.encoding.end());
    }
    MIXER_BER_OK(r.finish());
    return x;
  });
}

void encode_extensions(Writer& w, const Extensions& v, Tag t) {
  if (v.empty()) return;
  auto m = w.begin(t);
  for (const auto& x : v) {
    auto s = w.begin(tags::kSequence);
    const bool explicit_form = x.form == ExtensionField::TypeForm::explicit_1988;
    if (x.standard) {
      if (explicit_form) {
        auto c = w.begin(context(0));
        w.integer(*x.standard);
        w.end(c);
      } else {
        w.integer(*x.standard, context(0));
      }
    } else if (x.private_oid) {
      if (explicit_form) {
        auto c = w.begin(context(0));
        w.oid(*x.private_oid);
        w.end(c);
      } else {
        w.oid(*x.private_oid, context(3));
      }
    } else {
      w.set_error(encode_error("ExtensionField has neither a standard nor a private type"));
    }
    if (x.criticality.bit_count > 0) w.bit_string(x.criticality, context(1));
    if (x.value) {
      auto c = w.begin(context(2));
      w.raw(*x.value);
      w.end(c);
    }
    w.end(s);
  }
  w.end(m);
}

BerResult<TraceInformation> decode_trace_information(const Element& e) {
  return read_seq_of<TraceInformationElement>(e, [](const Element& x) -> BerResult<TraceInformationElement> {
    if (x.tag != tags::kSequence) return fail(unexpected(x.offset, "expected TraceInformationElement SEQUENCE"));
    auto r = MIXER_TRY(x.children());
    TraceInformationElement t;
    t.global_domain_identifier =
        MIXER_BER_FIELD("global-domain-identifier", decode_gdi(MIXER_TRY(r.expect(application(3)))));
    t.domain_supplied_information =
        MIXER_BER_FIELD("domain-supplied-information", read_supplied(MIXER_TRY(r.expect(tags::kSet)), false));
    MIXER_BER_OK(r.finish());
    return t;
  });
}

void encode_trace_information(Writer& w, const TraceInformation& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v) {
    auto s = w.begin(tags::kSequence);
    encode_gdi(w, x.global_domain_identifier);
    write_supplied(w, x.domain_supplied_information, false);
    w.end(s);
  }
  w.end(m);
}

BerResult<InternalTraceInformation> decode_internal_trace_information(const Element& e) {
  return read_seq_of<InternalTraceInformationElement>(
      e, [](const Element& x) -> BerResult<InternalTraceInformationElement> {
        if (x.tag != tags::kSequence) return fail(unexpected(x.offset, "expected InternalTraceInformationElement"));
        auto r = MIXER_TRY(x.children());
        InternalTraceInformationElement t;
        t.global_domain_identifier =
            MIXER_BER_FIELD("global-domain-identifier", decode_gdi(MIXER_TRY(r.expect(application(3)))));
        t.mta_name = MIXER_BER_FIELD("mta-name", read_string(MIXER_TRY(r.expect(tags::kIa5String)), StringKind::ia5));
        t.mta_supplied_information =
            MIXER_BER_FIELD("mta-supplied-information", read_supplied(MIXER_TRY(r.expect(tags::kSet)), true));
        MIXER_BER_OK(r.finish());
        return t;
      });
}

void encode_internal_trace_information(Writer& w, const InternalTraceInformation& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v) {
    auto s = w.begin(tags::kSequence);
    encode_gdi(w, x.global_domain_identifier);
    w.string(x.mta_name, StringKind::ia5);
    write_supplied(w, x.mta_supplied_information, true);
    w.end(s);
  }
  w.end(m);
}

BerResult<std::vector<PerDomainBilateralInformation>> decode_pdbi_list(const Element& e) {
  return read_seq_of<PerDomainBilateralInformation>(
      e, [](const Element& x) -> BerResult<PerDomainBilateralInformation> {
        if (x.tag != tags::kSequence) return fail(unexpected(x.offset, "expected PerDomainBilateralInformation"));
        auto r = MIXER_TRY(x.children());
        PerDomainBilateralInformation p;
        p.country_name = MIXER_BER_FIELD("country-name", decode_tagged_choice_string(MIXER_TRY(r.expect(application(1)))));
        auto d = MIXER_BER_FIELD("domain", r.next());
        if (d.tag == application(2)) {
          p.administration_domain_name = MIXER_BER_FIELD("domain.administration-domain-name", decode_tagged_choice_string(d));
        } else if (d.tag == tags::kSequence) {
          auto dr = MIXER_BER_FIELD("domain.private-domain", d.children());
          p.administration_domain_name = MIXER_BER_FIELD(
              "domain.private-domain.administration-domain-name", decode_tagged_choice_string(MIXER_TRY(dr.expect(context(0)))));
          p.private_domain_identifier = MIXER_BER_FIELD(
              "domain.private-domain.private-domain-identifier", decode_tagged_choice_string(MIXER_TRY(dr.expect(context(1)))));
          MIXER_BER_CHECK("domain.private-domain", dr.finish());
        } else {
          return fail(within(unexpected(d.offset, "expected [APPLICATION 2] or SEQUENCE"), "domain"));
        }
        auto b = MIXER_BER_FIELD("bilateral-information", r.next());
        p.bilateral_information = RawBer(b.encoding.begin(), b.encoding.end());
        MIXER_BER_OK(r.finish());
        return p;
      });
}

void encode_pdbi_list(Writer& w, const std::vector<PerDomainBilateralInformation>& v, Tag t) {
  if (v.empty()) return;
  auto m = w.begin(t);
  for (const auto& p : v) {
    auto s = w.begin(tags::kSequence);
    encode_tagged_choice_string(w, application(1), p.country_name);
    if (p.private_domain_identifier) {
      auto d = w.begin(tags::kSequence);
      encode_tagged_choice_string(w, context(0), p.administration_domain_name);
      encode_tagged_choice_string(w, context(1), *p.private_domain_identifier);
      w.end(d);
    } else {
      encode_tagged_choice_string(w, application(2), p.administration_domain_name);
    }
    w.raw(p.bilateral_information);
    w.end(s);
  }
  w.end(m);
}

}  // namespace mixer::x400::asn
