// ORName / ORAddress <-> JSON; see or_address_json.hpp. Table-driven: each
// attribute kind has one table of {JSON name, member} and one read/write rule.
#include "x400/json/or_address_json.hpp"

#include <algorithm>
#include <vector>

namespace mixer::x400::xjson {

namespace {

using ber::StringKind;

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

// Optional single strings. Teletex ones keep T.61 octets (octet-text form).
struct StringField {
  std::string_view name;
  std::optional<std::string> ORAddress::*member;
  StringKind kind;
};
constexpr StringField kStringFields[] = {
    {"network-address", &ORAddress::network_address, StringKind::numeric},
    {"terminal-identifier", &ORAddress::terminal_identifier, StringKind::printable},
    {"organization-name", &ORAddress::organization_name, StringKind::printable},
    {"numeric-user-identifier", &ORAddress::numeric_user_identifier, StringKind::numeric},
    {"common-name", &ORAddress::common_name, StringKind::printable},
    {"teletex-common-name", &ORAddress::teletex_common_name, StringKind::teletex},
    {"teletex-organization-name", &ORAddress::teletex_organization_name, StringKind::teletex},
    {"pds-name", &ORAddress::pds_name, StringKind::printable},
};

struct NumericOrPrintableField {
  std::string_view name;
  std::optional<NumericOrPrintable> ORAddress::*member;
};
constexpr NumericOrPrintableField kNumericOrPrintableFields[] = {
    {"country-name", &ORAddress::country_name},
    {"administration-domain-name", &ORAddress::administration_domain_name},
    {"private-domain-name", &ORAddress::private_domain_name},
    {"physical-delivery-country-name", &ORAddress::physical_delivery_country_name},
    {"postal-code", &ORAddress::postal_code},
};

struct PersonalNameField {
  std::string_view name;
  std::optional<PersonalName> ORAddress::*member;
  StringKind kind;
};
constexpr PersonalNameField kPersonalNameFields[] = {
    {"personal-name", &ORAddress::personal_name, StringKind::printable},
    {"teletex-personal-name", &ORAddress::teletex_personal_name, StringKind::teletex},
};

struct StringListField {
  std::string_view name;
  std::vector<std::string> ORAddress::*member;
  StringKind kind;
};
constexpr StringListField kStringListFields[] = {
    {"organizational-unit-names", &ORAddress::organizational_unit_names, StringKind::printable},
    {"teletex-organizational-unit-names", &ORAddress::teletex_organizational_unit_names, StringKind::teletex},
};

struct DdaField {
  std::string_view name;
  std::vector<DomainDefinedAttribute> ORAddress::*member;
  StringKind kind;
};
constexpr DdaField kDdaFields[] = {
    {"built-in-domain-defined-attributes", &ORAddress::domain_defined_attributes, StringKind::printable},
    {"teletex-domain-defined-attributes", &ORAddress::teletex_domain_defined_attributes, StringKind::teletex},
};

struct PdsField {
  std::string_view name;
  std::optional<PdsParameter> ORAddress::*member;
};
constexpr PdsField kPdsFields[] = {
    {"physical-delivery-office-name", &ORAddress::physical_delivery_office_name},
    {"physical-delivery-office-number", &ORAddress::physical_delivery_office_number},
    {"extension-OR-address-components", &ORAddress::extension_or_address_components},
    {"physical-delivery-personal-name", &ORAddress::physical_delivery_personal_name},
    {"physical-delivery-organization-name", &ORAddress::physical_delivery_organization_name},
    {"extension-physical-delivery-address-components",
     &ORAddress::extension_physical_delivery_address_components},
    {"street-address", &ORAddress::street_address},
    {"post-office-box-address", &ORAddress::post_office_box_address},
    {"poste-restante-address", &ORAddress::poste_restante_address},
    {"unique-postal-name", &ORAddress::unique_postal_name},
    {"local-postal-attributes", &ORAddress::local_postal_attributes},
};

struct UniversalField {
  std::string_view name;
  std::optional<UniversalText> ORAddress::*member;
};
constexpr UniversalField kUniversalFields[] = {
    {"universal-common-name", &ORAddress::universal_common_name},
    {"universal-organization-name", &ORAddress::universal_organization_name},
    {"universal-physical-delivery-office-name", &ORAddress::universal_physical_delivery_office_name},
    {"universal-physical-delivery-office-number", &ORAddress::universal_physical_delivery_office_number},
    {"universal-extension-OR-address-components", &ORAddress::universal_extension_or_address_components},
    {"universal-physical-delivery-personal-name", &ORAddress::universal_physical_delivery_personal_name},
    {"universal-physical-delivery-organization-name",
     &ORAddress::universal_physical_delivery_organization_name},
    {"universal-extension-physical-delivery-address-components",
     &ORAddress::universal_extension_physical_delivery_address_components},
    {"universal-unformatted-postal-address", &ORAddress::universal_unformatted_postal_address},
    {"universal-street-address", &ORAddress::universal_street_address},
    {"universal-post-office-box-address", &ORAddress::universal_post_office_box_address},
    {"universal-poste-restante-address", &ORAddress::universal_poste_restante_address},
    {"universal-unique-postal-name", &ORAddress::universal_unique_postal_name},
    {"universal-local-postal-attributes", &ORAddress::universal_local_postal_attributes},
};

constexpr std::string_view kOtherKeys[] = {
    "unformatted-postal-address",
    "extended-network-address",
    "terminal-type",
    "universal-personal-name",
    "universal-organizational-unit-names",
    "universal-domain-defined-attributes",
    "extension-attributes-other",
};

// ---- writing ----

json::Value text(std::string_view s, StringKind kind) {
  return kind == StringKind::teletex ? octet_text(s) : json::Value(s);
}

json::Value nop_json(const NumericOrPrintable& v) {
  if (!v.numeric) return json::Value(v.value);
  json::Value o = json::Value::object();
  o.set("numeric", v.value);
  return o;
}

json::Value personal_name_json(const PersonalName& p, StringKind kind) {
  json::Value o = json::Value::object();
  o.set("surname", text(p.surname, kind));
  if (p.given_name) o.set("given-name", text(*p.given_name, kind));
  if (p.initials) o.set("initials", text(*p.initials, kind));
  if (p.generation_qualifier) o.set("generation-qualifier", text(*p.generation_qualifier, kind));
  return o;
}

json::Value pds_json(const PdsParameter& p) {
  json::Value o = json::Value::object();
  if (p.printable) o.set("printable-string", *p.printable);
  if (p.teletex) o.set("teletex-string", octet_text(*p.teletex));
  return o;
}

json::Value universal_json(const UniversalText& u) {
  json::Value o = json::Value::object();
  o.set("text", u.utf8);
  o.set("form", u.four_octets ? "universal" : "bmp");
  if (u.language) o.set("language", *u.language);
  return o;
}

json::Value octets_json(const std::vector<std::uint8_t>& b) { return hex_bytes(b); }

json::Value extended_network_address_json(const ExtendedNetworkAddress& e) {
  json::Value o = json::Value::object();
  if (e.e163_4) {
    json::Value n = json::Value::object();
    n.set("number", e.e163_4->number);
    if (e.e163_4->sub_address) n.set("sub-address", *e.e163_4->sub_address);
    o.set("e163-4-address", std::move(n));
  }
  if (e.psap) {
    json::Value p = json::Value::object();
    if (e.psap->p_selector) p.set("pSelector", octets_json(*e.psap->p_selector));
    if (e.psap->s_selector) p.set("sSelector", octets_json(*e.psap->s_selector));
    if (e.psap->t_selector) p.set("tSelector", octets_json(*e.psap->t_selector));
    json::Value na = json::Value::array();
    for (const auto& n : e.psap->n_addresses) na.push(octets_json(n));
    p.set("nAddresses", std::move(na));
    o.set("psap-address", std::move(p));
  }
  return o;
}

// ---- reading ----

JsonResult<std::string> read_text(const json::Value& v, std::string_view path, StringKind kind) {
  if (kind == StringKind::teletex) return read_octet_text(v, path);
  return read_restricted(v, path, kind);
}

JsonResult<NumericOrPrintable> read_nop(const json::Value& v, std::string_view path) {
  if (v.is_object()) {
    MIXER_XJSON_CHECK(expect_object(v, path, {"numeric"}));
    const json::Value* n = MIXER_TRY(required_member(v, "numeric", path));
    return NumericOrPrintable{MIXER_TRY(read_restricted(*n, join_path(path, "numeric"), StringKind::numeric)),
                              true};
  }
  return NumericOrPrintable{MIXER_TRY(read_restricted(v, path, StringKind::printable)), false};
}

JsonResult<PersonalName> read_personal_name(const json::Value& v, std::string_view path, StringKind kind) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"surname", "given-name", "initials", "generation-qualifier"}));
  PersonalName p;
  p.surname =
      MIXER_TRY(read_text(*MIXER_TRY(required_member(v, "surname", path)), join_path(path, "surname"), kind));
  if (auto* g = optional_member(v, "given-name"))
    p.given_name = MIXER_TRY(read_text(*g, join_path(path, "given-name"), kind));
  if (auto* i = optional_member(v, "initials"))
    p.initials = MIXER_TRY(read_text(*i, join_path(path, "initials"), kind));
  if (auto* q = optional_member(v, "generation-qualifier"))
    p.generation_qualifier = MIXER_TRY(read_text(*q, join_path(path, "generation-qualifier"), kind));
  return p;
}

