// ps-encoding (RFC 2156 3.4), std-or and RFC 1685 text forms (4.1),
// encoded-pn (4.1.2) and dmn-or (App. F).
#include <gtest/gtest.h>

#include "mapping/address/or_prefix.hpp"
#include "mapping/address/ps_encoding.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::mapping::address {
namespace {

struct PsCase {
  const char* ascii;
  const char* encoded;
};

TEST(PsEncoding, TableBothWays) {
  const PsCase cases[] = {
      {"fred@example.net", "fred(a)example.net"},
      {"\"First Last\"@example.com", "(q)First Last(q)(a)example.com"},  // PMDF's documented example
      {"a%b!c_d", "a(p)b(b)c(u)d"},
      {"x(y)z", "x(l)y(r)z"},
      {"#&*$;<>[]{}~\\", "(035)(038)(042)(036)(059)(060)(062)(091)(093)(123)(125)(126)(092)"},
      {"tab\there", "tab(009)here"},
      {"A-Z a'z+,./:=?", "A-Z a'z+,./:=?"},
      {"", ""},
  };
  for (const auto& c : cases) {
    auto enc = ps_encode(c.ascii);
    ASSERT_TRUE(enc.ok()) << c.ascii;
    EXPECT_EQ(*enc, c.encoded);
    auto dec = ps_decode(c.encoded);
    ASSERT_TRUE(dec.ok()) << c.encoded;
    EXPECT_EQ(*dec, c.ascii);
  }
}

TEST(PsEncoding, AllAsciiRoundTrips) {
  std::string all;
  for (int c = 0; c < 128; ++c) all.push_back(static_cast<char>(c));
  auto enc = ps_encode(all);
  ASSERT_TRUE(enc.ok());
  EXPECT_TRUE(is_printable_string(*enc));
  auto dec = ps_decode(*enc);
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(*dec, all);
}

TEST(PsEncoding, Errors) {
  EXPECT_EQ(ps_encode("caf\xc3\xa9").error().kind, AddressErrorKind::kNonAscii);
  EXPECT_FALSE(ps_decode("Smith (UK)").ok());  // not produced by the encoder: never decode it
  EXPECT_FALSE(ps_decode("(200)").ok());       // above 127
  EXPECT_FALSE(ps_decode("(x)").ok());
  EXPECT_FALSE(ps_decode("abc(12").ok());
  EXPECT_FALSE(ps_decode("a)b").ok());
  EXPECT_FALSE(ps_decode("a@b").ok());
  EXPECT_EQ(ps_decode("abc(12").error().offset, 3u);
}

TEST(StdOr, ParsesFullAddressAndOrdersOus) {
  auto a = parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/OU=Dev/OU=Sales/S=Smith/G=John/");
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  EXPECT_EQ(a->country_name->value, "GB");
  EXPECT_FALSE(a->country_name->numeric);
  EXPECT_EQ(a->administration_domain_name->value, "BT");
  EXPECT_EQ(a->private_domain_name->value, "XYZ");
  EXPECT_EQ(*a->organization_name, "ABC");
  // RFC 2156 4.3.3: most significant OU on the right.
  EXPECT_EQ(a->organizational_unit_names, (std::vector<std::string>{"Sales", "Dev"}));
  EXPECT_EQ(a->personal_name->surname, "Smith");
  EXPECT_EQ(*a->personal_name->given_name, "John");
}

TEST(StdOr, Rfc1685FormAndAliases) {
  auto a = parse_std_or("C=GB;A=BT;P=XYZ;O=ABC;OU=Dev;OU=Sales;S=Smith;G=John");
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  auto b = parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/OU1=Dev/OU2=Sales/S=Smith/G=John/");
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  EXPECT_EQ(*a, *b);  // F.401 order: leftmost OU is OU1
  EXPECT_EQ(a->organizational_unit_names.front(), "Dev");
  auto c = parse_std_or("/c=gb/admd=bt/q=3rd/s=Smith/n-id=1234/x.121=2342/");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(*c->personal_name->generation_qualifier, "3rd");
  EXPECT_EQ(*c->numeric_user_identifier, "1234");
  EXPECT_EQ(*c->network_address, "2342");
}

TEST(StdOr, EscapesDdasAndTeletex) {
  auto a = parse_std_or("/C=GB/ADMD= /PRMD=A$/B/O=x$=y/DD.RFC-822=fred(a)x.net/DDA:Foo=bar/S=M{252}ller*M{252}ller/");
  // '{' in the printable half is not PrintableString.
  EXPECT_FALSE(a.ok());
  a = parse_std_or("/C=GB/ADMD= /PRMD=A$/B/O=x$=y/DD.RFC-822=fred(a)x.net/DDA:Foo=bar/S=Muller*M{252}ller/");
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  EXPECT_EQ(a->administration_domain_name->value, " ");
  EXPECT_EQ(a->private_domain_name->value, "A/B");
  EXPECT_EQ(*a->organization_name, "x=y");
  ASSERT_EQ(a->domain_defined_attributes.size(), 2u);
  EXPECT_EQ(a->domain_defined_attributes[0].type, "Foo");  // rightmost = first
  EXPECT_EQ(a->domain_defined_attributes[1].type, "RFC-822");
  EXPECT_EQ(a->personal_name->surname, "Muller");
  EXPECT_EQ(a->teletex_personal_name->surname, "M\xfcller");
  auto printed = print_std_or(*a);
  ASSERT_TRUE(printed.ok());
  auto again = parse_std_or(*printed);
  ASSERT_TRUE(again.ok()) << *printed;
  EXPECT_EQ(*again, *a) << *printed;
}

TEST(StdOr, PrintIsLeastSignificantFirst) {
  auto a = parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/OU1=Sales/OU2=Dev/S=Smith/G=John/");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*print_std_or(*a), "/G=John/S=Smith/OU=Dev/OU=Sales/O=ABC/PRMD=XYZ/ADMD=BT/C=GB/");
}

TEST(StdOr, RoundTripsEveryKeyword) {
  const char* inputs[] = {
      "/C=GB/ADMD=BT/PRMD=XYZ/O=ABC/OU=A/OU=B/OU=C/OU=D/S=Smith/G=John/I=JQ/GQ=Jr/",
      "/C=234/ADMD=0/PRMD=12/X121=2342 5/T-ID=term1/UA-ID=42/CN=Fred Bloggs/",
      "/C=FR/ADMD=ATLAS/PD-SERVICE=post/PD-C=FR/PD-CODE=75001/PD-OFFICE=Louvre/PD-OFFICE-NUM=3/"
      "PD-EXT-ADDRESS=x/PD-PN=Dupont/PD-O=ACME/PD-EXT-DELIVERY=y/PD-ADDRESS=line 1/PD-ADDRESS=line 2/"
      "PD-STREET=1 rue X/PD-BOX=12/PD-RESTANTE=yes/PD-UNIQUE=u/PD-LOCAL=l/",
      "/C=US/ADMD=ATT/NET-NUM=12345/NET-SUB=678/T-TY=g3-facsimile(5)/",
      "/C=GB/ADMD=BT/O=ABC*A{194}BC/OU=Dev*D{200}ev/CN=Jo*J{201}o/DD.X=1/DD.Y=2/DD.Z=*{202}/",
  };
  for (const char* in : inputs) {
    auto a = parse_std_or(in);
    ASSERT_TRUE(a.ok()) << in << ": " << a.error().to_string();
    auto p = print_std_or(*a);
    ASSERT_TRUE(p.ok()) << in;
    auto b = parse_std_or(*p);
    ASSERT_TRUE(b.ok()) << *p << ": " << b.error().to_string();
    EXPECT_EQ(*a, *b) << in << " -> " << *p;
    EXPECT_EQ(*print_std_or(*b), *p);
  }
}

TEST(StdOr, SyntaxErrorsAndLimits) {
  struct Bad {
    const char* text;
    AddressErrorKind kind;
  };
  const Bad bad[] = {
      {"", AddressErrorKind::kSyntax},
      {"/", AddressErrorKind::kSyntax},
      {"/C=GB//ADMD=BT/", AddressErrorKind::kSyntax},
      {"/C=GB/ADMD/", AddressErrorKind::kSyntax},
      {"/C=GB/ADMD=/", AddressErrorKind::kSyntax},
      {"/C=GB/C=FR/", AddressErrorKind::kSyntax},
      {"/C=GBR/", AddressErrorKind::kSyntax},            // invalid country code form
      {"/C=G1/", AddressErrorKind::kSyntax},
      {"/FOO=bar/", AddressErrorKind::kSyntax},
      {"/C=GB/G=John/", AddressErrorKind::kSyntax},     // given name without surname
      {"/C=GB/X121=12a/", AddressErrorKind::kSyntax},
      {"/C=GB/S=a@b/", AddressErrorKind::kSyntax},
      {"/C=GB/S=a$$b/", AddressErrorKind::kSyntax},
      {"/C=GB/OU=a/OU=b/OU=c/OU=d/OU=e/", AddressErrorKind::kTooLong},
      {"/C=GB/ADMD=ABCDEFGHIJKLMNOPQ/", AddressErrorKind::kTooLong},  // 17 > ub-domain-name-length
      {"/C=GB/S=12345678901234567890123456789012345678901/", AddressErrorKind::kTooLong},
      {"/C=GB/OU1=a/OU3=b/", AddressErrorKind::kSyntax},
      {"/C=GB/NET-PSAP=x/", AddressErrorKind::kUnmappable},
  };
  for (const auto& b : bad) {
    auto r = parse_std_or(b.text);
    ASSERT_FALSE(r.ok()) << b.text;
    EXPECT_EQ(r.error().kind, b.kind) << b.text << ": " << r.error().to_string();
    EXPECT_FALSE(r.error().what.empty());
  }
}

TEST(StdOr, UnprintableAttributesAreRefusedNotDropped) {
  x400::ORAddress a;
  a.country_name = x400::NumericOrPrintable{"GB", false};
  a.other_extensions.push_back({99, {0x05, 0x00}});
  EXPECT_EQ(print_std_or(a).error().kind, AddressErrorKind::kUnmappable);
  a.other_extensions.clear();
  a.universal_common_name = x400::UniversalText{"J\xc3\xb8rgen", false, std::nullopt};
  EXPECT_EQ(print_std_or(a).error().kind, AddressErrorKind::kUnmappable);
}

TEST(EncodedPn, ParseAndReversiblePrint) {
  struct Case {
    const char* text;
    const char* given;
    const char* initials;
    const char* surname;
  };
  const Case cases[] = {
      {"Marshall.Rose", "Marshall", nullptr, "Rose"},
      {"M.T.Rose", nullptr, "MT", "Rose"},
      {"Marshall.M.T.Rose", "Marshall", "MT", "Rose"},
      {"jsmith", nullptr, nullptr, "jsmith"},
  };
  for (const auto& c : cases) {
    auto pn = parse_encoded_pn(c.text);
    ASSERT_TRUE(pn.ok()) << c.text;
    EXPECT_EQ(pn->surname, c.surname);
    EXPECT_EQ(pn->given_name.value_or(""), c.given ? c.given : "");
    EXPECT_EQ(pn->initials.value_or(""), c.initials ? c.initials : "");
    EXPECT_EQ(print_encoded_pn(*pn), std::optional<std::string>(c.text));
  }
  // Not reversible: generation qualifier, one-letter given name, dotted surname only.
  EXPECT_FALSE(print_encoded_pn({"Smith", "John", std::nullopt, "Jr"}));
  EXPECT_FALSE(print_encoded_pn({"Smith", "J", std::nullopt, std::nullopt}));
  EXPECT_FALSE(print_encoded_pn({"A.B", std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_FALSE(print_encoded_pn({"Smith", std::nullopt, "M1", std::nullopt}));
  EXPECT_FALSE(parse_encoded_pn("John..Smith").ok());
  EXPECT_FALSE(parse_encoded_pn("a_b").ok());
}

TEST(DmnOr, ParsePrintAndErrors) {
  auto p = parse_dmn_or("O$ABC Ltd\\..PRMD$UK\\.AC.ADMD$ .C$GB");
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  ASSERT_EQ(p->depth(), 4u);
  EXPECT_EQ(*p->levels[0], "GB");
  EXPECT_EQ(*p->levels[1], " ");
  EXPECT_EQ(*p->levels[2], "UK.AC");
  EXPECT_EQ(*p->levels[3], "ABC Ltd.");
  EXPECT_EQ(print_dmn_or(*p), "O$ABC Ltd\\..PRMD$UK\\.AC.ADMD$ .C$GB");
  auto omitted = parse_dmn_or("O$@.PRMD$GMD.ADMD$DBP.C$DE");
  ASSERT_TRUE(omitted.ok());
  EXPECT_FALSE(omitted->levels[3].has_value());
  auto ous = parse_dmn_or("OU$Dev.OU$Sales.O$ABC.ADMD$BT.C$GB");
  ASSERT_TRUE(ous.ok());
  EXPECT_EQ(*ous->levels[4], "Sales");  // rightmost OU is OU1
  EXPECT_EQ(*ous->levels[5], "Dev");
  EXPECT_FALSE(ous->levels[2].has_value());  // PRMD skipped = omitted
  for (const char* bad : {"", "PRMD$X.C$GB", "C$GB.ADMD$BT", "ADMDBT.C$GB", "S$x.ADMD$BT.C$GB", "ADMD$.C$GB",
                          "ADMD$BT.C$GBR", "ADMD$ABCDEFGHIJKLMNOPQ.C$GB", "O$a@b.ADMD$BT.C$GB"})
    EXPECT_FALSE(parse_dmn_or(bad).ok()) << bad;
}

}  // namespace
}  // namespace mixer::mapping::address
