// RouteTable: longest match by the RFC 2156 4.3.1 hierarchy, blank ADMD and
// case rules, default route, refusal of ambiguous or unusable prefixes.
#include "gateway/routing/route_table.hpp"

#include <gtest/gtest.h>

#include "mapping/address/std_or.hpp"

namespace mixer::routing {
namespace {

config::Route route(std::string name, std::string prefix, std::size_t line = 0) {
  config::Route r;
  r.name = std::move(name);
  r.or_prefix = std::move(prefix);
  r.line = line;
  return r;
}

x400::ORAddress addr(std::string_view std_or) {
  auto a = mapping::address::parse_std_or(std_or);
  EXPECT_TRUE(a) << std_or << ": " << (a ? "" : a.error().to_string());
  return a ? *a : x400::ORAddress{};
}

std::string found(const RouteTable& t, std::string_view std_or) {
  const auto* r = t.find(addr(std_or));
  return r ? r->name : "<none>";
}

TEST(RouteTable, LongestPrefixWins) {
  auto t = RouteTable::build({route("country", "/C=XX/ADMD= /"), route("prmd", "/C=XX/ADMD= /PRMD=EXAMPLE/"),
                              route("org", "/C=XX/ADMD= /PRMD=EXAMPLE/O=Sales/"),
                              route("ou", "/OU=East/O=Sales/PRMD=EXAMPLE/ADMD= /C=XX/")});
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(t->size(), 4u);
  EXPECT_EQ(found(*t, "/S=Smith/OU=East/O=Sales/PRMD=EXAMPLE/ADMD= /C=XX/"), "ou");
  EXPECT_EQ(found(*t, "/S=Smith/OU=West/O=Sales/PRMD=EXAMPLE/ADMD= /C=XX/"), "org");
  EXPECT_EQ(found(*t, "/S=Smith/O=Sales/PRMD=EXAMPLE/ADMD= /C=XX/"), "org");
  EXPECT_EQ(found(*t, "/S=Smith/O=Other/PRMD=EXAMPLE/ADMD= /C=XX/"), "prmd");
  EXPECT_EQ(found(*t, "/S=Smith/PRMD=OTHER/ADMD= /C=XX/"), "country");
  EXPECT_EQ(found(*t, "/S=Smith/PRMD=EXAMPLE/ADMD= /C=GB/"), "<none>");
}

TEST(RouteTable, CaseInsensitiveAndBlankAdmdEqualsEmpty) {
  auto t = RouteTable::build({route("p", "/C=XX/ADMD= /PRMD=Example/")});
  ASSERT_TRUE(t);
  EXPECT_EQ(found(*t, "/S=a/PRMD=EXAMPLE/ADMD= /C=xx/"), "p");
  // X.400(1984) zero-length ADMD (std-or text cannot write it) = the blank ADMD.
  auto empty_admd = addr("/S=a/PRMD=example/ADMD= /C=XX/");
  empty_admd.administration_domain_name->value.clear();
  ASSERT_NE(t->find(empty_admd), nullptr);
  EXPECT_EQ(found(*t, "/S=a/PRMD=example/ADMD=BT/C=XX/"), "<none>");
}

TEST(RouteTable, SkippedLevelMeansAbsentNotAny) {
  // No PRMD in the prefix but an O below it: only addresses without a PRMD match.
  auto t = RouteTable::build({route("no-prmd", "/C=XX/ADMD=A/O=Org/")});
  ASSERT_TRUE(t);
  EXPECT_EQ(found(*t, "/S=a/O=Org/ADMD=A/C=XX/"), "no-prmd");
  EXPECT_EQ(found(*t, "/S=a/O=Org/PRMD=P/ADMD=A/C=XX/"), "<none>");
}

TEST(RouteTable, EmptyPrefixIsTheDefaultRoute) {
  auto t = RouteTable::build({route("default", ""), route("gb", "/C=GB/ADMD= /")});
  ASSERT_TRUE(t);
  EXPECT_EQ(found(*t, "/S=a/ADMD= /C=GB/"), "gb");
  EXPECT_EQ(found(*t, "/S=a/ADMD=X/C=FR/"), "default");
  ASSERT_NE(t->by_name("gb"), nullptr);
  EXPECT_EQ(t->by_name("nope"), nullptr);
}

TEST(RouteTable, EqualPrefixesAreRefused) {
  auto t =
      RouteTable::build({route("a", "/C=XX/ADMD= /PRMD=P/", 10), route("b", "/prmd=p/admd= /c=xx/", 20)});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().route, "b");
  EXPECT_EQ(t.error().line, 20u);
  EXPECT_NE(t.error().to_string().find("same or_prefix as route 'a'"), std::string::npos)
      << t.error().to_string();
}

TEST(RouteTable, PrefixBelowTheHierarchyIsRefused) {
  auto t = RouteTable::build({route("person", "/C=XX/ADMD= /S=Smith/", 7)});
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().to_string().find("line 7"), std::string::npos);
  EXPECT_NE(t.error().message.find("C, ADMD, PRMD, O and OU"), std::string::npos);
}

TEST(RouteTable, UnparseablePrefixIsRefusedWithTheMappingError) {
  auto t = RouteTable::build({route("bad", "/C=XX/NOPE=1/")});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().route, "bad");
  EXPECT_NE(t.error().message.find("or_prefix: address:"), std::string::npos) << t.error().message;
}

TEST(RouteTable, EmptyTableRoutesNothing) {
  auto t = RouteTable::build({});
  ASSERT_TRUE(t);
  EXPECT_EQ(found(*t, "/S=a/ADMD= /C=GB/"), "<none>");
}

}  // namespace
}  // namespace mixer::routing
