// X.411 shared parameter types <-> JSON; see p1_common_json.hpp.
#include "x400/json/p1_common_json.hpp"

#include <array>

#include "x400/json/or_address_json.hpp"
#include "x400/json/p1_extension_json.hpp"

namespace mixer::x400::xjson {

using namespace asn;

namespace {

// BuiltInEncodedInformationTypes (X.411 12.2.1.1.2; telex(1) is the 1988 bit).
constexpr std::array<std::string_view, 10> kBuiltInEits = {
    "unknown", "telex", "ia5-text", "g3-facsimile", "g4-class-1", "teletex", "videotex", "voice", "sfd", "mixed-mode"};
constexpr std::array<std::string_view, 3> kCriticality = {"for-submission", "for-transfer", "for-delivery"};
constexpr std::array<std::string_view, 2> kOtherActions = {"redirected", "dl-operation"};
constexpr std::array<std::string_view, 2> kRoutingAction = {"relayed", "rerouted"};

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

ber::BitString padded(ber::BitString b, std::size_t min_bits) {
  if (b.bit_count < min_bits) {
    b.bit_count = min_bits;
    b.bytes.resize((min_bits + 7) / 8, 0);
  }
  return b;
}

json::Value supplied_json(const SuppliedInformation& s, bool internal) {
  json::Value o = json::Value::object();
  o.set("arrival-time", time_value(s.arrival_time));
  o.set("routing-action", enum_value(static_cast<std::int64_t>(s.routing_action), kRoutingAction));
  if (s.attempted_domain) o.set("attempted-domain", to_json(*s.attempted_domain));
  if (internal && s.attempted_mta) o.set("attempted-mta", *s.attempted_mta);
  if (s.deferred_time) o.set("deferred-time", time_value(*s.deferred_time));
  if (s.converted_encoded_information_types)
    o.set("converted-encoded-information-types", to_json(*s.converted_encoded_information_types));
  if (s.other_actions.bit_count > 0) o.set("other-actions", flags_json(s.other_actions, kOtherActions));
  return o;
}

JsonResult<SuppliedInformation> supplied_from(const json::Value& v, std::string_view path, bool internal) {
  if (internal)
    MIXER_XJSON_CHECK(expect_object(v, path,
                                    {"arrival-time", "routing-action", "attempted-domain", "attempted-mta",
                                     "deferred-time", "converted-encoded-information-types", "other-actions"}));
  else
    MIXER_XJSON_CHECK(expect_object(v, path,
                                    {"arrival-time", "routing-action", "attempted-domain", "deferred-time",
                                     "converted-encoded-information-types", "other-actions"}));
  auto p = [&](std::string_view key) { return join_path(path, key); };
  SuppliedInformation s;
  s.arrival_time = MIXER_TRY(
      read_time(*MIXER_TRY(required_member(v, "arrival-time", path)), p("arrival-time"), ber::TimeKind::utc_time));
  const auto action = MIXER_TRY(
      read_enum(*MIXER_TRY(required_member(v, "routing-action", path)), p("routing-action"), kRoutingAction));
  if (action < 0 || action > 1) return error(p("routing-action"), "out of range relayed(0)..rerouted(1)");
  s.routing_action = static_cast<RoutingAction>(action);
  if (auto* x = optional_member(v, "attempted-domain"))
    s.attempted_domain = MIXER_TRY(gdi_from_json(*x, p("attempted-domain")));
  if (auto* x = optional_member(v, "attempted-mta")) {
    if (s.attempted_domain)
      return error(p("attempted-mta"), "attempted is a CHOICE: give attempted-mta or attempted-domain, not both");
    s.attempted_mta = MIXER_TRY(read_restricted(*x, p("attempted-mta"), ber::StringKind::ia5));
  }
  if (auto* x = optional_member(v, "deferred-time"))
    s.deferred_time = MIXER_TRY(read_time(*x, p("deferred-time"), ber::TimeKind::utc_time));
  if (auto* x = optional_member(v, "converted-encoded-information-types"))
    s.converted_encoded_information_types = MIXER_TRY(eits_from_json(*x, p("converted-encoded-information-types")));
  if (auto* x = optional_member(v, "other-actions"))
    s.other_actions = MIXER_TRY(read_flags(*x, p("other-actions"), kOtherActions));
  return s;
}

JsonResult<TraceInformationElement> trace_element_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"global-domain-identifier", "domain-supplied-information"}));
  TraceInformationElement e;
  e.global_domain_identifier =
      MIXER_TRY(gdi_from_json(*MIXER_TRY(required_member(v, "global-domain-identifier", path)),
                              join_path(path, "global-domain-identifier")));
  e.domain_supplied_information =
      MIXER_TRY(supplied_from(*MIXER_TRY(required_member(v, "domain-supplied-information", path)),
                              join_path(path, "domain-supplied-information"), false));
  return e;
}

