// The O/R address data model (X.411 clause 12.5 / Annex A "ORAddress",
// "ORName"): plain data, no BER, no text form. The BER codec lives in
// x400/asn/or_address_codec.*; the RFC 2156 std-or text form and the address
// mapping live in mapping/address/.
//
// Contract:
//  - The structure mirrors X.411 one to one, so that decode -> encode is an
//    identity: built-in standard attributes, built-in domain-defined
//    attributes, and the extension attributes. A "teletex-*" extension is a
//    separate field beside its PrintableString twin, exactly as on the wire;
//    RFC 2156 (§4.1.1, `teletex-and-or-ps`) pairs them up in text.
//  - String encodings: PrintableString and NumericString values are
//    std::string (ASCII); TeletexString values keep their T.61 octets
//    unchanged in std::string (never transcoded here); the X.400(1992)
//    universal-* attributes (BMPString / UniversalString) are UTF-8 with a
//    flag recording which of the two wire forms was used.
//  - Extension attributes this model does not name (and any future ones) are
//    kept as {type, raw BER bytes} so that a relayed address loses nothing.
//  - Plain values: operator== is exact (byte-wise, case-sensitive). X.400's
//    case-insensitive comparison of PrintableString attributes is a mapping
//    concern (mapping/address).
//  - No invariants are enforced by the type itself (a decoder may produce an
//    address that breaks an upper bound, so that it can be reported); use
//    the ub:: constants below to validate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mixer::x400 {

// X.411 Annex A upper bounds (MTSUpperBounds). Lengths count characters
// (octets for Printable/Numeric/Teletex strings).
namespace ub {
inline constexpr std::size_t kCountryNameNumericLength = 3;   // ub-country-name-numeric-length
inline constexpr std::size_t kCountryNameAlphaLength = 2;     // ub-country-name-alpha-length
inline constexpr std::size_t kDomainNameLength = 16;          // ub-domain-name-length (ADMD, PRMD)
inline constexpr std::size_t kX121AddressLength = 16;         // ub-x121-address-length (network-address)
inline constexpr std::size_t kTerminalIdLength = 24;          // ub-terminal-id-length
inline constexpr std::size_t kOrganizationNameLength = 64;    // ub-organization-name-length
inline constexpr std::size_t kNumericUserIdLength = 32;       // ub-numeric-user-id-length
inline constexpr std::size_t kSurnameLength = 40;             // ub-surname-length
inline constexpr std::size_t kGivenNameLength = 16;           // ub-given-name-length
inline constexpr std::size_t kInitialsLength = 5;             // ub-initials-length
inline constexpr std::size_t kGenerationQualifierLength = 3;  // ub-generation-qualifier-length
inline constexpr std::size_t kOrganizationalUnitNameLength = 32;  // ub-organizational-unit-name-length
inline constexpr std::size_t kOrganizationalUnits = 4;            // ub-organizational-units
inline constexpr std::size_t kDomainDefinedAttributes = 4;        // ub-domain-defined-attributes
inline constexpr std::size_t kDomainDefinedAttributeTypeLength = 8;     // ub-domain-defined-attribute-type-length
inline constexpr std::size_t kDomainDefinedAttributeValueLength = 128;  // ub-domain-defined-attribute-value-length
inline constexpr std::size_t kCommonNameLength = 64;          // ub-common-name-length
inline constexpr std::size_t kPdsNameLength = 16;             // ub-pds-name-length
inline constexpr std::size_t kPostalCodeLength = 16;          // ub-postal-code-length
inline constexpr std::size_t kPdsParameterLength = 30;        // ub-pds-parameter-length
inline constexpr std::size_t kPdsPhysicalAddressLines = 6;    // ub-pds-physical-address-lines
inline constexpr std::size_t kUnformattedAddressLength = 180; // ub-unformatted-address-length
inline constexpr std::size_t kE1634NumberLength = 15;         // ub-e163-4-number-length
inline constexpr std::size_t kE1634SubAddressLength = 40;     // ub-e163-4-sub-address-length
inline constexpr std::size_t kExtensionAttributes = 256;      // ub-extension-attributes
inline constexpr int kIntegerOptions = 256;                   // ub-integer-options (TerminalType)
// PSAP selectors and network addresses are OCTET STRINGs (X.520
// PresentationAddress); X.411 sets no bound. Ours, to keep decoding bounded:
inline constexpr std::size_t kPsapSelectorLength = 64;
inline constexpr std::size_t kPsapNetworkAddresses = 16;
inline constexpr std::size_t kPsapNetworkAddressLength = 64;
}  // namespace ub

