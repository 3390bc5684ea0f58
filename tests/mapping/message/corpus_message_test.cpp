// RFC 5322 -> X.400 -> RFC 5322 over real messages written by others
// (Python's email test corpus, libpython3.11-testsuite): the whole message
// goes through to_x400, the BER MTS-APDU (encoded and decoded again) and
// to_internet. Every original header field (except the MIME fields the body
// mapping regenerates and Return-Path) comes back with its name and value,
// and the decoded body of every leaf entity is byte-identical, in order.
// Messages the converter refuses are counted with the reason; the test
// fails when more than a handful are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mapping/heading/ipm_heading.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/encoded_word.hpp"
#include "mapping/mime/parser.hpp"
#include "tests/mapping/message/message_test_support.hpp"

namespace mixer::mapping::message {
namespace {

namespace fs = std::filesystem;
using namespace test_support;

void leaves(const mime::Entity& e, std::vector<std::string>& out) {
  if (e.kind == mime::EntityKind::leaf) {
    auto d = mime::decoded_body(e);
    out.push_back(d.ok() ? std::string(d->bytes) : "<undecodable>");
    return;
  }
  for (const auto& p : e.parts) leaves(p, out);
}

TEST(MessageCorpus, PythonTestMessagesSurviveX400) {
  auto ctx = context();
  auto o = options();
  o.eol = "\n";  // the corpus files use LF
  const fs::path corpus = "/usr/lib/python3.11/test/test_email/data";
  ASSERT_TRUE(fs::exists(corpus)) << "libpython3.11-testsuite is not installed (scripts/setup.sh)";
  std::size_t converted = 0, refused = 0, fields = 0;
  std::string refusals;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    SmtpEnvelope env{"sender@example.org", {{"rcpt@example.net", "", ""}}, "", "", true, false};
    auto m = to_x400(env, text, ctx, o);
    if (!m.ok()) {
      ++refused;
      refusals += entry.path().filename().string() + ": " + m.error().to_string() + "\n";
      continue;
    }
    auto decoded = through_ber(*m);
    ASSERT_EQ(decoded, *m) << entry.path();
    auto back = to_internet(decoded, ctx, o);
    ASSERT_TRUE(back.ok()) << entry.path() << ": " << back.error().to_string();
    auto original = mime::parse_message(text);
    auto again = mime::parse_message(back->content);
    ASSERT_TRUE(original.ok() && again.ok()) << entry.path();
    std::vector<std::pair<std::string, std::string>> want, got;
    for (const auto& f : original->headers)
      if (!heading::is_mime_field(f.name) && !mime::iequals(f.name, "Return-Path")) want.emplace_back(f.name, f.value());
    for (const auto& f : again->headers) got.emplace_back(f.name, f.value());
    for (auto& [n, v] : got)  // 8-bit header text travels RFC 2047-encoded
      for (const auto& [wn, wv] : want)
        if (wn == n && wv != v && mime::decode_header_text(v) == mime::decode_header_text(wv)) v = wv;
    for (const auto& w : want)
      EXPECT_NE(std::find(got.begin(), got.end(), w), got.end()) << entry.path() << " lost " << w.first << ": " << w.second;
    std::vector<std::string> body_want, body_got;
    leaves(*original, body_want);
    leaves(*again, body_got);
    // Every body exact, multipart/digest (msg_02/30/34: parts default to
    // message/rfc822, RFC 2046 §5.1.5) and an empty multipart (msg_42) included.
    EXPECT_EQ(body_got, body_want) << entry.path();
    ++converted;
    fields += want.size();
  }
  std::cout << "[ corpus ] converted " << converted << ", refused " << refused << "\n" << refusals;
  EXPECT_GE(converted, 40u);
  EXPECT_LE(refused, 6u) << refusals;
  EXPECT_GT(fields, 200u);
}

}  // namespace
}  // namespace mixer::mapping::message
