// O/R address BER codec (X.411 12.5, Annex A). See or_address_codec.hpp.
#include "x400/asn/or_address_codec.hpp"

#include <string>

namespace mixer::x400::asn {
namespace {

using namespace ber;  // NOLINT: codec file, every name is BER

constexpr auto kPrt = StringKind::printable;
constexpr auto kNum = StringKind::numeric;
constexpr auto kT61 = StringKind::teletex;

// ---- small decoders ---------------------------------------------------------

// CHOICE { NumericString, PrintableString } (the string element itself).
BerResult<NumericOrPrintable> read_nop(const Element& e) {
  if (e.tag == tags::kNumericString) return NumericOrPrintable{MIXER_TRY(read_string(e, kNum)), true};
  if (e.tag == tags::kPrintableString) return NumericOrPrintable{MIXER_TRY(read_string(e, kPrt)), false};
  return fail(unexpected(e.offset, "expected NumericString or PrintableString, found " + e.tag.to_string()));
}

// A tagged CHOICE: the tag is explicit, one NumericString/PrintableString inside.
BerResult<NumericOrPrintable> read_explicit_nop(const Element& e) {
  auto r = MIXER_TRY(e.children());
  auto inner = MIXER_TRY(r.next());
  auto v = MIXER_TRY(read_nop(inner));
  MIXER_BER_OK(r.finish());
  return v;
}

// PersonalName / TeletexPersonalName: SET { [0] surname, [1] given-name, [2] initials, [3] generation-qualifier }.
BerResult<PersonalName> read_personal_name(const Element& e, StringKind kind) {
  PersonalName p;
  bool have_surname = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == context(0) && !have_surname) {
      p.surname = MIXER_BER_FIELD("surname", read_string(c, kind));
      have_surname = true;
    } else if (c.tag == context(1) && !p.given_name) {
      p.given_name = MIXER_BER_FIELD("given-name", read_string(c, kind));
    } else if (c.tag == context(2) && !p.initials) {
      p.initials = MIXER_BER_FIELD("initials", read_string(c, kind));
    } else if (c.tag == context(3) && !p.generation_qualifier) {
      p.generation_qualifier = MIXER_BER_FIELD("generation-qualifier", read_string(c, kind));
    } else {
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
    }
  }
  if (!have_surname) return fail(within(unexpected(e.offset, "missing surname [0]"), "surname"));
  return p;
}

// UniversalOrBMPString ::= SET { character-encoding CHOICE { two-octets BMPString,
// four-octets UniversalString }, iso-639-language-code PrintableString (SIZE (2|5)) OPTIONAL }
BerResult<UniversalText> read_universal(const Element& e) {
  UniversalText t;
  bool have_text = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if ((c.tag == tags::kBmpString || c.tag == tags::kUniversalString) && !have_text) {
      t.four_octets = c.tag == tags::kUniversalString;
      t.utf8 = MIXER_BER_FIELD("character-encoding",
                               read_string(c, t.four_octets ? StringKind::universal : StringKind::bmp));
      have_text = true;
    } else if (c.tag == tags::kPrintableString && !t.language) {
      t.language = MIXER_BER_FIELD("iso-639-language-code", read_string(c, kPrt));
    } else {
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
    }
  }
  if (!have_text) return fail(unexpected(e.offset, "missing character-encoding"));
  return t;
}

BerResult<UniversalPersonalName> read_universal_personal_name(const Element& e) {
  UniversalPersonalName p;
  bool have_surname = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == context(0) && !have_surname) {
      p.surname = MIXER_BER_FIELD("surname", read_universal(c));
      have_surname = true;
    } else if (c.tag == context(1) && !p.given_name) {
      p.given_name = MIXER_BER_FIELD("given-name", read_universal(c));
    } else if (c.tag == context(2) && !p.initials) {
      p.initials = MIXER_BER_FIELD("initials", read_universal(c));
    } else if (c.tag == context(3) && !p.generation_qualifier) {
      p.generation_qualifier = MIXER_BER_FIELD("generation-qualifier", read_universal(c));
    } else {
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
    }
  }
  if (!have_surname) return fail(unexpected(e.offset, "missing surname [0]"));
  return p;
}

