// IPM heading <-> RFC 5322 header, both directions, with the X.400 value
// BER-encoded in between and judged by tshark (decode-ber).
#include "mapping/heading/ipm_heading.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "mapping/address/std_or.hpp"
#include "mapping/mime/charset.hpp"
#include "mapping/mime/encoded_word.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"

namespace mixer::mapping::heading {
namespace {

namespace p22 = x400::p22;

address::MappingContext context() {
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  return ctx;
}

mime::HeaderList headers(const std::vector<std::pair<std::string, std::string>>& fields) {
  mime::HeaderList h;
  for (const auto& [n, v] : fields) h.add(n, v);
  return h;
}

std::vector<std::pair<std::string, std::string>> pairs(const mime::HeaderList& h) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : h) out.emplace_back(f.name, f.value());
  return out;
}

// Encodes the heading as an IPM (empty body), decodes it again, and lets
// tshark judge the bytes.
p22::Heading through_ber(const p22::Heading& h, const std::string& tag) {
  p22::Ipm ipm;
  ipm.heading = h;
  auto ber = p22::encode_information_object(p22::InformationObject{ipm});
  EXPECT_TRUE(ber.ok()) << (ber.ok() ? "" : ber.error().to_string());
  if (!ber.ok()) return h;
  // tshark has no decoder for the rfc-822-heading-list extension (RFC 2156
  // §5.1.2), so it judges the same IPM without that one extension; our own
  // codec decodes the complete value below.
  p22::Ipm judged = ipm;
  std::erase_if(judged.heading.extensions,
                [](const p22::IpmsExtension& e) { return p22::is_rfc822_field_list(e.type); });
  auto judged_ber = p22::encode_information_object(p22::InformationObject{judged});
  EXPECT_TRUE(judged_ber.ok());
  test::TempDir dir;
  auto path = dir / (tag + ".ber");
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(judged_ber->data()),
             static_cast<std::streamsize>(judged_ber->size()));
  auto judge = test::run({std::string(MIXER_SHARED_DIR) + "/oracle/bin/decode-ber", path.string(), "p22"});
  EXPECT_EQ(judge.exit_code, 0) << tag << "\n" << judge.out << judge.err;
  auto back = p22::decode_information_object(x400::ber::Bytes(ber->data(), ber->size()));
  EXPECT_TRUE(back.ok());
  if (!back.ok()) return h;
  return std::get<p22::Ipm>(*back).heading;
}

TEST(IpmHeading, EveryHeadingFieldMapsAndRoundTrips) {
  auto ctx = context();
  auto in = headers({{"From", "Alice Example <alice@example.org>"},
                     {"Sender", "secretary@example.org"},
                     {"Reply-To", "replies@example.org"},
                     {"To", "Bob <bob@example.net>, carol@example.net"},
                     {"Cc", "dave@example.net"},
                     {"Bcc", "eve@example.net"},
                     {"Subject", "Quarterly =?UTF-8?Q?caf=C3=A9?= report"},
                     {"Message-ID", "<abc.123@host.example>"},
                     {"In-Reply-To", "<prev@host.example>"},
                     {"References", "<r1@host.example> <r2@host.example>"},
                     {"Obsoletes", "<old@host.example>"},
                     {"Expires", "Tue, 1 Dec 2026 00:00:00 +0100"},
                     {"Reply-By", "Mon, 30 Nov 2026 12:00:00 +0000"},
                     {"Importance", "high"},
                     {"Sensitivity", "Company-Confidential"},
                     {"Autoforwarded", "FALSE"},
                     {"Language", "en, fr"},
                     {"Incomplete-Copy", ""},
                     {"Autosubmitted", "auto-generated"},
                     {"Date", "Mon, 23 Nov 2026 12:00:00 +0000"},
                     {"X-Mailer", "test 1.0"},
                     {"Comments", "kept verbatim"}});
  auto h = heading_from_internet(in, ctx);
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  // Spot checks of the X.400 side.
  ASSERT_TRUE(h->originator.has_value());  // Sender
  ASSERT_TRUE(h->authorizing_users.has_value());
  EXPECT_EQ(h->authorizing_users->size(), 1u);  // From, because Sender is present
  EXPECT_EQ(*h->authorizing_users->front().free_form_name, "Alice Example");
  EXPECT_EQ(h->primary_recipients.size(), 2u);
  EXPECT_EQ(h->copy_recipients.size(), 1u);
  ASSERT_TRUE(h->blind_copy_recipients.has_value());
  EXPECT_EQ(h->this_ipm.user_relative_identifier, "abc.123(a)host.example");
  EXPECT_EQ(h->related_ipms.size(), 2u);
  EXPECT_EQ(h->obsoleted_ipms.size(), 1u);
  EXPECT_EQ(*h->subject,
            "Quarterly caf\xC2"
            "e report");  // T.61: non-spacing acute + e
  EXPECT_EQ(h->importance, p22::Importance::high);
  EXPECT_EQ(h->sensitivity, p22::Sensitivity::company_confidential);
  EXPECT_EQ(h->auto_forwarded, false);
  EXPECT_EQ(h->expiry_time->to_string(), "261201000000+0100");
  auto list = p22::rfc822_heading_list(*h);
  ASSERT_TRUE(list.ok());
  ASSERT_TRUE(list->has_value());
  // Subject regenerates as a differently encoded word (B is shorter), so the
  // original also travels in the heading list.
  EXPECT_EQ(**list, (std::vector<std::string>{"Subject: Quarterly =?UTF-8?Q?caf=C3=A9?= report",
                                              "Date: Mon, 23 Nov 2026 12:00:00 +0000", "X-Mailer: test 1.0",
                                              "Comments: kept verbatim"}));

  auto back = heading_to_internet(through_ber(*h, "every-field"), ctx);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  auto want = pairs(in);
  auto got = pairs(*back);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
}

