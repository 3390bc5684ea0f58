// Table-driven BER reader vectors (X.690 clause 8), each also fed truncated at
// every offset and with every single-byte corruption: the reader must answer
// with a value or an error, never crash (run under ASan+UBSan).
#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "tests/x400/ber/ber_dump.hpp"

namespace mixer::x400::ber {
namespace {

using testing::dump;

struct Vector {
  const char* name;
  const char* hex;
  const char* expect;  // dump text
};

const Vector kVectors[] = {
    {"boolean true", "0101ff", "TRUE"},
    {"boolean ber true", "010101", "TRUE"},
    {"boolean false", "010100", "FALSE"},
    {"integer zero", "020100", "INT(0)"},
    {"integer 127", "02017f", "INT(127)"},
    {"integer 128", "02020080", "INT(128)"},
    {"integer -128", "020180", "INT(-128)"},
    {"integer -129", "0202ff7f", "INT(-129)"},
    {"integer int64 min", "02088000000000000000", "INT(-9223372036854775808)"},
    {"enumerated", "0a0102", "ENUM(2)"},
    {"null", "0500", "NULL"},
    {"oid x400 ipm", "0604 56010a01", "OID(2.6.1.10.1)"},
    {"oid big arc", "06062a864886f70d", "OID(1.2.840.113549)"},
    {"oid stanag 4406", "06082b1a00a236000401", "OID(1.3.26.0.4406.0.4.1)"},
    {"relative oid", "0d04818001 01", "ROID(16385.1)"},
    {"bit string named", "03020640", "BITS(01)"},
    {"bit string empty", "030100", "BITS()"},
    {"bit string constructed", "2308 0302 00ff 0302 0680", "BITS(1111111110)"},
    {"octets", "0403616263", "OCT(abc)"},
    {"octets constructed", "2407040261620401 63", "OCT(abc)"},
    {"octets constructed indefinite", "24800402616204016300 00", "OCT(abc)"},
    {"octets nested constructed", "2409 2404 04026162 040163", "OCT(abc)"},
    {"printable", "130441434d45", "PRT(ACME)"},
    {"printable constructed", "3306 0402 4143 0400", "PRT(AC)"},
    {"numeric", "12033132 33", "NUM(123)"},
    {"ia5", "1603612e62", "IA5(a.b)"},
    {"visible", "1a0120", "VIS( )"},
    {"teletex raw bytes", "1402c341", "T61(\xc3\x41)"},
    {"utf8", "0c02c3a9", "UTF8(\xc3\xa9)"},
    {"bmp", "1e0400e90041", "BMP(\xc3\xa9" "A)"},
    {"universal", "1c080001f60000000041", "UNI(\xf0\x9f\x98\x80" "A)"},
    {"utctime", "170d3236313132333132303030305a", "UTC(261123120000Z)"},
    {"utctime no seconds", "170b323631313233313230305a", "UTC(2611231200Z)"},
    {"utctime offset", "17113236313132333132303030302b30313030", "UTC(261123120000+0100)"},
    {"generalizedtime fraction", "181332303236313132333132303030302e3132355a", "GT(20261123120000.125Z)"},
    {"generalizedtime local", "180a32303236313132333132", "GT(2026112312)"},
    {"sequence", "3005020101 0500", "SEQ{INT(1),NULL}"},
    {"empty sequence", "3000", "SEQ{}"},
    {"sequence indefinite nested", "3080 3180 020105 0000 0101ff 0000", "SEQ{SET{INT(5)},TRUE}"},
    {"high tag number", "bf8148 03 020107", "[200]{INT(7)}"},
    {"high tag 31", "9f1f00", "[31](0)"},
    {"application", "6003020101", "[APPLICATION 0]{INT(1)}"},
    {"private", "df8100 00", "[PRIVATE 128](0)"},
    {"long form length", "0481 03616263", "OCT(abc)"},
    {"long form with leading zero (BER)", "048200 03616263", "OCT(abc)"},
    {"external single", "2809 0603 2a0304 a002 0500", "EXT(2)"},
    {"external octet aligned", "2809 0603 2a0304 8102 0102", "EXT(2)"},
};

std::vector<std::uint8_t> bytes(const char* hex) {
  auto b = from_hex(hex);
  EXPECT_TRUE(b.has_value()) << hex;
  return b.value_or(std::vector<std::uint8_t>{});
}

TEST(BerReader, Vectors) {
  for (const auto& v : kVectors) {
    auto b = bytes(v.hex);
    auto d = dump(b);
    ASSERT_TRUE(d.ok()) << v.name << ": " << d.error().to_string();
    EXPECT_EQ(*d, v.expect) << v.name;
  }
}

struct BadVector {
  const char* name;
  const char* hex;
  BerErrorKind kind;
  std::size_t offset;
  const char* message_part;
};

const BadVector kBad[] = {
    {"identifier only", "01", BerErrorKind::malformed, 0, "length octet missing"},
    {"length past end", "0102ff", BerErrorKind::malformed, 0, "runs past the end"},
    {"indefinite primitive", "0480", BerErrorKind::malformed, 0, "8.1.3.2"},
    {"missing eoc", "3080020105", BerErrorKind::malformed, 5, "end-of-contents"},
    {"eoc at top", "0000", BerErrorKind::malformed, 0, "end-of-contents"},
    {"reserved length", "04ff", BerErrorKind::malformed, 0, "reserved"},
    {"high tag below 31", "1f0100", BerErrorKind::malformed, 0, "8.1.2.2"},
    {"high tag leading zero", "1f800100", BerErrorKind::malformed, 0, "8.1.2.4.2"},
    {"high tag too big", "1fffffffff7f00", BerErrorKind::limit, 0, "32 bits"},
    {"length too big", "0489ffffffffffffffffff", BerErrorKind::limit, 0, "size_t"},
    {"long length past end", "0484ffffffff00", BerErrorKind::malformed, 0, "runs past"},
    {"integer empty", "0200", BerErrorKind::malformed, 0, "no contents"},
    {"integer not minimal", "02020001", BerErrorKind::malformed, 0, "8.3.2"},
    {"integer not minimal negative", "0202ff80", BerErrorKind::malformed, 0, "8.3.2"},
    {"integer too big", "0209010000000000000000", BerErrorKind::limit, 0, "64 bits"},
    {"boolean two octets", "01020101", BerErrorKind::malformed, 0, "exactly one"},
    {"boolean constructed", "2103010100", BerErrorKind::unexpected, 0, "primitive"},
    {"null with contents", "050100", BerErrorKind::malformed, 0, "8.8.2"},
    {"oid leading 0x80", "06032a8001", BerErrorKind::malformed, 3, "0x80"},
    {"oid truncated arc", "06022a86", BerErrorKind::malformed, 0, "inside a subidentifier"},
    {"oid empty", "0600", BerErrorKind::malformed, 0, "no contents"},
    {"bit string unused 8", "03020800", BerErrorKind::malformed, 0, "8.6.2.2"},
    {"bit string unused without bits", "030107", BerErrorKind::malformed, 0, "8.6.2.2"},
    {"bit string no initial octet", "0300", BerErrorKind::malformed, 0, "initial octet"},
    {"constructed bits: unused in middle", "2308 0302 04f0 0302 0080", BerErrorKind::malformed, 6, "last"},
    {"constructed octets: wrong segment", "2403 020100", BerErrorKind::unexpected, 2, "segment"},
    {"printable with @", "130140", BerErrorKind::unexpected, 0, "PrintableString"},
    {"numeric with letter", "120161", BerErrorKind::unexpected, 0, "NumericString"},
    {"ia5 8-bit", "160180", BerErrorKind::unexpected, 0, "IA5String"},
    {"utf8 overlong", "0c02c0af", BerErrorKind::unexpected, 0, "UTF8String"},
    {"bmp odd length", "1e03000041", BerErrorKind::unexpected, 0, "UCS-2"},
    {"bmp surrogate", "1e02d800", BerErrorKind::unexpected, 0, "UCS-2"},
    {"utctime month 13", "170d3236313332333132303030305a", BerErrorKind::unexpected, 0, "UTCTime"},
    {"utctime no zone", "170c323631313233313230303030", BerErrorKind::unexpected, 0, "UTCTime"},
    {"utctime feb 30", "170d3236303233303132303030305a", BerErrorKind::unexpected, 0, "UTCTime"},
    {"gt garbage after zone", "180c323032363131323331325a5a", BerErrorKind::unexpected, 0, "GeneralizedTime"},
    {"sequence child past end", "3003020501", BerErrorKind::malformed, 2, "runs past"},
    {"external bad choice", "2807 0603 2a0304 8300", BerErrorKind::unexpected, 7, "[0], [1] or [2]"},
};

TEST(BerReader, BadVectors) {
  for (const auto& v : kBad) {
    auto d = dump(bytes(v.hex));
    ASSERT_FALSE(d.ok()) << v.name << " decoded as " << *d;
    EXPECT_EQ(d.error().kind, v.kind) << v.name << ": " << d.error().to_string();
    EXPECT_EQ(d.error().offset, v.offset) << v.name << ": " << d.error().to_string();
    EXPECT_NE(d.error().message.find(v.message_part), std::string::npos)
        << v.name << ": " << d.error().to_string();
  }
}

// Every strict prefix of a single TLV is an error; every single-byte change
// gives a value or an error (ASan/UBSan catch anything else); every vector
// followed by a stray byte still parses its first element.
TEST(BerReader, TruncationAndCorruptionNeverCrash) {
  std::size_t decoded = 0, failed = 0;
  for (const auto& v : kVectors) {
    auto b = bytes(v.hex);
    for (std::size_t n = 0; n < b.size(); ++n) {
      auto d = dump(Bytes(b).first(n));
      if (n == 0) {
        EXPECT_TRUE(d.ok() && d->empty()) << v.name;
      } else {
        EXPECT_FALSE(d.ok()) << v.name << " truncated to " << n << " decoded as " << *d;
      }
    }
    for (std::size_t i = 0; i < b.size(); ++i) {
      for (int x = 0; x < 256; ++x) {
        auto c = b;
        c[i] = static_cast<std::uint8_t>(x);
        auto d = dump(c);
        (d.ok() ? decoded : failed)++;
        if (!d.ok()) {
          EXPECT_FALSE(d.error().message.empty());
        }
      }
    }
  }
  EXPECT_GT(failed, 0u);
  EXPECT_GT(decoded, 0u);
}

TEST(BerReader, DepthLimit) {
  std::vector<std::uint8_t> deep;
  for (int i = 0; i < 100; ++i) deep.insert(deep.end(), {0x30, 0x80});
  for (int i = 0; i < 100; ++i) deep.insert(deep.end(), {0x00, 0x00});
  auto d = dump(deep);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, BerErrorKind::limit);
  EXPECT_NE(d.error().message.find("max_depth"), std::string::npos);
  // Within the limit it decodes.
  auto ok = dump(deep, Limits{.max_depth = 200});
  EXPECT_TRUE(ok.ok()) << ok.error().to_string();

