// BER/DER writer: exact bytes for each primitive, back-patched long lengths,
// DER SET OF ordering, sticky errors; everything written reads back equal.
#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "tests/x400/ber/ber_dump.hpp"

namespace mixer::x400::ber {
namespace {

std::string hex_of(Writer&& w) {
  auto r = std::move(w).finish();
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() ? to_hex(*r) : std::string("error");
}

TEST(BerWriter, Primitives) {
  struct Case {
    void (*write)(Writer&);
    const char* hex;
  };
  const Case cases[] = {
      {[](Writer& w) { w.boolean(true); }, "0101ff"},
      {[](Writer& w) { w.boolean(false); }, "010100"},
      {[](Writer& w) { w.integer(0); }, "020100"},
      {[](Writer& w) { w.integer(128); }, "02020080"},
      {[](Writer& w) { w.integer(-129); }, "0202ff7f"},
      {[](Writer& w) { w.integer(INT64_MIN); }, "02088000000000000000"},
      {[](Writer& w) { w.enumerated(3, context(1)); }, "810103"},
      {[](Writer& w) { w.null(); }, "0500"},
      {[](Writer& w) { w.oid(Oid{2, 6, 1, 10, 1}); }, "060456010a01"},
      {[](Writer& w) { w.oid(Oid{1, 3, 26, 0, 4406, 0, 4, 1}); }, "06082b1a00a236000401"},
      {[](Writer& w) { w.oid(Oid{2, 999, 3}); }, "0603883703"},
      {[](Writer& w) { w.relative_oid(Oid{16385, 1}); }, "0d0481800101"},
      {[](Writer& w) {
         BitString b;
         b.set(1);
         w.bit_string(b);
       },
       "03020640"},
      {[](Writer& w) { w.bit_string(BitString{}); }, "030100"},
      {[](Writer& w) { w.string("ACME", StringKind::printable); }, "130441434d45"},
      {[](Writer& w) { w.string("\xc3\xa9" "A", StringKind::bmp); }, "1e0400e90041"},
      {[](Writer& w) { w.string("\xf0\x9f\x98\x80", StringKind::universal); }, "1c040001f600"},
      {[](Writer& w) { w.time(*Time::parse(TimeKind::utc_time, "261123120000Z")); }, "170d3236313132333132303030305a"},
      {[](Writer& w) { w.null(context(200)); }, "9f814800"},
      {[](Writer& w) { w.null(private_tag(31)); }, "df1f00"},
      {[](Writer& w) { w.big_integer(Bytes(std::vector<std::uint8_t>{0x00, 0x00, 0x80}.data(), 3)); },
       "02020080"},
  };
  for (const auto& c : cases) {
    Writer w;
    c.write(w);
    EXPECT_EQ(hex_of(std::move(w)), c.hex);
  }
}

TEST(BerWriter, BackPatchedLengths) {
  for (std::size_t n : {0u, 1u, 127u, 128u, 255u, 256u, 65535u, 65536u, 1u << 20}) {
    Writer w;
    auto outer = w.begin(tags::kSequence);
    auto inner = w.begin(context(0));
    w.octets(std::string(n, 'x'));
    w.end(inner);
    w.end(outer);
    auto bytes = std::move(w).finish();
    ASSERT_TRUE(bytes.ok());
    Reader r(*bytes);
    auto seq = r.expect(tags::kSequence);
    ASSERT_TRUE(seq.ok()) << n << ": " << seq.error().to_string();
    auto c = *seq->children();
    auto ctx = *c.expect(context(0));
    auto cc = *ctx.children();
    auto oct = *cc.expect(tags::kOctetString);
    EXPECT_EQ(oct.content.size(), n);
    EXPECT_TRUE(r.finish().ok());
    // Minimal length octets (DER 10.1): 1 + number of length bytes.
    const std::size_t len_octets = n < 128 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 4;
    EXPECT_EQ(oct.content_offset - oct.offset, 1 + len_octets) << n;
  }
}

TEST(BerWriter, DerSetOfIsSorted) {
  Writer w;
  auto set = w.begin(tags::kSet);
  w.integer(300);
  w.octets(std::string("b"));
  w.integer(5);
  w.octets(std::string("ab"));
  w.end_set_of_der(set);
  EXPECT_EQ(hex_of(std::move(w)), "310e" "020105" "0202012c" "040162" "04026162");
}

TEST(BerWriter, StickyErrors) {
  {
    Writer w;
    w.oid(Oid{3, 1});
    w.integer(1);
    auto r = std::move(w).finish();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, BerErrorKind::encode);
    EXPECT_NE(r.error().message.find("8.19.4"), std::string::npos);
  }
  {
    Writer w;
    w.string("a@b", StringKind::printable);
    EXPECT_FALSE(std::move(w).finish().ok());
  }
  {
    Writer w;
    w.string("\xf0\x9f\x98\x80", StringKind::bmp);  // outside the BMP
    EXPECT_FALSE(std::move(w).finish().ok());
  }
  {
    Writer w;
    auto a = w.begin(tags::kSequence);
    auto b = w.begin(tags::kSequence);
    w.end(a);  // out of order
    w.end(b);
    EXPECT_FALSE(std::move(w).finish().ok());
  }
  {
    Writer w;
    (void)w.begin(tags::kSequence);
    auto r = std::move(w).finish();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("not closed"), std::string::npos);
  }
}

TEST(BerWriter, ExternalRoundTrip) {
  External x;
  x.direct_reference = Oid{2, 6, 1, 4, 0};
  x.indirect_reference = 7;
  x.data_value_descriptor = "IA5";
  x.encoding = External::Encoding::single_asn1_type;
  x.data = *from_hex("1603616263");
  for (auto enc : {External::Encoding::single_asn1_type, External::Encoding::octet_aligned,
                   External::Encoding::arbitrary}) {
    x.encoding = enc;
    if (enc == External::Encoding::arbitrary) {
      x.data.clear();
      x.bits.set(3);
    }
    Writer w;
    write_external(w, x);
    auto bytes = *std::move(w).finish();
    Reader r(bytes);
    auto e = *r.expect(tags::kExternal);
    auto back = read_external(e);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, x);
  }
}

TEST(BerWriter, TimesAndStringsRoundTrip) {
  for (const char* t : {"20261123120000.125Z", "2026112312", "20261123120000-0530", "202611231200"}) {
    auto v = Time::parse(TimeKind::generalized_time, t);
    ASSERT_TRUE(v) << t;
    EXPECT_EQ(v->to_string(), t);
    Writer w;
    w.time(*v);
    auto bytes = *std::move(w).finish();
    Reader r(bytes);
    auto back = read_any_time(*r.next());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, *v);
  }
  for (StringKind k : {StringKind::numeric, StringKind::printable, StringKind::ia5, StringKind::visible,
                       StringKind::utf8, StringKind::bmp, StringKind::universal, StringKind::teletex,
                       StringKind::general, StringKind::graphic, StringKind::videotex}) {
    const std::string s = "123 45";
    Writer w;
    w.string(s, k);
    auto bytes = *std::move(w).finish();
    Reader r(bytes);
    auto e = *r.expect(tag_of(k));
    auto back = read_string(e, k);
    ASSERT_TRUE(back.ok()) << to_string(k);
    EXPECT_EQ(*back, s) << to_string(k);
  }
}

}  // namespace
}  // namespace mixer::x400::ber
