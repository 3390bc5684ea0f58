// RFC 5322 -> X.400 -> RFC 5322 on real messages written by others
// (Python's email test corpus): every header field except those the body
// mapping consumes (MIME-Version, Content-*) and Return-Path comes back with
// the same name and value, through a BER-encoded and decoded IPM heading.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mapping/address/std_or.hpp"
#include "mapping/heading/ipm_heading.hpp"
#include "mapping/mime/encoded_word.hpp"
#include "mapping/mime/parser.hpp"
#include "x400/asn/p22_codec.hpp"

namespace mixer::mapping::heading {
namespace {

namespace fs = std::filesystem;
namespace p22 = x400::p22;

TEST(HeadingCorpus, PythonTestMessagesKeepTheirHeadersThroughX400) {
  address::MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  const fs::path corpus = "/usr/lib/python3.11/test/test_email/data";
  std::size_t messages = 0, fields = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto msg = mime::parse_message(ss.str());
    ASSERT_TRUE(msg.ok()) << entry.path();
    auto h = heading_from_internet(msg->headers, ctx);
    ASSERT_TRUE(h.ok()) << entry.path() << ": " << h.error().to_string();
    p22::Ipm ipm;
    ipm.heading = *h;
    auto ber = p22::encode_information_object(p22::InformationObject{ipm});
    ASSERT_TRUE(ber.ok()) << entry.path() << ": " << ber.error().to_string();
    auto decoded = p22::decode_information_object(x400::ber::Bytes(ber->data(), ber->size()));
    ASSERT_TRUE(decoded.ok()) << entry.path();
    ASSERT_EQ(std::get<p22::Ipm>(*decoded).heading, *h) << entry.path();
    auto back = heading_to_internet(std::get<p22::Ipm>(*decoded).heading, ctx);
    ASSERT_TRUE(back.ok()) << entry.path() << ": " << back.error().to_string();
    std::vector<std::pair<std::string, std::string>> want, got;
    for (const auto& f : msg->headers)
      if (!is_mime_field(f.name) && !mime::iequals(f.name, "Return-Path"))
        want.emplace_back(f.name, f.value());
    for (const auto& f : *back) got.emplace_back(f.name, f.value());
    // 8-bit header text travels RFC 2047-encoded in the IA5 heading list.
    for (auto& [n, v] : got)
      for (const auto& [wn, wv] : want)
        if (wn == n && wv != v && mime::decode_header_text(v) == mime::decode_header_text(wv)) v = wv;
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want) << entry.path();
    ++messages;
    fields += want.size();
  }
  EXPECT_GE(messages, 40u);
  EXPECT_GT(fields, 200u);
}

}  // namespace
}  // namespace mixer::mapping::heading
