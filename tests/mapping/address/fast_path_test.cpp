// Differential tests of the address mapping's fast paths (RFC 2156 4.3.4
// stage I built in place, 4.3.5 mapping B without copying the address, the
// allocation-free encoded-pn parser): over generated addresses and the
// project's example tables, map_822_to_x400 / map_x400_to_822 give the SAME
// result as the general path kept in reference_map_address.hpp - same
// address, same rule, same table and line, same error kind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "mapping/address/map_address.hpp"
#include "mapping/address/or_shape.hpp"
#include "mapping/address/or_values.hpp"
#include "mapping/address/std_or.hpp"
#include "tests/mapping/address/reference_map_address.hpp"
#include "tests/mapping/address/test_context.hpp"

namespace mixer::mapping::address {
namespace {

std::string show(const x400::ORAddress& a) {
  auto p = print_std_or(a);
  return p.ok() ? *p : "<" + p.error().to_string() + ">";
}

// Compares the fast and the reference result of one 822 -> X.400 mapping.
void expect_same_822(const MappingContext& ctx, const std::string& in) {
  auto fast = map_822_to_x400(ctx, in);
  auto ref = reference::map_822_to_x400(ctx, in);
  ASSERT_EQ(fast.ok(), ref.ok()) << in << ": " << (fast.ok() ? ref.error().to_string() : fast.error().to_string());
  if (!ref.ok()) {
    EXPECT_EQ(fast.error().kind, ref.error().kind) << in;
    EXPECT_EQ(fast.error().what, ref.error().what) << in;
    return;
  }
  EXPECT_EQ(fast->address, ref->address) << in << ": " << show(fast->address) << " vs " << show(ref->address);
  EXPECT_EQ(fast->decision.rule, ref->decision.rule) << in;
  EXPECT_EQ(fast->decision.table, ref->decision.table) << in;
  EXPECT_EQ(fast->decision.line, ref->decision.line) << in;
}

void expect_same_x400(const MappingContext& ctx, const x400::ORAddress& a) {
  auto fast = map_x400_to_822(ctx, a);
  auto ref = reference::map_x400_to_822(ctx, a);
  const std::string in = show(a);
  ASSERT_EQ(fast.ok(), ref.ok()) << in << ": " << (fast.ok() ? ref.error().to_string() : fast.error().to_string());
  if (!ref.ok()) {
    EXPECT_EQ(fast.error().kind, ref.error().kind) << in;
    EXPECT_EQ(fast.error().what, ref.error().what) << in;
    return;
  }
  EXPECT_EQ(fast->address, ref->address) << in;
  EXPECT_EQ(fast->decision.rule, ref->decision.rule) << in;
  EXPECT_EQ(fast->decision.table, ref->decision.table) << in;
  EXPECT_EQ(fast->decision.line, ref->decision.line) << in;
}

// The example tables of the project. mapping_tests does not link the
// config loader (config/tables, tested in config_tests), so the few lines of
// "a#b#" are split here; line numbers are kept.
void add_example_file(MappingContext& ctx, const char* file, bool domain_first_is_table1) {
  const auto path = std::filesystem::path(MIXER_SOURCE_DIR) / "config" / "examples" / file;
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const auto h1 = line.find('#');
    const auto h2 = line.find('#', h1 + 1);
    ASSERT_NE(h2, std::string::npos) << file << ":" << n;
    const std::string a = line.substr(0, h1), b = line.substr(h1 + 1, h2 - h1 - 1);
    if (a.find('$') == std::string::npos) {
      test::add_entry(domain_first_is_table1 ? ctx.table1 : ctx.gate2, a.c_str(), b.c_str(), n);
    } else {
      test::add_entry(domain_first_is_table1 ? ctx.table2 : ctx.gate1, a.c_str(), b.c_str(), n);
    }
  }
}

MappingContext example_context() {
  MappingContext ctx{DomainTable("table1.table"), OrTable("table2.table"), DomainTable("gateway.table"),
                     OrTable("gateway.table"), "gw.example.org", *parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/")};
  add_example_file(ctx, "table1.table", true);
  add_example_file(ctx, "table2.table", true);
  add_example_file(ctx, "gateway.table", false);
  EXPECT_EQ(ctx.table1.size(), 4u);
  EXPECT_EQ(ctx.table2.size(), 4u);
  EXPECT_EQ(ctx.gate1.size(), 1u);
  EXPECT_EQ(ctx.gate2.size(), 1u);
  return ctx;
}

// A context whose tables have the awkward prefix shapes: omitted levels
// (O$@, trailing OU$@), OUs, numeric C/ADMD, blank ADMD, deep and shallow.
MappingContext shaped_context() {
  MappingContext ctx = test::make_context();
  test::add_entry(ctx.table1, "ou.example", "OU$Dept.O$Org.PRMD$P.ADMD$A.C$GB", 11);
  test::add_entry(ctx.table1, "omit.example", "OU$@.O$Org.PRMD$P.ADMD$A.C$GB", 12);
  test::add_entry(ctx.table1, "deep.example", "OU$d.OU$c.OU$b.OU$a.O$Org.PRMD$P.ADMD$A.C$GB", 13);
  test::add_entry(ctx.table1, "num.example", "PRMD$123.ADMD$0.C$234", 14);
  test::add_entry(ctx.table1, "short.example", "ADMD$A.C$GB", 15);
  test::add_entry(ctx.table2, "OU$Dept.O$Org.PRMD$P.ADMD$A.C$GB", "ou.example", 11);
  test::add_entry(ctx.table2, "OU$@.O$Org.PRMD$P.ADMD$A.C$GB", "omit.example", 12);
  test::add_entry(ctx.table2, "PRMD$123.ADMD$0.C$234", "num.example", 14);
  test::add_entry(ctx.table2, "ADMD$A.C$GB", "short.example", 15);
  test::add_entry(ctx.table2, "O$Org.PRMD$P.ADMD$A.C$GB", std::string(240, 'x').append(".example").c_str(), 16);
  return ctx;
}

std::vector<MappingContext> contexts() {
  std::vector<MappingContext> v;
  v.push_back(test::make_context());
  v.push_back(example_context());
  v.push_back(shaped_context());
  return v;
}

TEST(FastPath, Map822ToX400SameAsGeneralPath) {
  const std::vector<std::string> locals = {
      "John.Smith", "J.Smith", "J.M.Smith", "John.M.Smith", "Smith", "a", "jo_smith", "\"a b\"", "\"John  Smith\"",
      "\" x\"", "J.1", "St.John.Smith", "x..y", "a.", "/S=Smith/OU=y/", "/S=Smith/O=Other/", "/S=Smith/G=J/",
      "/S=Smith/PRMD=Q/", "/S=Smith/OU=a/OU=b/OU=c/", "/S=x$=y/", "/C=GB/ADMD=BT/S=x/", "/S=/", "\"a=b\"", "\"*x\"",
      "\"{x}\"", "\"a$\"", std::string(41, 's'), "John." + std::string(40, 's'), std::string(17, 'g') + ".Smith",
      "\"/G=Jean/S=Dupont/O=ACME/PRMD=ACME/ADMD=ATLAS/C=FR/\"", "/S=Dupont/ADMD=ATLAS/C=FR/", "postmaster",
      "\"\\\"q\\\\\"", "j\xc3\xb6rg", std::string(120, 'a'), "M.T.Rose"};
  const std::vector<std::string> domains = {
      "xyz.com", "abc.xyz.com", "a.b.c.d.e.xyz.com", "axyz.com", "a_b.xyz.com", "-a.xyz.com",
      std::string(65, 'o') + ".xyz.com", "x." + std::string(33, 'u') + ".xyz.com", "Salford.AC.UK",
      "R-D.Salford.ac.uk", "zi.gmd.dfn", "a.b.gmd.dfn", "sales.bigcorp.com", "eng.sales.bigcorp.com",
      "ou.example", "x.ou.example", "a.b.c.d.ou.example", "x.omit.example", "omit.example", "y.x.deep.example",
      "deep.example", "num.example", "o.num.example", "short.example", "a.b.c.d.e.f.short.example",
      "example.org", "example.net", "x.example.net", "gw.example.org", "GW.Example.ORG", "x400gw.example.fr",
      "m\xc3\xbcnchen.xyz.com", "[192.0.2.1]", "x400.example.org", "a.x400.example.org"};
  for (const auto& ctx : contexts())
    for (const auto& d : domains)
      for (const auto& l : locals) {
        expect_same_822(ctx, l + "@" + d);
        expect_same_822(ctx, "<" + l + "@" + d + ">");
      }
  // Routes, headers, bad syntax.
  for (const auto& ctx : contexts())
    for (const std::string in : {"<@gw.example.org:fred@xyz.com>", "<@relay.net,@b.net:fred@xyz.com>",
                                 "Fred Bloggs <fred(home)@abc.xyz.com>", "fred", "@xyz.com", "fred@", "a@b@c",
                                 "<fred@xyz.com", "fred@xyz..com", "fred@.xyz.com", ""})
      expect_same_822(ctx, in);
}

TEST(FastPath, MapX400To822SameAsGeneralPath) {
  const std::vector<std::string> prefixes = {
      "/C=GB/ADMD=BT/PRMD=XYZ/", "/C=GB/ADMD=BT/PRMD=XYZ/O=abc/", "/C=GB/ADMD=BT/PRMD=XYZ/O=ABC Ltd/",
      "/C=GB/ADMD=BT/PRMD=XYZ/O=abc/OU=a/OU=b/", "/C=GB/ADMD=BT/PRMD=XYZ/OU=dev/",
      "/C=GB/ADMD=BT/PRMD=XYZ/O=abc*a{200}bc/", "/C=GB/ADMD=BT/PRMD=XYZ/O=abc/OU=d*d{200}/OU=e/",
      "/C=GB/ADMD=GOLD 400/PRMD=UK.AC/O=Salford/OU=R-D/", "/C=DE/ADMD=DBP/PRMD=GMD/OU=ZI/",
      "/C=DE/ADMD=DBP/PRMD=GMD/O=x/OU=ZI/", "/C=US/ADMD= /O=Big Corp/OU=eng/", "/C=US/ADMD= /O=Big Corp/",
      "/C=GB/ADMD=A/PRMD=P/O=Org/OU=Dept/OU=x/", "/C=GB/ADMD=A/PRMD=P/O=Org/", "/C=GB/ADMD=A/PRMD=P/O=Org/OU=y/",
      "/C=GB/ADMD=A/PRMD=P/O=Org/OU1=a/OU2=b/OU3=c/OU4=d/", "/C=234/ADMD=0/PRMD=123/O=o/", "/C=GB/ADMD=A/",
      "/C=GB/ADMD=A/PRMD=a-b/O=c:d/", "/C=GB/ADMD=A/PRMD=Q/O=" + std::string(63, 'o') + "/",
      "/C=FR/ADMD=ATLAS/PRMD=ACME/O=Sales/", "/C=US/ADMD=ATT/", "/C=XX/ADMD= /PRMD=EXAMPLE/O=x/",
      "/C=GB/ADMD=BT/PRMD=GW/O=MIXER/", "/C=GB/ADMD=BT/PRMD=OTHER/O=Relay/"};
  const std::vector<std::string> rests = {
      "", "S=Smith/", "S=Smith/G=John/", "S=Rose/I=MT/", "S=Smith/G=J/", "S=Smith/G=John/GQ=Jr/", "S=St.John/",
      "S=Smith/G=Jo.hn/", "S=Smith*S{200}mith/", "CN=Jane Doe/", "S=x/CN=y/", "DD.RFC-822=fred(a)example.org/",
      "DD.RFC-822=no at sign/", "DD.RFC-822=(a)r.net:fred(a)example.org/", "DD.X=y/", "DD.X=y/DD.RFC-822=a(a)b.c/",
      "X121=1234/", "T-ID=t/", "UA-ID=99/", "PD-C=GB/", "PD-ADDRESS=line/", "PD-OFFICE=o/", "NET-NUM=123/",
      "T-TY=telex(3)/", "PD-SERVICE=p/", "PD-CODE=123/", "DD.RFC-822=x*{200}/"};
  for (const auto& ctx : contexts())
    for (const auto& p : prefixes)
      for (const auto& r : rests) {
        auto a = parse_std_or(p + r);
        ASSERT_TRUE(a.ok()) << p + r << ": " << a.error().to_string();
        expect_same_x400(ctx, *a);
      }
  // Attributes that have no std-or form and structures a decoder may produce.
  for (const auto& ctx : contexts()) {
    auto base = *parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=abc/S=Smith/");
    auto u = base;
    u.universal_common_name = x400::UniversalText{"x", false, std::nullopt};
    expect_same_x400(ctx, u);
    auto e = base;
    e.other_extensions.push_back({77, {0x05, 0x00}});
    expect_same_x400(ctx, e);
    auto five = base;
    five.organizational_unit_names = {"a", "b", "c", "d", "e"};
    expect_same_x400(ctx, five);
    auto zero = *parse_std_or("/C=US/ADMD= /O=Big Corp/S=pat/");
    zero.administration_domain_name->value = "";
    expect_same_x400(ctx, zero);
    auto bad = base;
    bad.personal_name->surname = "a\x01";
    expect_same_x400(ctx, bad);
    auto tou = *parse_std_or("/C=GB/ADMD=BT/PRMD=XYZ/O=abc/S=Smith/");
    tou.teletex_organizational_unit_names = {"t"};
    expect_same_x400(ctx, tou);
  }
}

TEST(FastPath, EncodedPnSameAsGeneralParser) {
  // Every string of up to 6 characters over an alphabet that exercises the
  // grammar: letters (initials), a 2-letter word, dots, a digit, a space and
  // a character outside PrintableString.
  const std::vector<std::string> atoms = {"a", "B", "Jo", ".", "1", " ", "_"};
  std::vector<std::string> strings = {""};
  for (std::size_t len = 0, from = 0; len < 6; ++len) {
    const std::size_t to = strings.size();
    for (std::size_t k = from; k < to; ++k)
      for (const auto& a : atoms) strings.push_back(strings[k] + a);
    from = to;
  }
  ASSERT_GT(strings.size(), 100'000u);
  for (const auto& s : strings) {
    auto fast = parse_encoded_pn(s);
    auto ref = reference::parse_encoded_pn(s);
    ASSERT_EQ(fast.ok(), ref.ok()) << "'" << s << "'";
    if (ref.ok()) {
      ASSERT_EQ(*fast, *ref) << "'" << s << "'";
      ASSERT_EQ(print_encoded_pn(*fast), reference::print_encoded_pn(*ref)) << "'" << s << "'";
    } else {
      ASSERT_EQ(fast.error().what, ref.error().what) << "'" << s << "'";
      ASSERT_EQ(fast.error().offset, ref.error().offset) << "'" << s << "'";
    }
  }
}

TEST(FastPath, OnlyHierarchyAndPnNamesEveryAttribute) {
  // Sentinel: a new ORAddress member must be added to has_only_hierarchy_and_pn
  // (mapping/address/or_shape.cpp) and here.
  EXPECT_EQ(sizeof(x400::ORAddress), 3896u) << "x400::ORAddress changed: update or_shape.cpp and this test";
  x400::ORAddress h = *parse_std_or("/C=GB/ADMD=BT/PRMD=P/O=o/OU=a/OU=b/S=s/G=g/");
  EXPECT_TRUE(has_only_hierarchy_and_pn(h));
  EXPECT_TRUE(has_only_hierarchy_and_pn(x400::ORAddress{}));
  std::vector<std::function<void(x400::ORAddress&)>> set = {
      [](auto& a) { a.network_address = "1"; },
      [](auto& a) { a.terminal_identifier = "t"; },
      [](auto& a) { a.numeric_user_identifier = "1"; },
      [](auto& a) { a.domain_defined_attributes.push_back({"X", "y"}); },
      [](auto& a) { a.common_name = "c"; },
      [](auto& a) { a.teletex_common_name = "c"; },
      [](auto& a) { a.teletex_organization_name = "o"; },
      [](auto& a) { a.teletex_personal_name = x400::PersonalName{"s", {}, {}, {}}; },
      [](auto& a) { a.teletex_organizational_unit_names.push_back("u"); },
      [](auto& a) { a.teletex_domain_defined_attributes.push_back({"X", "y"}); },
      [](auto& a) { a.pds_name = "p"; },
      [](auto& a) { a.physical_delivery_country_name = x400::NumericOrPrintable{"GB", false}; },
      [](auto& a) { a.postal_code = x400::NumericOrPrintable{"1", true}; },
      [](auto& a) { a.physical_delivery_office_name = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.physical_delivery_office_number = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.extension_or_address_components = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.physical_delivery_personal_name = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.physical_delivery_organization_name = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.extension_physical_delivery_address_components = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.unformatted_postal_address = x400::UnformattedPostalAddress{{"l"}, {}}; },
      [](auto& a) { a.street_address = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.post_office_box_address = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.poste_restante_address = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.unique_postal_name = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.local_postal_attributes = x400::PdsParameter{"x", {}}; },
      [](auto& a) { a.extended_network_address = x400::ExtendedNetworkAddress{}; },
      [](auto& a) { a.terminal_type = 3; },
      [](auto& a) { a.universal_common_name = x400::UniversalText{}; },
      [](auto& a) { a.universal_organization_name = x400::UniversalText{}; },
      [](auto& a) { a.universal_personal_name = x400::UniversalPersonalName{}; },
      [](auto& a) { a.universal_organizational_unit_names.emplace_back(); },
      [](auto& a) { a.universal_domain_defined_attributes.emplace_back(); },
      [](auto& a) { a.universal_physical_delivery_office_name = x400::UniversalText{}; },
      [](auto& a) { a.universal_physical_delivery_office_number = x400::UniversalText{}; },
      [](auto& a) { a.universal_extension_or_address_components = x400::UniversalText{}; },
      [](auto& a) { a.universal_physical_delivery_personal_name = x400::UniversalText{}; },
      [](auto& a) { a.universal_physical_delivery_organization_name = x400::UniversalText{}; },
      [](auto& a) { a.universal_extension_physical_delivery_address_components = x400::UniversalText{}; },
      [](auto& a) { a.universal_unformatted_postal_address = x400::UniversalText{}; },
      [](auto& a) { a.universal_street_address = x400::UniversalText{}; },
      [](auto& a) { a.universal_post_office_box_address = x400::UniversalText{}; },
      [](auto& a) { a.universal_poste_restante_address = x400::UniversalText{}; },
      [](auto& a) { a.universal_unique_postal_name = x400::UniversalText{}; },
      [](auto& a) { a.universal_local_postal_attributes = x400::UniversalText{}; },
      [](auto& a) { a.other_extensions.push_back({99, {}}); },
  };
  EXPECT_EQ(set.size(), 45u);  // every ORAddress member but C, ADMD, PRMD, O, OUs, personal-name
  for (std::size_t k = 0; k < set.size(); ++k) {
    x400::ORAddress a = h;
    set[k](a);
    EXPECT_FALSE(has_only_hierarchy_and_pn(a)) << "attribute #" << k;
    // The general-path meaning: `a` minus hierarchy and personal-name is not empty.
    x400::ORAddress rest = a;
    rest.country_name.reset();
    rest.administration_domain_name.reset();
    rest.private_domain_name.reset();
    rest.organization_name.reset();
    rest.organizational_unit_names.clear();
    rest.personal_name.reset();
    EXPECT_FALSE(rest == x400::ORAddress{}) << "attribute #" << k;
  }
}

}  // namespace
}  // namespace mixer::mapping::address
