// RecordIndex (the tables' hot records) and DomainTable::longest_match's
// one-pass suffix walk: growth keeps every record findable, duplicates and
// over-limit fields are reported, and the walk gives the same answer as a
// plain "every whole-label suffix, longest first" scan - including inputs
// with more candidate suffixes than the prefetch window (slow path), a
// trailing dot and the empty domain.
#include <gtest/gtest.h>

#include <string>

#include "mapping/address/or_prefix.hpp"
#include "mapping/address/record_index.hpp"
#include "mapping/address/tables.hpp"

namespace mixer::mapping::address {
namespace {

TEST(RecordIndex, GrowsAndFindsEveryRecord) {
  RecordIndex idx;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const std::string key = "k" + std::to_string(i);
    ASSERT_EQ(idx.insert(KeyIndex::hash(key), key, i, i + 1, "v" + std::to_string(i)).status,
              RecordIndex::Insert::kAdded);
  }
  EXPECT_EQ(idx.size(), 5000u);
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const std::string key = "k" + std::to_string(i);
    RecordView r;
    ASSERT_TRUE(idx.find(KeyIndex::hash(key), key, r)) << key;
    EXPECT_EQ(r.entry, i);
    EXPECT_EQ(r.line, i + 1);
    EXPECT_EQ(r.key, key);
    EXPECT_EQ(r.value, "v" + std::to_string(i));
  }
  RecordView r;
  EXPECT_FALSE(idx.find(KeyIndex::hash("k5000"), "k5000", r));
  EXPECT_FALSE(idx.find(KeyIndex::hash(""), "", r));
}

TEST(RecordIndex, SameTagDifferentKeyIsNotAHit) {
  RecordIndex idx;
  // One hash for two keys: the key bytes decide.
  ASSERT_EQ(idx.insert(42, "alpha", 0, 1, "a").status, RecordIndex::Insert::kAdded);
  ASSERT_EQ(idx.insert(42, "beta", 1, 2, "b").status, RecordIndex::Insert::kAdded);
  RecordView r;
  ASSERT_TRUE(idx.find(42, "beta", r));
  EXPECT_EQ(r.entry, 1u);
  ASSERT_TRUE(idx.find(42, "alpha", r));
  EXPECT_EQ(r.value, "a");
  EXPECT_FALSE(idx.find(42, "gamma", r));
}

TEST(RecordIndex, DuplicateAndOverLimit) {
  RecordIndex idx;
  ASSERT_EQ(idx.insert(7, "x", 3, 1, "").status, RecordIndex::Insert::kAdded);
  const auto dup = idx.insert(7, "x", 9, 2, "other");
  EXPECT_EQ(dup.status, RecordIndex::Insert::kDuplicate);
  EXPECT_EQ(dup.existing, 3u);
  const std::string big(RecordIndex::kMaxField + 1, 'a');
  EXPECT_EQ(idx.insert(8, big, 4, 3, "").status, RecordIndex::Insert::kFull);
  EXPECT_EQ(idx.insert(9, "y", 4, 3, big).status, RecordIndex::Insert::kFull);
  EXPECT_EQ(idx.size(), 1u);
}

TEST(PackedPrefix, RoundTripsLevelsAndOmissions) {
  auto p = parse_dmn_or("OU$Sales.O$@.PRMD$XYZ.ADMD$ .C$GB");
  ASSERT_TRUE(p.ok());
  const auto packed = pack_prefix(*p);
  ASSERT_TRUE(packed);
  const PackedPrefix view(*packed);
  ASSERT_EQ(view.depth(), p->depth());
  view.for_each([&](std::size_t k, std::optional<std::string_view> v) {
    ASSERT_EQ(v.has_value(), p->levels[k].has_value()) << k;
    if (v) {
      EXPECT_EQ(*v, *p->levels[k]) << k;
    }
  });
  x400::ORAddress a, b;
  apply_prefix(a, *p);
  apply_prefix(b, view);
  EXPECT_EQ(a, b);
}

// The reference: every whole-label suffix, longest first, by find on a
// plain map of the entries.
std::size_t reference_line(const DomainTable& t, std::string_view domain, std::size_t& covered) {
  std::size_t labels = 1;
  for (char c : domain) labels += c == '.';
  for (std::size_t start = 0;; --labels) {
    for (const auto& e : t.entries())
      if (e.domain == domain.substr(start)) {
        covered = labels;
        return e.line;
      }
    const auto dot = domain.find('.', start);
    if (dot == std::string_view::npos) return 0;
    start = dot + 1;
  }
}

TEST(DomainTableWalk, SameAsSuffixScanIncludingSlowPath) {
  DomainTable t("walk");
  const auto prefix = parse_dmn_or("PRMD$P.ADMD$A.C$GB");
  ASSERT_TRUE(prefix.ok());
  std::size_t line = 0;
  std::string deep = "z";
  for (const char* d : {"com", "xyz.com", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t", "t", "b.", ""})
    ASSERT_TRUE(t.add({d, *prefix, ++line}).ok()) << d;
  // Every label count from 1 to 30 present: inputs of 20+ labels have more
  // candidate suffixes than the prefetch window.
  for (int k = 0; k < 30; ++k) {
    deep = "l" + std::to_string(k) + "." + deep;
    ASSERT_TRUE(t.add({deep, *prefix, ++line}).ok());
  }
  const std::string inputs[] = {"xyz.com", "a.xyz.com", "axyz.com", "com", "org", "", ".", "a.b.", "b.", "x.b.",
                                "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t", "q.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t",
                                "b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t", "x." + deep, deep, "l3.l2.l1.l0.z",
                                "m.l3.l2.l1.l0.z", "l0.zz", "...", "a..t"};
  for (const auto& in : inputs) {
    std::size_t covered = 0;
    const std::size_t want = reference_line(t, in, covered);
    const auto m = t.longest_match(in);
    if (want == 0) {
      EXPECT_FALSE(m) << in;
      continue;
    }
    ASSERT_TRUE(m) << in;
    EXPECT_EQ(m.line, want) << in;
    EXPECT_EQ(m.entry->line, want) << in;
    EXPECT_EQ(m.covered, covered) << in;
    EXPECT_EQ(m.domain, m.entry->domain) << in;
    EXPECT_EQ(m.prefix.depth(), m.entry->prefix.depth()) << in;
  }
}

TEST(OrTableRecord, MatchCarriesDomainAndLine) {
  OrTable t("t2");
  auto p = parse_dmn_or("PRMD$XYZ.ADMD$BT.C$GB");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(t.add({"a-rather-long-domain-name.example.com", *p, 12}).ok());
  const auto dup = t.add({"other.example", *p, 13});
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().what.find("line 12"), std::string::npos) << dup.error().what;
  x400::ORAddress a;
  apply_prefix(a, *p);
  a.organization_name = "Sales";
  const auto m = t.longest_match(a);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.domain, "a-rather-long-domain-name.example.com");
  EXPECT_EQ(m.line, 12u);
  EXPECT_EQ(m.covered, 3u);
}

}  // namespace
}  // namespace mixer::mapping::address
