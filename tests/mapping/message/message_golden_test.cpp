// Message-level golden files (tests/data/mapping/message, RFC 2156 §5.1-§5.3,
// App. C; issue #7 "every heading field and every MIXER header").
//
// Internet -> X.400: NAME.in.eml holds the SMTP envelope (the SMTP command
// form of mapping/message/envelope_text.hpp), a blank line and the RFC 5322
// message. It is converted with to_x400 and
//   - the MTS-APDU, as `mixer x400 dump` JSON without the content's "hex"
//     (the decoded information object stays), must equal NAME.x400.json;
//   - that JSON encoded again must give the very same BER bytes (so the
//     readable golden pins the bytes);
//   - tshark (decode-ber, mts-apdu) accepts the BER (minus the heading-list
//     extension, which it cannot decode: see message_test_support.hpp);
//   - the message converted back (to_internet) must equal NAME.back.eml.
// X.400 -> Internet: NAME.in.json is an MTS-APDU in the JSON form (content
// given as the decoded information object only); it is encoded, decoded from
// a shared buffer as the gateway does, converted with to_internet, and the
// envelope + message must equal NAME.out.eml; converted back to X.400 the
// IPM heading must equal the input's, apart from what the gateway adds.
//
// kFieldTable names, for every IPM heading field and every MIXER header, the
// golden file that shows it; the test checks that the file really holds it.
// MIXER_UPDATE_GOLDEN=1 rewrites the expected files (review the diff!).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "common/json.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/message/envelope_text.hpp"
#include "mapping/mime/parser.hpp"
#include "tests/mapping/message/message_test_support.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"
#include "x400/json/p1_json.hpp"
#include "x400/json/p22_json.hpp"

