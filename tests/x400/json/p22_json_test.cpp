// x400/json: IPM / IPN / ORName <-> JSON. Every sample value survives
// value -> JSON text -> value; bad JSON values give errors with the JSON path.
#include "x400/json/p22_json.hpp"

#include <gtest/gtest.h>

#include "common/json.hpp"
#include "tests/x400/asn/p22_samples.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/json/or_address_json.hpp"
#include "x400/json/syntax_registry.hpp"

using namespace p22_samples;
using namespace mixer;
namespace xjson = mixer::x400::xjson;

namespace {

InformationObject through_json(const InformationObject& v) {
  const std::string text = json::write(xjson::to_json(v), {.indent = 2});
  auto doc = json::parse(text);
  EXPECT_TRUE(doc.ok());
  auto back = xjson::information_object_from_json(*doc);
  EXPECT_TRUE(back.ok()) << (back.ok() ? "" : back.error()) << "\n" << text;
  return back.ok() ? *back : InformationObject{};
}

std::string error_of(const char* json_text) {
  auto doc = json::parse(json_text);
  EXPECT_TRUE(doc.ok()) << json_text;
  auto r = xjson::encode_document(*doc);
  EXPECT_FALSE(r.ok()) << json_text;
  return r.ok() ? "" : r.error();
}

}  // namespace

TEST(P22Json, EverySampleRoundTripsThroughJsonText) {
  for (const InformationObject& v :
       {InformationObject(full_ipm()), InformationObject(minimal_ipm()), InformationObject(receipt_ipn()),
        InformationObject(non_receipt_ipn()), InformationObject(other_ipn())}) {
    EXPECT_TRUE(through_json(v) == v);
  }
}

TEST(P22Json, FieldNamesAreTheAsn1Ones) {
  const json::Value doc = xjson::to_json(InformationObject(full_ipm()));
  const json::Value& h = *doc.find("ipm")->find("heading");
  for (const char* key :
       {"this-IPM", "originator", "authorizing-users", "primary-recipients", "copy-recipients",
        "blind-copy-recipients", "replied-to-IPM", "obsoleted-IPMs", "related-IPMs", "subject", "expiry-time",
        "reply-time", "reply-recipients", "importance", "sensitivity", "auto-forwarded", "extensions"})
    EXPECT_NE(h.find(key), nullptr) << key;
  EXPECT_EQ(h.find("importance")->as_string(), "high");
  EXPECT_EQ(h.find("expiry-time")->as_string(), "251231235959Z");
  // The rfc-822-heading-list extension is shown as its header lines.
  const json::Value& ext = h.find("extensions")->as_array()[0];
  EXPECT_EQ(ext.find("value")->as_array()[0].as_string(), "Message-ID: <1@example.com>");
  const json::Value& rn = h.find("primary-recipients")->as_array()[0];
  EXPECT_EQ(json::write(*rn.find("notification-requests")), R"(["rn","nrn","ipm-return"])");
  // Non-ASCII octets come out as hex, ASCII text as a string.
  const auto& body = doc.find("ipm")->find("body")->as_array();
  EXPECT_EQ(body[0].find("ia5-text")->find("data")->as_string(), "Plain text\r\nline 2\r\n");
  EXPECT_NE(body[10].find("general-text")->find("data")->find("hex"), nullptr);
}

TEST(P22Json, DumpAndEncodeDocumentsAreInverse) {
  for (const auto& v : {InformationObject(full_ipm()), InformationObject(receipt_ipn())}) {
    auto ber = encode_information_object(v);
    ASSERT_TRUE(ber.ok());
    auto doc = xjson::dump_ber("ipm", *ber);
    ASSERT_TRUE(doc.ok()) << doc.error();
    auto again = xjson::encode_document(*doc);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(*again, *ber);
  }
  auto bare = encode_ipn(receipt_ipn());
  auto doc = xjson::dump_ber("ipn", *bare);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->find("notification"), nullptr);
  EXPECT_EQ(*xjson::encode_document(*doc), *bare);
  auto orname_ber = asn::encode_or_name(orname("Smith"));
  auto odoc = xjson::dump_ber("orname", *orname_ber);
  ASSERT_TRUE(odoc.ok());
  EXPECT_EQ(*xjson::encode_document(*odoc), *orname_ber);
}

