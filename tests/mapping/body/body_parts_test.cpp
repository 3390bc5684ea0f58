// Every body part type through mapping/body both ways: forwarded IPMs,
// structure wrappers (multipart/alternative, /related, nested mixed), file
// transfer attachments, the x400-bp tunnel, BilaterallyDefined peers, limits.
#include <gtest/gtest.h>

#include "mapping/address/std_or.hpp"
#include "mapping/body/body.hpp"
#include "mapping/body/ftbp.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"
#include "x400/asn/p22_oids.hpp"

namespace mixer::mapping::body {
namespace {

namespace p22 = x400::p22;
namespace ber = x400::ber;

address::MappingContext context() {
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  return ctx;
}

p22::BodyPart ia5(std::string_view s) {
  return p22::Ia5TextBodyPart{std::nullopt, p22::SharedBytes::copy(s)};
}

// X.400 -> MIME -> printed -> parsed -> X.400.
Body x400_round_trip(const Body& b, const BodyOptions& o = {}, std::string* printed = nullptr) {
  auto ctx = context();
  auto m = body_to_mime(b, o, ctx);
  EXPECT_TRUE(m.ok()) << m.error().to_string();
  if (!m.ok()) return {};
  std::string text = "MIME-Version: 1.0\r\n" + mime::print_message(*m);
  if (printed) *printed = text;
  auto parsed = mime::parse_message(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().to_string();
  if (!parsed.ok()) return {};
  auto back = body_from_mime(*parsed, o, ctx);
  EXPECT_TRUE(back.ok()) << back.error().to_string();
  return back.ok() ? *back : Body{};
}

// The structure and decoded leaf bodies of an entity tree, as text.
void describe(const mime::Entity& e, std::string& out, int depth = 0) {
  mime::ContentType ct = mime::content_type_of(e.headers);
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + ct.media_type();
  if (ct.is_text()) out += " charset=" + ct.charset();
  if (auto d = e.headers.get("Content-Disposition")) out += " disposition=" + *d;
  out += "\n";
  if (e.kind == mime::EntityKind::leaf) {
    auto d = mime::decoded_body(e);
    out += d.ok() ? std::string(d->bytes) : "<bad CTE>";
    out += "\n";
  }
  for (const auto& p : e.parts) describe(p, out, depth + 1);
}

// MIME text -> X.400 -> MIME: same structure and decoded bodies.
void expect_mime_round_trip(const std::string& text, const BodyOptions& o = {}, Body* via = nullptr) {
  auto ctx = context();
  auto in = mime::parse_message(text);
  ASSERT_TRUE(in.ok()) << in.error().to_string();
  auto x = body_from_mime(*in, o, ctx);
  ASSERT_TRUE(x.ok()) << x.error().to_string();
  if (via) *via = *x;
  auto out = body_to_mime(*x, o, ctx);
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  auto reparsed = mime::parse_message(mime::print_message(*out));
  ASSERT_TRUE(reparsed.ok());
  std::string a, b;
  describe(*in, a);
  describe(*reparsed, b);
  EXPECT_EQ(a, b);
}

p22::Ipm inner_ipm() {
  p22::Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = "inner-1";
  ipm.heading.subject = "Forwarded report";
  ipm.body = {ia5("inner text\r\n")};
  return ipm;
}

TEST(BodyForwarded, MessageBodyPartIsMessageRfc822AndBack) {
  p22::MessageBodyPart m;
  m.data = inner_ipm();
  Body b{ia5("see below\r\n"), m};
  std::string printed;
  auto back = x400_round_trip(b, {}, &printed);
  EXPECT_NE(printed.find("Content-Type: message/rfc822"), std::string::npos) << printed;
  EXPECT_NE(printed.find("Subject: Forwarded report"), std::string::npos) << printed;
  ASSERT_EQ(back.size(), 2u);
  const auto* fm = std::get_if<p22::MessageBodyPart>(&back[1]);
  ASSERT_NE(fm, nullptr);
  EXPECT_EQ(fm->data->heading.subject, "Forwarded report");
  EXPECT_EQ(fm->data->body, inner_ipm().body);
}

TEST(BodyForwarded, DeliveryTimeAndEnvelopeSurvive) {
  p22::MessageBodyPart m;
  m.data = inner_ipm();
  m.delivery_time = *ber::Time::parse(ber::TimeKind::utc_time, "261123120405Z");
  // OtherMessageDeliveryFields kept as an opaque [1] TLV.
  m.delivery_envelope = p22::RawBer{0xa1, 0x03, 0x80, 0x01, 0x16};
  std::string printed;
  auto back = x400_round_trip(Body{m}, {}, &printed);
  EXPECT_NE(printed.find("Delivery-Date: Mon, 23 Nov 2026 12:04:05 +0000"), std::string::npos) << printed;
  EXPECT_NE(printed.find("X400-Delivery-Envelope: oQOAARY="), std::string::npos) << printed;
  ASSERT_EQ(back.size(), 1u);
  const auto* fm = std::get_if<p22::MessageBodyPart>(&back[0]);
  ASSERT_NE(fm, nullptr);
  EXPECT_EQ(fm->delivery_time, m.delivery_time);
  EXPECT_EQ(fm->delivery_envelope, m.delivery_envelope);
  EXPECT_EQ(fm->data->heading.subject, m.data->heading.subject);
}

TEST(BodyForwarded, MimeMessageRfc822BecomesForwardedIpm) {
  std::string text =
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: text/plain\r\n\r\nCover note\r\n"
      "--b1\r\nContent-Type: message/rfc822\r\n\r\n"
      "From: alice@example.com\r\nSubject: Inner\r\nMessage-ID: <x1@example.com>\r\n\r\nInner body\r\n"
      "--b1--\r\n";
  Body via;
  expect_mime_round_trip(text, {}, &via);
  ASSERT_EQ(via.size(), 2u);
  const auto* fm = std::get_if<p22::MessageBodyPart>(&via[1]);
  ASSERT_NE(fm, nullptr);
  EXPECT_EQ(fm->data->heading.subject, "Inner");
  ASSERT_EQ(fm->data->body.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<p22::Ia5TextBodyPart>(fm->data->body[0]));
}

TEST(BodyForwarded, DepthLimit) {
  auto ctx = context();
  p22::Ipm ipm = inner_ipm();
  for (int i = 0; i < 6; ++i) {
    p22::MessageBodyPart m;
    m.data = ipm;
    p22::Ipm outer;
    outer.heading.this_ipm.user_relative_identifier = "level" + std::to_string(i);
    outer.body = {m};
    ipm = outer;
  }
  BodyOptions o;
  o.limits.max_depth = 4;
  auto r = body_to_mime(ipm.body, o, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("body_max_depth"), std::string::npos) << r.error().to_string();
  o.limits.max_depth = 16;
  EXPECT_TRUE(body_to_mime(ipm.body, o, ctx).ok());
}

TEST(BodyStructure, AlternativeRelatedAndNestedMixedKeepTheirShape) {
  std::string text =
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
      "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
      "--alt\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nplain version\r\n"
      "--alt\r\nContent-Type: multipart/related; boundary=\"rel\"; type=\"text/html\"\r\n\r\n"
      "--rel\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "<p>caf=C3=A9 <img src=3D\"cid:logo\"></p>\r\n"
      "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n"
      "--rel--\r\n"
      "--alt--\r\n"
      "--outer\r\nContent-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
      "--inner\r\nContent-Type: text/plain\r\n\r\nnested one\r\n"
      "--inner--\r\n"
      "--outer--\r\n";
  Body via;
  expect_mime_round_trip(text, {}, &via);
  ASSERT_EQ(via.size(), 2u);  // top-level mixed is the body sequence
  for (const auto& part : via) ASSERT_TRUE(std::holds_alternative<p22::MessageBodyPart>(part));
}

TEST(BodyStructure, TopLevelAlternativeIsOneWrapper) {
  std::string text =
      "Content-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
      "--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
      "--a\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n"
      "--a--\r\n";
  Body via;
  expect_mime_round_trip(text, {}, &via);
  ASSERT_EQ(via.size(), 1u);
  const auto& w = std::get<p22::MessageBodyPart>(via[0]);
  ASSERT_EQ(w.data->body.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<p22::Ia5TextBodyPart>(w.data->body[0]));
  EXPECT_TRUE(std::holds_alternative<p22::FileTransferBodyPart>(w.data->body[1]));  // text/html
  // And the X.400 form is stable: X.400 -> MIME -> X.400 gives the same body.
  EXPECT_EQ(x400_round_trip(via), via);
}

TEST(BodyAttachment, MimeAttachmentToFtbpWithFileAttributes) {
  std::string text =
      "Content-Type: image/png; name=\"dot.png\"\r\n"
      "Content-Disposition: attachment; filename=\"dot.png\";\r\n"
      " modification-date=\"Mon, 23 Nov 2026 10:00:00 +0000\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n";
  Body via;
  expect_mime_round_trip(text, {}, &via);
  ASSERT_EQ(via.size(), 1u);
  const auto* ft = std::get_if<p22::FileTransferBodyPart>(&via[0]);
  ASSERT_NE(ft, nullptr);
  ASSERT_TRUE(ft->parameters.has_value());
  auto info = decode_ftbp_parameters(*ft->parameters);
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(info->file_name, "dot.png");
  EXPECT_EQ(info->size, 70);
  ASSERT_TRUE(info->modified.has_value());
  EXPECT_EQ(info->modified->to_string(), "20261123100000Z");
  ASSERT_EQ(info->mime_fields.size(), 2u);
  EXPECT_EQ(info->mime_fields[0], "Content-Type: image/png; name=\"dot.png\"");
  auto data = ftbp_data(*ft);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->substr(1, 3), "PNG");
  // The same part for a peer that wants BilaterallyDefined.
  BodyOptions bil;
  bil.attachments_as_bilateral = true;
  auto ctx = context();
  auto bd = body_from_mime(*mime::parse_message(text), bil, ctx);
  ASSERT_TRUE(bd.ok());
  ASSERT_TRUE(std::holds_alternative<p22::BilaterallyDefinedBodyPart>((*bd)[0]));
  EXPECT_EQ(std::get<p22::BilaterallyDefinedBodyPart>((*bd)[0]).data.text(), *data);
}

TEST(BodyAttachment, FtbpFromAnX400UaRoundTripsExactly) {
  // AMHS style: FTAM-3 contents type, pathname and size only (EUR Doc 047).
  FileTransferInfo info;
  info.file_name = "METAR.TXT";
  info.size = 11;
  info.modified = *ber::Time::parse(ber::TimeKind::generalized_time, "20261123101500Z");
  auto params = encode_ftbp_parameters(info);
  ASSERT_TRUE(params.ok());
  Body b{make_ftbp(*params, "hello world")};
  std::string printed;
  EXPECT_EQ(x400_round_trip(b, {}, &printed), b);
  EXPECT_NE(printed.find("filename=METAR.TXT"), std::string::npos) << printed;
  EXPECT_NE(printed.find("Content-Type: application/octet-stream"), std::string::npos) << printed;
  // And an FTBP without parameters.
  Body bare{make_ftbp(std::nullopt, std::string("\0\x01\x02", 3))};
  EXPECT_EQ(x400_round_trip(bare), bare);
}

TEST(BodyAttachment, TextWithoutX400CharsetAndNamedTextFiles) {
  expect_mime_round_trip(
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaf\xC3\xA9 "
      "\xE2\x82\xAC\r\n");
  Body via;
  expect_mime_round_trip(
      "Content-Type: text/plain; charset=us-ascii\r\nContent-Disposition: attachment; "
      "filename=notes.txt\r\n\r\n"
      "keep my name\r\n",
      {}, &via);
  ASSERT_TRUE(std::holds_alternative<p22::FileTransferBodyPart>(via[0]));
}

TEST(BodyTunnel, PartsWithoutMimeEquivalentConvertBackUnchanged) {
  p22::G3FacsimileBodyPart g3;
  g3.number_of_pages = 1;
  g3.data.push_back(ber::BitString{{0x12, 0x34}, 16});
  p22::VoiceBodyPart voice;
  voice.duration_seconds = 3;
  voice.encoding_type = ber::Oid{1, 2, 3, 4};
  voice.data = p22::SharedBytes::copy("RIFF....WAVE");
  p22::VideotexBodyPart vt;
  vt.syntax = 0;
  vt.data = "videotex";
  p22::EncryptedBodyPart enc;
  enc.parameters = p22::RawBer{0x31, 0x00};
  enc.data = ber::BitString{{0xde, 0xad}, 16};
  p22::ExtendedBodyPart ext;
  ext.data.direct_reference = ber::Oid{1, 3, 6, 1, 4, 1, 99999, 1};
  ext.data.encoding = ber::External::Encoding::octet_aligned;
  ext.data.data = {1, 2, 3};
  p22::RawBodyPart raw;  // X.400 (1984) tlx [1]
  raw.tag = 1;
  raw.encoding = {0xa1, 0x02, 0x04, 0x00};
  p22::NationallyDefinedBodyPart nat{p22::RawBer{0x04, 0x01, 0x41}};
  p22::G4Class1BodyPart g4;
  g4.elements.push_back(p22::RawBer{0x04, 0x01, 0x00});
  Body b{g3, voice, vt, enc, ext, raw, nat, g4};
  std::string printed;
  EXPECT_EQ(x400_round_trip(b, {}, &printed), b);
  EXPECT_NE(printed.find("application/x400-bp; bp-type=3"), std::string::npos) << printed;
  EXPECT_NE(printed.find("bp-type=2.6.1.4.16"), std::string::npos) << printed;
  EXPECT_NE(printed.find("bp-type=1.3.6.1.4.1.99999.1"), std::string::npos) << printed;
}

TEST(BodyTunnel, GarbageInTunnelIsAClearError) {
  auto ctx = context();
  auto e = mime::parse_message(std::string(
      "Content-Type: application/x400-bp; bp-type=3\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n"));
  ASSERT_TRUE(e.ok());
  auto r = body_from_mime(*e, {}, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "body[0]");
  EXPECT_NE(r.error().what.find("x400-bp"), std::string::npos);
}

TEST(BodyEncoding, SevenBitPeersGetEncodedBodiesEightBitPeersRawText) {
  auto ctx = context();
  Body b{p22::GeneralTextBodyPart{{6, 100}, p22::SharedBytes::copy("caf\xE9\r\n")},
         make_ftbp(std::nullopt, std::string("\xff\xfe\x00", 3))};
  BodyOptions seven, eight;
  eight.leaf.encoding.peer_8bitmime = true;
  auto m7 = body_to_mime(b, seven, ctx);
  auto m8 = body_to_mime(b, eight, ctx);
  ASSERT_TRUE(m7.ok() && m8.ok());
  EXPECT_EQ(m7->parts[0].headers.get("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(m8->parts[0].headers.get("Content-Transfer-Encoding"), "8bit");
  EXPECT_EQ(m7->parts[1].headers.get("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(m8->parts[1].headers.get("Content-Transfer-Encoding"), "base64");  // binary data never 8bit
  EXPECT_EQ(x400_round_trip(b, eight), b);
}

TEST(BodyLimits, EntityCountOnTheMimeSide) {
  std::string text = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
  for (int i = 0; i < 5; ++i) text += "--b\r\nContent-Type: text/plain\r\n\r\npart\r\n";
  text += "--b--\r\n";
  auto ctx = context();
  BodyOptions o;
  o.limits.max_parts = 4;
  auto r = body_from_mime(*mime::parse_message(text), o, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().what.find("body_max_parts"), std::string::npos);
}

}  // namespace
}  // namespace mixer::mapping::body
