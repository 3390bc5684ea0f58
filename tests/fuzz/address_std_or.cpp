// Fuzz target: the std-or / RFC 1685 parser (RFC 2156 4.1), the addr-spec
// parser and both mapping directions. Any input must give a value or an
// error that says why; a parsed address must print and re-parse to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mapping/address/map_address.hpp"
#include "mapping/address/or_prefix.hpp"
#include "mapping/address/ps_encoding.hpp"
#include "mapping/address/std_or.hpp"

namespace ma = mixer::mapping::address;

namespace {
const ma::MappingContext& context() {
  static const ma::MappingContext ctx = [] {
    ma::MappingContext c{ma::DomainTable("t1"), ma::OrTable("t2"), ma::DomainTable("g"), ma::OrTable("g"),
                         "gw.example.org", *ma::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/")};
    (void)c.table1.add({"xyz.com", *ma::parse_dmn_or("PRMD$XYZ.ADMD$BT.C$GB"), 1});
    (void)c.table2.add({"xyz.com", *ma::parse_dmn_or("PRMD$XYZ.ADMD$BT.C$GB"), 1});
    return c;
  }();
  return ctx;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto a = ma::parse_std_or(text);
  if (a.ok()) {
    auto printed = ma::print_std_or(*a);
    if (!printed.ok()) __builtin_trap();
    auto again = ma::parse_std_or(*printed);
    if (!again.ok() || !(*again == *a)) __builtin_trap();  // print is the inverse of parse
    auto rfc = ma::map_x400_to_822(context(), *a);
    if (rfc.ok() && !ma::parse_addr_spec(rfc->address).ok()) __builtin_trap();  // always valid RFC 5322
  } else if (a.error().what.empty()) {
    __builtin_trap();
  }
  auto x = ma::map_822_to_x400(context(), text);
  if (!x.ok() && x.error().what.empty()) __builtin_trap();
  auto dec = ma::ps_decode(text);
  if (dec.ok()) {
    auto enc = ma::ps_encode(*dec);
    if (!enc.ok()) __builtin_trap();
  }
  (void)ma::parse_dmn_or(text);
  return 0;
}