  // Definite lengths are limited too (through children()).
  std::vector<std::uint8_t> definite = {0x05, 0x00};
  for (int i = 0; i < 80; ++i) {
    std::vector<std::uint8_t> outer = {0x30, static_cast<std::uint8_t>(definite.size())};
    if (definite.size() >= 128) outer = {0x30, 0x81, static_cast<std::uint8_t>(definite.size())};
    outer.insert(outer.end(), definite.begin(), definite.end());
    definite = outer;
  }
  auto d2 = dump(definite);
  ASSERT_FALSE(d2.ok());
  EXPECT_EQ(d2.error().kind, BerErrorKind::limit);
}

TEST(BerReader, ElementAndSizeLimits) {
  std::vector<std::uint8_t> many = {0x30, 0x80};
  for (int i = 0; i < 50; ++i) many.insert(many.end(), {0x05, 0x00});
  many.insert(many.end(), {0x00, 0x00});
  auto d = dump(many, Limits{.max_elements = 20});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, BerErrorKind::limit);
  EXPECT_NE(d.error().message.find("max_elements"), std::string::npos);
  EXPECT_TRUE(dump(many).ok());

  std::vector<std::uint8_t> big(2000, 0);
  big[0] = 0x04, big[1] = 0x82, big[2] = 0x07, big[3] = 0xcc;
  auto s = dump(big, Limits{.max_total_size = 1024});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("max_total_size"), std::string::npos);

  EXPECT_EQ(Limits{}.validate(), "");
  EXPECT_NE(Limits{.max_depth = 2}.validate(), "");
  EXPECT_NE(Limits{.max_elements = 1}.validate(), "");
  EXPECT_NE(Limits{.max_total_size = 10}.validate(), "");
}