// SEQUENCE OF <string of kind>
BerResult<std::vector<std::string>> read_string_seq(const Element& e, Tag item_tag, StringKind kind) {
  std::vector<std::string> out;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = r.expect(item_tag);
    if (!c.ok()) return fail(within_index(std::move(c).error(), out.size()));
    auto s = read_string(*c, kind);
    if (!s.ok()) return fail(within_index(std::move(s).error(), out.size()));
    out.push_back(std::move(*s));
  }
  return out;
}

// SEQUENCE OF SEQUENCE { type, value } with strings of `kind`.
BerResult<std::vector<DomainDefinedAttribute>> read_ddas(const Element& e, StringKind kind) {
  std::vector<DomainDefinedAttribute> out;
  auto r = MIXER_TRY(e.children());
  const Tag t = tag_of(kind);
  for (std::size_t i = 0; !r.empty(); ++i) {
    auto one = [&]() -> BerResult<DomainDefinedAttribute> {
      auto seq = MIXER_TRY(r.expect(tags::kSequence));
      auto c = MIXER_TRY(seq.children());
      DomainDefinedAttribute d;
      d.type = MIXER_BER_FIELD("type", read_string(MIXER_TRY(c.expect(t)), kind));
      d.value = MIXER_BER_FIELD("value", read_string(MIXER_TRY(c.expect(t)), kind));
      MIXER_BER_OK(c.finish());
      return d;
    }();
    if (!one.ok()) return fail(within_index(std::move(one).error(), i));
    out.push_back(std::move(*one));
  }
  return out;
}

// PDSParameter ::= SET { printable-string PrintableString OPTIONAL, teletex-string TeletexString OPTIONAL }
BerResult<PdsParameter> read_pds(const Element& e) {
  PdsParameter p;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == tags::kPrintableString && !p.printable)
      p.printable = MIXER_BER_FIELD("printable-string", read_string(c, kPrt));
    else if (c.tag == tags::kTeletexString && !p.teletex)
      p.teletex = MIXER_BER_FIELD("teletex-string", read_string(c, kT61));
    else
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
  }
  return p;
}

BerResult<UnformattedPostalAddress> read_unformatted(const Element& e) {
  UnformattedPostalAddress u;
  bool have_lines = false;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto c = MIXER_TRY(r.next());
    if (c.tag == tags::kSequence && !have_lines) {
      u.printable_lines = MIXER_BER_FIELD("printable-address", read_string_seq(c, tags::kPrintableString, kPrt));
      have_lines = true;
    } else if (c.tag == tags::kTeletexString && !u.teletex) {
      u.teletex = MIXER_BER_FIELD("teletex-string", read_string(c, kT61));
    } else {
      return fail(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()));
    }
  }
  return u;
}

BerResult<std::vector<std::uint8_t>> read_explicit_octets(const Element& e) {
  auto r = MIXER_TRY(e.children());
  auto v = MIXER_TRY(read_octets_copy(MIXER_TRY(r.expect(tags::kOctetString))));
  MIXER_BER_OK(r.finish());
  return v;
}

// X.520 PresentationAddress ::= SEQUENCE { pSelector [0] OCTET STRING OPTIONAL, sSelector [1] ...,
// tSelector [2] ..., nAddresses [3] SET SIZE (1..MAX) OF OCTET STRING } (explicit tags)
BerResult<PresentationAddress> read_presentation_address(const Element& e) {
  PresentationAddress p;
  auto r = MIXER_TRY(e.children());
  if (auto c = MIXER_TRY(r.optional(context(0)))) p.p_selector = MIXER_BER_FIELD("pSelector", read_explicit_octets(*c));
  if (auto c = MIXER_TRY(r.optional(context(1)))) p.s_selector = MIXER_BER_FIELD("sSelector", read_explicit_octets(*c));
  if (auto c = MIXER_TRY(r.optional(context(2)))) p.t_selector = MIXER_BER_FIELD("tSelector", read_explicit_octets(*c));
  auto n = MIXER_BER_FIELD("nAddresses", r.expect(context(3)));
  auto nr = MIXER_BER_FIELD("nAddresses", n.children());
  auto set = MIXER_BER_FIELD("nAddresses", nr.expect(tags::kSet));
  MIXER_BER_OK(nr.finish());
  auto sr = MIXER_BER_FIELD("nAddresses", set.children());
  while (!sr.empty()) {
    auto a = MIXER_BER_FIELD("nAddresses", sr.expect(tags::kOctetString));
    p.n_addresses.push_back(MIXER_BER_FIELD("nAddresses", read_octets_copy(a)));
  }
  MIXER_BER_OK(r.finish());
  return p;
}

