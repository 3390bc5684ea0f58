// The X.420 interpersonal messaging information objects as plain C++ values:
// InformationObject ::= CHOICE { ipm [0] IPM, ipn [1] IPN } (X.420 (1999)
// clause 7 and Annex A, module IPMSInformationObjects), used for content
// type 22 (P22, X.400 1988+) and content type 2 (P2, X.400 1984, whose
// heading and body part tags are a subset; 1984-only body parts such as
// tlx [1], voice [2], sfd [10] are kept as RawBodyPart).
//
// Contract:
//  - The structure mirrors the ASN.1 one to one so that decode -> encode ->
//    decode is the identity. A DEFAULT field is a std::optional: nullopt when
//    it was absent, a value when it was encoded (even when equal to the
//    default), so a relayed message keeps what the originator wrote. A
//    "SEQUENCE OF ... DEFAULT {}" field is a vector; empty means absent.
//  - Strings keep their wire octets: PrintableString/IA5String as ASCII,
//    TeletexString as T.61 octets (never transcoded here), GeneralString as
//    ISO 2022 octets.
//  - Body part data (IA5 text, bilaterally defined, general text, voice,
//    extended data) is SharedBytes: a view into the decoded buffer, no copy.
//  - Open types (heading extension values, EXTERNAL contents, nationally
//    defined body parts, fields whose types belong to X.411) are kept as the
//    complete BER TLV, so nothing is lost on relay. Typed helpers for the
//    extensions the gateway needs live in p22_extensions.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "x400/asn/or_address.hpp"
#include "x400/asn/p22_shared_bytes.hpp"
#include "x400/ber/external.hpp"
#include "x400/ber/types.hpp"

