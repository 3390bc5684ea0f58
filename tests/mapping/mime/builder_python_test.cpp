// Every MIME message the builder produces parses with Python's email package
// without defects, and Python decodes every leaf to the bytes we put in.
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <fstream>

#include "common/hex.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/encoded_word.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::mapping::mime {
namespace {

std::string sha256_hex(std::string_view s) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), md);
  return to_hex(std::span<const std::uint8_t>(md, sizeof md));
}

ContentType ct(std::string type, std::string sub, std::vector<Parameter> params = {}) {
  ContentType c;
  c.type = std::move(type);
  c.subtype = std::move(sub);
  c.params = std::move(params);
  return c;
}

void leaves_in_order(const Entity& e, std::vector<std::string>& out) {
  if (e.kind == EntityKind::leaf) {
    auto d = decoded_body(e);
    out.push_back(d ? sha256_hex(d->bytes) : "undecodable");
    return;
  }
  for (const auto& p : e.parts) leaves_in_order(p, out);
}

struct Sample {
  std::string name;
  Entity message;
};

std::vector<Sample> samples(const EncodingPolicy& policy) {
  std::vector<Sample> out;
  auto top = [](Entity e, std::string_view subject) {
    HeaderList h;
    h.add("From", encode_phrase("Andr\xC3\xA9 Pirard") + " <andre@example.org>");
    h.add("To", "bob@example.org");
    h.add("Subject", encode_unstructured(subject));
    h.add("Date", "Mon, 23 Nov 2026 12:00:00 +0000");
    h.add("Message-ID", "<1@example.org>");
    h.add("MIME-Version", "1.0");
    for (const auto& f : e.headers) h.push_raw(f);
    e.headers = std::move(h);
    return e;
  };
  out.push_back({"ascii", top(make_leaf(ct("text", "plain", {{"charset", "us-ascii"}}),
                                        BodyRef::own("Hello\r\nWorld\r\n"), policy),
                              "plain")});
  out.push_back({"latin1", top(make_leaf(ct("text", "plain", {{"charset", "iso-8859-1"}}),
                                         BodyRef::own("caf\xE9 cr\xE8me\r\n.leading dot\r\n"), policy),
                               "caf\xC3\xA9 \xE2\x82\xAC " + std::string(120, 'x'))});
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xFF));
  Entity att = make_leaf(ct("application", "octet-stream", {{"name", "r\xC3\xA9sum\xC3\xA9.bin"}}),
                         BodyRef::own(binary), policy);
  att.headers.add("Content-Disposition", format_parameterized(ParameterizedValue{
                                             "attachment", {{"filename", "r\xC3\xA9sum\xC3\xA9.bin"}}}));
  std::vector<Entity> alt;
  alt.push_back(make_leaf(ct("text", "plain", {{"charset", "utf-8"}}),
                          BodyRef::own("\xE2\x82\xAC 10\r\n" + std::string(1500, 'y') + "\r\n"), policy));
  alt.push_back(make_leaf(ct("text", "html", {{"charset", "utf-8"}}),
                          BodyRef::own("<p>\xE2\x82\xAC 10</p>\r\n"), policy));
  Entity inner = make_leaf(ct("text", "plain"), BodyRef::own("forwarded text\r\n"), policy);
  inner.headers.add("Subject", "inner");
  std::vector<Entity> mixed;
  mixed.push_back(make_multipart("alternative", std::move(alt)));
  mixed.push_back(std::move(att));
  mixed.push_back(make_message(std::move(inner)));
  mixed.push_back(make_leaf(ct("text", "plain"), BodyRef::own(""), policy));
  out.push_back({"mixed", top(make_multipart("mixed", std::move(mixed)), "nested")});
  return out;
}

TEST(MimeBuilder, PythonEmailParsesOutputWithoutDefectsAndSameLeaves) {
  test::TempDir dir;
  std::vector<std::string> argv{"python3",
                                std::string(MIXER_SOURCE_DIR) + "/tests/mapping/mime/check_defects.py"};
  std::vector<std::vector<std::string>> expected;
  for (bool eight : {false, true}) {
    for (auto& s : samples(EncodingPolicy{eight})) {
      auto path = dir / (s.name + (eight ? "-8bit" : "-7bit") + ".eml");
      std::string bytes = print_message(s.message);
      std::ofstream(path, std::ios::binary) << bytes;
      if (!eight) {
        for (unsigned char c : bytes) ASSERT_LT(c, 0x80) << s.name << ": 8-bit byte for a 7-bit peer";
      }
      for (std::size_t i = 0, col = 0; i < bytes.size(); ++i, ++col) {
        if (bytes[i] == '\n') col = 0;
        ASSERT_LE(col, 999u) << s.name;
      }
      argv.push_back(path.string());
      std::vector<std::string> leaves;
      leaves_in_order(s.message, leaves);
      // Our own parser reads our output back to the same leaves.
      auto back = parse_message(bytes);
      ASSERT_TRUE(back.ok()) << back.error().to_string();
      std::vector<std::string> again;
      leaves_in_order(*back, again);
      EXPECT_EQ(again, leaves) << s.name;
      expected.push_back(leaves);
    }
  }
  auto r = test::run(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start < r.out.size()) {
    auto nl = r.out.find('\n', start);
    std::string line = r.out.substr(start, nl - start);
    start = nl + 1;
    EXPECT_NE(line.find("\"defects\": []"), std::string::npos) << line;
    ASSERT_LT(line_no, expected.size());
    for (const auto& h : expected[line_no])
      EXPECT_NE(line.find(h), std::string::npos) << line << " lacks " << h;
    ++line_no;
  }
  EXPECT_EQ(line_no, expected.size());
}

}  // namespace
}  // namespace mixer::mapping::mime
