// BER/DER writer with back-patched lengths (X.690 8.1, 10, 11).
#include "x400/ber/writer.hpp"

#include <algorithm>

#include "x400/ber/unicode.hpp"

namespace mixer::x400::ber {

Tag tag_of(StringKind kind) {
  switch (kind) {
    case StringKind::numeric: return tags::kNumericString;
    case StringKind::printable: return tags::kPrintableString;
    case StringKind::teletex: return tags::kTeletexString;
    case StringKind::videotex: return tags::kVideotexString;
    case StringKind::ia5: return tags::kIa5String;
    case StringKind::graphic: return tags::kGraphicString;
    case StringKind::visible: return tags::kVisibleString;
    case StringKind::general: return tags::kGeneralString;
    case StringKind::universal: return tags::kUniversalString;
    case StringKind::bmp: return tags::kBmpString;
    case StringKind::utf8: return tags::kUtf8String;
  }
  return tags::kOctetString;
}

void Writer::identifier(Tag t, bool constructed) {
  const auto cls = static_cast<std::uint8_t>(static_cast<std::uint8_t>(t.cls) << 6);
  const std::uint8_t pc = constructed ? 0x20 : 0x00;
  if (t.number < 31) {
    out_.push_back(static_cast<std::uint8_t>(cls | pc | t.number));
    return;
  }
  out_.push_back(static_cast<std::uint8_t>(cls | pc | 0x1f));  // X.690 8.1.2.4
  std::uint8_t tmp[5];
  int n = 0;
  for (std::uint32_t v = t.number; v != 0; v >>= 7) tmp[n++] = static_cast<std::uint8_t>(v & 0x7f);
  while (n > 0) {
    --n;
    out_.push_back(static_cast<std::uint8_t>(tmp[n] | (n ? 0x80 : 0)));
  }
}

void Writer::length(std::size_t n) {
  if (n < 0x80) {
    out_.push_back(static_cast<std::uint8_t>(n));
    return;
  }
  int bytes = 0;
  for (std::size_t v = n; v != 0; v >>= 8) ++bytes;
  out_.push_back(static_cast<std::uint8_t>(0x80 | bytes));
  for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<std::uint8_t>((n >> (8 * i)) & 0xff));
}

Writer::Mark Writer::begin(Tag t) {
  const std::size_t start = out_.size();
  identifier(t, true);
  out_.push_back(0);
  open_.push_back(out_.size() - 1);
  return Mark{start, out_.size() - 1};
}

void Writer::end_or_drop_if_empty(Mark m) {
  if (!open_.empty() && open_.back() == m.length_at && out_.size() == m.length_at + 1) {
    open_.pop_back();
    out_.resize(m.start);
    return;
  }
  end(m);
}

void Writer::end(Mark m) {
  if (open_.empty() || open_.back() != m.length_at) {
    set_error(encode_error("Writer::end: elements closed out of order"));
    return;
  }
  open_.pop_back();
  const std::size_t len = out_.size() - m.length_at - 1;
  if (len < 0x80) {
    out_[m.length_at] = static_cast<std::uint8_t>(len);
    return;
  }
  // X.690 8.1.3.5: long form; move the contents to make room (CBB does the same).
  std::uint8_t tmp[sizeof(std::size_t)];
  int n = 0;
  for (std::size_t v = len; v != 0; v >>= 8) tmp[n++] = static_cast<std::uint8_t>(v & 0xff);
  out_[m.length_at] = static_cast<std::uint8_t>(0x80 | n);
  std::uint8_t lenbytes[sizeof(std::size_t)];
  for (int i = 0; i < n; ++i) lenbytes[i] = tmp[n - 1 - i];
  const auto at = out_.begin() + static_cast<std::ptrdiff_t>(m.length_at + 1);
  out_.insert(at, lenbytes, lenbytes + n);
}

void Writer::end_set_of_der(Mark m) {
  if (open_.empty() || open_.back() != m.length_at) {
    set_error(encode_error("Writer::end_set_of_der: elements closed out of order"));
    return;
  }
  const std::size_t start = m.length_at + 1;
  std::vector<std::vector<std::uint8_t>> parts;
  Reader r(Bytes(out_).subspan(start), Limits{.max_depth = Limits::kMaxDepth,
                                              .max_elements = Limits::kMaxElements,
                                              .max_total_size = Limits::kMaxTotalSize});
  while (!r.empty()) {
    auto e = r.next();
    if (!e.ok()) {
      set_error(encode_error("Writer::end_set_of_der: contents are not a sequence of TLVs"));
      return;
    }
    parts.emplace_back(e->encoding.begin(), e->encoding.end());
  }
  // X.690 11.6: ascending order as octet strings, the shorter padded with 0-octets.
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
      if (x != y) return x < y;
    }
    return false;
  });
  out_.resize(start);
  for (const auto& p : parts) out_.insert(out_.end(), p.begin(), p.end());
  end(m);
}

void Writer::primitive(Tag t, Bytes contents) {
  identifier(t, false);
  length(contents.size());
  out_.insert(out_.end(), contents.begin(), contents.end());
}

