// Independent oracle for the X.400 bodies mapping/body produces from MIME:
// each one, wrapped in an IPM and BER-encoded, must be accepted by
// Wireshark's X.420 decoder (../shared/oracle/bin/decode-ber: no malformed
// packet, no expert warning, every primitive value decoded) and decode back
// with our codec to an equal IPM.
#include <gtest/gtest.h>

#include "mapping/address/std_or.hpp"
#include "mapping/body/body.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"

namespace mixer::mapping::body {
namespace {

namespace p22 = x400::p22;

// tshark has no decoder for the rfc-822-heading-list heading extension (RFC
// 2156 §5.1.2; the structure wrapper and forwarded headings carry one): it
// judges the same IPM without that extension, at every nesting level; our
// own codec decodes the complete value.
void strip_heading_lists(p22::Ipm& ipm) {
  std::erase_if(ipm.heading.extensions,
                [](const p22::IpmsExtension& e) { return p22::is_rfc822_field_list(e.type); });
  for (auto& part : ipm.body)
    if (auto* m = std::get_if<p22::MessageBodyPart>(&part)) strip_heading_lists(*m->data);
}

bool have_tshark() { return mixer::test::run({"sh", "-c", "command -v tshark"}).exit_code == 0; }

struct Sample {
  const char* name;
  const char* mime;
  bool bilateral = false;
};

const Sample kSamples[] = {
    {"ia5", "Content-Type: text/plain\r\n\r\nHello\r\n"},
    {"latin1",
     "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
     "caf=E9\r\n"},
    {"octet-stream",
     "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC/w==\r\n"},
    {"attachment-ftbp",
     "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
     "Content-Disposition: attachment; filename=\"r.pdf\"; creation-date=\"Mon, 23 Nov 2026 10:00:00 "
     "+0000\";\r\n"
     " modification-date=\"Mon, 23 Nov 2026 11:00:00 +0000\"; read-date=\"Mon, 23 Nov 2026 12:00:00 "
     "+0000\"\r\n"
     "Content-Description: quarterly report\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"},
    {"attachment-bilateral",
     "Content-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n", true},
    {"html-utf8", "Content-Type: text/html; charset=utf-8\r\n\r\n<p>caf\xC3\xA9</p>\r\n"},
    {"forwarded",
     "Content-Type: message/rfc822\r\n\r\nFrom: a@example.com\r\nTo: b@example.net\r\nSubject: inner\r\n"
     "Message-ID: <m1@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\ninner body\r\n"},
    {"alternative-related",
     "Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
     "--a\r\nContent-Type: multipart/related; boundary=r; type=\"text/html\"\r\n\r\n"
     "--r\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:i\">\r\n"
     "--r\r\nContent-Type: image/gif\r\nContent-ID: <i>\r\nContent-Transfer-Encoding: "
     "base64\r\n\r\nR0lGODlh\r\n"
     "--r--\r\n--a--\r\n"},
};

TEST(BodyOracle, ProducedBodiesDecodeWithTshark) {
  if (!have_tshark()) GTEST_SKIP() << "tshark not installed";
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  for (const auto& s : kSamples) {
    SCOPED_TRACE(s.name);
    auto e = mime::parse_message(std::string(s.mime));
    ASSERT_TRUE(e.ok());
    BodyOptions o;
    o.attachments_as_bilateral = s.bilateral;
    auto body = body_from_mime(*e, o, ctx);
    ASSERT_TRUE(body.ok()) << body.error().to_string();
    p22::Ipm ipm;
    ipm.heading.this_ipm.user_relative_identifier = "oracle";
    ipm.body = *body;
    auto bytes = p22::encode_information_object(p22::InformationObject{ipm});
    ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
    auto again = p22::decode_information_object(*bytes);
    ASSERT_TRUE(again.ok()) << again.error().to_string();
    EXPECT_EQ(std::get<p22::Ipm>(*again), ipm);
    p22::Ipm judged = ipm;
    strip_heading_lists(judged);
    auto judged_bytes = p22::encode_information_object(p22::InformationObject{judged});
    ASSERT_TRUE(judged_bytes.ok());
    mixer::test::TempDir dir;
    const auto file = dir / "ipm.ber";
    mixer::test::write_file(file, std::string(judged_bytes->begin(), judged_bytes->end()));
    auto r =
        mixer::test::run({std::string(MIXER_SHARED_DIR) + "/oracle/bin/decode-ber", file.string(), "ipm"});
    EXPECT_EQ(r.exit_code, 0) << "rejected by tshark:\n" << r.err << "\n" << r.out.substr(0, 6000);
  }
}

// Python's email package must parse every MIME body we produce without
// registering a defect on any part.
TEST(BodyOracle, ProducedMimeHasNoPythonEmailDefects) {
  if (mixer::test::run({"python3", "-c", "import email"}).exit_code != 0) GTEST_SKIP() << "no python3";
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  // Every sample through X.400 and back to MIME, for 7-bit and 8BITMIME next hops.
  for (bool eight : {false, true})
    for (const auto& s : kSamples) {
      SCOPED_TRACE(std::string(s.name) + (eight ? " 8bit" : " 7bit"));
      auto e = mime::parse_message(std::string(s.mime));
      ASSERT_TRUE(e.ok());
      BodyOptions o;
      o.attachments_as_bilateral = s.bilateral;
      o.leaf.encoding.peer_8bitmime = eight;
      auto body = body_from_mime(*e, o, ctx);
      ASSERT_TRUE(body.ok()) << body.error().to_string();
      auto m = body_to_mime(*body, o, ctx);
      ASSERT_TRUE(m.ok()) << m.error().to_string();
      std::string text = "From: a@example.com\r\nMIME-Version: 1.0\r\n" + mime::print_message(*m);
      mixer::test::TempDir dir;
      const auto file = dir / "m.eml";
      mixer::test::write_file(file, text);
      auto r = mixer::test::run(
          {"python3", "-c",
           "import sys, email, email.policy\n"
           "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.compat32)\n"
           "bad = [(p.get_content_type(), p.defects) for p in m.walk() if p.defects]\n"
           "print(bad); sys.exit(1 if bad else 0)\n",
           file.string()});
      EXPECT_EQ(r.exit_code, 0) << r.out << r.err << "\n" << text;
    }
}

}  // namespace
}  // namespace mixer::mapping::body