JsonResult<PdsParameter> read_pds(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"printable-string", "teletex-string"}));
  PdsParameter p;
  if (auto* s = optional_member(v, "printable-string"))
    p.printable = MIXER_TRY(read_restricted(*s, join_path(path, "printable-string"), StringKind::printable));
  if (auto* t = optional_member(v, "teletex-string"))
    p.teletex = MIXER_TRY(read_octet_text(*t, join_path(path, "teletex-string")));
  return p;
}

JsonResult<UniversalText> read_universal(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"text", "form", "language"}));
  UniversalText u;
  u.utf8 = MIXER_TRY(read_string(*MIXER_TRY(required_member(v, "text", path)), join_path(path, "text")));
  if (auto* f = optional_member(v, "form")) {
    auto form = MIXER_TRY(read_string(*f, join_path(path, "form")));
    if (form != "bmp" && form != "universal")
      return error(join_path(path, "form"), "expected \"bmp\" or \"universal\"");
    u.four_octets = form == "universal";
  }
  if (auto* l = optional_member(v, "language"))
    u.language = MIXER_TRY(read_restricted(*l, join_path(path, "language"), StringKind::printable));
  return u;
}

JsonResult<std::vector<std::uint8_t>> read_octets(const json::Value& v, std::string_view path) {
  return read_hex_bytes(v, path);
}

