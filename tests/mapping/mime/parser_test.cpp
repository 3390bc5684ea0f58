#include "mapping/mime/parser.hpp"

#include <gtest/gtest.h>

#include "mapping/mime/content_type.hpp"
#include "mapping/mime/printer.hpp"

namespace mixer::mapping::mime {
namespace {

const char kNested[] =
    "From: a@example.org\r\n"
    "Subject: folded\r\n"
    "  subject\r\n"
    "X-Custom : spaced name\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
    "\r\n"
    "preamble text\r\n"
    "--outer\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "first part\r\n"
    "--outer\r\n"
    "Content-Type: multipart/alternative; boundary=inner\r\n"
    "\r\n"
    "--inner\r\n"
    "\r\n"
    "no headers here\r\n"
    "--inner\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<p>x</p>\r\n"
    "--inner--\r\n"
    "--outer\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "Subject: inner\r\n"
    "\r\n"
    "inner body\r\n"
    "--outer--\r\n"
    "epilogue\r\n";

TEST(MimeParser, BuildsTreeAndKeepsHeadersVerbatim) {
  auto r = parse_message(std::string(kNested));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Entity& e = *r;
  ASSERT_EQ(e.headers.size(), 5u);
  EXPECT_EQ(e.headers[1].name, "Subject");
  EXPECT_EQ(e.headers[1].raw_value, " folded\r\n  subject");
  EXPECT_EQ(e.headers[1].value(), "folded  subject");
  EXPECT_EQ(e.headers[2].name, "X-Custom ");
  EXPECT_EQ(e.kind, EntityKind::multipart);
  EXPECT_EQ(e.boundary, "outer");
  EXPECT_TRUE(e.has_preamble);
  EXPECT_EQ(e.preamble.bytes, "preamble text");
  EXPECT_TRUE(e.has_epilogue);
  EXPECT_EQ(e.epilogue.bytes, "epilogue\r\n");
  ASSERT_EQ(e.parts.size(), 3u);
  EXPECT_EQ(e.parts[0].body.bytes, "first part");
  ASSERT_EQ(e.parts[1].kind, EntityKind::multipart);
  ASSERT_EQ(e.parts[1].parts.size(), 2u);
  EXPECT_TRUE(e.parts[1].parts[0].headers.empty());
  EXPECT_EQ(e.parts[1].parts[0].body.bytes, "no headers here");
  EXPECT_EQ(e.parts[1].parts[1].body.bytes, "<p>x</p>");
  ASSERT_EQ(e.parts[2].kind, EntityKind::message);
  EXPECT_EQ(*e.parts[2].parts[0].headers.get("subject"), "inner");
  EXPECT_EQ(e.parts[2].parts[0].body.bytes, "inner body");
}

TEST(MimeParser, PrintReproducesInputExactly) {
  auto r = parse_message(std::string(kNested));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(print_message(*r, "\r\n"), kNested);
  EXPECT_EQ(printed_size(*r, "\r\n"), sizeof(kNested) - 1);
}

TEST(MimeParser, BodiesAreViewsNotCopies) {
  std::string big = "Content-Type: application/octet-stream\r\n\r\n" + std::string(1 << 20, 'A');
  const char* data_before = nullptr;
  auto ref = BodyRef::own(std::move(big));
  data_before = ref.bytes.data();
  auto r = parse_message(ref);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body.bytes.data(), data_before + 42);
  EXPECT_EQ(r->body.bytes.size(), std::size_t{1} << 20);
}

TEST(MimeParser, LfLineEndsAndMissingSeparatorAndClose) {
  auto r = parse_message(std::string("Subject: x\nnot a header line\nbody\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_separator);
  EXPECT_EQ(r->body.bytes, "not a header line\nbody\n");
  EXPECT_EQ(print_message(*r, "\n"), "Subject: x\nnot a header line\nbody\n");

  auto m = parse_message(std::string("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nonly part\n"));
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->kind, EntityKind::multipart);
  ASSERT_EQ(m->parts.size(), 1u);
  EXPECT_EQ(m->parts[0].body.bytes, "only part\n");
  // The printer always writes the close delimiter.
  EXPECT_EQ(print_message(*m, "\n"),
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nonly part\n\n--b--");
}

TEST(MimeParser, MultipartWithoutDelimiterStaysOpaque) {
  auto r = parse_message(std::string("Content-Type: multipart/mixed; boundary=zz\r\n\r\nno parts\r\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, EntityKind::leaf);
  EXPECT_EQ(r->body.bytes, "no parts\r\n");
}

TEST(MimeParser, LimitsAreErrorsWithPlace) {
  MimeLimits lim;
  lim.max_depth = 3;
  std::string deep;
  for (int i = 0; i < 6; ++i) deep += "Content-Type: message/rfc822\r\n\r\n";
  deep += "body";
  auto r = parse_message(deep, lim);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("limits.mime_max_depth (3)"), std::string::npos);
  EXPECT_EQ(r.error().path, "1.1.1.1");

  lim = MimeLimits{};
  lim.max_header_line = 998;
  auto l = parse_message("Subject: " + std::string(2000, 'x') + "\r\n\r\n", lim);
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.error().what.find("limits.mime_max_header_line (998)"), std::string::npos);

  lim = MimeLimits{};
  lim.max_header_fields = 16;
  std::string many;
  for (int i = 0; i < 17; ++i) many += "X-A: b\r\n";
  auto h = parse_message(many + "\r\n", lim);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().offset, 16u * 8);
  EXPECT_NE(h.error().what.find("limits.mime_max_header_fields (16)"), std::string::npos);

  lim = MimeLimits{};
  lim.max_entities = 3;
  auto e = parse_message(
      std::string("Content-Type: multipart/mixed; "
                  "boundary=b\r\n\r\n--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--\r\n"),
      lim);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().what.find("limits.mime_max_entities (3)"), std::string::npos);

  lim = MimeLimits{};
  lim.max_message_size = 10;
  auto big = parse_message(std::string(11, 'a'), lim);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().what.find("limits.mime_max_message_size (10)"), std::string::npos);

  lim = MimeLimits{};
  lim.max_header_field = 998;
  auto folded = parse_message("Subject: a\n" + std::string(600, ' ') + "b\n" + std::string(600, ' ') + "c\n\n", lim);
  ASSERT_FALSE(folded.ok());
  EXPECT_NE(folded.error().what.find("limits.mime_max_header_field (998)"), std::string::npos);
}

TEST(MimeParser, EveryPrefixParsesWithoutCrash) {
  std::string all(kNested);
  for (std::size_t n = 0; n <= all.size(); ++n) {
    auto r = parse_message(all.substr(0, n));
    ASSERT_TRUE(r.ok()) << n;
    std::string out = print_message(*r, "\r\n");
    auto again = parse_message(out);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(print_message(*again, "\r\n"), out) << n;  // printing is a fixed point
  }
}

TEST(HeaderList, SetAddRemoveAndFold) {
  HeaderList h;
  h.add("To", "a@example.org");
  h.add("Subject", std::string(50, 'a') + " " + std::string(50, 'b'));
  h.set("To", "b@example.org");
  EXPECT_EQ(*h.get("to"), "b@example.org");
  EXPECT_NE(h[1].raw_value.find("\r\n "), std::string::npos);  // folded before 78 columns
  EXPECT_EQ(h[1].value(), std::string(50, 'a') + " " + std::string(50, 'b'));
  EXPECT_EQ(h.remove("TO"), 1u);
  EXPECT_EQ(h.size(), 1u);
}

}  // namespace
}  // namespace mixer::mapping::mime