BerResult<ExtendedNetworkAddress> read_extended_network_address(const Element& e) {
  ExtendedNetworkAddress x;
  if (e.tag == tags::kSequence) {
    auto r = MIXER_TRY(e.children());
    ExtendedNetworkAddress::E1634 a;
    a.number = MIXER_BER_FIELD("e163-4-address.number", read_string(MIXER_TRY(r.expect(context(0))), kNum));
    if (auto s = MIXER_TRY(r.optional(context(1))))
      a.sub_address = MIXER_BER_FIELD("e163-4-address.sub-address", read_string(*s, kNum));
    MIXER_BER_OK(r.finish());
    x.e163_4 = std::move(a);
  } else if (e.tag == context(0)) {
    x.psap = MIXER_BER_FIELD("psap-address", read_presentation_address(e));
  } else {
    return fail(unexpected(e.offset, "expected e163-4-address or psap-address [0], found " + e.tag.to_string()));
  }
  return x;
}

BerResult<std::vector<UniversalText>> read_universal_seq(const Element& e) {
  std::vector<UniversalText> out;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto one = [&]() -> BerResult<UniversalText> { return read_universal(MIXER_TRY(r.expect(tags::kSet))); }();
    if (!one.ok()) return fail(within_index(std::move(one).error(), out.size()));
    out.push_back(std::move(*one));
  }
  return out;
}

BerResult<std::vector<UniversalDomainDefinedAttribute>> read_universal_ddas(const Element& e) {
  std::vector<UniversalDomainDefinedAttribute> out;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto one = [&]() -> BerResult<UniversalDomainDefinedAttribute> {
      auto seq = MIXER_TRY(r.expect(tags::kSequence));
      auto c = MIXER_TRY(seq.children());
      UniversalDomainDefinedAttribute d;
      d.type = MIXER_BER_FIELD("type", read_universal(MIXER_TRY(c.expect(tags::kSet))));
      d.value = MIXER_BER_FIELD("value", read_universal(MIXER_TRY(c.expect(tags::kSet))));
      MIXER_BER_OK(c.finish());
      return d;
    }();
    if (!one.ok()) return fail(within_index(std::move(one).error(), out.size()));
    out.push_back(std::move(*one));
  }
  return out;
}

template <typename T>
BerStatus set_once(std::optional<T>& slot, BerResult<T> v, const Element& at) {
  if (!v.ok()) return fail(std::move(v).error());
  if (slot) return fail(unexpected(at.offset, "extension attribute appears twice"));
  slot = std::move(*v);
  return Ok{};
}
template <typename T>
BerStatus set_once(std::vector<T>& slot, BerResult<std::vector<T>> v, const Element& at) {
  if (!v.ok()) return fail(std::move(v).error());
  if (!slot.empty()) return fail(unexpected(at.offset, "extension attribute appears twice"));
  slot = std::move(*v);
  return Ok{};
}

template <typename A>
auto pds_slot(A& a, std::int64_t type) -> decltype(&a.physical_delivery_office_name) {
  switch (type) {
    case ext::kPhysicalDeliveryOfficeName: return &a.physical_delivery_office_name;
    case ext::kPhysicalDeliveryOfficeNumber: return &a.physical_delivery_office_number;
    case ext::kExtensionOrAddressComponents: return &a.extension_or_address_components;
    case ext::kPhysicalDeliveryPersonalName: return &a.physical_delivery_personal_name;
    case ext::kPhysicalDeliveryOrganizationName: return &a.physical_delivery_organization_name;
    case ext::kExtensionPhysicalDeliveryAddressComponents:
      return &a.extension_physical_delivery_address_components;
    case ext::kStreetAddress: return &a.street_address;
    case ext::kPostOfficeBoxAddress: return &a.post_office_box_address;
    case ext::kPosteRestanteAddress: return &a.poste_restante_address;
    case ext::kUniquePostalName: return &a.unique_postal_name;
    case ext::kLocalPostalAttributes: return &a.local_postal_attributes;
    default: return nullptr;
  }
}

