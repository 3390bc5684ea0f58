// Contents decoding of the universal types (X.690 8.2-8.26).
#include "x400/ber/decode.hpp"

#include <limits>
#include <string>

#include "x400/ber/unicode.hpp"

namespace mixer::x400::ber {
namespace {

BerStatus need_primitive(const Element& e, const char* type) {
  if (e.constructed)
    return fail(unexpected(e.offset, std::string(type) + " must use the primitive encoding"));
  return Ok{};
}

BerResult<Oid> read_arcs(const Element& e, bool split_first, const char* type) {
  MIXER_BER_OK(need_primitive(e, type));
  if (e.content.empty()) return fail(malformed(e.offset, std::string(type) + " with no contents octets"));
  Oid oid;
  std::uint64_t v = 0;
  bool in_arc = false;
  for (std::size_t i = 0; i < e.content.size(); ++i) {
    const std::uint8_t c = e.content[i];
    if (!in_arc && c == 0x80)  // 8.19.2: the leading octet of a subidentifier shall not be 0x80
      return fail(malformed(e.content_offset + i, std::string(type) + " subidentifier has a leading 0x80 octet"));
    if (v > (std::numeric_limits<std::uint64_t>::max() >> 7))
      return fail(limit_exceeded(e.content_offset + i, std::string(type) + " arc does not fit in 64 bits"));
    v = (v << 7) | (c & 0x7fu);
    in_arc = (c & 0x80) != 0;
    if (!in_arc) {
      if (split_first && oid.arcs.empty()) {  // 8.19.4: first two arcs share one subidentifier
        const std::uint64_t first = v < 40 ? 0 : v < 80 ? 1 : 2;
        oid.arcs.push_back(first);
        oid.arcs.push_back(v - first * 40);
      } else {
        oid.arcs.push_back(v);
      }
      v = 0;
    }
  }
  if (in_arc) return fail(malformed(e.offset, std::string(type) + " ends inside a subidentifier"));
  return oid;
}

// Appends the segments of a constructed string (8.7.3 / 8.23.6 / 8.6.4).
BerStatus gather(const Element& e, Tag segment_tag, std::vector<std::uint8_t>& out, std::uint8_t* unused_bits) {
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto seg = MIXER_TRY(r.next());
    if (seg.tag != segment_tag)
      return fail(unexpected(seg.offset, "segment of a constructed string must be " + segment_tag.to_string() +
                                             ", found " + seg.tag.to_string()));
    if (unused_bits && *unused_bits != 0)
      return fail(malformed(seg.offset, "only the last BIT STRING segment may have unused bits (X.690 8.6.4)"));
    if (seg.constructed) {
      MIXER_BER_OK(gather(seg, segment_tag, out, unused_bits));
    } else if (unused_bits) {
      if (seg.content.empty()) return fail(malformed(seg.offset, "BIT STRING segment without initial octet"));
      if (seg.content[0] > 7 || (seg.content.size() == 1 && seg.content[0] != 0))
        return fail(malformed(seg.offset, "BIT STRING unused-bits octet out of range (X.690 8.6.2.2)"));
      *unused_bits = seg.content[0];
      out.insert(out.end(), seg.content.begin() + 1, seg.content.end());
    } else {
      out.insert(out.end(), seg.content.begin(), seg.content.end());
    }
  }
  return Ok{};
}

BerResult<std::string> check_chars(const Element& e, StringKind kind, std::string s) {
  if (!valid_string(kind, s))
    return fail(unexpected(e.offset, std::string("characters not allowed in a ") + to_string(kind)));
  return s;
}

}  // namespace

BerResult<bool> read_boolean(const Element& e) {
  MIXER_BER_OK(need_primitive(e, "BOOLEAN"));
  if (e.content.size() != 1) return fail(malformed(e.offset, "BOOLEAN must have exactly one contents octet"));
  return e.content[0] != 0;
}

BerResult<Bytes> read_big_integer(const Element& e) {
  MIXER_BER_OK(need_primitive(e, "INTEGER"));
  if (e.content.empty()) return fail(malformed(e.offset, "INTEGER with no contents octets (X.690 8.3.1)"));
  if (e.content.size() > 1 && ((e.content[0] == 0x00 && (e.content[1] & 0x80) == 0) ||
                               (e.content[0] == 0xff && (e.content[1] & 0x80) != 0)))
    return fail(malformed(e.offset, "INTEGER is not minimally encoded (X.690 8.3.2)"));
  return e.content;
}