JsonResult<InternalTraceInformationElement> internal_trace_element_from(const json::Value& v,
                                                                        std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"global-domain-identifier", "mta-name", "mta-supplied-information"}));
  InternalTraceInformationElement e;
  e.global_domain_identifier =
      MIXER_TRY(gdi_from_json(*MIXER_TRY(required_member(v, "global-domain-identifier", path)),
                              join_path(path, "global-domain-identifier")));
  e.mta_name = MIXER_TRY(read_restricted(*MIXER_TRY(required_member(v, "mta-name", path)),
                                         join_path(path, "mta-name"), ber::StringKind::ia5));
  e.mta_supplied_information =
      MIXER_TRY(supplied_from(*MIXER_TRY(required_member(v, "mta-supplied-information", path)),
                              join_path(path, "mta-supplied-information"), true));
  return e;
}

// "latest-delivery-time" -> 5, "standard-extension-99" -> 99; names from asn::std_ext::name.
std::optional<std::int64_t> standard_extension_number(std::string_view name) {
  constexpr std::int64_t kHighestNamed = 64;  // X.411 names 1..46; margin for later editions
  for (std::int64_t n = 0; n <= kHighestNamed; ++n)
    if (std_ext::name(n) == name) return n;
  constexpr std::string_view kPrefix = "standard-extension-";
  if (name.starts_with(kPrefix)) {
    std::int64_t n = 0;
    const auto digits = name.substr(kPrefix.size());
    if (digits.empty() || digits.size() > 9) return std::nullopt;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return std::nullopt;
}

}  // namespace

// ---- named bits ----

json::Value flags_json(const ber::BitString& bits, std::span<const std::string_view> names, std::size_t min_bits) {
  json::Value named = named_bits(bits, names);
  auto back = read_named_bits(named, "$", names);
  if (back.ok() && padded(std::move(back).value(), min_bits) == bits) return named;
  return bit_string(bits);
}

JsonResult<ber::BitString> read_flags(const json::Value& v, std::string_view path,
                                      std::span<const std::string_view> names, std::size_t min_bits) {
  if (v.is_object()) return read_bit_string(v, path);
  return padded(MIXER_TRY(read_named_bits(v, path, names)), min_bits);
}

// ---- to JSON ----

json::Value to_json(const GlobalDomainIdentifier& v) {
  json::Value o = json::Value::object();
  o.set("country-name", to_json(v.country_name));
  o.set("administration-domain-name", to_json(v.administration_domain_name));
  if (v.private_domain_identifier) o.set("private-domain-identifier", to_json(*v.private_domain_identifier));
  return o;
}

json::Value to_json(const MtsIdentifier& v) {
  json::Value o = json::Value::object();
  o.set("global-domain-identifier", to_json(v.global_domain_identifier));
  o.set("local-identifier", v.local_identifier);
  return o;
}

json::Value to_json(const ContentType& v) {
  json::Value o = json::Value::object();
  if (v.extended)
    o.set("extended", v.oid.to_string());
  else
    o.set("built-in", static_cast<long long>(v.built_in));
  return o;
}

json::Value to_json(const EncodedInformationTypes& v) {
  json::Value o = json::Value::object();
  o.set("built-in-encoded-information-types", flags_json(v.built_in, kBuiltInEits));
  if (v.g3_facsimile) o.set("g3-facsimile", flags_json(*v.g3_facsimile, {}));
  if (v.teletex) o.set("teletex", ber_tlv(*v.teletex));
  if (!v.extended.empty())
    o.set("extended-encoded-information-types",
          list_to_json(v.extended, [](const ber::Oid& oid) { return json::Value(oid.to_string()); }));
  return o;
}