// A miniature decoder for  Outer ::= SEQUENCE { items SEQUENCE OF Item }
// Item ::= SEQUENCE { name [0] IMPLICIT PrintableString }, to show how paths form.
BerResult<std::string> decode_item(const Element& e) {
  auto r = MIXER_TRY(e.children());
  auto name = MIXER_BER_FIELD("name", r.expect(context(0)));
  auto s = MIXER_BER_FIELD("name", read_string(name, StringKind::printable));
  MIXER_BER_OK(r.finish());
  return s;
}

BerResult<std::vector<std::string>> decode_outer(Bytes b) {
  Reader top(b);
  auto outer = MIXER_BER_FIELD("Outer", top.expect(tags::kSequence));
  auto r = MIXER_BER_FIELD("Outer", outer.children());
  auto items = MIXER_BER_FIELD("Outer.items", r.expect(tags::kSequence));
  auto ir = MIXER_BER_FIELD("Outer.items", items.children());
  std::vector<std::string> out;
  for (std::size_t i = 0; !ir.empty(); ++i) {
    auto item = ir.next();
    if (!item.ok()) return fail(within(within_index(std::move(item).error(), i), "Outer.items"));
    auto s = decode_item(*item);
    if (!s.ok()) return fail(within(within_index(std::move(s).error(), i), "Outer.items"));
    out.push_back(*s);
  }
  return out;
}