JsonResult<ExtendedNetworkAddress> read_extended_network_address(const json::Value& v,
                                                                 std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"e163-4-address", "psap-address"}));
  ExtendedNetworkAddress e;
  if (auto* n = optional_member(v, "e163-4-address")) {
    const std::string p = join_path(path, "e163-4-address");
    MIXER_XJSON_CHECK(expect_object(*n, p, {"number", "sub-address"}));
    ExtendedNetworkAddress::E1634 x;
    x.number = MIXER_TRY(read_restricted(*MIXER_TRY(required_member(*n, "number", p)), join_path(p, "number"),
                                         StringKind::numeric));
    if (auto* s = optional_member(*n, "sub-address"))
      x.sub_address = MIXER_TRY(read_restricted(*s, join_path(p, "sub-address"), StringKind::numeric));
    e.e163_4 = std::move(x);
  }
  if (auto* a = optional_member(v, "psap-address")) {
    const std::string p = join_path(path, "psap-address");
    MIXER_XJSON_CHECK(expect_object(*a, p, {"pSelector", "sSelector", "tSelector", "nAddresses"}));
    PresentationAddress pa;
    if (auto* s = optional_member(*a, "pSelector"))
      pa.p_selector = MIXER_TRY(read_octets(*s, join_path(p, "pSelector")));
    if (auto* s = optional_member(*a, "sSelector"))
      pa.s_selector = MIXER_TRY(read_octets(*s, join_path(p, "sSelector")));
    if (auto* s = optional_member(*a, "tSelector"))
      pa.t_selector = MIXER_TRY(read_octets(*s, join_path(p, "tSelector")));
    if (auto* n = optional_member(*a, "nAddresses")) {
      const auto* arr = MIXER_TRY(read_array(*n, join_path(p, "nAddresses")));
      for (std::size_t i = 0; i < arr->size(); ++i)
        pa.n_addresses.push_back(
            MIXER_TRY(read_octets((*arr)[i], index_path(join_path(p, "nAddresses"), i))));
    }
    e.psap = std::move(pa);
  }
  if (e.e163_4.has_value() == e.psap.has_value())
    return error(path, "exactly one of e163-4-address and psap-address is required");
  return e;
}

