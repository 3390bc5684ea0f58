// X.411 (MTSAbstractService / MTAAbstractService, IMPLICIT TAGS) parameter
// types shared by the P1 envelopes: GlobalDomainIdentifier, MTSIdentifier,
// ContentType, EncodedInformationTypes, ExtensionField, TraceInformation,
// InternalTraceInformation, PerDomainBilateralInformation; and their BER codecs.
//
// Contract: decode -> encode -> decode is an identity on these values; what
// the model does not interpret (extension values, bilateral information,
// teletex non-basic parameters) is kept as the complete BER TLV (RawBer) and
// written back unchanged, so a relayed message loses nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x400/asn/or_address.hpp"
#include "x400/ber/ber.hpp"

namespace mixer::x400::asn {

using RawBer = std::vector<std::uint8_t>;  // one complete TLV, kept as received

// GlobalDomainIdentifier ::= [APPLICATION 3] SEQUENCE { country-name CountryName,
//   administration-domain-name AdministrationDomainName, private-domain-identifier OPTIONAL }
struct GlobalDomainIdentifier {
  NumericOrPrintable country_name;
  NumericOrPrintable administration_domain_name;
  std::optional<NumericOrPrintable> private_domain_identifier;
  bool operator==(const GlobalDomainIdentifier&) const = default;
};

// MTSIdentifier ::= [APPLICATION 4] SEQUENCE { global-domain-identifier, local-identifier IA5String }
struct MtsIdentifier {
  GlobalDomainIdentifier global_domain_identifier;
  std::string local_identifier;
  bool operator==(const MtsIdentifier&) const = default;
};

// ContentType ::= CHOICE { built-in [APPLICATION 6] INTEGER, extended OBJECT IDENTIFIER }
struct ContentType {
  static constexpr std::int64_t kUnidentified = 0, kExternal = 1, kInterpersonalMessaging1984 = 2,
                                kInterpersonalMessaging1988 = 22, kEdiMessaging = 35, kVoiceMessaging = 40;
  bool extended = false;
  std::int64_t built_in = kInterpersonalMessaging1988;  // when !extended
  ber::Oid oid;                                          // when extended
  static ContentType builtin(std::int64_t v) { return ContentType{false, v, {}}; }
  static ContentType ext(ber::Oid o) { return ContentType{true, 0, std::move(o)}; }
  bool operator==(const ContentType&) const = default;
};

// EncodedInformationTypes ::= [APPLICATION 5] SET { built-in-encoded-information-types [0] BIT STRING,
//   g3-facsimile [1] BIT STRING DEFAULT {}, teletex [2] SET DEFAULT {}, extended [4] SET OF OID OPTIONAL }
struct EncodedInformationTypes {
  // Bit numbers of BuiltInEncodedInformationTypes.
  static constexpr std::size_t kUnknown = 0, kTelex = 1, kIa5Text = 2, kG3Facsimile = 3, kG4Class1 = 4,
                               kTeletex = 5, kVideotex = 6, kVoice = 7, kSfd = 8, kMixedMode = 9;
  ber::BitString built_in;
  std::optional<ber::BitString> g3_facsimile;
  std::optional<RawBer> teletex;  // TeletexNonBasicParameters SET, kept raw
  std::vector<ber::Oid> extended;
  bool operator==(const EncodedInformationTypes&) const = default;
};

// ExtensionField ::= SEQUENCE { type ExtensionType, criticality [1] Criticality DEFAULT {},
//   value [2] EXTENSION.&Type DEFAULT NULL }
// ExtensionType ::= CHOICE { standard-extension [0] INTEGER, private-extension [3] OBJECT IDENTIFIER }
struct ExtensionField {
  // How `type` was written. X.411(1992+) tags the CHOICE implicitly (80 01 17 / 83 ..);
  // X.411(1988) implementations such as PP wrap it explicitly in [0] (a0 03 02 01 17, or
  // a0 .. 06 .. for an OBJECT IDENTIFIER). Both decode; the form is kept for relaying.
  enum class TypeForm : std::uint8_t { implicit_1992, explicit_1988 };
  std::optional<std::int64_t> standard;  // standard-extension number (see StdExt)
  std::optional<ber::Oid> private_oid;   // private-extension
  TypeForm form = TypeForm::implicit_1992;
  ber::BitString criticality;  // for-submission(0), for-transfer(1), for-delivery(2)
  std::optional<RawBer> value;  // the TLV inside [2]; nullopt = DEFAULT NULL
  bool operator==(const ExtensionField&) const = default;
};
using Extensions = std::vector<ExtensionField>;

// StandardExtension numbers (X.411 clause 12.2.1.1 / MTSAbstractService).
namespace std_ext {
inline constexpr std::int64_t kRecipientReassignmentProhibited = 1, kOriginatorRequestedAlternateRecipient = 2,
    kDlExpansionProhibited = 3, kConversionWithLossProhibited = 4, kLatestDeliveryTime = 5,
    kRequestedDeliveryMethod = 6, kPhysicalForwardingProhibited = 7, kPhysicalForwardingAddressRequest = 8,
    kPhysicalDeliveryModes = 9, kRegisteredMailType = 10, kRecipientNumberForAdvice = 11,
    kPhysicalRenditionAttributes = 12, kOriginatorReturnAddress = 13, kPhysicalDeliveryReportRequest = 14,
    kOriginatorCertificate = 15, kMessageToken = 16, kContentConfidentialityAlgorithmIdentifier = 17,
    kContentIntegrityCheck = 18, kMessageOriginAuthenticationCheck = 19, kMessageSecurityLabel = 20,
    kProofOfSubmissionRequest = 21, kProofOfDeliveryRequest = 22, kContentCorrelator = 23,
    kProbeOriginAuthenticationCheck = 24, kRedirectionHistory = 25, kDlExpansionHistory = 26,
    kPhysicalForwardingAddress = 27, kRecipientCertificate = 28, kProofOfDelivery = 29,
    kOriginatorAndDlExpansionHistory = 30, kReportingDlName = 31, kReportingMtaCertificate = 32,
    kReportOriginAuthenticationCheck = 33, kOriginatingMtaCertificate = 34, kProofOfSubmission = 35,
    kForwardingRequest = 36, kTraceInformation = 37, kInternalTraceInformation = 38, kReportingMtaName = 39,
    kMultipleOriginatorCertificates = 40, kBlindCopyRecipients = 41, kDlExemptedRecipients = 42,
    kBodyPartEncryptionToken = 43, kForwardedContentToken = 44, kCertificateSelectors = 45,
    kCertificateSelectorsOverride = 46;
// "internal-trace-information", or "standard-extension-99" for numbers X.411 does not name.
std::string name(std::int64_t number);
}  // namespace std_ext

// Criticality bits.
namespace criticality {
inline constexpr std::size_t kForSubmission = 0, kForTransfer = 1, kForDelivery = 2;
}

enum class RoutingAction : std::int64_t { relayed = 0, rerouted = 1 };

// DomainSuppliedInformation / MTASuppliedInformation with their COMPONENTS OF AdditionalActions.
struct SuppliedInformation {
  ber::Time arrival_time;                                 // [0]
  RoutingAction routing_action = RoutingAction::relayed;  // [2]
  std::optional<GlobalDomainIdentifier> attempted_domain;  // attempted-domain / attempted.domain
  std::optional<std::string> attempted_mta;                // attempted.mta (internal trace only)
  std::optional<ber::Time> deferred_time;                  // [1]
  std::optional<EncodedInformationTypes> converted_encoded_information_types;
  ber::BitString other_actions;  // [3] redirected(0), dl-operation(1); DEFAULT {}
  bool operator==(const SuppliedInformation&) const = default;
};

// TraceInformationElement ::= SEQUENCE { global-domain-identifier, domain-supplied-information }
struct TraceInformationElement {
  GlobalDomainIdentifier global_domain_identifier;
  SuppliedInformation domain_supplied_information;
  bool operator==(const TraceInformationElement&) const = default;
};
using TraceInformation = std::vector<TraceInformationElement>;  // [APPLICATION 9] SEQUENCE OF

// InternalTraceInformationElement ::= SEQUENCE { global-domain-identifier, mta-name, mta-supplied-information }
struct InternalTraceInformationElement {
  GlobalDomainIdentifier global_domain_identifier;
  std::string mta_name;
  SuppliedInformation mta_supplied_information;
  bool operator==(const InternalTraceInformationElement&) const = default;
};
using InternalTraceInformation = std::vector<InternalTraceInformationElement>;

// PerDomainBilateralInformation ::= SEQUENCE { country-name, domain CHOICE {
//   administration-domain-name, private-domain SEQUENCE { [0] ADMD, [1] PrivateDomainIdentifier } },
//   bilateral-information BILATERAL.&Type }
struct PerDomainBilateralInformation {
  NumericOrPrintable country_name;
  NumericOrPrintable administration_domain_name;
  std::optional<NumericOrPrintable> private_domain_identifier;  // set: the private-domain alternative
  RawBer bilateral_information;
  bool operator==(const PerDomainBilateralInformation&) const = default;
};

// ---- codecs: decode_* take the element whose tag the caller matched ---------------
ber::BerResult<NumericOrPrintable> decode_tagged_choice_string(const ber::Element& e);
void encode_tagged_choice_string(ber::Writer& w, ber::Tag t, const NumericOrPrintable& v);

ber::BerResult<GlobalDomainIdentifier> decode_gdi(const ber::Element& e);
void encode_gdi(ber::Writer& w, const GlobalDomainIdentifier& v, ber::Tag t = ber::application(3));
ber::BerResult<MtsIdentifier> decode_mts_identifier(const ber::Element& e);
void encode_mts_identifier(ber::Writer& w, const MtsIdentifier& v, ber::Tag t = ber::application(4));
ber::BerResult<EncodedInformationTypes> decode_eits(const ber::Element& e);
void encode_eits(ber::Writer& w, const EncodedInformationTypes& v, ber::Tag t = ber::application(5));
// A ContentType when `e` is [APPLICATION 6] or an OBJECT IDENTIFIER (or RELATIVE-OID); nullopt otherwise.
std::optional<ber::BerResult<ContentType>> try_decode_content_type(const ber::Element& e);
void encode_content_type(ber::Writer& w, const ContentType& v);
// `[n] SET OF ExtensionField` (e is the SET).
ber::BerResult<Extensions> decode_extensions(const ber::Element& e);
void encode_extensions(ber::Writer& w, const Extensions& v, ber::Tag t);  // omitted when empty (DEFAULT {})
ber::BerResult<TraceInformation> decode_trace_information(const ber::Element& e);
void encode_trace_information(ber::Writer& w, const TraceInformation& v, ber::Tag t = ber::application(9));
ber::BerResult<InternalTraceInformation> decode_internal_trace_information(const ber::Element& e);
void encode_internal_trace_information(ber::Writer& w, const InternalTraceInformation& v,
                                       ber::Tag t = ber::tags::kSequence);
ber::BerResult<std::vector<PerDomainBilateralInformation>> decode_pdbi_list(const ber::Element& e);
void encode_pdbi_list(ber::Writer& w, const std::vector<PerDomainBilateralInformation>& v, ber::Tag t);

// Time ::= UTCTime (X.411 1999 module; no GeneralizedTime).
ber::BerResult<ber::Time> decode_p1_time(const ber::Element& e);
// PerRecipientIndicators ::= BIT STRING (SIZE (8..ub-bit-options)): shorter
// values (decoded from lax peers or built in code) are padded with zero bits
// so that decode and encode agree.
ber::BitString at_least_8_bits(ber::BitString b);

}  // namespace mixer::x400::asn
