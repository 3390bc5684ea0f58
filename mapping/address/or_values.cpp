#include "mapping/address/or_values.hpp"

#include "mapping/address/ps_encoding.hpp"

#include <type_traits>

namespace mixer::mapping::address {

namespace ub = x400::ub;

AddressResult<PrintableTeletex> decode_teletex_and_or_ps(std::string_view value) {
  PrintableTeletex out;
  const auto star = value.find('*');
  std::string_view p = value.substr(0, star);
  if (!p.empty()) {
    for (std::size_t i = 0; i < p.size(); ++i)
      if (!is_printable_string_char(p[i]))
        return fail(address_error(AddressErrorKind::kSyntax, "character outside PrintableString", value, i));
    out.printable = std::string(p);
  }
  if (star == std::string_view::npos) return out;
  std::string t;
  for (std::size_t i = star + 1; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '{') {
      const auto close = value.find('}', i);
      if (close == std::string_view::npos || close == i + 1 || (close - i - 1) % 3 != 0)
        return fail(address_error(AddressErrorKind::kSyntax, "teletex octets must be {ddd...}", value, i));
      for (std::size_t k = i + 1; k < close; k += 3) {
        unsigned v = 0;
        for (std::size_t d = 0; d < 3; ++d) {
          const char dc = value[k + d];
          if (dc < '0' || dc > '9')
            return fail(address_error(AddressErrorKind::kSyntax, "teletex octet is not 3 digits", value, k));
          v = v * 10 + static_cast<unsigned>(dc - '0');
        }
        if (v > 255) return fail(address_error(AddressErrorKind::kSyntax, "teletex octet above 255", value, k));
        t.push_back(static_cast<char>(v));
      }
      i = close;
    } else if (is_printable_string_char(c)) {
      t.push_back(c);
    } else {
      return fail(address_error(AddressErrorKind::kSyntax, "character not allowed in teletex-string", value, i));
    }
  }
  if (t.empty()) return fail(address_error(AddressErrorKind::kSyntax, "empty teletex value after '*'", value, star));
  out.teletex = std::move(t);
  return out;
}

std::string encode_teletex(std::string_view t61) {
  std::string out;
  bool in_braces = false;
  for (char c : t61) {
    // "/" and "=" are PrintableString but would need "$" escaping; octets are
    // simpler and unambiguous inside the teletex half.
    if (is_printable_string_char(c) && c != '/' && c != '=') {
      if (in_braces) out.push_back('}');
      in_braces = false;
      out.push_back(c);
      continue;
    }
    if (!in_braces) out.push_back('{');
    in_braces = true;
    const auto v = static_cast<unsigned>(static_cast<unsigned char>(c));
    out.push_back(static_cast<char>('0' + v / 100));
    out.push_back(static_cast<char>('0' + v / 10 % 10));
    out.push_back(static_cast<char>('0' + v % 10));
  }
  if (in_braces) out.push_back('}');
  return out;
}

std::string std_escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '/' || c == '=') out.push_back('$');
    out.push_back(c);
  }
  return out;
}

bool is_numeric_string(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == ' ')) return false;
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

// Messages are built only on failure: this runs for every mapped address.
template <typename What>
AddressResult<Ok> bound(const What& what, const std::string& v, std::size_t max) {
  auto name = [&] {
    if constexpr (std::is_invocable_v<What>) return std::string(what());
    else return std::string(what);
  };
  if (v.empty()) return fail(address_error(AddressErrorKind::kSyntax, name() + " is empty (X.411: SIZE(1..))"));
  if (v.size() > max)
    return fail(address_error(AddressErrorKind::kTooLong, name() + " longer than " + std::to_string(max) + " (X.411 ub)",
                              v, max));
  return Ok{};
}

template <typename What>
AddressResult<Ok> bound(const What& what, const std::optional<std::string>& v, std::size_t max) {
  return v ? bound(what, *v, max) : AddressResult<Ok>(Ok{});
}

