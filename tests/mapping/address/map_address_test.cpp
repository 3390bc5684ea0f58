// RFC 2156 4.3.4 (RFC 822 -> X.400) and 4.3.5 (X.400 -> RFC 822), table
// driven, with round trips and repeated crossings.
#include <gtest/gtest.h>

#include "mapping/address/map_address.hpp"
#include "mapping/address/or_values.hpp"
#include "tests/mapping/address/test_context.hpp"

namespace mixer::mapping::address {
namespace {

using test::make_context;

x400::ORAddress orx(const char* text) {
  auto a = parse_std_or(text);
  EXPECT_TRUE(a.ok()) << text << ": " << (a.ok() ? "" : a.error().to_string());
  return a.ok() ? *a : x400::ORAddress{};
}

struct ToX400 {
  const char* input;
  const char* expected;  // std-or, compared as attribute sets
  const char* rule;      // substring of the decision
  std::size_t line;
};

TEST(Map822ToX400, Table) {
  const auto ctx = make_context();
  const ToX400 cases[] = {
      // stage I, table 1: labels below the match become O, OUs; local part encoded-pn
      {"John.Smith@abc.xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/O=abc/G=John/S=Smith/", "stage I", 1},
      {"jsmith@xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/S=jsmith/", "stage I", 1},
      {"M.T.Rose@xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/I=MT/S=Rose/", "stage I", 1},
      {"\"John Smith\"@xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/S=John Smith/", "stage I", 1},
      {"\"/S=Jones/\"@R-D.Salford.AC.UK",
       "/C=GB/ADMD=GOLD 400/PRMD=UK.AC/O=Salford/OU=R-D/S=Jones/", "stage I", 2},
      {"/G=Ann/S=Lee/OU=x/@a.b.xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/O=b/OU1=a/OU2=x/G=Ann/S=Lee/", "stage I", 1},
      // RFC 1026 explicit missing component: O omitted, next label is OU1
      {"kille@zi.gmd.dfn", "/C=DE/ADMD=DBP/PRMD=GMD/OU=zi/S=kille/", "stage I", 3},
      {"pat@eng.sales.bigcorp.com", "/C=US/ADMD= /O=Big Corp/OU=eng/S=pat/", "stage I", 4},
      {"u@a.b.c.d.e.xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/O=e/OU1=d/OU2=c/OU3=b/OU4=a/S=u/", "stage I", 1},
      // stage II triggers under a mapped domain
      {"jo_smith@xyz.com", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=jo(u)smith(a)xyz.com/", "local gateway", 0},
      {"\"John  Smith\"@xyz.com", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/RFC-822=(q)John  Smith(q)(a)xyz.com/",
       "local gateway", 0},
      {"u@x.a.b.c.d.e.xyz.com", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/RFC-822=u(a)x.a.b.c.d.e.xyz.com/", "local gateway",
       0},
      {"u@abcdefghijabcdefghijabcdefghijabc.b.xyz.com",
       "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/RFC-822=u(a)abcdefghijabcdefghijabcdefghijabc.b.xyz.com/", "local gateway",
       0},
      {"u@under_score.xyz.com", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/RFC-822=u(a)under(u)score.xyz.com/", "local gateway",
       0},
      {"/C=FR/S=x/@xyz.com", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/RFC-822=$/C$=FR$/S$=x$/(a)xyz.com/", "local gateway", 0},
      // label boundary: axyz.com is not under xyz.com
      {"fred@axyz.com", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)axyz.com/", "local gateway", 0},
      {"fred@example.org", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)example.org/", "local gateway", 0},
      // gate2: the X.400-side gateway of example.net
      {"user@Example.NET", "/C=GB/ADMD=BT/PRMD=OTHER/O=Relay/DD.RFC-822=user(a)Example.NET/", "gate2", 6},
      {"\"a@b\"@example.org", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=(q)a(a)b(q)(a)example.org/", "local", 0},
      {"x@[192.0.2.1]", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=x(a)(091)192.0.2.1(093)/", "local", 0},
      // headers and paths
      {"Fred Bloggs <fred(home)@example.org>", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)example.org/",
       "local", 0},
      {"<@gw.example.org:fred@example.org>", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)example.org/", "local",
       0},
      {"<@relay.net,@b.net:fred@example.org>",
       "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=(a)relay.net,(a)b.net:fred(a)example.org/", "local", 0},
      // never wrapped again: std-or at a gateway domain is decoded
      {"\"/G=Jean/S=Dupont/O=ACME/PRMD=ACME/ADMD=ATLAS/C=FR/\"@gw.example.org",
       "/C=FR/ADMD=ATLAS/PRMD=ACME/O=ACME/G=Jean/S=Dupont/", "own domain", 0},
      {"/S=Dupont/ADMD=ATLAS/C=FR/@X400GW.example.fr", "/C=FR/ADMD=ATLAS/S=Dupont/", "gate1", 0},
      // IDN: U-labels become A-labels
      {"hans@m\xc3\xbcnchen.xyz.com", "/C=GB/ADMD=BT/PRMD=XYZ/O=xn--mnchen-3ya/S=hans/", "stage I", 1},
      {"hans@b\xc3\xbc" "cher.example", "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=hans(a)xn--bcher-kva.example/",
       "local", 0},
  };
  for (const auto& c : cases) {
    auto r = map_822_to_x400(ctx, c.input);
    ASSERT_TRUE(r.ok()) << c.input << ": " << r.error().to_string();
    EXPECT_EQ(r->address, orx(c.expected)) << c.input << " -> " << *print_std_or(r->address);
    EXPECT_NE(r->decision.explain().find(c.rule), std::string::npos) << c.input << ": " << r->decision.explain();
    EXPECT_EQ(r->decision.line, c.line) << c.input;
  }
}

TEST(Map822ToX400, Failures) {
  const auto ctx = make_context();
  struct Bad {
    std::string input;
    AddressErrorKind kind;
  };
  const Bad bad[] = {
      {"fred", AddressErrorKind::kSyntax},
      {"fred@", AddressErrorKind::kSyntax},
      {"@example.org", AddressErrorKind::kSyntax},
      {"a..b@example.org", AddressErrorKind::kSyntax},
      {"\"unterminated@example.org", AddressErrorKind::kSyntax},
      {"postmaster@gw.example.org", AddressErrorKind::kLocalToGateway},
      {"\"/C=GB/FOO=x/\"@gw.example.org", AddressErrorKind::kSyntax},
      {"j\xc3\xb6rg@xyz.com", AddressErrorKind::kNonAscii},  // SMTPUTF8 local part: refused
      {"x@\xe2\x98\x83.example", AddressErrorKind::kSyntax},  // IDNA2008 disallowed character
      // Length rule: the RFC-822 DDA value may not exceed 128 characters; never truncated.
      {std::string(30, '#') + "@example.org", AddressErrorKind::kTooLong},
      {std::string(120, 'a') + "@example.org", AddressErrorKind::kTooLong},
  };
  for (const auto& b : bad) {
    auto r = map_822_to_x400(ctx, b.input);
    ASSERT_FALSE(r.ok()) << b.input;
    EXPECT_EQ(r.error().kind, b.kind) << b.input << ": " << r.error().to_string();
  }
  // Exactly at the bound is fine.
  const std::string at_bound = std::string(128 - 14, 'a') + "@example.org";  // "@" -> "(a)"
  EXPECT_TRUE(map_822_to_x400(ctx, at_bound).ok());
}

struct To822 {
  const char* input;
  const char* expected;
  const char* rule;
};

TEST(MapX400To822, Table) {
  const auto ctx = make_context();
  const To822 cases[] = {
      {"/C=GB/ADMD=BT/PRMD=XYZ/O=abc/S=Smith/G=John/", "John.Smith@abc.xyz.com", "table 2"},
      {"/c=gb/admd=bt/prmd=xyz/S=Rose/I=MT/", "M.T.Rose@xyz.com", "table 2"},
      {"/C=GB/ADMD=BT/PRMD=XYZ/O=ABC Ltd/S=Smith/", "\"/S=Smith/O=ABC Ltd/\"@xyz.com", "table 2"},
      {"/C=GB/ADMD=BT/PRMD=XYZ/O=abc/S=Smith/G=John/GQ=Jr/", "/G=John/S=Smith/GQ=Jr/@abc.xyz.com", "table 2"},
      {"/C=GB/ADMD=BT/PRMD=XYZ/O=abc/S=Smith/G=J/", "/G=J/S=Smith/@abc.xyz.com", "table 2"},
      // a missing level below the prefix stops the domain (O absent, OU present)
      {"/C=GB/ADMD=BT/PRMD=XYZ/OU=dev/S=Smith/", "/S=Smith/OU=dev/@xyz.com", "table 2"},
      {"/C=GB/ADMD=GOLD 400/PRMD=UK.AC/O=Salford/OU=R-D/S=Jones/", "Jones@R-D.Salford.ac.uk", "table 2"},
      {"/C=DE/ADMD=DBP/PRMD=GMD/OU=ZI/S=Kille/", "Kille@ZI.gmd.dfn", "table 2"},
      {"/C=US/ADMD= /O=Big Corp/OU=eng/S=pat/", "pat@eng.sales.bigcorp.com", "table 2"},
      {"/C=US/ADMD=/O=Big Corp/S=pat/", "", ""},  // zero-length ADMD is not valid text; see ParsesBlankAdmd
      // no table 2 match: std-or at gate1 or the local domain
      {"/C=FR/ADMD=ATLAS/PRMD=ACME/O=Sales/S=Dupont/", "/S=Dupont/O=Sales/PRMD=ACME/ADMD=ATLAS/C=FR/@x400gw.example.fr",
       "gate1"},
      {"/C=US/ADMD=ATT/S=Doe/G=Jane/", "/G=Jane/S=Doe/ADMD=ATT/C=US/@gw.example.org", "local gateway domain"},
      {"/C=GB/ADMD=BT/PRMD=XYZ/", "/PRMD=XYZ/ADMD=BT/C=GB/@gw.example.org", "local gateway domain"},
      {"/C=GB/ADMD=BT/PRMD=XYZ/O=abc/", "/O=abc/PRMD=XYZ/ADMD=BT/C=GB/@gw.example.org", "local gateway domain"},
      // mapping A: RFC-822 DDA under a known gateway
      {"/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)example.org/", "fred@example.org", "mapping A"},
      {"/c=gb/admd=bt/prmd=gw/o=mixer/rfc-822=(q)a b(q)(a)example.org/", "\"a b\"@example.org", "mapping A"},
      {"/C=GB/ADMD=BT/PRMD=OTHER/O=Relay/DD.RFC-822=user(a)example.net/", "user@example.net", "gate2"},
      // RFC-822 DDA elsewhere, or not decodable: std-or keeps everything
      {"/C=US/ADMD=ATT/DD.RFC-822=fred(a)example.org/", "\"/DD.RFC-822=fred(a)example.org/ADMD=ATT/C=US/\"@gw.example.org",
       "local gateway domain"},
      {"/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=no at sign/",
       "\"/DD.RFC-822=no at sign/O=MIXER/PRMD=GW/ADMD=BT/C=GB/\"@gw.example.org", "local gateway domain"},
  };
  for (const auto& c : cases) {
    if (!*c.expected) continue;
    auto r = map_x400_to_822(ctx, orx(c.input));
    ASSERT_TRUE(r.ok()) << c.input << ": " << r.error().to_string();
    EXPECT_EQ(r->address, c.expected) << c.input;
    EXPECT_NE(r->decision.explain().find(c.rule), std::string::npos) << c.input << ": " << r->decision.explain();
    // Every output is a valid RFC 5322 / SMTP address.
    EXPECT_TRUE(parse_addr_spec(r->address).ok()) << r->address;
  }
}

TEST(MapX400To822, BlankAndZeroLengthAdmdMatchAlike) {
  const auto ctx = make_context();
  auto a = orx("/C=US/ADMD= /O=Big Corp/S=pat/");
  a.administration_domain_name->value = "";  // X.400(1984) zero-length ADMD, as a decoder may produce
  auto r = map_x400_to_822(ctx, a);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address, "pat@sales.bigcorp.com");
}

TEST(MapX400To822, UnmappableAddressIsAnError) {
  const auto ctx = make_context();
  x400::ORAddress a = orx("/C=US/ADMD=ATT/S=Doe/");
  a.other_extensions.push_back({77, {0x05, 0x00}});
  auto r = map_x400_to_822(ctx, a);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, AddressErrorKind::kUnmappable);
  MappingContext empty;
  EXPECT_FALSE(map_x400_to_822(empty, orx("/C=US/ADMD=ATT/S=Doe/")).ok());
  EXPECT_FALSE(map_822_to_x400(empty, "a@b.example").ok());
}

TEST(RoundTrip, Rfc822ThroughX400AndBack) {
  const auto ctx = make_context();
  for (const char* in : {"fred@example.org", "\"John  Smith\"@xyz.com", "jo_smith@xyz.com", "\"a@b\"@example.org",
                         "user@Example.NET", "x@[192.0.2.1]", "John.Smith@abc.xyz.com", "Jones@R-D.Salford.AC.UK",
                         "kille@zi.gmd.dfn", "a.b.c@axyz.com", "\"\\\"q\\\\\"@example.org", "M.T.Rose@xyz.com"}) {
    auto x = map_822_to_x400(ctx, in);
    ASSERT_TRUE(x.ok()) << in << ": " << x.error().to_string();
    auto back = map_x400_to_822(ctx, x->address);
    ASSERT_TRUE(back.ok()) << in;
    EXPECT_EQ(ascii_lower(back->address), ascii_lower(in)) << in << " via " << *print_std_or(x->address);
  }
}

TEST(RoundTrip, X400Through822AndBack) {
  const auto ctx = make_context();
  for (const char* in : {"/C=GB/ADMD=BT/PRMD=XYZ/O=abc/S=Smith/G=John/", "/C=GB/ADMD=BT/PRMD=XYZ/O=ABC Ltd/S=Smith/",
                         "/C=FR/ADMD=ATLAS/PRMD=ACME/O=Sales/S=Dupont/", "/C=US/ADMD=ATT/S=Doe/G=Jane/CN=Jane Doe/",
                         "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/DD.RFC-822=fred(a)example.org/",
                         "/C=GB/ADMD=BT/PRMD=OTHER/O=Relay/DD.RFC-822=user(a)example.net/",
                         "/C=GB/ADMD=BT/PRMD=XYZ/OU=dev/S=Smith/", "/C=DE/ADMD=DBP/PRMD=GMD/OU=ZI/S=Kille/",
                         "/C=GB/ADMD=BT/PRMD=XYZ/O=abc/OU=a/OU=b c/S=Smith/G=J/",
                         "/C=GB/ADMD=BT/O=ABC*A{194}BC/S=Muller*M{252}ller/",
                         "/C=GB/ADMD=BT/PRMD=XYZ/O=abc/OU=Dev*D{200}ev/S=x/",
                         "/C=US/ADMD=ATT/DD.RFC-822=fred(a)example.org/DD.X=y/"}) {
    const auto orig = orx(in);
    auto r = map_x400_to_822(ctx, orig);
    ASSERT_TRUE(r.ok()) << in << ": " << r.error().to_string();
    auto back = map_822_to_x400(ctx, r->address);
    ASSERT_TRUE(back.ok()) << in << " via " << r->address << ": " << back.error().to_string();
    EXPECT_EQ(back->address, orig) << in << " via " << r->address << " -> " << *print_std_or(back->address);
  }
}

TEST(RoundTrip, RepeatedCrossingsDoNotGrow) {
  const auto ctx = make_context();
  for (const char* in : {"fred@example.org", "/S=Doe/ADMD=ATT/C=US/@gw.example.org", "jo_smith@xyz.com"}) {
    std::string addr = in;
    x400::ORAddress first_or;
    for (int crossing = 0; crossing < 6; ++crossing) {
      auto x = map_822_to_x400(ctx, addr);
      ASSERT_TRUE(x.ok()) << addr;
      if (crossing == 0) first_or = x->address;
      EXPECT_EQ(x->address, first_or) << "crossing " << crossing;
      auto back = map_x400_to_822(ctx, x->address);
      ASSERT_TRUE(back.ok());
      EXPECT_EQ(back->address, in) << "crossing " << crossing;
      addr = back->address;
    }
  }
}

}  // namespace
}  // namespace mixer::mapping::address
