// Leaf body parts <-> MIME leaves (RFC 2157), with zero-copy checks.
#include "mapping/body/leaf.hpp"

#include <gtest/gtest.h>

#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"

namespace mixer::mapping::body {
namespace {

namespace p22 = x400::p22;

TEST(BodyLeaf, CharsetRegistrations) {
  EXPECT_EQ(charset_of_registrations({6, 100}), "iso-8859-1");
  EXPECT_EQ(charset_of_registrations({1, 6, 77, 101}), "iso-8859-2");  // control sets ignored
  EXPECT_EQ(charset_of_registrations({6}), "us-ascii");
  EXPECT_FALSE(charset_of_registrations({87}).has_value());
  EXPECT_EQ(registrations_of_charset("ISO-8859-15"), (std::vector<std::int64_t>{6, 203}));
  EXPECT_FALSE(registrations_of_charset("utf-8").has_value());
}

TEST(BodyLeaf, Ia5TextBothWaysWithoutCopy) {
  std::string text = "Hello X.400\r\nsecond line\r\n";
  p22::BodyPart part{p22::Ia5TextBodyPart{std::nullopt, p22::SharedBytes::copy(text)}};
  auto m = leaf_to_mime(part, {}, "body[0]");
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(*m->headers.get("Content-Type"), "text/plain; charset=us-ascii");
  EXPECT_EQ(m->headers.get("Content-Transfer-Encoding"), std::nullopt);                      // 7bit
  EXPECT_EQ(m->body.bytes.data(), std::get<p22::Ia5TextBodyPart>(part).data.text().data());  // same bytes
  auto back = leaf_from_mime(*m, "body[0]");
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, part);
}

TEST(BodyLeaf, GeneralTextLatin1ChoosesEncodingPerPeer) {
  p22::BodyPart part{p22::GeneralTextBodyPart{{6, 100}, p22::SharedBytes::copy("caf\xE9\r\n")}};
  auto seven = leaf_to_mime(part, {}, "body[0]");
  ASSERT_TRUE(seven.ok());
  EXPECT_EQ(*seven->headers.get("Content-Transfer-Encoding"), "quoted-printable");
  LeafOptions eight;
  eight.encoding.peer_8bitmime = true;
  auto e8 = leaf_to_mime(part, eight, "body[0]");
  ASSERT_TRUE(e8.ok());
  EXPECT_EQ(*e8->headers.get("Content-Transfer-Encoding"), "8bit");
  for (const auto* m : {&*seven, &*e8}) {
    // Through the printed form and back.
    auto parsed = mime::parse_message(mime::print_message(*m));
    ASSERT_TRUE(parsed.ok());
    auto back = leaf_from_mime(*parsed, "body[0]");
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, part);
  }
}

TEST(BodyLeaf, TeletexToUtf8AndConversionProhibited) {
  p22::TeletexBodyPart tt;
  tt.data = {
      "Gr\xC8u\xFB"
      "e\r\n",
      "M\xC8uller\r\n"};
  auto m = leaf_to_mime(p22::BodyPart{tt}, {}, "body[1]");
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(*m->headers.get("Content-Type"), "text/plain; charset=utf-8");
  auto d = mime::decoded_body(*m);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->bytes,
            "Gr\xC3\xBC\xC3\x9F"
            "e\r\nM\xC3\xBCller\r\n");
  LeafOptions prohibited;
  prohibited.conversion_prohibited = true;
  auto refused = leaf_to_mime(p22::BodyPart{tt}, prohibited, "body[1]");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(static_cast<int>(*refused.error().diagnostic), 9);  // implicit-conversion-prohibited
  EXPECT_EQ(refused.error().where, "body[1]");
}

TEST(BodyLeaf, BilaterallyDefinedIsOctetStream) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  p22::BodyPart part{p22::BilaterallyDefinedBodyPart{p22::SharedBytes::copy(bytes)}};
  auto m = leaf_to_mime(part, {}, "body[2]");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m->headers.get("Content-Transfer-Encoding"), "base64");
  auto back = leaf_from_mime(*m, "body[2]");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, part);
}

TEST(BodyLeaf, UnmappedTypesFailWithConversionImpractical) {
  auto r = leaf_to_mime(p22::BodyPart{p22::VideotexBodyPart{}}, {}, "body[3]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(static_cast<int>(*r.error().diagnostic), 8);
  mime::ContentType ct;
  ct.type = "image";
  ct.subtype = "png";
  auto img = mime::make_leaf(ct, mime::BodyRef::own("\x89PNG"), {});
  auto x = leaf_from_mime(img, "body[0]");
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(static_cast<int>(*x.error().diagnostic), 8);
}

}  // namespace
}  // namespace mixer::mapping::body