json::Value to_json(const ExtensionField& v) {
  json::Value o = json::Value::object();
  if (v.private_oid)
    o.set("private-extension", v.private_oid->to_string());
  else if (v.standard) {
    const std::string name = std_ext::name(*v.standard);
    if (name.starts_with("standard-extension-"))
      o.set("standard-extension", static_cast<long long>(*v.standard));
    else
      o.set("standard-extension", name);
  }
  if (v.form == ExtensionField::TypeForm::explicit_1988) o.set("type-form", "explicit-1988");
  if (v.criticality.bit_count > 0) o.set("criticality", flags_json(v.criticality, kCriticality));
  if (v.value) {
    o.set("value", ber_tlv(*v.value));
    if (auto typed = extension_value_to_json(v)) o.set("decoded", std::move(*typed));
  }
  return o;
}

json::Value to_json(const Extensions& v) {
  return list_to_json(v, [](const ExtensionField& x) { return to_json(x); });
}

json::Value to_json(const TraceInformation& v) {
  return list_to_json(v, [](const TraceInformationElement& e) {
    json::Value o = json::Value::object();
    o.set("global-domain-identifier", to_json(e.global_domain_identifier));
    o.set("domain-supplied-information", supplied_json(e.domain_supplied_information, false));
    return o;
  });
}

json::Value to_json(const InternalTraceInformation& v) {
  return list_to_json(v, [](const InternalTraceInformationElement& e) {
    json::Value o = json::Value::object();
    o.set("global-domain-identifier", to_json(e.global_domain_identifier));
    o.set("mta-name", e.mta_name);
    o.set("mta-supplied-information", supplied_json(e.mta_supplied_information, true));
    return o;
  });
}

json::Value to_json(const PerDomainBilateralInformation& v) {
  json::Value o = json::Value::object();
  o.set("country-name", to_json(v.country_name));
  o.set("administration-domain-name", to_json(v.administration_domain_name));
  if (v.private_domain_identifier) o.set("private-domain-identifier", to_json(*v.private_domain_identifier));
  o.set("bilateral-information", ber_tlv(v.bilateral_information));
  return o;
}

json::Value raw_list_json(const std::vector<RawBer>& v) {
  return list_to_json(v, [](const RawBer& b) { return ber_tlv(b); });
}

// ---- from JSON ----

JsonResult<GlobalDomainIdentifier> gdi_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(
      expect_object(v, path, {"country-name", "administration-domain-name", "private-domain-identifier"}));
  GlobalDomainIdentifier g;
  g.country_name = MIXER_TRY(numeric_or_printable_from_json(*MIXER_TRY(required_member(v, "country-name", path)),
                                                            join_path(path, "country-name")));
  g.administration_domain_name = MIXER_TRY(
      numeric_or_printable_from_json(*MIXER_TRY(required_member(v, "administration-domain-name", path)),
                                     join_path(path, "administration-domain-name")));
  if (auto* x = optional_member(v, "private-domain-identifier"))
    g.private_domain_identifier =
        MIXER_TRY(numeric_or_printable_from_json(*x, join_path(path, "private-domain-identifier")));
  return g;
}

JsonResult<MtsIdentifier> mts_identifier_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"global-domain-identifier", "local-identifier"}));
  MtsIdentifier id;
  id.global_domain_identifier = MIXER_TRY(gdi_from_json(
      *MIXER_TRY(required_member(v, "global-domain-identifier", path)), join_path(path, "global-domain-identifier")));
  id.local_identifier = MIXER_TRY(read_restricted(*MIXER_TRY(required_member(v, "local-identifier", path)),
                                                  join_path(path, "local-identifier"), ber::StringKind::ia5));
  return id;
}

JsonResult<ContentType> content_type_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"built-in", "extended"}));
  if (v.size() != 1) return error(path, "expected exactly one of \"built-in\" and \"extended\"");
  if (auto* b = optional_member(v, "built-in")) {
    return ContentType::builtin(MIXER_TRY(read_int(*b, join_path(path, "built-in"))));
  }
  return ContentType::ext(
      MIXER_TRY(read_oid(*MIXER_TRY(required_member(v, "extended", path)), join_path(path, "extended"))));
}

JsonResult<EncodedInformationTypes> eits_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(
      v, path,
      {"built-in-encoded-information-types", "g3-facsimile", "teletex", "extended-encoded-information-types"}));
  auto p = [&](std::string_view key) { return join_path(path, key); };
  EncodedInformationTypes e;
  e.built_in = MIXER_TRY(read_flags(*MIXER_TRY(required_member(v, "built-in-encoded-information-types", path)),
                                    p("built-in-encoded-information-types"), kBuiltInEits));
  if (auto* x = optional_member(v, "g3-facsimile")) e.g3_facsimile = MIXER_TRY(read_flags(*x, p("g3-facsimile"), {}));
  if (auto* x = optional_member(v, "teletex")) e.teletex = MIXER_TRY(read_ber_tlv(*x, p("teletex")));
  if (auto* x = optional_member(v, "extended-encoded-information-types"))
    e.extended = MIXER_TRY(list_from_json<ber::Oid>(*x, p("extended-encoded-information-types"), read_oid));
  return e;
}