BerResult<std::int64_t> read_integer(const Element& e) {
  auto bytes = MIXER_TRY(read_big_integer(e));
  if (bytes.size() > 8) return fail(limit_exceeded(e.offset, "INTEGER does not fit in 64 bits"));
  std::uint64_t v = (bytes[0] & 0x80) ? ~std::uint64_t{0} : 0;
  for (auto b : bytes) v = (v << 8) | b;
  return static_cast<std::int64_t>(v);
}

BerStatus read_null(const Element& e) {
  MIXER_BER_OK(need_primitive(e, "NULL"));
  if (!e.content.empty()) return fail(malformed(e.offset, "NULL must have no contents octets (X.690 8.8.2)"));
  return Ok{};
}

BerResult<Oid> read_oid(const Element& e) { return read_arcs(e, true, "OBJECT IDENTIFIER"); }
BerResult<Oid> read_relative_oid(const Element& e) { return read_arcs(e, false, "RELATIVE-OID"); }

BerResult<Bytes> read_octets(const Element& e, std::vector<std::uint8_t>& scratch) {
  if (!e.constructed) return e.content;
  scratch.clear();
  MIXER_BER_OK(gather(e, tags::kOctetString, scratch, nullptr));
  return Bytes(scratch);
}

BerResult<std::vector<std::uint8_t>> read_octets_copy(const Element& e) {
  std::vector<std::uint8_t> scratch;
  auto v = MIXER_TRY(read_octets(e, scratch));
  if (!e.constructed) return std::vector<std::uint8_t>(v.begin(), v.end());
  return scratch;
}

BerResult<BitString> read_bit_string(const Element& e) {
  BitString bs;
  std::uint8_t unused = 0;
  if (e.constructed) {
    MIXER_BER_OK(gather(e, tags::kBitString, bs.bytes, &unused));
  } else {
    if (e.content.empty()) return fail(malformed(e.offset, "BIT STRING without initial octet (X.690 8.6.2)"));
    unused = e.content[0];
    if (unused > 7 || (e.content.size() == 1 && unused != 0))
      return fail(malformed(e.offset, "BIT STRING unused-bits octet out of range (X.690 8.6.2.2)"));
    bs.bytes.assign(e.content.begin() + 1, e.content.end());
  }
  bs.bit_count = bs.bytes.size() * 8 - unused;
  // Unused bits may hold any value in BER (8.6.2.3); clear them so equal values compare equal.
  if (unused != 0) bs.bytes.back() &= static_cast<std::uint8_t>(0xffu << unused);
  return bs;
}

BerResult<std::string> read_string(const Element& e, StringKind kind) {
  std::vector<std::uint8_t> scratch;
  auto raw = MIXER_TRY(read_octets(e, scratch));
  std::string_view bytes(reinterpret_cast<const char*>(raw.data()), raw.size());
  if (kind == StringKind::bmp) {
    auto s = ucs_to_utf8(bytes, 2);
    if (!s) return fail(unexpected(e.offset, "BMPString is not valid UCS-2"));
    return std::move(*s);
  }
  if (kind == StringKind::universal) {
    auto s = ucs_to_utf8(bytes, 4);
    if (!s) return fail(unexpected(e.offset, "UniversalString is not valid UCS-4"));
    return std::move(*s);
  }
  return check_chars(e, kind, std::string(bytes));
}

BerResult<Time> read_time(const Element& e, TimeKind kind) {
  std::vector<std::uint8_t> scratch;
  auto raw = MIXER_TRY(read_octets(e, scratch));
  std::string_view text(reinterpret_cast<const char*>(raw.data()), raw.size());
  auto t = Time::parse(kind, text);
  if (!t)
    return fail(unexpected(e.offset, std::string(kind == TimeKind::utc_time ? "UTCTime" : "GeneralizedTime") +
                                         " value is not valid: \"" + std::string(text.substr(0, 40)) + "\""));
  return *t;
}

BerResult<Time> read_any_time(const Element& e) {
  if (e.tag == tags::kUtcTime) return read_time(e, TimeKind::utc_time);
  if (e.tag == tags::kGeneralizedTime) return read_time(e, TimeKind::generalized_time);
  return fail(unexpected(e.offset, "expected UTCTime or GeneralizedTime, found " + e.tag.to_string()));
}

}  // namespace mixer::x400::ber