AddressResult<Ok> check_pn(std::string_view what, const x400::PersonalName& pn) {
  auto field = [what](const char* f) { return [what, f] { return std::string(what) + " " + f; }; };
  MIXER_TRY(bound(field("surname"), pn.surname, ub::kSurnameLength));
  MIXER_TRY(bound(field("given-name"), pn.given_name, ub::kGivenNameLength));
  MIXER_TRY(bound(field("initials"), pn.initials, ub::kInitialsLength));
  MIXER_TRY(bound(field("generation-qualifier"), pn.generation_qualifier, ub::kGenerationQualifierLength));
  return Ok{};
}

AddressResult<Ok> check_pds(std::string_view what, const std::optional<x400::PdsParameter>& p) {
  if (!p) return Ok{};
  if (!p->printable && !p->teletex)
    return fail(address_error(AddressErrorKind::kSyntax, std::string(what) + " has neither form"));
  MIXER_TRY(bound(what, p->printable, ub::kPdsParameterLength));
  MIXER_TRY(bound(what, p->teletex, ub::kPdsParameterLength));
  return Ok{};
}

AddressResult<Ok> check_country(std::string_view what, const std::optional<x400::NumericOrPrintable>& c) {
  if (!c) return Ok{};
  const std::string& v = c->value;
  bool ok = false;
  if (c->numeric) {
    ok = v.size() == ub::kCountryNameNumericLength && is_numeric_string(v) && v.find(' ') == std::string::npos;
  } else {
    ok = v.size() == ub::kCountryNameAlphaLength;
    for (char ch : v) ok = ok && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
  }
  if (!ok)
    return fail(address_error(AddressErrorKind::kSyntax,
                              std::string(what) + " must be 2 letters (ISO 3166) or 3 digits (X.121 DCC)", v));
  return Ok{};
}

}  // namespace

