// multipart/digest (RFC 2046 §5.1.5: a part without Content-Type is
// message/rfc822) and the empty multipart ("--b--" only) through the body
// mapping both ways: digest entries become forwarded IPMs (not attachments),
// and the decoded leaves come back byte-identical.
#include <gtest/gtest.h>

#include "mapping/address/std_or.hpp"
#include "mapping/body/body.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"

namespace mixer::mapping::body {
namespace {

namespace p22 = x400::p22;

address::MappingContext context() {
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  return ctx;
}

// Media types (with the digest default applied) and decoded leaf bodies, in order.
void describe(const mime::Entity& e, std::string& out, int depth = 0) {
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + mime::content_type_of(e).media_type() + "\n";
  if (e.kind == mime::EntityKind::leaf) {
    auto d = mime::decoded_body(e);
    out += d.ok() ? std::string(d->bytes) : "<bad CTE>";
    out += "\n";
  }
  for (const auto& p : e.parts) describe(p, out, depth + 1);
}

struct RoundTrip {
  Body x400;
  std::string before, after;
};

RoundTrip round_trip(const std::string& text) {
  auto ctx = context();
  RoundTrip r;
  auto in = mime::parse_message(text);
  EXPECT_TRUE(in.ok());
  if (!in.ok()) return r;
  auto x = body_from_mime(*in, {}, ctx);
  EXPECT_TRUE(x.ok()) << x.error().to_string();
  if (!x.ok()) return r;
  r.x400 = *x;
  auto out = body_to_mime(*x, {}, ctx);
  EXPECT_TRUE(out.ok()) << out.error().to_string();
  if (!out.ok()) return r;
  auto again = mime::parse_message(mime::print_message(*out));
  EXPECT_TRUE(again.ok());
  if (!again.ok()) return r;
  describe(*in, r.before);
  describe(*again, r.after);
  return r;
}

const p22::MessageBodyPart* message_part(const p22::BodyPart& p) { return std::get_if<p22::MessageBodyPart>(&p); }

TEST(BodyDigest, PartsWithoutContentTypeAreForwardedMessages) {
  // As Python's test corpus msg_30.txt: two entries, no Content-Type on either.
  std::string text =
      "MIME-Version: 1.0\r\nContent-Type: multipart/digest; boundary=BOUNDARY\r\n\r\n"
      "--BOUNDARY\r\n\r\nFrom: one@example.org\r\nSubject: first\r\n"
      "Content-Type: text/plain; charset=us-ascii\r\n\r\nentry one\r\n"
      "--BOUNDARY\r\n\r\nFrom: two@example.org\r\nSubject: second\r\n\r\nentry two\r\n"
      "--BOUNDARY--\r\n";
  auto r = round_trip(text);
  EXPECT_EQ(r.before,
            "multipart/digest\n  message/rfc822\n    text/plain\nentry one\n  message/rfc822\n"
            "    text/plain\nentry two\n");
  EXPECT_EQ(r.after, r.before);
  // X.400 side: one structure wrapper holding two forwarded IPMs (not FTBP attachments).
  ASSERT_EQ(r.x400.size(), 1u);
  const auto* wrapper = message_part(r.x400[0]);
  ASSERT_NE(wrapper, nullptr);
  ASSERT_EQ(wrapper->data->body.size(), 2u);
  for (const auto& entry : wrapper->data->body) {
    const auto* fwd = message_part(entry);
    ASSERT_NE(fwd, nullptr);
    ASSERT_EQ(fwd->data->body.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<p22::Ia5TextBodyPart>(fwd->data->body[0]));
  }
  EXPECT_EQ(message_part(wrapper->data->body[1])->data->heading.subject, "second");
}

TEST(BodyDigest, ExplicitTextPartStaysText) {
  // msg_34.txt: an explicit text/plain part, then a defaulted message part.
  std::string text =
      "Content-Type: multipart/digest; boundary=XYZ\r\n\r\n"
      "--XYZ\r\nContent-Type: text/plain\r\n\r\n\r\nnot recommended, not illegal\r\n\r\n"
      "--XYZ\r\n\r\nFrom: cperson@dom.ain\r\nTo: dperson@dom.ain\r\n\r\nA submessage\r\n\r\n"
      "--XYZ--\r\n";
  auto r = round_trip(text);
  EXPECT_EQ(r.after, r.before);
  ASSERT_EQ(r.x400.size(), 1u);
  const auto* wrapper = message_part(r.x400[0]);
  ASSERT_NE(wrapper, nullptr);
  ASSERT_EQ(wrapper->data->body.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<p22::Ia5TextBodyPart>(wrapper->data->body[0]));
  EXPECT_NE(message_part(wrapper->data->body[1]), nullptr);
}

TEST(BodyDigest, DefaultAppliesOnlyDirectlyInsideTheDigest) {
  // A multipart/mixed nested in a digest: its parts default to text/plain again.
  std::string text =
      "Content-Type: multipart/digest; boundary=d\r\n\r\n"
      "--d\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
      "--m\r\n\r\nplain default\r\n--m--\r\n"
      "--d--\r\n";
  auto r = round_trip(text);
  EXPECT_EQ(r.before, "multipart/digest\n  multipart/mixed\n    text/plain\nplain default\n");
  EXPECT_EQ(r.after, r.before);
}

TEST(BodyEmptyMultipart, NoPartsComesBackWithNoParts) {
  // msg_42.txt: a forwarded message whose multipart/mixed body is only "--BBB--".
  std::string text =
      "Content-Type: multipart/mixed; boundary=\"AAA\"\r\n\r\n"
      "--AAA\r\n\r\nStuff\r\n"
      "--AAA\r\nContent-Type: message/rfc822\r\n\r\n"
      "From: webmaster@python.org\r\nContent-Type: multipart/mixed; boundary=\"BBB\"\r\n\r\n--BBB--\r\n\r\n"
      "--AAA--\r\n";
  auto r = round_trip(text);
  EXPECT_EQ(r.before, "multipart/mixed\n  text/plain\nStuff\n  message/rfc822\n    multipart/mixed\n");
  EXPECT_EQ(r.after, r.before);
}

TEST(BodyEmptyMultipart, TopLevelEmptyMixedIsNotAnEmptyBody) {
  auto r = round_trip("Content-Type: multipart/mixed; boundary=e\r\n\r\n--e--\r\n");
  EXPECT_EQ(r.before, "multipart/mixed\n");
  EXPECT_EQ(r.after, r.before);
  ASSERT_EQ(r.x400.size(), 1u);  // a structure wrapper with no parts
  const auto* wrapper = message_part(r.x400[0]);
  ASSERT_NE(wrapper, nullptr);
  EXPECT_TRUE(wrapper->data->body.empty());
}

}  // namespace
}  // namespace mixer::mapping::body
