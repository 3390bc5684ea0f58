// Whole bodies <-> MIME entity trees (mapping/body/body.hpp): structure,
// limits and round trips in both directions.
#include "mapping/body/body.hpp"

#include <gtest/gtest.h>

#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"

namespace mixer::mapping::body {
namespace {

namespace p22 = x400::p22;

p22::BodyPart ia5(std::string_view s) {
  return p22::Ia5TextBodyPart{std::nullopt, p22::SharedBytes::copy(s)};
}

// X.400 -> MIME -> printed -> parsed -> X.400.
Body through_mime(const Body& b, const BodyOptions& o = {}) {
  address::MappingContext ctx;
  auto m = body_to_mime(b, o, ctx);
  EXPECT_TRUE(m.ok()) << m.error().to_string();
  if (!m.ok()) return {};
  auto parsed = mime::parse_message(mime::print_message(*m));
  EXPECT_TRUE(parsed.ok()) << parsed.error().to_string();
  if (!parsed.ok()) return {};
  auto back = body_from_mime(*parsed, o, ctx);
  EXPECT_TRUE(back.ok()) << back.error().to_string();
  return back.ok() ? *back : Body{};
}

TEST(Body, SinglePartIsNotMultipart) {
  address::MappingContext ctx;
  auto m = body_to_mime(Body{ia5("hello\r\n")}, {}, ctx);
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->kind, mime::EntityKind::leaf);
  EXPECT_EQ(*m->headers.get("Content-Type"), "text/plain; charset=us-ascii");
  EXPECT_EQ(m->body.bytes, "hello\r\n");
}

TEST(Body, SeveralPartsAreMultipartMixedInOrder) {
  address::MappingContext ctx;
  Body b{ia5("one\r\n"), p22::GeneralTextBodyPart{{6, 100}, p22::SharedBytes::copy("caf\xE9\r\n")},
         p22::BilaterallyDefinedBodyPart{p22::SharedBytes::copy(std::string("\0\1\2\xff", 4))}};
  auto m = body_to_mime(b, {}, ctx);
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  ASSERT_EQ(m->kind, mime::EntityKind::multipart);
  EXPECT_EQ(mime::content_type_of(m->headers).media_type(), "multipart/mixed");
  ASSERT_EQ(m->parts.size(), 3u);
  EXPECT_EQ(mime::content_type_of(m->parts[0].headers).charset(), "us-ascii");
  EXPECT_EQ(mime::content_type_of(m->parts[1].headers).charset(), "iso-8859-1");
  EXPECT_EQ(mime::content_type_of(m->parts[2].headers).media_type(), "application/octet-stream");
  EXPECT_EQ(through_mime(b), b);
}

TEST(Body, EmptyBodyIsEmptyTextBothWays) { EXPECT_EQ(through_mime(Body{}), Body{}); }

TEST(Body, PartCountLimit) {
  address::MappingContext ctx;
  BodyOptions o;
  o.limits.max_parts = 2;
  auto m = body_to_mime(Body{ia5("a"), ia5("b"), ia5("c")}, o, ctx);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().what.find("body_max_parts"), std::string::npos);
  EXPECT_EQ(m.error().where, "body[2]");
}

}  // namespace
}  // namespace mixer::mapping::body