JsonResult<ExtensionField> extension_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(
      v, path, {"standard-extension", "private-extension", "type-form", "criticality", "value", "decoded"}));
  auto p = [&](std::string_view key) { return join_path(path, key); };
  ExtensionField x;
  const json::Value* std_type = optional_member(v, "standard-extension");
  const json::Value* private_type = optional_member(v, "private-extension");
  if ((std_type != nullptr) == (private_type != nullptr))
    return error(path, "exactly one of \"standard-extension\" and \"private-extension\" is required");
  if (std_type) {
    if (std_type->is_int()) {
      x.standard = std_type->as_int();
    } else {
      const auto name = MIXER_TRY(read_string(*std_type, p("standard-extension")));
      x.standard = standard_extension_number(name);
      if (!x.standard)
        return error(p("standard-extension"), "unknown standard extension \"" + name +
                                                  "\" (give an X.411 name such as latest-delivery-time, or a number)");
    }
  } else {
    x.private_oid = MIXER_TRY(read_oid(*private_type, p("private-extension")));
  }
  if (auto* f = optional_member(v, "type-form")) {
    const auto form = MIXER_TRY(read_string(*f, p("type-form")));
    if (form == "explicit-1988")
      x.form = ExtensionField::TypeForm::explicit_1988;
    else if (form != "implicit-1992")
      return error(p("type-form"), "expected \"explicit-1988\" or \"implicit-1992\"");
  }
  if (auto* c = optional_member(v, "criticality")) x.criticality = MIXER_TRY(read_flags(*c, p("criticality"), kCriticality));
  if (auto* val = optional_member(v, "value")) x.value = MIXER_TRY(read_ber_tlv(*val, p("value")));
  if (auto* d = optional_member(v, "decoded")) {
    if (x.value) {
      // Both given: the raw TLV is kept (it may be non-canonical BER), but
      // only when the typed view says the same thing; an edit to one of them
      // alone would otherwise be lost silently.
      auto typed = extension_value_to_json(x);
      if (!typed || !(*typed == *d))
        return error(p("decoded"), "disagrees with \"value\" (edit one of them and remove the other)");
    } else {
      x.value = MIXER_TRY(extension_value_from_json(x, *d, p("decoded")));
    }
  }
  return x;
}

JsonResult<Extensions> extensions_from_json(const json::Value& v, std::string_view path) {
  return list_from_json<ExtensionField>(v, path, extension_from_json);
}

JsonResult<TraceInformation> trace_from_json(const json::Value& v, std::string_view path) {
  return list_from_json<TraceInformationElement>(v, path, trace_element_from);
}

JsonResult<InternalTraceInformation> internal_trace_from_json(const json::Value& v, std::string_view path) {
  return list_from_json<InternalTraceInformationElement>(v, path, internal_trace_element_from);
}

JsonResult<PerDomainBilateralInformation> pdbi_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path,
                                  {"country-name", "administration-domain-name", "private-domain-identifier",
                                   "bilateral-information"}));
  PerDomainBilateralInformation b;
  b.country_name = MIXER_TRY(numeric_or_printable_from_json(*MIXER_TRY(required_member(v, "country-name", path)),
                                                            join_path(path, "country-name")));
  b.administration_domain_name = MIXER_TRY(
      numeric_or_printable_from_json(*MIXER_TRY(required_member(v, "administration-domain-name", path)),
                                     join_path(path, "administration-domain-name")));
  if (auto* x = optional_member(v, "private-domain-identifier"))
    b.private_domain_identifier =
        MIXER_TRY(numeric_or_printable_from_json(*x, join_path(path, "private-domain-identifier")));
  b.bilateral_information = MIXER_TRY(read_ber_tlv(*MIXER_TRY(required_member(v, "bilateral-information", path)),
                                                   join_path(path, "bilateral-information")));
  return b;
}

JsonResult<std::vector<RawBer>> raw_list_from_json(const json::Value& v, std::string_view path) {
  return list_from_json<RawBer>(v, path, read_ber_tlv);
}

}  // namespace mixer::x400::xjson
