// RFC 2156 §4.7.3 IPM identifier <-> msg-id and §4.6.3 MTS identifier.
#include "mapping/heading/identifiers.hpp"

#include <gtest/gtest.h>

#include "mapping/address/std_or.hpp"

namespace mixer::mapping::heading {
namespace {

TEST(IpmIdentifier, PlainMsgIdIsPsEncodedAndReversible) {
  auto r = msg_id_to_ipm_id("<abc.123@host.example>");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->user.has_value());
  EXPECT_EQ(r->uri, "abc.123(a)host.example");  // digest §2.6.2 example
  EXPECT_FALSE(r->keep_original);
  EXPECT_EQ(ipm_id_to_msg_id(r->user, r->uri), "<abc.123@host.example>");
}

TEST(IpmIdentifier, X400GeneratedFormRoundTrips) {
  auto user = address::parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/S=Smith/");
  ASSERT_TRUE(user.ok());
  std::string id = ipm_id_to_msg_id(*user, "12345");
  EXPECT_NE(id.find("12345*"), std::string::npos) << id;
  EXPECT_EQ(id.substr(id.size() - 5), "@MHS>");
  auto back = msg_id_to_ipm_id(id);
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back->user.has_value());
  EXPECT_EQ(*back->user, *user);
  EXPECT_EQ(back->uri, "12345");
  // No user, URI not addr-spec shaped: "<uri*@MHS>".
  EXPECT_EQ(ipm_id_to_msg_id(std::nullopt, "ABC 1"), "<\"ABC 1*\"@MHS>");
  auto again = msg_id_to_ipm_id("<\"ABC 1*\"@MHS>");
  ASSERT_TRUE(again.ok());
}

TEST(IpmIdentifier, OverLongOrNonAsciiIsDigestAndKeptOriginal) {
  std::string long_id = "<" + std::string(70, 'a') + "@example.org>";
  auto r = msg_id_to_ipm_id(long_id);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->keep_original);
  EXPECT_LE(r->uri.size(), kMaxLocalIpmIdentifier);
  auto r2 = msg_id_to_ipm_id("<" + std::string(70, 'a') + "@example.net>");
  EXPECT_NE(r->uri, r2->uri);  // distinct, not truncated
  auto u = msg_id_to_ipm_id("<caf\xC3\xA9@example.org>");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->keep_original);
  EXPECT_FALSE(msg_id_to_ipm_id("<>").ok());
}

TEST(IpmIdentifier, SplitsReferenceLists) {
  auto ids = split_msg_ids("<a@b> (comment) <c@d>\r\n <e@f>");
  EXPECT_EQ(ids, (std::vector<std::string>{"<a@b>", "<c@d>", "<e@f>"}));
}

TEST(MtsIdentifier, RealWorldFormParsesAndPrints) {
  auto id = parse_mts_id("[/C=JP/ADMD=HITNET/PRMD=HITACHI/;gmml16061023151403GAB]");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->country, "JP");
  EXPECT_EQ(id->admd, "HITNET");
  EXPECT_EQ(id->prmd, "HITACHI");
  EXPECT_EQ(id->local, "gmml16061023151403GAB");
  EXPECT_EQ(format_mts_id(*id), "[/C=JP/ADMD=HITNET/PRMD=HITACHI/;gmml16061023151403GAB]");
  MtsIdText blank{"GB", " ", std::nullopt, "x;y"};
  auto back = parse_mts_id(format_mts_id(blank));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, blank);
  EXPECT_FALSE(parse_mts_id("/C=GB/;x").has_value());
  EXPECT_FALSE(parse_mts_id("[/C=GB/O=Org/;x]").has_value());  // not a global domain identifier
}

TEST(MtsIdentifier, LocalIdFromMessageIdNeverTruncates) {
  EXPECT_EQ(derive_mts_local_id("<short@x.org>"), "short@x.org");
  std::string a = derive_mts_local_id("<" + std::string(40, 'q') + "@one.example>");
  std::string b = derive_mts_local_id("<" + std::string(40, 'q') + "@two.example>");
  EXPECT_EQ(a.size(), kMaxMtsLocalIdentifier);
  EXPECT_NE(a, b);
  EXPECT_EQ(a, derive_mts_local_id("<" + std::string(40, 'q') + "@one.example>"));  // deterministic
}

}  // namespace
}  // namespace mixer::mapping::heading