AddressResult<Ok> check_or_address(const x400::ORAddress& a) {
  MIXER_TRY(check_country("country-name (C)", a.country_name));
  if (a.administration_domain_name && a.administration_domain_name->value.size() > ub::kDomainNameLength)
    return fail(address_error(AddressErrorKind::kTooLong, "ADMD longer than 16 (X.411 ub)",
                              a.administration_domain_name->value, ub::kDomainNameLength));
  if (a.administration_domain_name && a.administration_domain_name->value.empty())
    return fail(address_error(AddressErrorKind::kSyntax, "ADMD is empty: write the blank ADMD as a single space"));
  if (a.private_domain_name) MIXER_TRY(bound("PRMD", a.private_domain_name->value, ub::kDomainNameLength));
  MIXER_TRY(bound("network-address (X121)", a.network_address, ub::kX121AddressLength));
  MIXER_TRY(bound("terminal-identifier (T-ID)", a.terminal_identifier, ub::kTerminalIdLength));
  MIXER_TRY(bound("organization-name (O)", a.organization_name, ub::kOrganizationNameLength));
  MIXER_TRY(bound("teletex organization-name (O)", a.teletex_organization_name, ub::kOrganizationNameLength));
  MIXER_TRY(bound("numeric-user-identifier (UA-ID)", a.numeric_user_identifier, ub::kNumericUserIdLength));
  if (a.personal_name) MIXER_TRY(check_pn("personal-name", *a.personal_name));
  if (a.teletex_personal_name) MIXER_TRY(check_pn("teletex personal-name", *a.teletex_personal_name));
  if (a.organizational_unit_names.size() > ub::kOrganizationalUnits ||
      a.teletex_organizational_unit_names.size() > ub::kOrganizationalUnits)
    return fail(address_error(AddressErrorKind::kTooLong, "more than 4 organizational units (ub-organizational-units)"));
  for (const auto& ou : a.organizational_unit_names)
    MIXER_TRY(bound("organizational-unit-name (OU)", ou, ub::kOrganizationalUnitNameLength));
  for (const auto& ou : a.teletex_organizational_unit_names)
    MIXER_TRY(bound("teletex organizational-unit-name (OU)", ou, ub::kOrganizationalUnitNameLength));
  if (a.domain_defined_attributes.size() > ub::kDomainDefinedAttributes ||
      a.teletex_domain_defined_attributes.size() > ub::kDomainDefinedAttributes)
    return fail(address_error(AddressErrorKind::kTooLong,
                              "more than 4 domain-defined attributes (ub-domain-defined-attributes)"));
  for (const auto* list : {&a.domain_defined_attributes, &a.teletex_domain_defined_attributes})
    for (const auto& d : *list) {
      MIXER_TRY(bound("domain-defined attribute type", d.type, ub::kDomainDefinedAttributeTypeLength));
      MIXER_TRY(bound([&d] { return "domain-defined attribute value (DD." + d.type + ")"; }, d.value,
                      ub::kDomainDefinedAttributeValueLength));
    }
  MIXER_TRY(bound("common-name (CN)", a.common_name, ub::kCommonNameLength));
  MIXER_TRY(bound("teletex common-name (CN)", a.teletex_common_name, ub::kCommonNameLength));
  MIXER_TRY(bound("pds-name (PD-SERVICE)", a.pds_name, ub::kPdsNameLength));
  MIXER_TRY(check_country("physical-delivery-country-name (PD-C)", a.physical_delivery_country_name));
  if (a.postal_code) MIXER_TRY(bound("postal-code (PD-CODE)", a.postal_code->value, ub::kPostalCodeLength));
  MIXER_TRY(check_pds("PD-OFFICE", a.physical_delivery_office_name));
  MIXER_TRY(check_pds("PD-OFFICE-NUM", a.physical_delivery_office_number));
  MIXER_TRY(check_pds("PD-EXT-ADDRESS", a.extension_or_address_components));
  MIXER_TRY(check_pds("PD-PN", a.physical_delivery_personal_name));
  MIXER_TRY(check_pds("PD-O", a.physical_delivery_organization_name));
  MIXER_TRY(check_pds("PD-EXT-DELIVERY", a.extension_physical_delivery_address_components));
  MIXER_TRY(check_pds("PD-STREET", a.street_address));
  MIXER_TRY(check_pds("PD-BOX", a.post_office_box_address));
  MIXER_TRY(check_pds("PD-RESTANTE", a.poste_restante_address));
  MIXER_TRY(check_pds("PD-UNIQUE", a.unique_postal_name));
  MIXER_TRY(check_pds("PD-LOCAL", a.local_postal_attributes));
  if (a.unformatted_postal_address) {
    const auto& u = *a.unformatted_postal_address;
    if (u.printable_lines.size() > ub::kPdsPhysicalAddressLines)
      return fail(address_error(AddressErrorKind::kTooLong, "PD-ADDRESS has more than 6 lines"));
    for (const auto& l : u.printable_lines) MIXER_TRY(bound("PD-ADDRESS line", l, ub::kPdsParameterLength));
    MIXER_TRY(bound("PD-ADDRESS", u.teletex, ub::kUnformattedAddressLength));
  }
  if (a.extended_network_address && a.extended_network_address->e163_4) {
    const auto& e = *a.extended_network_address->e163_4;
    MIXER_TRY(bound("NET-NUM", e.number, ub::kE1634NumberLength));
    MIXER_TRY(bound("NET-SUB", e.sub_address, ub::kE1634SubAddressLength));
  }
  if (a.terminal_type && (*a.terminal_type < 0 || *a.terminal_type > ub::kIntegerOptions))
    return fail(address_error(AddressErrorKind::kSyntax, "terminal-type (T-TY) outside 0..256"));
  return Ok{};
}

}  // namespace mixer::mapping::address