template <typename A>
auto universal_slot(A& a, std::int64_t type) -> decltype(&a.universal_common_name) {
  switch (type) {
    case ext::kUniversalCommonName: return &a.universal_common_name;
    case ext::kUniversalOrganizationName: return &a.universal_organization_name;
    case ext::kUniversalPhysicalDeliveryOfficeName: return &a.universal_physical_delivery_office_name;
    case ext::kUniversalPhysicalDeliveryOfficeNumber: return &a.universal_physical_delivery_office_number;
    case ext::kUniversalExtensionOrAddressComponents: return &a.universal_extension_or_address_components;
    case ext::kUniversalPhysicalDeliveryPersonalName: return &a.universal_physical_delivery_personal_name;
    case ext::kUniversalPhysicalDeliveryOrganizationName:
      return &a.universal_physical_delivery_organization_name;
    case ext::kUniversalExtensionPhysicalDeliveryAddressComponents:
      return &a.universal_extension_physical_delivery_address_components;
    case ext::kUniversalUnformattedPostalAddress: return &a.universal_unformatted_postal_address;
    case ext::kUniversalStreetAddress: return &a.universal_street_address;
    case ext::kUniversalPostOfficeBoxAddress: return &a.universal_post_office_box_address;
    case ext::kUniversalPosteRestanteAddress: return &a.universal_poste_restante_address;
    case ext::kUniversalUniquePostalName: return &a.universal_unique_postal_name;
    case ext::kUniversalLocalPostalAttributes: return &a.universal_local_postal_attributes;
    default: return nullptr;
  }
}

