// Test helper: walks any BER encoding and renders it as compact text
// (e.g. "SEQ{INT(5),OID(1.2.840)}"), decoding every universal type with the
// x400/ber read_* functions. Used to drive the table-driven vectors and the
// truncation / corruption loops.
#pragma once

#include <string>

#include "x400/ber/ber.hpp"

namespace mixer::x400::ber::testing {

inline BerResult<std::string> dump_all(Reader& r);

inline BerResult<std::string> dump_element(const Element& e) {
  if (e.tag.cls != TagClass::universal) {
    std::string s = e.tag.to_string();
    if (e.constructed) {
      auto r = MIXER_TRY(e.children());
      return s + "{" + MIXER_TRY(dump_all(r)) + "}";
    }
    return s + "(" + std::to_string(e.content.size()) + ")";
  }
  switch (e.tag.number) {
    case 1: return std::string(MIXER_TRY(read_boolean(e)) ? "TRUE" : "FALSE");
    case 2: return "INT(" + std::to_string(MIXER_TRY(read_integer(e))) + ")";
    case 3: {
      auto b = MIXER_TRY(read_bit_string(e));
      std::string s = "BITS(";
      for (std::size_t i = 0; i < b.bit_count; ++i) s.push_back(b.test(i) ? '1' : '0');
      return s + ")";
    }
    case 4: {
      auto v = MIXER_TRY(read_octets_copy(e));
      return "OCT(" + std::string(v.begin(), v.end()) + ")";
    }
    case 5: MIXER_BER_OK(read_null(e)); return std::string("NULL");
    case 6: return "OID(" + MIXER_TRY(read_oid(e)).to_string() + ")";
    case 8: return "EXT(" + std::to_string(MIXER_TRY(read_external(e)).data.size()) + ")";
    case 10: return "ENUM(" + std::to_string(MIXER_TRY(read_enumerated(e))) + ")";
    case 12: return "UTF8(" + MIXER_TRY(read_string(e, StringKind::utf8)) + ")";
    case 13: return "ROID(" + MIXER_TRY(read_relative_oid(e)).to_string() + ")";
    case 16:
    case 17: {
      auto r = MIXER_TRY(e.children());
      return std::string(e.tag.number == 16 ? "SEQ{" : "SET{") + MIXER_TRY(dump_all(r)) + "}";
    }
    case 18: return "NUM(" + MIXER_TRY(read_string(e, StringKind::numeric)) + ")";
    case 19: return "PRT(" + MIXER_TRY(read_string(e, StringKind::printable)) + ")";
    case 20: return "T61(" + MIXER_TRY(read_string(e, StringKind::teletex)) + ")";
    case 22: return "IA5(" + MIXER_TRY(read_string(e, StringKind::ia5)) + ")";
    case 23: return "UTC(" + MIXER_TRY(read_time(e, TimeKind::utc_time)).to_string() + ")";
    case 24: return "GT(" + MIXER_TRY(read_time(e, TimeKind::generalized_time)).to_string() + ")";
    case 25: return "GRA(" + MIXER_TRY(read_string(e, StringKind::graphic)) + ")";
    case 26: return "VIS(" + MIXER_TRY(read_string(e, StringKind::visible)) + ")";
    case 27: return "GEN(" + MIXER_TRY(read_string(e, StringKind::general)) + ")";
    case 28: return "UNI(" + MIXER_TRY(read_string(e, StringKind::universal)) + ")";
    case 30: return "BMP(" + MIXER_TRY(read_string(e, StringKind::bmp)) + ")";
    default: return "U" + std::to_string(e.tag.number) + "(" + std::to_string(e.content.size()) + ")";
  }
}

inline BerResult<std::string> dump_all(Reader& r) {
  std::string out;
  while (!r.empty()) {
    auto e = MIXER_TRY(r.next());
    if (!out.empty()) out += ",";
    out += MIXER_TRY(dump_element(e));
  }
  return out;
}

inline BerResult<std::string> dump(Bytes b, const Limits& limits = {}) {
  Reader r(b, limits);
  return dump_all(r);
}

}  // namespace mixer::x400::ber::testing