namespace mixer::x400::p22 {

// A complete BER TLV (identifier, length, contents) kept as received.
using RawBer = std::vector<std::uint8_t>;

// A heap-allocated value with value semantics (deep copy, deep ==), for the
// recursive IPM -> MessageBodyPart -> IPM structure.
template <typename T>
class Box {
 public:
  Box() : p_(std::make_unique<T>()) {}
  Box(T v) : p_(std::make_unique<T>(std::move(v))) {}  // NOLINT: implicit by design
  Box(const Box& o) : p_(std::make_unique<T>(*o.p_)) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& o) {
    if (this != &o) p_ = std::make_unique<T>(*o.p_);
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  friend bool operator==(const Box& a, const Box& b) { return *a.p_ == *b.p_; }

 private:
  std::unique_ptr<T> p_;
};

// X.420 IPMSUpperBounds (1999).
namespace ub {
inline constexpr std::size_t kLocalIpmIdentifier = 64;   // ub-local-ipm-identifier
inline constexpr std::size_t kFreeFormName = 64;         // ub-free-form-name
inline constexpr std::size_t kTelephoneNumber = 32;      // ub-telephone-number
inline constexpr std::size_t kSubjectField = 128;        // ub-subject-field
inline constexpr std::size_t kAutoForwardComment = 256;  // ub-auto-forward-comment
inline constexpr std::size_t kSupplementaryInfo = 256;   // X.411 ub-supplementary-info-length
}  // namespace ub

// IPMSExtension ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY DEFAULT NULL }
// (X.420 7.2.17). `value` is the complete TLV; nullopt when omitted (= NULL).
struct IpmsExtension {
  ber::Oid type;
  std::optional<RawBer> value;
  friend bool operator==(const IpmsExtension&, const IpmsExtension&) = default;
};

// IPMIdentifier ::= [APPLICATION 11] SET { user ORName OPTIONAL,
//   user-relative-identifier LocalIPMIdentifier } (X.420 7.1.1)
struct IpmIdentifier {
  std::optional<ORName> user;
  std::string user_relative_identifier;  // PrintableString
  friend bool operator==(const IpmIdentifier&, const IpmIdentifier&) = default;
};

// ORDescriptor ::= SET { formal-name ORName OPTIONAL, free-form-name [0]
//   TeletexString OPTIONAL, telephone-number [1] PrintableString OPTIONAL } (7.1.3)
struct OrDescriptor {
  std::optional<ORName> formal_name;
  std::optional<std::string> free_form_name;  // T.61 octets
  std::optional<std::string> telephone_number;
  friend bool operator==(const OrDescriptor&, const OrDescriptor&) = default;
};

// NotificationRequests ::= BIT STRING { rn(0), nrn(1), ipm-return(2),
//   an-supported(3), suppress-an(4) } (7.1.2)
namespace notification_request {
inline constexpr std::size_t kRn = 0, kNrn = 1, kIpmReturn = 2, kAnSupported = 3, kSuppressAn = 4;
}

// RecipientSpecifier ::= SET { recipient [0] ORDescriptor, notification-requests
//   [1] DEFAULT {}, reply-requested [2] BOOLEAN DEFAULT FALSE,
//   recipient-extensions [3] SET OF IPMSExtension OPTIONAL } (7.1.2)
struct RecipientSpecifier {
  OrDescriptor recipient;
  std::optional<ber::BitString> notification_requests;
  std::optional<bool> reply_requested;
  std::optional<std::vector<IpmsExtension>> recipient_extensions;
  friend bool operator==(const RecipientSpecifier&, const RecipientSpecifier&) = default;
};

enum class Importance : std::uint8_t { low = 0, normal = 1, high = 2 };
enum class Sensitivity : std::uint8_t { personal = 1, private_ = 2, company_confidential = 3 };

// Heading ::= SET (X.420 7.2). Tags in brackets.
struct Heading {
  IpmIdentifier this_ipm;                                                // [APPLICATION 11]
  std::optional<OrDescriptor> originator;                                // [0]
  std::optional<std::vector<OrDescriptor>> authorizing_users;            // [1]
  std::vector<RecipientSpecifier> primary_recipients;                    // [2] DEFAULT {}
  std::vector<RecipientSpecifier> copy_recipients;                       // [3] DEFAULT {}
  std::optional<std::vector<RecipientSpecifier>> blind_copy_recipients;  // [4]
  std::optional<IpmIdentifier> replied_to_ipm;                           // [5]
  std::vector<IpmIdentifier> obsoleted_ipms;                             // [6] DEFAULT {}
  std::vector<IpmIdentifier> related_ipms;                               // [7] DEFAULT {}
  std::optional<std::string> subject;                         // [8] EXPLICIT TeletexString (T.61 octets)
  std::optional<ber::Time> expiry_time;                       // [9] UTCTime
  std::optional<ber::Time> reply_time;                        // [10] UTCTime
  std::optional<std::vector<OrDescriptor>> reply_recipients;  // [11]
  std::optional<Importance> importance;                       // [12] DEFAULT normal
  std::optional<Sensitivity> sensitivity;                     // [13]
  std::optional<bool> auto_forwarded;                         // [14] DEFAULT FALSE
  std::vector<IpmsExtension> extensions;                      // [15] DEFAULT {}
  friend bool operator==(const Heading&, const Heading&) = default;
};

// ---- body parts (X.420 7.3, 7.4) ----

// [0] IA5TextBodyPart ::= SEQUENCE { parameters SET { repertoire [0]
//   ENUMERATED {ita2(2), ia5(5)} DEFAULT ia5 }, data IA5String }
struct Ia5TextBodyPart {
  std::optional<std::int64_t> repertoire;  // 2 = ita2, 5 = ia5
  SharedBytes data;                        // IA5 octets (<= 0x7f)
  friend bool operator==(const Ia5TextBodyPart&, const Ia5TextBodyPart&) = default;
};

// [3] G3FacsimileBodyPart ::= SEQUENCE { parameters SET { number-of-pages [0]
//   INTEGER OPTIONAL, non-basic-parameters [1] G3FacsimileNonBasicParameters
//   (X.411 BIT STRING) OPTIONAL }, data SEQUENCE OF BIT STRING }
struct G3FacsimileBodyPart {
  std::optional<std::int64_t> number_of_pages;
  std::optional<ber::BitString> non_basic_parameters;
  std::vector<ber::BitString> data;  // one per page
  friend bool operator==(const G3FacsimileBodyPart&, const G3FacsimileBodyPart&) = default;
};

// [4] G4Class1BodyPart and [11] MixedModeBodyPart ::= SEQUENCE OF
// Interchange-Data-Element (T.415 / ODA): each element kept as its TLV.
struct InterchangeDataElements {
  std::vector<RawBer> elements;
  friend bool operator==(const InterchangeDataElements&, const InterchangeDataElements&) = default;
};
struct G4Class1BodyPart : InterchangeDataElements {};
struct MixedModeBodyPart : InterchangeDataElements {};

// [5] TeletexBodyPart ::= SEQUENCE { parameters SET { number-of-pages [0]
//   INTEGER OPTIONAL, telex-compatible [1] BOOLEAN DEFAULT FALSE,
//   non-basic-parameters [2] TeletexNonBasicParameters OPTIONAL },
//   data SEQUENCE OF TeletexString }
struct TeletexBodyPart {
  std::optional<std::int64_t> number_of_pages;
  std::optional<bool> telex_compatible;
  std::optional<RawBer> non_basic_parameters;  // X.411 TeletexNonBasicParameters, [2] TLV
  std::vector<std::string> data;               // T.61 octets, one per string
  friend bool operator==(const TeletexBodyPart&, const TeletexBodyPart&) = default;
};

// [6] VideotexBodyPart ::= SEQUENCE { parameters SET { syntax [0] INTEGER
//   OPTIONAL }, data VideotexString }
struct VideotexBodyPart {
  std::optional<std::int64_t> syntax;  // ids(0), data-syntax1..3
  std::string data;                    // T.100 octets
  friend bool operator==(const VideotexBodyPart&, const VideotexBodyPart&) = default;
};

// [8] EncryptedBodyPart ::= SEQUENCE { parameters EncryptedParameters (SET),
//   data BIT STRING }. The parameters (algorithm identifier, certificates)
// are kept as the SET's TLV: the gateway never decrypts.
struct EncryptedBodyPart {
  RawBer parameters;
  ber::BitString data;
  friend bool operator==(const EncryptedBodyPart&, const EncryptedBodyPart&) = default;
};

struct Ipm;

// [9] MessageBodyPart ::= SEQUENCE { parameters SET { delivery-time [0]
//   MessageDeliveryTime OPTIONAL, delivery-envelope [1]
//   OtherMessageDeliveryFields OPTIONAL }, data IPM } — a forwarded IPM.
struct MessageBodyPart {
  std::optional<ber::Time> delivery_time;
  std::optional<RawBer> delivery_envelope;  // X.411 OtherMessageDeliveryFields, the [1] TLV
  Box<Ipm> data;
  friend bool operator==(const MessageBodyPart&, const MessageBodyPart&) = default;
};

// [7] NationallyDefinedBodyPart: an open type; the TLV inside the [7] tag.
struct NationallyDefinedBodyPart {
  RawBer value;
  friend bool operator==(const NationallyDefinedBodyPart&, const NationallyDefinedBodyPart&) = default;
};

// [14] BilaterallyDefinedBodyPart ::= OCTET STRING
struct BilaterallyDefinedBodyPart {
  SharedBytes data;
  friend bool operator==(const BilaterallyDefinedBodyPart&, const BilaterallyDefinedBodyPart&) = default;
};

// Extended body part: [15] ExtendedBodyPart ::= SEQUENCE { parameters [0]
//   INSTANCE OF TYPE-IDENTIFIER OPTIONAL, data INSTANCE OF TYPE-IDENTIFIER }
// (X.420 7.3.1). INSTANCE OF is encoded as an EXTERNAL (X.681 Annex C).
// Types the model names are decoded into the structs below; any other type
// (and a known type in an EXTERNAL encoding other than single-ASN1-type) is
// kept as ExtendedBodyPart.
struct ExtendedBodyPart {
  std::optional<ber::External> parameters;
  ber::External data;
  friend bool operator==(const ExtendedBodyPart&, const ExtendedBodyPart&) = default;
};

// GeneralText (X.420 Annex ..., id-et-general-text 2.6.1.4.11): parameters
// SET OF CharacterSetRegistration (INTEGER, ISO 2375 registration numbers),
// data GeneralString (ISO 2022 octets).
struct GeneralTextBodyPart {
  std::vector<std::int64_t> character_sets;
  SharedBytes data;
  friend bool operator==(const GeneralTextBodyPart&, const GeneralTextBodyPart&) = default;
};

// Voice (id-et-voice 2.6.1.4.16): parameters SEQUENCE { voice-message-duration
// [0] INTEGER OPTIONAL, voice-encoding-type [1] OBJECT IDENTIFIER,
// supplementary-information [2] IA5String OPTIONAL }, data OCTET STRING.
struct VoiceBodyPart {
  std::optional<std::int64_t> duration_seconds;
  ber::Oid encoding_type;
  std::optional<std::string> supplementary_information;
  SharedBytes data;
  friend bool operator==(const VoiceBodyPart&, const VoiceBodyPart&) = default;
};

// FileTransfer (FTBP, id-et-file-transfer 2.6.1.4.12; RFC 2157 section 4):
// parameters FileTransferParameters (SEQUENCE of FTAM attributes) kept as its
// TLV, with the file name (FTAM pathname, simple or first incomplete
// component) extracted for the mapping; data SEQUENCE OF EXTERNAL.
struct FileTransferBodyPart {
  std::optional<RawBer> parameters;  // FileTransferParameters TLV
  std::vector<ber::External> data;
  friend bool operator==(const FileTransferBodyPart&, const FileTransferBodyPart&) = default;
};

// A basic body part whose tag this model does not name (X.400 1984 tlx [1],
// voice [2], sfd [10], odif [12], iso6937 [13]): the complete TLV.
struct RawBodyPart {
  std::uint32_t tag = 0;  // context tag number
  RawBer encoding;
  friend bool operator==(const RawBodyPart&, const RawBodyPart&) = default;
};

using BodyPart = std::variant<Ia5TextBodyPart, G3FacsimileBodyPart, G4Class1BodyPart, TeletexBodyPart,
                              VideotexBodyPart, EncryptedBodyPart, MessageBodyPart, MixedModeBodyPart,
                              NationallyDefinedBodyPart, BilaterallyDefinedBodyPart, GeneralTextBodyPart,
                              VoiceBodyPart, FileTransferBodyPart, ExtendedBodyPart, RawBodyPart>;

// IPM ::= SEQUENCE { heading Heading, body Body } (X.420 7.1)
struct Ipm {
  Heading heading;
  std::vector<BodyPart> body;
  friend bool operator==(const Ipm&, const Ipm&) = default;
};

// ---- IPN (X.420 8) ----

// NonReceiptFields ::= SET { non-receipt-reason [0] ENUMERATED,
//   discard-reason [1] ENUMERATED OPTIONAL, auto-forward-comment [2]
//   PrintableString OPTIONAL, returned-ipm [3] IPM OPTIONAL,
//   nrn-extensions [4] SET OF IPMSExtension OPTIONAL }
struct NonReceiptFields {
  std::int64_t non_receipt_reason = 0;  // ipm-discarded(0), ipm-auto-forwarded(1), ...
  std::optional<std::int64_t>
      discard_reason;  // ipm-expired(0), ipm-obsoleted(1), user-subscription-terminated(2), (3)
  std::optional<std::string> auto_forward_comment;
  std::optional<Box<Ipm>> returned_ipm;
  std::optional<std::vector<IpmsExtension>> nrn_extensions;
  friend bool operator==(const NonReceiptFields&, const NonReceiptFields&) = default;
};

// ReceiptFields ::= SET { receipt-time [0] UTCTime, acknowledgment-mode [1]
//   ENUMERATED {manual(0), automatic(1)} DEFAULT manual, suppl-receipt-info
//   [2] PrintableString OPTIONAL, rn-extensions [3] SET OF IPMSExtension OPTIONAL }
struct ReceiptFields {
  ber::Time receipt_time;
  std::optional<std::int64_t> acknowledgment_mode;
  std::optional<std::string> suppl_receipt_info;
  std::optional<std::vector<IpmsExtension>> rn_extensions;
  friend bool operator==(const ReceiptFields&, const ReceiptFields&) = default;
};

// OtherNotificationTypeFields ::= SET OF IPMSExtension
struct OtherNotificationTypeFields {
  std::vector<IpmsExtension> extensions;
  friend bool operator==(const OtherNotificationTypeFields&, const OtherNotificationTypeFields&) = default;
};

// IPN ::= SET { COMPONENTS OF CommonFields, choice [0] CHOICE {
//   non-receipt-fields [0], receipt-fields [1], other-notification-type-fields [2] } }
// CommonFields: subject-ipm IPMIdentifier, ipn-originator [1] ORDescriptor
// OPTIONAL, ipm-intended-recipient [2] ORDescriptor OPTIONAL, conversion-eits
// EncodedInformationTypes OPTIONAL, notification-extensions [3] OPTIONAL.
struct Ipn {
  IpmIdentifier subject_ipm;
  std::optional<OrDescriptor> ipn_originator;
  std::optional<OrDescriptor> ipm_intended_recipient;
  std::optional<RawBer> conversion_eits;  // X.411 EncodedInformationTypes ([APPLICATION 5]) TLV
  std::optional<std::vector<IpmsExtension>> notification_extensions;
  std::variant<NonReceiptFields, ReceiptFields, OtherNotificationTypeFields> choice;
  friend bool operator==(const Ipn&, const Ipn&) = default;
};

// InformationObject ::= CHOICE { ipm [0] IPM, ipn [1] IPN }
using InformationObject = std::variant<Ipm, Ipn>;

}  // namespace mixer::x400::p22