bool known_key(std::string_view key) {
  auto in = [&](const auto& table) {
    return std::any_of(std::begin(table), std::end(table), [&](const auto& f) { return f.name == key; });
  };
  return in(kStringFields) || in(kNumericOrPrintableFields) || in(kPersonalNameFields) ||
         in(kStringListFields) || in(kDdaFields) || in(kPdsFields) || in(kUniversalFields) ||
         std::find(std::begin(kOtherKeys), std::end(kOtherKeys), key) != std::end(kOtherKeys);
}

}  // namespace

json::Value to_json(const ORAddress& a) {
  json::Value o = json::Value::object();
  // Built-in standard attributes first, in X.411 order, then the rest.
  for (const auto& f : kNumericOrPrintableFields)
    if (f.name == "country-name" || f.name == "administration-domain-name")
      if (const auto& v = a.*f.member) o.set(std::string(f.name), nop_json(*v));
  if (a.network_address) o.set("network-address", *a.network_address);
  if (a.terminal_identifier) o.set("terminal-identifier", *a.terminal_identifier);
  if (a.private_domain_name) o.set("private-domain-name", nop_json(*a.private_domain_name));
  if (a.organization_name) o.set("organization-name", *a.organization_name);
  if (a.numeric_user_identifier) o.set("numeric-user-identifier", *a.numeric_user_identifier);
  for (const auto& f : kPersonalNameFields)
    if (const auto& v = a.*f.member) o.set(std::string(f.name), personal_name_json(*v, f.kind));
  for (const auto& f : kStringListFields) {
    const auto& list = a.*f.member;
    if (list.empty()) continue;
    json::Value arr = json::Value::array();
    for (const auto& s : list) arr.push(text(s, f.kind));
    o.set(std::string(f.name), std::move(arr));
  }
  for (const auto& f : kDdaFields) {
    const auto& list = a.*f.member;
    if (list.empty()) continue;
    json::Value arr = json::Value::array();
    for (const auto& d : list) {
      json::Value e = json::Value::object();
      e.set("type", text(d.type, f.kind));
      e.set("value", text(d.value, f.kind));
      arr.push(std::move(e));
    }
    o.set(std::string(f.name), std::move(arr));
  }
  for (const auto& f : kStringFields)
    if (const auto& v = a.*f.member; v && !o.find(f.name)) o.set(std::string(f.name), text(*v, f.kind));
  for (const auto& f : kNumericOrPrintableFields)
    if (const auto& v = a.*f.member; v && !o.find(f.name)) o.set(std::string(f.name), nop_json(*v));
  for (const auto& f : kPdsFields)
    if (const auto& v = a.*f.member) o.set(std::string(f.name), pds_json(*v));
  if (a.unformatted_postal_address) {
    json::Value u = json::Value::object();
    json::Value lines = json::Value::array();
    for (const auto& l : a.unformatted_postal_address->printable_lines) lines.push(l);
    u.set("printable-address", std::move(lines));
    if (a.unformatted_postal_address->teletex)
      u.set("teletex-string", octet_text(*a.unformatted_postal_address->teletex));
    o.set("unformatted-postal-address", std::move(u));
  }
  if (a.extended_network_address)
    o.set("extended-network-address", extended_network_address_json(*a.extended_network_address));
  if (a.terminal_type) o.set("terminal-type", *a.terminal_type);
  for (const auto& f : kUniversalFields)
    if (const auto& v = a.*f.member) o.set(std::string(f.name), universal_json(*v));
  if (a.universal_personal_name) {
    const auto& p = *a.universal_personal_name;
    json::Value n = json::Value::object();
    n.set("surname", universal_json(p.surname));
    if (p.given_name) n.set("given-name", universal_json(*p.given_name));
    if (p.initials) n.set("initials", universal_json(*p.initials));
    if (p.generation_qualifier) n.set("generation-qualifier", universal_json(*p.generation_qualifier));
    o.set("universal-personal-name", std::move(n));
  }
  if (!a.universal_organizational_unit_names.empty()) {
    json::Value arr = json::Value::array();
    for (const auto& u : a.universal_organizational_unit_names) arr.push(universal_json(u));
    o.set("universal-organizational-unit-names", std::move(arr));
  }
  if (!a.universal_domain_defined_attributes.empty()) {
    json::Value arr = json::Value::array();
    for (const auto& d : a.universal_domain_defined_attributes) {
      json::Value e = json::Value::object();
      e.set("type", universal_json(d.type));
      e.set("value", universal_json(d.value));
      arr.push(std::move(e));
    }
    o.set("universal-domain-defined-attributes", std::move(arr));
  }
  if (!a.other_extensions.empty()) {
    json::Value arr = json::Value::array();
    for (const auto& x : a.other_extensions) {
      json::Value e = json::Value::object();
      e.set("type", x.type);
      e.set("value", ber_tlv(x.value_ber));
      arr.push(std::move(e));
    }
    o.set("extension-attributes-other", std::move(arr));
  }
  return o;
}