TEST(P22Json, ErrorsNameTheJsonPath) {
  EXPECT_EQ(
      error_of(R"({"ipm": {"heading": {"this-IPM": {"user-relative-identifier": "a@b"}}, "body": []}})"),
      "$.ipm.heading.this-IPM.user-relative-identifier: \"a@b\" has characters outside PrintableString");
  EXPECT_NE(
      error_of(
          R"({"ipm": {"heading": {"this-IPM": {"user-relative-identifier": "a"}, "subjekt": "x"}, "body": []}})")
          .find("$.ipm.heading.subjekt: unknown member"),
      std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"ipm": {"heading": {"this-IPM": {"user-relative-identifier": "a"}}, "body": [{"ia5-text": {"data": {"hex": "e9"}}}]}})")
          .find("$.ipm.body[0].ia5-text.data"),
      std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"ipm": {"heading": {"this-IPM": {"user-relative-identifier": "a"}, "importance": "urgent"}, "body": []}})")
          .find("$.ipm.heading.importance: unknown value \"urgent\""),
      std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"ipm": {"heading": {"this-IPM": {"user-relative-identifier": "a"}, "expiry-time": "2024"}, "body": []}})")
          .find("$.ipm.heading.expiry-time"),
      std::string::npos);
  EXPECT_NE(error_of(R"({"ipn": {"subject-ipm": {"user-relative-identifier": "a"}, "choice": {}}})")
                .find("$.ipn.choice"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"orname": {"country-name": "GB", "colour": "red"}})").find("$.orname.colour"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"mts": {}})").find("unknown syntax"), std::string::npos);
  EXPECT_NE(error_of(R"([1, 2])").find("$:"), std::string::npos);
}

TEST(OrAddressJson, EveryAttributeKindRoundTrips) {
  ORName n = orname("Smith");
  ORAddress& a = n.address;
  a.network_address = "12345";
  a.terminal_identifier = "T1";
  a.numeric_user_identifier = "42";
  a.domain_defined_attributes = {{"RFC-822", "a(a)b.c"}};
  a.common_name = "John Smith";
  a.teletex_common_name = std::string(
      "J\xc2"
      "e");
  a.teletex_personal_name = PersonalName{
      "Sm\xc2"
      "e",
      std::nullopt, std::nullopt, std::nullopt};
  a.teletex_organizational_unit_names = {"U1"};
  a.postal_code = NumericOrPrintable{"12345", true};
  a.street_address = PdsParameter{std::string("1 Main St"), std::nullopt};
  a.unformatted_postal_address = UnformattedPostalAddress{{"line 1", "line 2"}, std::nullopt};
  a.extended_network_address =
      ExtendedNetworkAddress{ExtendedNetworkAddress::E1634{"4412345", std::nullopt}, std::nullopt};
  a.terminal_type = 5;
  a.universal_common_name = UniversalText{"Jos\xc3\xa9", false, std::string("fr")};
  a.universal_personal_name =
      UniversalPersonalName{UniversalText{"M\xc3\xbcller", true, std::nullopt}, {}, {}, {}};
  a.other_extensions = {RawExtensionAttribute{99, {0x05, 0x00}}};
  n.directory_name_ber = std::vector<std::uint8_t>{0x30, 0x00};
  const std::string text = json::write(xjson::to_json(n));
  auto back = xjson::or_name_from_json(*json::parse(text), "$");
  ASSERT_TRUE(back.ok()) << back.error() << "\n" << text;
  EXPECT_TRUE(*back == n) << text;
}
