// The gateway environment of the address tests (digest §8): local domain
// gw.example.org, local O/R address /C=GB/ADMD=BT/PRMD=GW/O=MIXER/, and small
// tables of each kind built in code (the file parser is tested in
// tests/config/tables).
#pragma once

#include <gtest/gtest.h>

#include "mapping/address/context.hpp"
#include "mapping/address/or_prefix.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::mapping::address::test {

inline void add_entry(DomainTable& t, const char* domain, const char* dmn, std::size_t line) {
  auto p = parse_dmn_or(dmn);
  ASSERT_TRUE(p.ok()) << dmn;
  ASSERT_TRUE(t.add({domain, *p, line}).ok());
}
inline void add_entry(OrTable& t, const char* dmn, const char* domain, std::size_t line) {
  auto p = parse_dmn_or(dmn);
  ASSERT_TRUE(p.ok()) << dmn;
  ASSERT_TRUE(t.add({domain, *p, line}).ok());
}

inline MappingContext make_context() {
  MappingContext ctx{DomainTable("table1"), OrTable("table2"), DomainTable("gateway"), OrTable("gateway"),
                     "gw.example.org", *parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/")};
  add_entry(ctx.table1, "xyz.com", "PRMD$XYZ.ADMD$BT.C$GB", 1);
  add_entry(ctx.table1, "ac.uk", "PRMD$UK\\.AC.ADMD$GOLD 400.C$GB", 2);
  add_entry(ctx.table1, "gmd.dfn", "O$@.PRMD$GMD.ADMD$DBP.C$DE", 3);
  add_entry(ctx.table1, "sales.bigcorp.com", "O$Big Corp.ADMD$ .C$US", 4);
  add_entry(ctx.table2, "PRMD$XYZ.ADMD$BT.C$GB", "xyz.com", 1);
  add_entry(ctx.table2, "PRMD$UK\\.AC.ADMD$GOLD 400.C$GB", "ac.uk", 2);
  add_entry(ctx.table2, "O$@.PRMD$GMD.ADMD$DBP.C$DE", "gmd.dfn", 3);
  add_entry(ctx.table2, "O$Big Corp.ADMD$ .C$US", "sales.bigcorp.com", 4);
  add_entry(ctx.gate1, "ADMD$ATLAS.C$FR", "x400gw.example.fr", 5);
  add_entry(ctx.gate2, "example.net", "O$Relay.PRMD$OTHER.ADMD$BT.C$GB", 6);
  return ctx;
}

}  // namespace mixer::mapping::address::test
