// P22 decoding of real bytes: the IPM inside the Isode P772 (STANAG 4406)
// capture and the one PP 6.0 sent in its 1988 normal-mode capture (see
// tests/data/x400/p22/README.md for how they were extracted). Both must
// decode, re-encode, and decode again to the same value.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"

using namespace mixer::x400;
using namespace mixer::x400::p22;

namespace {

std::vector<std::uint8_t> read_file(const std::string& name) {
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/p22/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Ipm decode_ipm_file(const std::string& name) {
  auto bytes = std::make_shared<const std::vector<std::uint8_t>>(read_file(name));
  auto io = decode_information_object(bytes);
  EXPECT_TRUE(io.ok()) << (io.ok() ? "" : io.error().to_string());
  if (!io.ok() || !std::holds_alternative<Ipm>(*io)) return {};
  // Round trip: decode -> encode -> decode is the identity.
  auto again = encode_information_object(*io);
  EXPECT_TRUE(again.ok()) << (again.ok() ? "" : again.error().to_string());
  if (again.ok()) {
    auto io2 = decode_information_object(*again);
    EXPECT_TRUE(io2.ok()) << (io2.ok() ? "" : io2.error().to_string());
    if (io2.ok()) {
      EXPECT_TRUE(*io2 == *io);
    }
  }
  return std::get<Ipm>(*io);
}

}  // namespace

TEST(P22RealVectors, IsodeP772IpmDecodes) {
  const Ipm ipm = decode_ipm_file("isode-p772-ipm.ber");
  const Heading& h = ipm.heading;
  EXPECT_EQ(h.this_ipm.user_relative_identifier, "percival.s:049600:20051001113050");
  ASSERT_TRUE(h.this_ipm.user.has_value());
  EXPECT_EQ(h.this_ipm.user->address.organization_name, "percival");
  ASSERT_TRUE(h.originator && h.originator->formal_name);
  ASSERT_TRUE(h.originator->formal_name->address.personal_name);
  EXPECT_EQ(h.originator->formal_name->address.personal_name->surname, "gal");
  ASSERT_EQ(h.primary_recipients.size(), 1u);
  const auto& rcpt = h.primary_recipients[0];
  ASSERT_TRUE(rcpt.recipient.formal_name);
  EXPECT_EQ(rcpt.recipient.formal_name->address.common_name, "ethereal");
  ASSERT_TRUE(rcpt.notification_requests);
  EXPECT_TRUE(rcpt.notification_requests->test(notification_request::kRn));
  EXPECT_TRUE(rcpt.notification_requests->test(notification_request::kNrn));
  EXPECT_FALSE(rcpt.notification_requests->test(notification_request::kIpmReturn));
  EXPECT_EQ(rcpt.reply_requested, true);
  EXPECT_EQ(h.subject, "P772 Message");
  // Six heading extensions (nexor-originating-ua and five STANAG 4406 ones),
  // kept as they came.
  ASSERT_EQ(h.extensions.size(), 6u);
  EXPECT_EQ(h.extensions[0].type.to_string(), "1.2.826.0.1004.10.1.1");
  EXPECT_EQ(h.extensions[1].type.to_string(), "1.3.26.0.4406.0.2.0");
  ASSERT_EQ(ipm.body.size(), 1u);
  const auto* text = std::get_if<Ia5TextBodyPart>(&ipm.body[0]);
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->data.text(), "hello\r\n");
  EXPECT_FALSE(text->repertoire.has_value());
}

TEST(P22RealVectors, Pp1988IpmDecodesAndKeepsExplicitDefaults) {
  const Ipm ipm = decode_ipm_file("pp-1988-ipm.ber");
  const Heading& h = ipm.heading;
  EXPECT_FALSE(h.this_ipm.user.has_value());
  EXPECT_EQ(h.this_ipm.user_relative_identifier, "(q)18310 Mon Nov 23 10:57:25 2026(q)(a)pp.x400.test");
  EXPECT_EQ(h.subject, "A to B clean capture");
  // PP encodes the DEFAULT importance normal(1) and repertoire ia5(5): kept.
  EXPECT_EQ(h.importance, Importance::normal);
  ASSERT_EQ(ipm.body.size(), 1u);
  const auto* text = std::get_if<Ia5TextBodyPart>(&ipm.body[0]);
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->repertoire, 5);
  EXPECT_EQ(text->data.text(), "Hello PP-B from PP-A over P1 1988 (clean capture).\r\n");
}

TEST(P22RealVectors, BodyDataIsAViewIntoTheInput) {
  auto bytes = std::make_shared<const std::vector<std::uint8_t>>(read_file("pp-1988-ipm.ber"));
  auto io = decode_information_object(bytes);
  ASSERT_TRUE(io.ok());
  const auto& text = std::get<Ia5TextBodyPart>(std::get<Ipm>(*io).body[0]);
  EXPECT_TRUE(text.data.shares(bytes->data(), bytes->size()));
}