// One ExtensionAttribute ::= SEQUENCE { [0] INTEGER, [1] EXPLICIT value }.
BerStatus read_extension_attribute(const Element& seq, ORAddress& a) {
  auto r = MIXER_TRY(seq.children());
  auto type = MIXER_BER_FIELD("extension-attribute-type", read_integer(MIXER_TRY(r.expect(context(0)))));
  auto wrap = MIXER_BER_FIELD("extension-attribute-value", r.expect(context(1)));
  MIXER_BER_OK(r.finish());
  auto wr = MIXER_BER_FIELD("extension-attribute-value", wrap.children());
  auto v = MIXER_BER_FIELD("extension-attribute-value", wr.next());
  MIXER_BER_CHECK("extension-attribute-value", wr.finish());
  auto expect_tag = [&](Tag t) -> BerStatus {
    if (v.tag != t) return fail(unexpected(v.offset, "expected " + t.to_string() + ", found " + v.tag.to_string()));
    return Ok{};
  };
  auto body = [&]() -> BerStatus {
    if (auto* slot = pds_slot(a, type)) {
      MIXER_BER_OK(expect_tag(tags::kSet));
      return set_once(*slot, read_pds(v), v);
    }
    if (auto* slot = universal_slot(a, type)) {
      MIXER_BER_OK(expect_tag(tags::kSet));
      return set_once(*slot, read_universal(v), v);
    }
    switch (type) {
      case ext::kCommonName:
        MIXER_BER_OK(expect_tag(tags::kPrintableString));
        return set_once(a.common_name, read_string(v, kPrt), v);
      case ext::kTeletexCommonName:
        MIXER_BER_OK(expect_tag(tags::kTeletexString));
        return set_once(a.teletex_common_name, read_string(v, kT61), v);
      case ext::kTeletexOrganizationName:
        MIXER_BER_OK(expect_tag(tags::kTeletexString));
        return set_once(a.teletex_organization_name, read_string(v, kT61), v);
      case ext::kTeletexPersonalName:
        MIXER_BER_OK(expect_tag(tags::kSet));
        return set_once(a.teletex_personal_name, read_personal_name(v, kT61), v);
      case ext::kTeletexOrganizationalUnitNames:
        MIXER_BER_OK(expect_tag(tags::kSequence));
        return set_once(a.teletex_organizational_unit_names, read_string_seq(v, tags::kTeletexString, kT61), v);
      case ext::kTeletexDomainDefinedAttributes:
        MIXER_BER_OK(expect_tag(tags::kSequence));
        return set_once(a.teletex_domain_defined_attributes, read_ddas(v, kT61), v);
      case ext::kPdsName:
        MIXER_BER_OK(expect_tag(tags::kPrintableString));
        return set_once(a.pds_name, read_string(v, kPrt), v);
      case ext::kPhysicalDeliveryCountryName: return set_once(a.physical_delivery_country_name, read_nop(v), v);
      case ext::kPostalCode: return set_once(a.postal_code, read_nop(v), v);
      case ext::kUnformattedPostalAddress:
        MIXER_BER_OK(expect_tag(tags::kSet));
        return set_once(a.unformatted_postal_address, read_unformatted(v), v);
      case ext::kExtendedNetworkAddress:
        return set_once(a.extended_network_address, read_extended_network_address(v), v);
      case ext::kTerminalType: {
        MIXER_BER_OK(expect_tag(tags::kInteger));
        auto n = MIXER_TRY(read_integer(v));
        if (n < 0 || n > ub::kIntegerOptions) return fail(unexpected(v.offset, "terminal-type out of range 0..256"));
        return set_once(a.terminal_type, BerResult<int>(static_cast<int>(n)), v);
      }
      case ext::kUniversalPersonalName:
        MIXER_BER_OK(expect_tag(tags::kSet));
        return set_once(a.universal_personal_name, read_universal_personal_name(v), v);
      case ext::kUniversalOrganizationalUnitNames:
        MIXER_BER_OK(expect_tag(tags::kSequence));
        return set_once(a.universal_organizational_unit_names, read_universal_seq(v), v);
      case ext::kUniversalDomainDefinedAttributes:
        MIXER_BER_OK(expect_tag(tags::kSequence));
        return set_once(a.universal_domain_defined_attributes, read_universal_ddas(v), v);
      default:
        if (type < 0 || type > static_cast<std::int64_t>(ub::kExtensionAttributes))
          return fail(unexpected(seq.offset, "extension-attribute-type out of range 0..256"));
        a.other_extensions.push_back(
            RawExtensionAttribute{static_cast<int>(type), std::vector<std::uint8_t>(v.encoding.begin(), v.encoding.end())});
        return Ok{};
    }
  }();
  if (!body.ok()) return fail(within(std::move(body).error(), "extension-attribute-value"));
  return Ok{};
}

BerStatus read_standard_attributes(const Element& e, ORAddress& a) {
  auto r = MIXER_TRY(e.children());
  if (auto c = MIXER_TRY(r.optional(application(1))))
    a.country_name = MIXER_BER_FIELD("country-name", read_explicit_nop(*c));
  if (auto c = MIXER_TRY(r.optional(application(2))))
    a.administration_domain_name = MIXER_BER_FIELD("administration-domain-name", read_explicit_nop(*c));
  if (auto c = MIXER_TRY(r.optional(context(0))))
    a.network_address = MIXER_BER_FIELD("network-address", read_string(*c, kNum));
  if (auto c = MIXER_TRY(r.optional(context(1))))
    a.terminal_identifier = MIXER_BER_FIELD("terminal-identifier", read_string(*c, kPrt));
  if (auto c = MIXER_TRY(r.optional(context(2))))
    a.private_domain_name = MIXER_BER_FIELD("private-domain-name", read_explicit_nop(*c));
  if (auto c = MIXER_TRY(r.optional(context(3))))
    a.organization_name = MIXER_BER_FIELD("organization-name", read_string(*c, kPrt));
  if (auto c = MIXER_TRY(r.optional(context(4))))
    a.numeric_user_identifier = MIXER_BER_FIELD("numeric-user-identifier", read_string(*c, kNum));
  if (auto c = MIXER_TRY(r.optional(context(5))))
    a.personal_name = MIXER_BER_FIELD("personal-name", read_personal_name(*c, kPrt));
  if (auto c = MIXER_TRY(r.optional(context(6))))
    a.organizational_unit_names =
        MIXER_BER_FIELD("organizational-unit-names", read_string_seq(*c, tags::kPrintableString, kPrt));
  MIXER_BER_OK(r.finish());
  return Ok{};
}