// X.411 extension-attribute-type values (ExtensionAttributeTypes).
namespace ext {
inline constexpr int kCommonName = 1;
inline constexpr int kTeletexCommonName = 2;
inline constexpr int kTeletexOrganizationName = 3;
inline constexpr int kTeletexPersonalName = 4;
inline constexpr int kTeletexOrganizationalUnitNames = 5;
inline constexpr int kTeletexDomainDefinedAttributes = 6;
inline constexpr int kPdsName = 7;
inline constexpr int kPhysicalDeliveryCountryName = 8;
inline constexpr int kPostalCode = 9;
inline constexpr int kPhysicalDeliveryOfficeName = 10;
inline constexpr int kPhysicalDeliveryOfficeNumber = 11;
inline constexpr int kExtensionOrAddressComponents = 12;
inline constexpr int kPhysicalDeliveryPersonalName = 13;
inline constexpr int kPhysicalDeliveryOrganizationName = 14;
inline constexpr int kExtensionPhysicalDeliveryAddressComponents = 15;
inline constexpr int kUnformattedPostalAddress = 16;
inline constexpr int kStreetAddress = 17;
inline constexpr int kPostOfficeBoxAddress = 18;
inline constexpr int kPosteRestanteAddress = 19;
inline constexpr int kUniquePostalName = 20;
inline constexpr int kLocalPostalAttributes = 21;
inline constexpr int kExtendedNetworkAddress = 22;
inline constexpr int kTerminalType = 23;
// X.400(1992) universal forms (X.411 1999 edition).
inline constexpr int kUniversalCommonName = 24;
inline constexpr int kUniversalOrganizationName = 25;
inline constexpr int kUniversalPersonalName = 26;
inline constexpr int kUniversalOrganizationalUnitNames = 27;
inline constexpr int kUniversalDomainDefinedAttributes = 28;
inline constexpr int kUniversalPhysicalDeliveryOfficeName = 29;
inline constexpr int kUniversalPhysicalDeliveryOfficeNumber = 30;
inline constexpr int kUniversalExtensionOrAddressComponents = 31;
inline constexpr int kUniversalPhysicalDeliveryPersonalName = 32;
inline constexpr int kUniversalPhysicalDeliveryOrganizationName = 33;
inline constexpr int kUniversalExtensionPhysicalDeliveryAddressComponents = 34;
inline constexpr int kUniversalUnformattedPostalAddress = 35;
inline constexpr int kUniversalStreetAddress = 36;
inline constexpr int kUniversalPostOfficeBoxAddress = 37;
inline constexpr int kUniversalPosteRestanteAddress = 38;
inline constexpr int kUniversalUniquePostalName = 39;
inline constexpr int kUniversalLocalPostalAttributes = 40;
}  // namespace ext

// CountryName, AdministrationDomainName, PrivateDomainName, PostalCode and
// PhysicalDeliveryCountryName are CHOICE { NumericString, PrintableString }.
// The chosen alternative is kept so that re-encoding is exact.
struct NumericOrPrintable {
  std::string value;
  bool numeric = false;  // true: NumericString alternative
  bool operator==(const NumericOrPrintable&) const = default;
};

// PersonalName (built-in, PrintableString) and TeletexPersonalName
// (extension 4, T.61 octets): same shape. X.411: SET { surname [0],
// given-name [1] OPTIONAL, initials [2] OPTIONAL, generation-qualifier [3]
// OPTIONAL }.
struct PersonalName {
  std::string surname;
  std::optional<std::string> given_name;
  std::optional<std::string> initials;
  std::optional<std::string> generation_qualifier;
  bool operator==(const PersonalName&) const = default;
};