TEST(BerReader, ErrorPathNamesTheField) {
  // Outer{items{Item{name "A"}, Item{name "B"}, Item{name "@"}}}
  auto good = decode_outer(bytes("3011 300f 3003 800141 3003 800142 3003 800143"));
  ASSERT_TRUE(good.ok()) << good.error().to_string();
  EXPECT_EQ(*good, (std::vector<std::string>{"A", "B", "C"}));
  auto bad = decode_outer(bytes("3011 300f 3003 800141 3003 800142 3003 800140"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "Outer.items[2].name");
  EXPECT_EQ(bad.error().offset, 16u);
  EXPECT_EQ(bad.error().to_string(),
            "ber: unexpected: Outer.items[2].name at offset 16: characters not allowed in a PrintableString");
  auto missing = decode_outer(bytes("300a 3008 3003 800141 3001 05"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().path, "Outer.items[1].name");
  EXPECT_EQ(missing.error().kind, BerErrorKind::malformed);
}

TEST(BerReader, ViewsPointIntoTheInput) {
  auto b = bytes("3080 0403616263 0000 0500");
  Reader r(b);
  auto seq = *r.next();
  EXPECT_TRUE(seq.indefinite);
  EXPECT_EQ(seq.encoding.size(), 9u);
  EXPECT_EQ(seq.content.size(), 5u);
  auto c = *seq.children();
  auto oct = *c.next();
  std::vector<std::uint8_t> scratch;
  auto v = *read_octets(oct, scratch);
  EXPECT_EQ(v.data(), b.data() + 4) << "primitive OCTET STRING is not copied";
  EXPECT_TRUE(scratch.empty());
  EXPECT_EQ(r.offset(), 9u);
  EXPECT_TRUE(r.next_is(tags::kNull));
  EXPECT_FALSE(r.next_is(tags::kSequence));
  EXPECT_FALSE(r.finish().ok());
  auto missing = Reader(Bytes{}).expect(tags::kNull);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("missing element [UNIVERSAL 5]"), std::string::npos);
}

TEST(BerTypes, TimeConversions) {
  auto t = Time::parse(TimeKind::utc_time, "491231235959Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->year, 2049);
  auto t2 = Time::parse(TimeKind::utc_time, "500101000000Z");
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->year, 1950);
  auto t3 = Time::parse(TimeKind::generalized_time, "20261123120000+0130");
  ASSERT_TRUE(t3);
  EXPECT_EQ(t3->to_unix(), Time::parse(TimeKind::generalized_time, "20261123103000Z")->to_unix());
  auto u = Time::from_unix(1795435200, TimeKind::generalized_time);
  EXPECT_EQ(u.to_string(), "20261123120000Z");
  EXPECT_EQ(u.to_unix(), 1795435200);
  EXPECT_EQ(Time::from_unix(0, TimeKind::utc_time).to_string(), "700101000000Z");
  EXPECT_EQ(Oid::parse("2.6.1.10.1")->to_string(), "2.6.1.10.1");
  EXPECT_FALSE(Oid::parse("2..1"));
  EXPECT_FALSE(Oid::parse("2.x"));
  EXPECT_FALSE(Oid::parse("2."));
}
}  // namespace
}  // namespace mixer::x400::ber
