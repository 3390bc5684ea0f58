// Test values for the P22 codec and JSON tests: an IPM with every heading
// field and one body part of each type, and IPNs of each kind. Header-only so
// the codec, JSON, oracle and CLI tests share one definition.
#pragma once

#include <string>
#include <vector>

#include "x400/asn/or_address_codec.hpp"
#include "x400/asn/p22_extensions.hpp"
#include "x400/asn/p22_types.hpp"

namespace p22_samples {

using namespace mixer::x400;
using namespace mixer::x400::p22;

inline ORName orname(const std::string& surname, const std::string& org = "ACME") {
  ORName n;
  n.address.country_name = NumericOrPrintable{"GB", false};
  n.address.administration_domain_name = NumericOrPrintable{" ", false};
  n.address.private_domain_name = NumericOrPrintable{"ACME", false};
  n.address.organization_name = org;
  n.address.personal_name = PersonalName{surname, std::string("John"), std::nullopt, std::nullopt};
  n.address.organizational_unit_names = {"Sales"};
  return n;
}

inline ber::Time utc(const char* text) { return *ber::Time::parse(ber::TimeKind::utc_time, text); }

inline OrDescriptor descriptor(const std::string& surname) {
  return OrDescriptor{orname(surname), std::string("J. ") + surname, std::string("+44 1234")};
}

inline Ipm minimal_ipm(const std::string& text = "Hello\r\n") {
  Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = "minimal";
  ipm.body.push_back(Ia5TextBodyPart{std::nullopt, SharedBytes::copy(text)});
  return ipm;
}

inline ber::External external(const ber::Oid& type, std::vector<std::uint8_t> value_tlv) {
  ber::External x;
  x.direct_reference = type;
  x.encoding = ber::External::Encoding::single_asn1_type;
  x.data = std::move(value_tlv);
  return x;
}

// X.411 OtherMessageDeliveryFields as the [1] member of MessageParameters:
// content-type 22, originator-name, this-recipient-name [4],
// message-submission-time [7] (X.411 Annex A).
inline RawBer delivery_envelope() {
  ber::Writer w;
  auto m = w.begin(ber::context(1));
  w.integer(22, ber::context(0));  // DeliveredContentType built-in [0] (X.411 1999)
  asn::encode_or_name(w, orname("Fwd"));
  asn::encode_or_name(w, orname("Smith"), ber::context(4));
  w.time(utc("240501120000Z"), ber::context(7));
  w.end(m);
  return *std::move(w).finish();
}

// Every heading field set, one body part of each type.
inline Ipm full_ipm() {
  Ipm ipm;
  Heading& h = ipm.heading;
  h.this_ipm = IpmIdentifier{orname("Smith"), "id-1"};
  h.originator = descriptor("Smith");
  h.authorizing_users = std::vector<OrDescriptor>{descriptor("Boss")};
  RecipientSpecifier to;
  to.recipient = descriptor("Jones");
  to.notification_requests = ber::BitString{};
  to.notification_requests->set(notification_request::kRn);
  to.notification_requests->set(notification_request::kNrn);
  to.notification_requests->set(notification_request::kIpmReturn);
  to.reply_requested = true;
  to.recipient_extensions =
      std::vector<IpmsExtension>{IpmsExtension{ber::Oid{1, 3, 26, 0, 4406, 0, 6, 0}, RawBer{0x05, 0x00}}};
  h.primary_recipients = {to};
  RecipientSpecifier cc;
  cc.recipient = OrDescriptor{std::nullopt, std::string("Free Form Only"), std::nullopt};
  cc.reply_requested = false;
  h.copy_recipients = {cc};
  h.blind_copy_recipients =
      std::vector<RecipientSpecifier>{RecipientSpecifier{descriptor("Hidden"), {}, {}, {}}};
  h.replied_to_ipm = IpmIdentifier{orname("Jones"), "prev-1"};
  h.obsoleted_ipms = {IpmIdentifier{std::nullopt, "old-1"}, IpmIdentifier{orname("Smith"), "old-2"}};
  h.related_ipms = {IpmIdentifier{std::nullopt, "rel-1"}};
  h.subject = std::string("Quarterly report");
  h.expiry_time = utc("251231235959Z");
  h.reply_time = utc("250101120000+0100");
  h.reply_recipients = std::vector<OrDescriptor>{OrDescriptor{orname("Reply"), std::nullopt, std::nullopt}};
  h.importance = Importance::high;
  h.sensitivity = Sensitivity::company_confidential;
  h.auto_forwarded = true;
  h.extensions.push_back(*make_rfc822_field_list({"Message-ID: <1@example.com>", "X-Mailer: test"}));
  h.extensions.push_back(*make_languages({"en", "fr"}));
  h.extensions.push_back(make_auto_submitted(AutoSubmitted::auto_generated));
  h.extensions.push_back(make_incomplete_copy());
  h.extensions.push_back(
      IpmsExtension{ber::Oid{1, 3, 26, 0, 4406, 0, 2, 0}, std::nullopt});  // value DEFAULT NULL omitted

  auto& b = ipm.body;
  b.push_back(Ia5TextBodyPart{std::int64_t{5}, SharedBytes::copy(std::string("Plain text\r\nline 2\r\n"))});
  G3FacsimileBodyPart g3;
  g3.number_of_pages = 2;
  g3.non_basic_parameters = ber::BitString{{0x80}, 1};
  g3.data = {ber::BitString{{0xde, 0xad, 0xb0}, 20}, ber::BitString{{0x01}, 8}};
  b.push_back(g3);
  b.push_back(G4Class1BodyPart{{{RawBer{0x30, 0x03, 0x02, 0x01, 0x07}}}});
  b.push_back(TeletexBodyPart{1,
                              true,
                              RawBer{0xa2, 0x03, 0x80, 0x01, 0x01},
                              {std::string("T.61 line \xc2"
                                           "e"),
                               "second"}});
  b.push_back(VideotexBodyPart{0, "videotex data"});
  b.push_back(EncryptedBodyPart{RawBer{0x31, 0x09, 0x30, 0x07, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x07},
                                ber::BitString{{0x12, 0x34, 0x56}, 24}});
  MessageBodyPart fwd;
  fwd.delivery_time = utc("240501120500Z");
  fwd.delivery_envelope = delivery_envelope();
  fwd.data = minimal_ipm("Forwarded\r\n");
  b.push_back(fwd);
  b.push_back(MixedModeBodyPart{{{RawBer{0x04, 0x01, 0x00}}}});
  b.push_back(NationallyDefinedBodyPart{RawBer{0x04, 0x03, 'n', 'a', 't'}});
  b.push_back(BilaterallyDefinedBodyPart{SharedBytes::copy(std::string("\x00\x01\xff binary", 10))});
  b.push_back(GeneralTextBodyPart{{1, 6, 100}, SharedBytes::copy(std::string("caf\xe9 au lait"))});
  b.push_back(VoiceBodyPart{42, ber::Oid{1, 2, 3, 4}, std::string("g711"),
                            SharedBytes::copy(std::string("\x01\x02\x03", 3))});
  FileTransferBodyPart ft;
  {
    // FileTransferParameters ::= SEQUENCE { file-attributes [3] { pathname incomplete-pathname [0]
    // SEQUENCE OF GraphicString } } (X.420 Annex A, ISO 8571-2), kept raw.
    ft.parameters = RawBer{0x30, 0x0b, 0xa3, 0x09, 0xa0, 0x07, 0x19, 0x05, 'a', '.', 't', 'x', 't'};
    ber::External data;
    data.direct_reference = ber::Oid{1, 0, 8571, 2, 4};  // FTAM unstructured-binary abstract syntax
    data.encoding = ber::External::Encoding::octet_aligned;
    data.data = {0xca, 0xfe};
    ft.data = {data};
  }
  b.push_back(ft);
  ExtendedBodyPart ext;  // IA5 text in its extended form (id-ep-ia5-text, id-et-ia5-text)
  ext.parameters = external(ber::Oid{2, 6, 1, 11, 0}, RawBer{0x31, 0x00});
  ext.data = external(oids::kEtIa5Text, RawBer{0x16, 0x02, 'h', 'i'});
  b.push_back(ext);
  b.push_back(RawBodyPart{2, RawBer{0xa2, 0x04, 0x31, 0x00, 0x03, 0x00}});  // 1984 voice [2]
  return ipm;
}

inline Ipn receipt_ipn() {
  Ipn n;
  n.subject_ipm = IpmIdentifier{orname("Smith"), "id-1"};
  n.ipn_originator = descriptor("Jones");
  n.ipm_intended_recipient = descriptor("Jones");
  n.conversion_eits =
      RawBer{0x65, 0x04, 0x80, 0x02, 0x04, 0x10};  // [APPLICATION 5] { built-in [0] BIT STRING }
  n.notification_extensions = std::vector<IpmsExtension>{make_incomplete_copy()};
  n.choice =
      ReceiptFields{utc("240501130000Z"), 1, std::string("read by secretary"), std::vector<IpmsExtension>{}};
  return n;
}

inline Ipn non_receipt_ipn() {
  Ipn n;
  n.subject_ipm = IpmIdentifier{std::nullopt, "id-2"};
  NonReceiptFields nr;
  nr.non_receipt_reason = 1;
  nr.discard_reason = 0;
  nr.auto_forward_comment = std::string("on holiday");
  nr.returned_ipm = Box<Ipm>(minimal_ipm("Returned\r\n"));
  nr.nrn_extensions = std::vector<IpmsExtension>{};
  n.choice = std::move(nr);
  return n;
}

inline Ipn other_ipn() {
  Ipn n;
  n.subject_ipm = IpmIdentifier{std::nullopt, "id-3"};
  n.choice = OtherNotificationTypeFields{{IpmsExtension{ber::Oid{2, 6, 1, 19, 0}, RawBer{0x30, 0x00}}}};
  return n;
}

}  // namespace p22_samples