namespace mixer::mapping::message {
namespace {

using namespace test_support;
namespace fs = std::filesystem;
namespace asn = x400::asn;
namespace p22 = x400::p22;

const fs::path& golden_dir() {
  static const fs::path dir = fs::path(MIXER_SOURCE_DIR) / "tests/data/mapping/message";
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_or_update(const fs::path& p, const std::string& actual) {
  if (std::getenv("MIXER_UPDATE_GOLDEN")) {
    std::ofstream(p, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(p)) << p << " missing (run with MIXER_UPDATE_GOLDEN=1 and review it)";
  EXPECT_EQ(slurp(p), actual) << p;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::vector<std::string> cases(std::string_view suffix) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(golden_dir())) {
    std::string name = e.path().filename().string();
    if (ends_with(name, suffix)) out.push_back(name.substr(0, name.size() - suffix.size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "envelope lines \n\n message" (the `mixer convert to-internet` layout).
struct EnvelopeAndMessage {
  SmtpEnvelope envelope;
  std::string message;
};

Result<EnvelopeAndMessage, std::string> split_input(const std::string& text) {
  auto gap = text.find("\n\n");
  if (gap == std::string::npos) return fail(std::string("no blank line after the envelope"));
  auto env = parse_envelope_text(std::string_view(text).substr(0, gap + 1));
  if (!env.ok()) return fail(env.error());
  return EnvelopeAndMessage{*env, text.substr(gap + 2)};
}

// Golden messages are stored with LF; the converter gets CRLF as SMTP gives it.
std::string to_crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 32);
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The dump JSON without the content octets ("hex"): the decoded information
// object beside it says the same and reads as a diff.
json::Value without_content_hex(json::Value v) {
  if (auto* msg = v.find("message"))
    if (auto* content = msg->find("content"); content && content->is_object())
      std::erase_if(content->as_object(), [](const json::Member& m) { return m.key == "hex"; });
  return v;
}

std::string pretty(const json::Value& v) {
  json::WriteOptions wo;
  wo.indent = 2;
  return json::write(v, wo) + "\n";
}

std::string internet_text(const InternetMessage& m) {
  return format_envelope_text(m.envelope) + "\n" + m.content;
}

ConversionOptions file_options() {
  auto o = options();
  o.eol = "\n";
  return o;
}

TEST(MessageGolden, InternetToX400AndBack) {
  auto ctx = context();
  auto o = options();
  auto names = cases(".in.eml");
  ASSERT_GE(names.size(), 4u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    auto input = split_input(slurp(golden_dir() / (name + ".in.eml")));
    ASSERT_TRUE(input.ok()) << input.error();
    auto m = to_x400(input->envelope, to_crlf(input->message), ctx, o);
    ASSERT_TRUE(m.ok()) << m.error().to_string();
    const asn::MtsApdu apdu{*m};
    auto ber = encode(*m);
    auto readable = without_content_hex(x400::xjson::to_json(apdu));
    check_or_update(golden_dir() / (name + ".x400.json"), pretty(readable));

    // The readable golden is the exact bytes: encoding it gives the same BER.
    auto golden_json = json::parse(slurp(golden_dir() / (name + ".x400.json")));
    ASSERT_TRUE(golden_json.ok()) << golden_json.error().to_string();
    auto golden_apdu = x400::xjson::mts_apdu_from_json(*golden_json, "$");
    ASSERT_TRUE(golden_apdu.ok()) << golden_apdu.error();
    auto golden_ber = asn::encode_mts_apdu(*golden_apdu);
    ASSERT_TRUE(golden_ber.ok()) << golden_ber.error().to_string();
    EXPECT_EQ(*golden_ber, ber);

    auto verdict = judge(encode(without_heading_list(*m)), "mts-apdu");
    EXPECT_EQ(verdict.exit_code, 0) << verdict.out << verdict.err;

    auto back = to_internet(through_ber(*m), ctx, file_options());
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    check_or_update(golden_dir() / (name + ".back.eml"), internet_text(*back));
  }
}

// The IPM heading as JSON without what may differ by design: the heading
// list (the gateway writes its own for fields X.400 cannot hold exactly)
// and the unknown extensions reported in Discarded-X400-IPMS-Extensions
// (RFC 2156 §5.3: their information is lost).
std::string comparable(p22::Heading h, std::string_view discarded) {
  std::erase_if(h.extensions, [&](const p22::IpmsExtension& e) {
    return p22::is_rfc822_field_list(e.type) || discarded.find(e.type.to_string()) != std::string_view::npos;
  });
  p22::Ipm ipm;
  ipm.heading = std::move(h);
  return pretty(x400::xjson::to_json(ipm));
}

TEST(MessageGolden, X400ToInternetAndBack) {
  auto ctx = context();
  auto names = cases(".in.json");
  ASSERT_GE(names.size(), 1u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    auto doc = json::parse(slurp(golden_dir() / (name + ".in.json")));
    ASSERT_TRUE(doc.ok()) << doc.error().to_string();
    auto apdu = x400::xjson::mts_apdu_from_json(*doc, "$");
    ASSERT_TRUE(apdu.ok()) << apdu.error();
    auto* in = std::get_if<asn::Message>(&*apdu);
    ASSERT_NE(in, nullptr);
    auto verdict = judge(encode(without_heading_list(*in)), "mts-apdu");
    EXPECT_EQ(verdict.exit_code, 0) << verdict.out << verdict.err;

    auto decoded = through_ber(*in);
    auto out = to_internet(decoded, ctx, file_options());
    ASSERT_TRUE(out.ok()) << out.error().to_string();
    check_or_update(golden_dir() / (name + ".out.eml"), internet_text(*out));

    // X.400 -> Internet -> X.400: the same heading comes back.
    auto again = to_x400(out->envelope, to_crlf(out->content), ctx, options());
    ASSERT_TRUE(again.ok()) << again.error().to_string();
    auto io_in = p22::decode_information_object(decoded.content.bytes());
    auto io_again = p22::decode_information_object(again->content.bytes());
    ASSERT_TRUE(io_in.ok() && io_again.ok());
    const auto* ipm_in = std::get_if<p22::Ipm>(&*io_in);
    const auto* ipm_again = std::get_if<p22::Ipm>(&*io_again);
    ASSERT_TRUE(ipm_in && ipm_again);
    auto discarded = mime::parse_message(out->content);
    ASSERT_TRUE(discarded.ok());
    const std::string lost = discarded->headers.get("Discarded-X400-IPMS-Extensions").value_or("");
    EXPECT_EQ(comparable(ipm_again->heading, lost), comparable(ipm_in->heading, lost));
  }
}

// Where each field can be seen. `file` is a golden file name; `text` must
// occur in it at the start of a line (a header field) or, for JSON, as a key.
struct FieldRow {
  std::string_view field;
  std::string_view file;
  std::string_view text;
};

constexpr FieldRow kFieldTable[] = {
    // IPM heading fields, Internet -> X.400 (input) and X.400 -> Internet.
    {"From", "heading-fields.in.eml", "From:"},
    {"From (originator)", "heading-fields.x400.json", "\"originator\""},
    {"From (authorizing users)", "heading-fields.x400.json", "\"authorizing-users\""},
    {"Sender", "heading-fields.in.eml", "Sender:"},
    {"To", "heading-fields.x400.json", "\"primary-recipients\""},
    {"Cc", "heading-fields.x400.json", "\"copy-recipients\""},
    {"Bcc", "heading-fields.x400.json", "\"blind-copy-recipients\""},
    {"Reply-To", "heading-fields.x400.json", "\"reply-recipients\""},
    {"Message-ID", "heading-fields.x400.json", "\"this-IPM\""},
    {"In-Reply-To", "heading-fields.x400.json", "\"replied-to-IPM\""},
    {"References", "heading-fields.x400.json", "\"related-IPMs\""},
    {"Supersedes", "heading-fields.x400.json", "\"obsoleted-IPMs\""},
    {"Obsoletes", "rfc1327-names.x400.json", "\"obsoleted-IPMs\""},
    {"Subject", "heading-fields.x400.json", "\"subject\""},
    {"Expires", "heading-fields.x400.json", "\"expiry-time\""},
    {"Expiry-Date (RFC 1327)", "rfc1327-names.x400.json", "\"expiry-time\""},
    {"Reply-By", "heading-fields.x400.json", "\"reply-time\""},
    {"Importance", "heading-fields.x400.json", "\"importance\""},
    {"Sensitivity", "heading-fields.x400.json", "\"sensitivity\""},
    {"Autoforwarded", "heading-fields.x400.json", "\"auto-forwarded\""},
    {"Language", "heading-fields.back.eml", "Language:"},
    {"Incomplete-Copy", "heading-fields.back.eml", "Incomplete-Copy:"},
    {"Autosubmitted", "heading-fields.back.eml", "Autosubmitted:"},
    {"Date (heading list; trace when absent)", "heading-fields.back.eml", "Date:"},
    {"Received (heading list)", "heading-fields.back.eml", "Received: from client"},
    {"unknown fields (heading list)", "heading-fields.back.eml", "X-Mailer:"},
    {"heading list restored verbatim", "heading-list.back.eml", "from: Alice (the sender)"},
    {"gateway Received line", "heading-fields.back.eml", "Received: by gw.example.org"},
    // MIXER headers, Internet -> X.400 (consumed into the envelope) ...
    {"X400-MTS-Identifier", "mixer-headers.x400.json", "\"message-identifier\""},
    {"X400-Content-Type", "mixer-headers.x400.json", "\"content-type\""},
    {"X400-Content-Identifier", "mixer-headers.x400.json", "\"content-identifier\""},
    {"Content-Identifier (RFC 1327)", "rfc1327-names.x400.json", "\"content-identifier\""},
    {"X400-Received", "mixer-headers.x400.json", "\"trace-information\""},
    {"Priority", "mixer-headers.x400.json", "\"priority\""},
    {"Deferred-Delivery", "mixer-headers.x400.json", "\"deferred-delivery-time\""},
    {"Latest-Delivery-Time", "mixer-headers.x400.json", "\"latest-delivery-time\""},
    {"Conversion", "mixer-headers.x400.json", "\"implicit-conversion-prohibited\""},
    {"Conversion-With-Loss", "mixer-headers.x400.json", "\"conversion-with-loss-prohibited\""},
    {"DL-Expansion-History", "mixer-headers.x400.json", "\"dl-expansion-history\""},
    {"Original-Encoded-Information-Types", "mixer-headers.x400.json",
     "\"original-encoded-information-types\""},
    {"X400-Content-Return", "mixer-headers.x400.json", "\"content-return-request\""},
    {"Alternate-Recipient", "mixer-headers.x400.json", "\"alternate-recipient-allowed\""},
    {"Disclose-Recipients", "mixer-headers.x400.json", "\"disclosure-of-other-recipients\""},
    // ... and X.400 -> Internet (generated from the envelope).
    {"X400-MTS-Identifier", "x400-native.out.eml", "X400-MTS-Identifier:"},
    {"X400-Originator", "x400-native.out.eml", "X400-Originator:"},
    {"X400-Recipients", "x400-native.out.eml", "X400-Recipients:"},
    {"X400-Content-Type", "x400-native.out.eml", "X400-Content-Type:"},
    {"X400-Content-Identifier", "x400-native.out.eml", "X400-Content-Identifier:"},
    {"X400-Received", "x400-native.out.eml", "X400-Received:"},
    {"X400-Content-Return", "x400-native.out.eml", "X400-Content-Return:"},
    {"Priority", "x400-native.out.eml", "Priority:"},
    {"Deferred-Delivery", "x400-native.out.eml", "Deferred-Delivery:"},
    {"Latest-Delivery-Time", "x400-native.out.eml", "Latest-Delivery-Time:"},
    {"Conversion", "x400-native.out.eml", "Conversion:"},
    {"Conversion-With-Loss", "x400-native.out.eml", "Conversion-With-Loss:"},
    {"DL-Expansion-History", "x400-native.out.eml", "DL-Expansion-History:"},
    {"Original-Encoded-Information-Types", "x400-native.out.eml", "Original-Encoded-Information-Types:"},
    {"Alternate-Recipient", "x400-native.out.eml", "Alternate-Recipient:"},
    {"Disclose-Recipients", "x400-native.out.eml", "Disclose-Recipients:"},
    {"Discarded-X400-MTS-Extensions", "x400-native.out.eml", "Discarded-X400-MTS-Extensions:"},
    {"Discarded-X400-IPMS-Extensions", "x400-native.out.eml", "Discarded-X400-IPMS-Extensions:"},
    {"Sender + From (authorizing users)", "x400-native.out.eml", "Sender:"},
    {"per-recipient flags as comments", "x400-native.out.eml", "To:"},
    {"Subject (Teletex)", "x400-native.out.eml", "Subject:"},
    {"Expires", "x400-native.out.eml", "Expires:"},
    {"Reply-By", "x400-native.out.eml", "Reply-By:"},
    {"Importance", "x400-native.out.eml", "Importance:"},
    {"Sensitivity", "x400-native.out.eml", "Sensitivity:"},
    {"Autoforwarded", "x400-native.out.eml", "Autoforwarded:"},
    {"Obsoletes", "x400-native.out.eml", "Obsoletes:"},
    {"References", "x400-native.out.eml", "References:"},
    {"In-Reply-To", "x400-native.out.eml", "In-Reply-To:"},
    {"Reply-To", "x400-native.out.eml", "Reply-To:"},
    {"Language", "x400-native.out.eml", "Language:"},
    {"Incomplete-Copy", "x400-native.out.eml", "Incomplete-Copy:"},
    {"Date from the first trace element", "x400-native.out.eml", "Date:"},
    {"heading list (from X.400) verbatim", "x400-native.out.eml", "X-Original-Field: kept as written"},
    {"gateway Received line", "x400-native.out.eml", "Received: by gw.example.org"},
};

TEST(MessageGolden, FieldTableNamesWhereEachFieldIsShown) {
  for (const auto& row : kFieldTable) {
    SCOPED_TRACE(std::string(row.field) + " -> " + std::string(row.file));
    const auto path = golden_dir() / std::string(row.file);
    ASSERT_TRUE(fs::exists(path));
    const std::string text = "\n" + slurp(path);
    const bool json = ends_with(row.file, ".json");
    const std::string needle = json ? std::string(row.text) : "\n" + std::string(row.text);
    EXPECT_NE(text.find(needle), std::string::npos) << "not shown: " << row.text;
  }
}

}  // namespace
}  // namespace mixer::mapping::message