// ---- encoders -----------------------------------------------------------------

void write_nop(Writer& w, const NumericOrPrintable& v) { w.string(v.value, v.numeric ? kNum : kPrt); }

void write_explicit_nop(Writer& w, Tag t, const NumericOrPrintable& v) {
  auto m = w.begin(t);
  write_nop(w, v);
  w.end(m);
}

void write_personal_name(Writer& w, const PersonalName& p, StringKind kind, Tag t) {
  auto m = w.begin(t);
  w.string(p.surname, kind, context(0));
  if (p.given_name) w.string(*p.given_name, kind, context(1));
  if (p.initials) w.string(*p.initials, kind, context(2));
  if (p.generation_qualifier) w.string(*p.generation_qualifier, kind, context(3));
  w.end(m);
}

void write_universal(Writer& w, const UniversalText& t, Tag tag = tags::kSet) {
  auto m = w.begin(tag);
  w.string(t.utf8, t.four_octets ? StringKind::universal : StringKind::bmp);
  if (t.language) w.string(*t.language, kPrt);
  w.end(m);
}

void write_pds(Writer& w, const PdsParameter& p) {
  auto m = w.begin(tags::kSet);
  if (p.printable) w.string(*p.printable, kPrt);
  if (p.teletex) w.string(*p.teletex, kT61);
  w.end(m);
}

void write_ddas(Writer& w, const std::vector<DomainDefinedAttribute>& v, StringKind kind) {
  auto m = w.begin(tags::kSequence);
  for (const auto& d : v) {
    auto s = w.begin(tags::kSequence);
    w.string(d.type, kind);
    w.string(d.value, kind);
    w.end(s);
  }
  w.end(m);
}

void write_strings(Writer& w, const std::vector<std::string>& v, StringKind kind, Tag t = tags::kSequence) {
  auto m = w.begin(t);
  for (const auto& s : v) w.string(s, kind);
  w.end(m);
}

void write_explicit_octets(Writer& w, Tag t, const std::vector<std::uint8_t>& v) {
  auto m = w.begin(t);
  w.octets(Bytes(v));
  w.end(m);
}

// Writes one ExtensionAttribute, the value produced by `value`.
template <typename F>
void write_ext(Writer& w, int type, F&& value) {
  auto s = w.begin(tags::kSequence);
  w.integer(type, context(0));
  auto v = w.begin(context(1));
  value();
  w.end(v);
  w.end(s);
}