// BuiltInDomainDefinedAttribute (PrintableString) and
// TeletexDomainDefinedAttribute (extension 6, T.61 octets).
struct DomainDefinedAttribute {
  std::string type;
  std::string value;
  bool operator==(const DomainDefinedAttribute&) const = default;
};

// X.411 (1992+) UniversalOrBMPString: text as UTF-8; `four_octets` records
// the UniversalString alternative (else BMPString); optional ISO 639 code.
struct UniversalText {
  std::string utf8;
  bool four_octets = false;
  std::optional<std::string> language;  // iso-639-language-code, SIZE(2|5)
  bool operator==(const UniversalText&) const = default;
};

struct UniversalPersonalName {
  UniversalText surname;
  std::optional<UniversalText> given_name;
  std::optional<UniversalText> initials;
  std::optional<UniversalText> generation_qualifier;
  bool operator==(const UniversalPersonalName&) const = default;
};

struct UniversalDomainDefinedAttribute {
  UniversalText type;
  UniversalText value;
  bool operator==(const UniversalDomainDefinedAttribute&) const = default;
};

// PDSParameter ::= SET { printable-string PrintableString OPTIONAL,
// teletex-string TeletexString OPTIONAL } (extensions 10-15, 17-21).
struct PdsParameter {
  std::optional<std::string> printable;
  std::optional<std::string> teletex;  // T.61 octets
  bool operator==(const PdsParameter&) const = default;
};

// UnformattedPostalAddress (extension 16): up to 6 printable lines and/or
// one teletex string.
struct UnformattedPostalAddress {
  std::vector<std::string> printable_lines;
  std::optional<std::string> teletex;
  bool operator==(const UnformattedPostalAddress&) const = default;
};

// X.520 PresentationAddress, the psap-address alternative of
// ExtendedNetworkAddress. Selectors and network addresses are octets.
struct PresentationAddress {
  std::optional<std::vector<std::uint8_t>> p_selector;
  std::optional<std::vector<std::uint8_t>> s_selector;
  std::optional<std::vector<std::uint8_t>> t_selector;
  std::vector<std::vector<std::uint8_t>> n_addresses;
  bool operator==(const PresentationAddress&) const = default;
};

// ExtendedNetworkAddress (extension 22): CHOICE { e163-4-address SEQUENCE
// { number [0] NumericString, sub-address [1] NumericString OPTIONAL },
// psap-address [0] PresentationAddress }. Exactly one of the two is set.
struct ExtendedNetworkAddress {
  struct E1634 {
    std::string number;
    std::optional<std::string> sub_address;
    bool operator==(const E1634&) const = default;
  };
  std::optional<E1634> e163_4;
  std::optional<PresentationAddress> psap;
  bool operator==(const ExtendedNetworkAddress&) const = default;
};

// TerminalType values (X.411), INTEGER (0..ub-integer-options).
namespace terminal_type {
inline constexpr int kTelex = 3;
inline constexpr int kTeletex = 4;
inline constexpr int kG3Facsimile = 5;
inline constexpr int kG4Facsimile = 6;
inline constexpr int kIa5Terminal = 7;
inline constexpr int kVideotex = 8;
}  // namespace terminal_type

// An extension attribute this model does not name: the type and the complete
// BER encoding (identifier, length, contents) of the value that sits inside
// the [1] EXPLICIT extension-attribute-value tag.
struct RawExtensionAttribute {
  int type = 0;
  std::vector<std::uint8_t> value_ber;
  bool operator==(const RawExtensionAttribute&) const = default;
};

// MTS.ORAddress. Vectors hold sequences in X.400 order: element 0 is the
// first (most significant) OU / DDA.
struct ORAddress {
  // --- BuiltInStandardAttributes -----------------------------------------
  std::optional<NumericOrPrintable> country_name;             // [APPLICATION 1]
  std::optional<NumericOrPrintable> administration_domain_name;  // [APPLICATION 2]; " " = blank ADMD
  std::optional<std::string> network_address;                 // [0] X121Address (NumericString)
  std::optional<std::string> terminal_identifier;             // [1] PrintableString
  std::optional<NumericOrPrintable> private_domain_name;      // [2]
  std::optional<std::string> organization_name;               // [3] PrintableString
  std::optional<std::string> numeric_user_identifier;         // [4] NumericString
  std::optional<PersonalName> personal_name;                  // [5]
  std::vector<std::string> organizational_unit_names;         // [6] up to 4

