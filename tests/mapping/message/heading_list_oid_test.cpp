// The rfc-822-heading-list extension (RFC 2156 §5.1.2) under every OID
// spelling the gateway accepts (docs/conformance/messages.md): PP's
// 0.9.2342.234219200300.200.1 (what we send), the well-formed UCL arc
// 0.9.2342.19200300.200.1, and the two 32-bit truncations ISODE puts on the
// wire (2290966316 wrapped, 2147483647 clamped). Each one, received in a P1
// message, gives back the listed header fields verbatim.
#include <gtest/gtest.h>

#include "mapping/mime/parser.hpp"
#include "tests/mapping/message/message_test_support.hpp"
#include "x400/asn/p22_extensions.hpp"
#include "x400/asn/p22_oids.hpp"

namespace mixer::mapping::message {
namespace {

using namespace test_support;
namespace asn = x400::asn;
namespace p22 = x400::p22;

TEST(P22Extensions, HeadingListAcceptsEverySpellingOfItsOid) {
  auto ctx = context();
  auto o = options();
  SmtpEnvelope e{"alice@example.org", {{"bob@example.net", "", ""}}, "", "", false, false};
  auto base = to_x400(e, "From: alice@example.org\r\nSubject: oid\r\n\r\nhi\r\n", ctx, o);
  ASSERT_TRUE(base.ok()) << base.error().to_string();
  // What we send: PP's spelling.
  auto sent = p22::make_rfc822_field_list({"X-Test: sent"});
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->type, p22::oids::kRfc822FieldList);

  const x400::ber::Oid spellings[] = {p22::oids::kRfc822FieldList, p22::oids::kRfc822FieldListAlt,
                                      x400::ber::Oid{0, 9, 2342, 2290966316ull, 200, 1},
                                      x400::ber::Oid{0, 9, 2342, 2147483647ull, 200, 1}};
  for (const auto& oid : spellings) {
    SCOPED_TRACE(oid.to_string());
    EXPECT_TRUE(p22::is_rfc822_field_list(oid));
    auto io = p22::decode_information_object(base->content.bytes());
    ASSERT_TRUE(io.ok());
    auto& ipm = std::get<p22::Ipm>(*io);
    auto ext = p22::make_rfc822_field_list({"X-Spelled: " + oid.to_string(), "Comments: kept"});
    ASSERT_TRUE(ext.ok());
    ext->type = oid;
    ipm.heading.extensions.push_back(*ext);
    auto m = *base;
    m.content = p22::SharedBytes::adopt(*p22::encode_information_object(*io));
    auto back = to_internet(through_ber(m), ctx, o);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    auto parsed = mime::parse_message(back->content);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->headers.get("X-Spelled"), oid.to_string());
    EXPECT_EQ(parsed->headers.get("Comments"), "kept");
    EXPECT_FALSE(parsed->headers.get("Discarded-X400-IPMS-Extensions").has_value());
  }
  // A neighbouring arc is not the heading list.
  EXPECT_FALSE(p22::is_rfc822_field_list(x400::ber::Oid{0, 9, 2342, 19200300, 200, 2}));
}

}  // namespace
}  // namespace mixer::mapping::message