void Writer::raw(Bytes tlv) { out_.insert(out_.end(), tlv.begin(), tlv.end()); }

void Writer::boolean(bool v, Tag t) {
  const std::uint8_t b = v ? 0xff : 0x00;
  primitive(t, Bytes(&b, 1));
}

void Writer::integer(std::int64_t v, Tag t) {
  std::uint8_t buf[8];
  const auto u = static_cast<std::uint64_t>(v);
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<std::uint8_t>(u >> (56 - 8 * i));
  big_integer(Bytes(buf, 8), t);
}

void Writer::big_integer(Bytes v, Tag t) {
  if (v.empty()) {
    set_error(encode_error("INTEGER needs at least one octet"));
    return;
  }
  std::size_t skip = 0;  // X.690 8.3.2: drop redundant leading 0x00 / 0xFF octets
  while (skip + 1 < v.size() && ((v[skip] == 0x00 && (v[skip + 1] & 0x80) == 0) ||
                                 (v[skip] == 0xff && (v[skip + 1] & 0x80) != 0)))
    ++skip;
  primitive(t, v.subspan(skip));
}

void Writer::null(Tag t) { primitive(t, {}); }

namespace {
void put_base128(std::vector<std::uint8_t>& out, std::uint64_t v) {
  std::uint8_t tmp[10];
  int n = 0;
  do {
    tmp[n++] = static_cast<std::uint8_t>(v & 0x7f);
    v >>= 7;
  } while (v != 0);
  while (n > 0) {
    --n;
    out.push_back(static_cast<std::uint8_t>(tmp[n] | (n ? 0x80 : 0)));
  }
}
}  // namespace

void Writer::oid(const Oid& v, Tag t) {
  // X.690 8.19.4: the first two arcs X.Y are one subidentifier 40X+Y; X <= 2, Y < 40 when X < 2.
  if (v.arcs.size() < 2 || v.arcs[0] > 2 || (v.arcs[0] < 2 && v.arcs[1] >= 40) ||
      v.arcs[1] > ~std::uint64_t{0} - 80) {
    set_error(encode_error("OBJECT IDENTIFIER " + v.to_string() + " cannot be encoded (X.690 8.19.4)"));
    return;
  }
  std::vector<std::uint8_t> c;
  put_base128(c, v.arcs[0] * 40 + v.arcs[1]);
  for (std::size_t i = 2; i < v.arcs.size(); ++i) put_base128(c, v.arcs[i]);
  primitive(t, c);
}

void Writer::relative_oid(const Oid& v, Tag t) {
  if (v.arcs.empty()) {
    set_error(encode_error("RELATIVE-OID needs at least one arc"));
    return;
  }
  std::vector<std::uint8_t> c;
  for (auto a : v.arcs) put_base128(c, a);
  primitive(t, c);
}

void Writer::octets(Bytes v, Tag t) { primitive(t, v); }

void Writer::octets(std::string_view v, Tag t) {
  primitive(t, Bytes(reinterpret_cast<const std::uint8_t*>(v.data()), v.size()));
}

void Writer::bit_string(const BitString& v, Tag t) {
  const std::size_t nbytes = (v.bit_count + 7) / 8;
  if (v.bytes.size() < nbytes) {
    set_error(encode_error("BIT STRING has fewer octets than its bit count needs"));
    return;
  }
  identifier(t, false);
  length(nbytes + 1);
  const auto unused = static_cast<std::uint8_t>(nbytes * 8 - v.bit_count);
  out_.push_back(unused);  // X.690 8.6.2.2
  out_.insert(out_.end(), v.bytes.begin(), v.bytes.begin() + static_cast<std::ptrdiff_t>(nbytes));
  if (unused) out_.back() &= static_cast<std::uint8_t>(0xffu << unused);  // DER 11.2.1: unused bits zero
}

void Writer::string(std::string_view v, StringKind kind, Tag t) {
  if (kind == StringKind::bmp || kind == StringKind::universal) {
    auto ucs = utf8_to_ucs(v, kind == StringKind::bmp ? 2 : 4);
    if (!ucs) {
      set_error(encode_error(std::string("value cannot be encoded as a ") + to_string(kind)));
      return;
    }
    octets(std::string_view(*ucs), t);
    return;
  }
  if (!valid_string(kind, v)) {
    set_error(encode_error(std::string("characters not allowed in a ") + to_string(kind)));
    return;
  }
  octets(v, t);
}

void Writer::string(std::string_view v, StringKind kind) { string(v, kind, tag_of(kind)); }

void Writer::time(const Time& v, Tag t) { octets(std::string_view(v.to_string()), t); }

void Writer::time(const Time& v) {
  time(v, v.kind == TimeKind::utc_time ? tags::kUtcTime : tags::kGeneralizedTime);
}

void Writer::set_error(BerError e) {
  if (!failed_) {
    failed_ = true;
    error_ = std::move(e);
  }
}

BerResult<std::vector<std::uint8_t>> Writer::finish() && {
  if (failed_) return fail(std::move(error_));
  if (!open_.empty()) return fail(encode_error("Writer::finish: a constructed element was not closed"));
  return std::move(out_);
}

}  // namespace mixer::x400::ber