void write_extension_attributes(Writer& w, const ORAddress& a) {
  auto set = w.begin(tags::kSet);
  for (int type = 1; type <= ext::kUniversalLocalPostalAttributes; ++type) {
    if (auto* slot = pds_slot(a, type); slot && *slot) {
      write_ext(w, type, [&] { write_pds(w, **slot); });
      continue;
    }
    if (auto* slot = universal_slot(a, type); slot && *slot) {
      write_ext(w, type, [&] { write_universal(w, **slot); });
      continue;
    }
    switch (type) {
      case ext::kCommonName:
        if (a.common_name) write_ext(w, type, [&] { w.string(*a.common_name, kPrt); });
        break;
      case ext::kTeletexCommonName:
        if (a.teletex_common_name) write_ext(w, type, [&] { w.string(*a.teletex_common_name, kT61); });
        break;
      case ext::kTeletexOrganizationName:
        if (a.teletex_organization_name) write_ext(w, type, [&] { w.string(*a.teletex_organization_name, kT61); });
        break;
      case ext::kTeletexPersonalName:
        if (a.teletex_personal_name)
          write_ext(w, type, [&] { write_personal_name(w, *a.teletex_personal_name, kT61, tags::kSet); });
        break;
      case ext::kTeletexOrganizationalUnitNames:
        if (!a.teletex_organizational_unit_names.empty())
          write_ext(w, type, [&] { write_strings(w, a.teletex_organizational_unit_names, kT61); });
        break;
      case ext::kTeletexDomainDefinedAttributes:
        if (!a.teletex_domain_defined_attributes.empty())
          write_ext(w, type, [&] { write_ddas(w, a.teletex_domain_defined_attributes, kT61); });
        break;
      case ext::kPdsName:
        if (a.pds_name) write_ext(w, type, [&] { w.string(*a.pds_name, kPrt); });
        break;
      case ext::kPhysicalDeliveryCountryName:
        if (a.physical_delivery_country_name) write_ext(w, type, [&] { write_nop(w, *a.physical_delivery_country_name); });
        break;
      case ext::kPostalCode:
        if (a.postal_code) write_ext(w, type, [&] { write_nop(w, *a.postal_code); });
        break;
      case ext::kUnformattedPostalAddress:
        if (a.unformatted_postal_address)
          write_ext(w, type, [&] {
            auto s = w.begin(tags::kSet);
            if (!a.unformatted_postal_address->printable_lines.empty())
              write_strings(w, a.unformatted_postal_address->printable_lines, kPrt);
            if (a.unformatted_postal_address->teletex) w.string(*a.unformatted_postal_address->teletex, kT61);
            w.end(s);
          });
        break;
      case ext::kExtendedNetworkAddress:
        if (const auto& x = a.extended_network_address) {
          write_ext(w, type, [&] {
            if (x->e163_4) {
              auto s = w.begin(tags::kSequence);
              w.string(x->e163_4->number, kNum, context(0));
              if (x->e163_4->sub_address) w.string(*x->e163_4->sub_address, kNum, context(1));
              w.end(s);
            } else if (x->psap) {
              auto s = w.begin(context(0));
              if (x->psap->p_selector) write_explicit_octets(w, context(0), *x->psap->p_selector);
              if (x->psap->s_selector) write_explicit_octets(w, context(1), *x->psap->s_selector);
              if (x->psap->t_selector) write_explicit_octets(w, context(2), *x->psap->t_selector);
              auto n = w.begin(context(3));
              auto set = w.begin(tags::kSet);
              for (const auto& na : x->psap->n_addresses) w.octets(Bytes(na));
              w.end(set);
              w.end(n);
              w.end(s);
            } else {
              w.set_error(encode_error("extended-network-address has neither e163-4-address nor psap-address"));
            }
          });
        }
        break;
      case ext::kTerminalType:
        if (a.terminal_type) write_ext(w, type, [&] { w.integer(*a.terminal_type); });
        break;
      case ext::kUniversalPersonalName:
        if (const auto& p = a.universal_personal_name) {
          write_ext(w, type, [&] {
            auto s = w.begin(tags::kSet);
            write_universal(w, p->surname, context(0));
            if (p->given_name) write_universal(w, *p->given_name, context(1));
            if (p->initials) write_universal(w, *p->initials, context(2));
            if (p->generation_qualifier) write_universal(w, *p->generation_qualifier, context(3));
            w.end(s);
          });
        }
        break;
      case ext::kUniversalOrganizationalUnitNames:
        if (!a.universal_organizational_unit_names.empty())
          write_ext(w, type, [&] {
            auto s = w.begin(tags::kSequence);
            for (const auto& u : a.universal_organizational_unit_names) write_universal(w, u);
            w.end(s);
          });
        break;
      case ext::kUniversalDomainDefinedAttributes:
        if (!a.universal_domain_defined_attributes.empty())
          write_ext(w, type, [&] {
            auto s = w.begin(tags::kSequence);
            for (const auto& d : a.universal_domain_defined_attributes) {
              auto one = w.begin(tags::kSequence);
              write_universal(w, d.type);
              write_universal(w, d.value);
              w.end(one);
            }
            w.end(s);
          });
        break;
      default: break;
    }
  }
  for (const auto& raw : a.other_extensions) write_ext(w, raw.type, [&] { w.raw(raw.value_ber); });
  w.end_or_drop_if_empty(set);  // ExtensionAttributes is OPTIONAL and SIZE (1..)
}

}  // namespace