json::Value to_json(const ORName& n) {
  json::Value o = to_json(n.address);
  if (n.directory_name_ber) o.set("directory-name", ber_tlv(*n.directory_name_ber));
  return o;
}

JsonResult<ORAddress> or_address_from_json(const json::Value& v, std::string_view path) {
  if (!v.is_object()) return error(path, "expected an object (an O/R address)");
  for (const auto& m : v.as_object())
    if (!known_key(m.key)) return error(join_path(path, m.key), "unknown O/R address attribute");
  ORAddress a;
  for (const auto& f : kStringFields)
    if (auto* x = optional_member(v, f.name))
      a.*f.member = MIXER_TRY(read_text(*x, join_path(path, f.name), f.kind));
  for (const auto& f : kNumericOrPrintableFields)
    if (auto* x = optional_member(v, f.name)) a.*f.member = MIXER_TRY(read_nop(*x, join_path(path, f.name)));
  for (const auto& f : kPersonalNameFields)
    if (auto* x = optional_member(v, f.name))
      a.*f.member = MIXER_TRY(read_personal_name(*x, join_path(path, f.name), f.kind));
  for (const auto& f : kStringListFields) {
    auto* x = optional_member(v, f.name);
    if (!x) continue;
    const std::string p = join_path(path, f.name);
    const auto* arr = MIXER_TRY(read_array(*x, p));
    for (std::size_t i = 0; i < arr->size(); ++i)
      (a.*f.member).push_back(MIXER_TRY(read_text((*arr)[i], index_path(p, i), f.kind)));
  }
  for (const auto& f : kDdaFields) {
    auto* x = optional_member(v, f.name);
    if (!x) continue;
    const std::string p = join_path(path, f.name);
    const auto* arr = MIXER_TRY(read_array(*x, p));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string ip = index_path(p, i);
      MIXER_XJSON_CHECK(expect_object((*arr)[i], ip, {"type", "value"}));
      DomainDefinedAttribute d;
      d.type = MIXER_TRY(
          read_text(*MIXER_TRY(required_member((*arr)[i], "type", ip)), join_path(ip, "type"), f.kind));
      d.value = MIXER_TRY(
          read_text(*MIXER_TRY(required_member((*arr)[i], "value", ip)), join_path(ip, "value"), f.kind));
      (a.*f.member).push_back(std::move(d));
    }
  }
  for (const auto& f : kPdsFields)
    if (auto* x = optional_member(v, f.name)) a.*f.member = MIXER_TRY(read_pds(*x, join_path(path, f.name)));
  if (auto* x = optional_member(v, "unformatted-postal-address")) {
    const std::string p = join_path(path, "unformatted-postal-address");
    MIXER_XJSON_CHECK(expect_object(*x, p, {"printable-address", "teletex-string"}));
    UnformattedPostalAddress u;
    if (auto* l = optional_member(*x, "printable-address")) {
      const auto* arr = MIXER_TRY(read_array(*l, join_path(p, "printable-address")));
      for (std::size_t i = 0; i < arr->size(); ++i)
        u.printable_lines.push_back(MIXER_TRY(read_restricted(
            (*arr)[i], index_path(join_path(p, "printable-address"), i), StringKind::printable)));
    }
    if (auto* t = optional_member(*x, "teletex-string"))
      u.teletex = MIXER_TRY(read_octet_text(*t, join_path(p, "teletex-string")));
    a.unformatted_postal_address = std::move(u);
  }
  if (auto* x = optional_member(v, "extended-network-address"))
    a.extended_network_address =
        MIXER_TRY(read_extended_network_address(*x, join_path(path, "extended-network-address")));
  if (auto* x = optional_member(v, "terminal-type")) {
    const auto t = MIXER_TRY(read_int(*x, join_path(path, "terminal-type")));
    if (t < 0 || t > ub::kIntegerOptions)
      return error(join_path(path, "terminal-type"), "out of range 0..256");
    a.terminal_type = static_cast<int>(t);
  }
  for (const auto& f : kUniversalFields)
    if (auto* x = optional_member(v, f.name))
      a.*f.member = MIXER_TRY(read_universal(*x, join_path(path, f.name)));
  if (auto* x = optional_member(v, "universal-personal-name")) {
    const std::string p = join_path(path, "universal-personal-name");
    MIXER_XJSON_CHECK(expect_object(*x, p, {"surname", "given-name", "initials", "generation-qualifier"}));
    UniversalPersonalName n;
    n.surname =
        MIXER_TRY(read_universal(*MIXER_TRY(required_member(*x, "surname", p)), join_path(p, "surname")));
    if (auto* g = optional_member(*x, "given-name"))
      n.given_name = MIXER_TRY(read_universal(*g, join_path(p, "given-name")));
    if (auto* i = optional_member(*x, "initials"))
      n.initials = MIXER_TRY(read_universal(*i, join_path(p, "initials")));
    if (auto* q = optional_member(*x, "generation-qualifier"))
      n.generation_qualifier = MIXER_TRY(read_universal(*q, join_path(p, "generation-qualifier")));
    a.universal_personal_name = std::move(n);
  }
  if (auto* x = optional_member(v, "universal-organizational-unit-names")) {
    const std::string p = join_path(path, "universal-organizational-unit-names");
    const auto* arr = MIXER_TRY(read_array(*x, p));
    for (std::size_t i = 0; i < arr->size(); ++i)
      a.universal_organizational_unit_names.push_back(MIXER_TRY(read_universal((*arr)[i], index_path(p, i))));
  }
  if (auto* x = optional_member(v, "universal-domain-defined-attributes")) {
    const std::string p = join_path(path, "universal-domain-defined-attributes");
    const auto* arr = MIXER_TRY(read_array(*x, p));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string ip = index_path(p, i);
      MIXER_XJSON_CHECK(expect_object((*arr)[i], ip, {"type", "value"}));
      UniversalDomainDefinedAttribute d;
      d.type = MIXER_TRY(
          read_universal(*MIXER_TRY(required_member((*arr)[i], "type", ip)), join_path(ip, "type")));
      d.value = MIXER_TRY(
          read_universal(*MIXER_TRY(required_member((*arr)[i], "value", ip)), join_path(ip, "value")));
      a.universal_domain_defined_attributes.push_back(std::move(d));
    }
  }
  if (auto* x = optional_member(v, "extension-attributes-other")) {
    const std::string p = join_path(path, "extension-attributes-other");
    const auto* arr = MIXER_TRY(read_array(*x, p));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string ip = index_path(p, i);
      MIXER_XJSON_CHECK(expect_object((*arr)[i], ip, {"type", "value"}));
      RawExtensionAttribute r;
      const auto t =
          MIXER_TRY(read_int(*MIXER_TRY(required_member((*arr)[i], "type", ip)), join_path(ip, "type")));
      if (t < 0 || t > static_cast<std::int64_t>(ub::kExtensionAttributes))
        return error(join_path(ip, "type"), "out of range 0..256");
      r.type = static_cast<int>(t);
      r.value_ber = MIXER_TRY(
          read_ber_tlv(*MIXER_TRY(required_member((*arr)[i], "value", ip)), join_path(ip, "value")));
      a.other_extensions.push_back(std::move(r));
    }
  }
  return a;
}

json::Value to_json(const NumericOrPrintable& v) { return nop_json(v); }

JsonResult<NumericOrPrintable> numeric_or_printable_from_json(const json::Value& v, std::string_view path) {
  return read_nop(v, path);
}

JsonResult<ORName> or_name_from_json(const json::Value& v, std::string_view path) {
  if (!v.is_object()) return error(path, "expected an object (an O/R name)");
  ORName n;
  json::Value address = json::Value::object();
  for (const auto& m : v.as_object())
    if (m.key != "directory-name") address.as_object().push_back(m);
  n.address = MIXER_TRY(or_address_from_json(address, path));
  if (auto* d = optional_member(v, "directory-name"))
    n.directory_name_ber = MIXER_TRY(read_ber_tlv(*d, join_path(path, "directory-name")));
  return n;
}

}  // namespace mixer::x400::xjson