TEST(IpmHeading, IrreversibleFieldsTravelInTheHeadingListAndWinOnReturn) {
  auto ctx = context();
  auto in = headers({{"FROM", "alice@example.org (Alice)"},
                     {"To", "Team: bob@example.net, carol@example.net;"},
                     {"Subject", std::string(200, 's')},
                     {"Message-ID", "<" + std::string(80, 'm') + "@example.org>"},
                     {"Expiry-Date", "1 Dec 2026 00:00 GMT"},
                     {"Importance", "extreme"},
                     {"Subject", "second subject"},
                     {"Received", "from a by b; Mon, 23 Nov 2026 12:00:00 +0000"},
                     {"X-Raw", "caf\xC3\xA9"}});
  auto h = heading_from_internet(in, ctx);
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_FALSE(h->importance.has_value());
  EXPECT_TRUE(h->expiry_time.has_value());
  EXPECT_EQ(h->primary_recipients.size(), 2u);  // group members still mapped
  auto back = heading_to_internet(through_ber(*h, "irreversible"), ctx);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  auto want = pairs(in);
  auto got = pairs(*back);
  // 8-bit header text is RFC 2047-encoded in the IA5 heading list.
  for (auto& [n, v] : got)
    if (n == "X-Raw") v = mime::decode_header_text(v);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
}

TEST(IpmHeading, X400GeneratedHeadingToInternetAndBack) {
  auto ctx = context();
  p22::Heading h;
  h.this_ipm.user =
      x400::ORName{*address::parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/S=Smith/"), std::nullopt};
  h.this_ipm.user_relative_identifier = "12345";
  p22::OrDescriptor orig;
  orig.formal_name =
      x400::ORName{*address::parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/S=Smith/G=John/"), std::nullopt};
  orig.free_form_name = "John Smith";
  h.originator = orig;
  p22::RecipientSpecifier r;
  r.recipient.formal_name =
      x400::ORName{*address::parse_std_or("/C=DE/ADMD=DBP/PRMD=X/O=Y/S=Mueller/"), std::nullopt};
  r.recipient.free_form_name = "M\xC8uller";  // T.61
  h.primary_recipients.push_back(r);
  h.subject =
      "Gr\xC8u\xFB"
      "e";  // T.61 / ISO 6937: "Grüße"
  h.importance = p22::Importance::low;
  h.sensitivity = p22::Sensitivity::personal;
  h.auto_forwarded = true;
  auto ext = p22::make_languages({"de"});
  ASSERT_TRUE(ext.ok());
  h.extensions.push_back(*ext);
  h.extensions.push_back(p22::IpmsExtension{x400::ber::Oid{1, 2, 3, 4}, std::nullopt});  // unknown

  auto internet = heading_to_internet(through_ber(h, "x400-generated"), ctx);
  ASSERT_TRUE(internet.ok()) << internet.error().to_string();
  EXPECT_EQ(*internet->get("Importance"), "low");
  EXPECT_EQ(*internet->get("Sensitivity"), "Personal");
  EXPECT_EQ(*internet->get("Autoforwarded"), "TRUE");
  EXPECT_EQ(*internet->get("Language"), "de");
  EXPECT_EQ(*internet->get("Discarded-X400-IPMS-Extensions"), "1.2.3.4");
  EXPECT_EQ(mime::decode_header_text(*internet->get("Subject")), *mime::to_utf8("t.61", *h.subject));
  std::string mid = *internet->get("Message-ID");
  EXPECT_NE(mid.find("12345*"), std::string::npos) << mid;
  EXPECT_EQ(internet->get("To")->rfind("=?UTF-8?Q?M=C3=BCller?= <", 0), 0u) << *internet->get("To");

  auto again = heading_from_internet(*internet, ctx);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->this_ipm, h.this_ipm);
  EXPECT_EQ(again->subject, h.subject);
  EXPECT_EQ(again->importance, h.importance);
  EXPECT_EQ(again->sensitivity, h.sensitivity);
  EXPECT_EQ(again->auto_forwarded, h.auto_forwarded);
  ASSERT_TRUE(again->originator.has_value());
  EXPECT_EQ(again->originator->free_form_name, orig.free_form_name);
  EXPECT_EQ(again->originator->formal_name, orig.formal_name);
  ASSERT_EQ(again->primary_recipients.size(), 1u);
  EXPECT_EQ(again->primary_recipients[0].recipient, r.recipient);
}

}  // namespace
}  // namespace mixer::mapping::heading