  // --- BuiltInDomainDefinedAttributes (up to 4) --------------------------
  std::vector<DomainDefinedAttribute> domain_defined_attributes;

  // --- ExtensionAttributes (typed) ----------------------------------------
  std::optional<std::string> common_name;                     // 1  PrintableString
  std::optional<std::string> teletex_common_name;             // 2  T.61
  std::optional<std::string> teletex_organization_name;       // 3  T.61
  std::optional<PersonalName> teletex_personal_name;          // 4  T.61
  std::vector<std::string> teletex_organizational_unit_names; // 5  T.61, up to 4
  std::vector<DomainDefinedAttribute> teletex_domain_defined_attributes;  // 6 T.61
  std::optional<std::string> pds_name;                        // 7  PrintableString
  std::optional<NumericOrPrintable> physical_delivery_country_name;  // 8
  std::optional<NumericOrPrintable> postal_code;              // 9
  std::optional<PdsParameter> physical_delivery_office_name;  // 10
  std::optional<PdsParameter> physical_delivery_office_number;  // 11
  std::optional<PdsParameter> extension_or_address_components;  // 12
  std::optional<PdsParameter> physical_delivery_personal_name;  // 13
  std::optional<PdsParameter> physical_delivery_organization_name;  // 14
  std::optional<PdsParameter> extension_physical_delivery_address_components;  // 15
  std::optional<UnformattedPostalAddress> unformatted_postal_address;  // 16
  std::optional<PdsParameter> street_address;                 // 17
  std::optional<PdsParameter> post_office_box_address;        // 18
  std::optional<PdsParameter> poste_restante_address;         // 19
  std::optional<PdsParameter> unique_postal_name;             // 20
  std::optional<PdsParameter> local_postal_attributes;        // 21
  std::optional<ExtendedNetworkAddress> extended_network_address;  // 22
  std::optional<int> terminal_type;                           // 23

  // X.400(1992) universal forms, 24..40.
  std::optional<UniversalText> universal_common_name;          // 24
  std::optional<UniversalText> universal_organization_name;    // 25
  std::optional<UniversalPersonalName> universal_personal_name;  // 26
  std::vector<UniversalText> universal_organizational_unit_names;  // 27
  std::vector<UniversalDomainDefinedAttribute> universal_domain_defined_attributes;  // 28
  std::optional<UniversalText> universal_physical_delivery_office_name;  // 29
  std::optional<UniversalText> universal_physical_delivery_office_number;  // 30
  std::optional<UniversalText> universal_extension_or_address_components;  // 31
  std::optional<UniversalText> universal_physical_delivery_personal_name;  // 32
  std::optional<UniversalText> universal_physical_delivery_organization_name;  // 33
  std::optional<UniversalText> universal_extension_physical_delivery_address_components;  // 34
  std::optional<UniversalText> universal_unformatted_postal_address;  // 35
  std::optional<UniversalText> universal_street_address;       // 36
  std::optional<UniversalText> universal_post_office_box_address;  // 37
  std::optional<UniversalText> universal_poste_restante_address;  // 38
  std::optional<UniversalText> universal_unique_postal_name;   // 39
  std::optional<UniversalText> universal_local_postal_attributes;  // 40

  // Any other extension attribute, in the order received.
  std::vector<RawExtensionAttribute> other_extensions;

  bool operator==(const ORAddress&) const = default;
};

// MTS.ORName ::= [APPLICATION 0] SEQUENCE { COMPONENTS OF ORAddress,
// directory-name [0] Name OPTIONAL }. The directory name is kept as the
// complete BER encoding of the Name value (the RDNSequence TLV, without the
// [0] EXPLICIT wrapper); RFC 2156 §4.5 does not use it for mapping.
struct ORName {
  ORAddress address;
  std::optional<std::vector<std::uint8_t>> directory_name_ber;
  bool operator==(const ORName&) const = default;
};

}  // namespace mixer::x400
