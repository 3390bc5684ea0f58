// Mapping-table files (RFC 2156 App. F): the project's example tables parse,
// bad lines are reported with file and line, and loaded tables drive the
// mapping.
#include <gtest/gtest.h>

#include "config/tables/table_file.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::config::tables {
namespace {

namespace ma = mixer::mapping::address;
const std::filesystem::path kExamples = std::filesystem::path(MIXER_SOURCE_DIR) / "config" / "examples";

TEST(TableFile, ExampleTablesParse) {
  ma::MappingContext ctx;
  auto t1 = load_table_file(kExamples / "table1.table", TableKind::kTable1, ctx);
  ASSERT_TRUE(t1.ok()) << t1.error().front().to_string();
  auto t2 = load_table_file(kExamples / "table2.table", TableKind::kTable2, ctx);
  ASSERT_TRUE(t2.ok()) << t2.error().front().to_string();
  auto gw = load_table_file(kExamples / "gateway.table", TableKind::kGateway, ctx);
  ASSERT_TRUE(gw.ok()) << gw.error().front().to_string();
  EXPECT_EQ(ctx.table1.size(), 4u);
  EXPECT_EQ(ctx.table2.size(), 4u);
  EXPECT_EQ(ctx.gate1.size(), 1u);
  EXPECT_EQ(ctx.gate2.size(), 1u);
  EXPECT_EQ(ctx.table1.entries()[1].line, 7u);

  ctx.local_domain = "gw.example.org";
  ctx.local_or = *ma::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  auto x = ma::map_822_to_x400(ctx, "Jones@R-D.Salford.AC.UK");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(*ma::print_std_or(x->address), "/S=Jones/OU=R-D/O=Salford/PRMD=UK.AC/ADMD=GOLD 400/C=GB/");
  EXPECT_NE(x->decision.explain().find("table1.table:7"), std::string::npos) << x->decision.explain();
  auto r = ma::map_x400_to_822(ctx, *ma::parse_std_or("/C=FR/ADMD=ATLAS/S=Dupont/"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address, "/S=Dupont/ADMD=ATLAS/C=FR/@x400gw.example.fr");
  EXPECT_NE(r->decision.explain().find("gateway.table:9"), std::string::npos) << r->decision.explain();
}

TEST(TableFile, CommentsBlankLinesCrlfAndIdn) {
  ma::MappingContext ctx;
  auto ok = parse_table("# c\r\n\r\n   \nxyz.com#PRMD$XYZ.ADMD$BT.C$GB#\r\nM\xc3\xbcnchen.example#ADMD$ .C$DE#\n",
                        "t1", TableKind::kTable1, ctx);
  ASSERT_TRUE(ok.ok()) << ok.error().front().to_string();
  ASSERT_EQ(ctx.table1.size(), 2u);
  EXPECT_EQ(ctx.table1.entries()[1].domain, "xn--mnchen-3ya.example");
  EXPECT_EQ(ctx.table1.entries()[1].line, 5u);
  EXPECT_EQ(*ctx.table1.entries()[1].prefix.levels[1], " ");  // trailing space kept: that is what the '#' is for
}

TEST(TableFile, BadLinesNameFileAndLine) {
  struct Bad {
    TableKind kind;
    const char* line;
    const char* message;
  };
  const Bad bad[] = {
      {TableKind::kTable1, "xyz.com#PRMD$XYZ.ADMD$BT.C$GB", "trailing '#'"},
      {TableKind::kTable1, "xyz.com", "missing '#'"},
      {TableKind::kTable1, "xyz.com#PRMD$XYZ.ADMD$BT.C$GB#extra#", "more than two fields"},
      {TableKind::kTable1, "PRMD$XYZ.ADMD$BT.C$GB#xyz.com#", "must be a domain"},
      {TableKind::kTable2, "xyz.com#PRMD$XYZ.ADMD$BT.C$GB#", "must be a dmn-or"},
      {TableKind::kTable1, "xyz.com#PRMD$XYZ.C$GB#", "C and ADMD"},  // PRMD without ADMD
      {TableKind::kTable1, "xyz.com#S$Smith.ADMD$BT.C$GB#", "unknown"},
      {TableKind::kTable1, "xyz.com#PRMDXYZ.ADMD$BT.C$GB#", "without '$'"},
      {TableKind::kTable1, "xyz.com#PRMD$ABCDEFGHIJKLMNOPQ.ADMD$BT.C$GB#", "longer than 16"},
      {TableKind::kTable1, "xyz.com#ADMD$BT.C$GBR#", "2 letters"},
      {TableKind::kTable1, "xy_z.com#ADMD$BT.C$GB#", "outside letters"},
      {TableKind::kTable1, "xyz..com#ADMD$BT.C$GB#", "bad domain label"},
      {TableKind::kTable2, "ADMD$BT.C$GB#\xe2\x98\x83.com#", "IDNA2008"},
  };
  for (const auto& b : bad) {
    ma::MappingContext ctx;
    const std::string text = std::string("# header\n") + b.line + "\n";
    auto r = parse_table(text, "bad.table", b.kind, ctx);
    ASSERT_FALSE(r.ok()) << b.line;
    ASSERT_EQ(r.error().size(), 1u);
    EXPECT_EQ(r.error()[0].line, 2u);
    const std::string msg = r.error()[0].to_string();
    EXPECT_EQ(msg.rfind("bad.table:2: ", 0), 0u) << msg;
    EXPECT_NE(msg.find(b.message), std::string::npos) << b.line << " -> " << msg;
  }
}

TEST(TableFile, DuplicatesAndErrorLimit) {
  ma::MappingContext ctx;
  auto dup = parse_table("xyz.com#ADMD$BT.C$GB#\nXYZ.com#ADMD$X.C$GB#\n", "d", TableKind::kTable1, ctx);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error()[0].message.find("already mapped (line 1)"), std::string::npos);
  std::string many;
  for (int i = 0; i < 100; ++i) many += "bad line\n";
  auto lim = parse_table(many, "m", TableKind::kTable1, ctx, TableLimits{5, 4096});
  ASSERT_FALSE(lim.ok());
  EXPECT_EQ(lim.error().size(), 5u);
  auto longline = parse_table(std::string(5000, 'a') + "#ADMD$BT.C$GB#\n", "l", TableKind::kTable1, ctx);
  ASSERT_FALSE(longline.ok());
  EXPECT_NE(longline.error()[0].message.find("longer than 4096"), std::string::npos);
}

TEST(TableFile, MissingFile) {
  ma::MappingContext ctx;
  auto r = load_table_file("/nonexistent/table1", TableKind::kTable1, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()[0].to_string(), "/nonexistent/table1:0: cannot open the table file");
}

TEST(TableFile, LongestMatchFromFile) {
  mixer::test::TempDir dir;
  mixer::test::write_file(dir / "t1",
                          "com#ADMD$ .C$US#\nxyz.com#PRMD$XYZ.ADMD$BT.C$GB#\nb.xyz.com#O$B.PRMD$XYZ.ADMD$BT.C$GB#\n");
  ma::MappingContext ctx;
  ASSERT_TRUE(load_table_file(dir / "t1", TableKind::kTable1, ctx).ok());
  auto m = ctx.table1.longest_match("a.b.xyz.com");
  ASSERT_TRUE(m);
  EXPECT_EQ(m.entry->line, 3u);
  EXPECT_EQ(ctx.table1.longest_match("ab.xyz.com").entry->line, 2u);
  EXPECT_EQ(ctx.table1.longest_match("bxyz.com").entry->line, 1u);  // label boundary
  EXPECT_FALSE(ctx.table1.longest_match("example.org"));
}

}  // namespace
}  // namespace mixer::config::tables