BerResult<ORAddress> decode_or_address_components(Reader& r) {
  ORAddress a;
  auto bisa = MIXER_BER_FIELD("built-in-standard-attributes", r.expect(tags::kSequence));
  MIXER_BER_CHECK("built-in-standard-attributes", read_standard_attributes(bisa, a));
  if (auto d = MIXER_TRY(r.optional(tags::kSequence)))
    a.domain_defined_attributes = MIXER_BER_FIELD("built-in-domain-defined-attributes", read_ddas(*d, kPrt));
  if (auto x = MIXER_TRY(r.optional(tags::kSet))) {
    auto xr = MIXER_BER_FIELD("extension-attributes", x->children());
    for (std::size_t i = 0; !xr.empty(); ++i) {
      auto one = [&]() -> BerStatus { return read_extension_attribute(MIXER_TRY(xr.expect(tags::kSequence)), a); }();
      if (!one.ok()) return fail(within(within_index(std::move(one).error(), i), "extension-attributes"));
    }
  }
  return a;
}

BerResult<ORAddress> decode_or_address(const Element& e) {
  auto r = MIXER_TRY(e.children());
  auto a = MIXER_TRY(decode_or_address_components(r));
  MIXER_BER_OK(r.finish());
  return a;
}

BerResult<ORName> decode_or_name(const Element& e) {
  auto r = MIXER_TRY(e.children());
  ORName n;
  n.address = MIXER_TRY(decode_or_address_components(r));
  if (auto d = MIXER_TRY(r.optional(context(0)))) {
    auto dr = MIXER_BER_FIELD("directory-name", d->children());
    auto name = MIXER_BER_FIELD("directory-name", dr.next());
    MIXER_BER_CHECK("directory-name", dr.finish());
    n.directory_name_ber = std::vector<std::uint8_t>(name.encoding.begin(), name.encoding.end());
  }
  MIXER_BER_OK(r.finish());
  return n;
}

void encode_or_address_components(Writer& w, const ORAddress& a) {
  auto bisa = w.begin(tags::kSequence);
  if (a.country_name) write_explicit_nop(w, application(1), *a.country_name);
  if (a.administration_domain_name) write_explicit_nop(w, application(2), *a.administration_domain_name);
  if (a.network_address) w.string(*a.network_address, kNum, context(0));
  if (a.terminal_identifier) w.string(*a.terminal_identifier, kPrt, context(1));
  if (a.private_domain_name) write_explicit_nop(w, context(2), *a.private_domain_name);
  if (a.organization_name) w.string(*a.organization_name, kPrt, context(3));
  if (a.numeric_user_identifier) w.string(*a.numeric_user_identifier, kNum, context(4));
  if (a.personal_name) write_personal_name(w, *a.personal_name, kPrt, context(5));
  if (!a.organizational_unit_names.empty()) write_strings(w, a.organizational_unit_names, kPrt, context(6));
  w.end(bisa);
  if (!a.domain_defined_attributes.empty()) write_ddas(w, a.domain_defined_attributes, kPrt);
  write_extension_attributes(w, a);
}

void encode_or_address(Writer& w, const ORAddress& a, Tag tag) {
  auto m = w.begin(tag);
  encode_or_address_components(w, a);
  w.end(m);
}

void encode_or_name(Writer& w, const ORName& n, Tag tag) {
  auto m = w.begin(tag);
  encode_or_address_components(w, n.address);
  if (n.directory_name_ber) {
    auto d = w.begin(context(0));
    w.raw(*n.directory_name_ber);
    w.end(d);
  }
  w.end(m);
}

BerResult<ORName> decode_or_name(Bytes bytes, const Limits& limits) {
  Reader r(bytes, limits);
  auto e = MIXER_BER_FIELD("ORName", r.expect(application(0)));
  auto n = MIXER_BER_FIELD("ORName", decode_or_name(e));
  MIXER_BER_CHECK("ORName", r.finish());
  return n;
}

BerResult<ORAddress> decode_or_address(Bytes bytes, const Limits& limits) {
  Reader r(bytes, limits);
  auto e = MIXER_BER_FIELD("ORAddress", r.expect(tags::kSequence));
  auto a = MIXER_BER_FIELD("ORAddress", decode_or_address(e));
  MIXER_BER_CHECK("ORAddress", r.finish());
  return a;
}

BerResult<std::vector<std::uint8_t>> encode_or_name(const ORName& n) {
  Writer w;
  encode_or_name(w, n);
  return std::move(w).finish();
}

BerResult<std::vector<std::uint8_t>> encode_or_address(const ORAddress& a) {
  Writer w;
  encode_or_address(w, a);
  return std::move(w).finish();
}

}  // namespace mixer::x400::asn
