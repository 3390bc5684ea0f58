#include "x400/osi/tlv.hpp"

#include <limits>

namespace mixer::x400::osi {

Result<Tlv, OsiError> read_tlv(ByteView in, std::size_t base, const char* layer, unsigned depth) {
  if (depth > kMaxTlvDepth) return fail(limit_error(layer, "BER", base, "nesting deeper than kMaxTlvDepth"));
  Tlv t;
  t.offset = base;
  std::size_t i = 0;
  if (in.empty()) return fail(peer_error(layer, "BER identifier", base, "missing"));
  t.cls = in[0] >> 6;
  t.constructed = (in[0] & 0x20) != 0;
  t.tag = in[0] & 0x1f;
  ++i;
  if (t.tag == 0x1f) {  // X.690 §8.1.2.4 high tag number
    t.tag = 0;
    for (int n = 0;; ++n) {
      if (i >= in.size() || n > 4) return fail(peer_error(layer, "BER identifier", base + i, "bad high tag number"));
      t.tag = (t.tag << 7) | (in[i] & 0x7f);
      if (!(in[i++] & 0x80)) break;
    }
  }
  if (i >= in.size()) return fail(peer_error(layer, "BER length", base + i, "missing"));
  const std::uint8_t l0 = in[i++];
  if (l0 == 0x80) {  // §8.1.3.6 indefinite
    if (!t.constructed) return fail(peer_error(layer, "BER length", base + i - 1, "indefinite length on a primitive"));
    t.header = i;
    std::size_t j = i;
    while (true) {
      if (j + 2 > in.size()) return fail(peer_error(layer, "BER contents", base + j, "missing end-of-contents"));
      if (in[j] == 0 && in[j + 1] == 0) break;
      auto child = read_tlv(in.subspan(j), base + j, layer, depth + 1);
      if (!child) return fail(std::move(child).error());
      j += child->total;
    }
    t.content = in.subspan(i, j - i);
    t.total = j + 2;
  } else {
    std::size_t len = l0;
    if (l0 & 0x80) {
      const std::size_t n = l0 & 0x7f;
      if (n > 4 || i + n > in.size()) return fail(peer_error(layer, "BER length", base + i - 1, "unsupported or truncated long length"));
      len = 0;
      for (std::size_t k = 0; k < n; ++k) len = (len << 8) | in[i++];
    }
    if (len > in.size() - i)
      return fail(peer_error(layer, "BER length", base + i, "length " + std::to_string(len) + " runs past the data"));
    t.header = i;
    t.content = in.subspan(i, len);
    t.total = i + len;
  }
  t.encoding = in.first(t.total);
  return t;
}

Result<std::vector<Tlv>, OsiError> read_children(const Tlv& t, const char* layer, unsigned depth) {
  std::vector<Tlv> out;
  if (!t.constructed) return fail(peer_error(layer, "BER", t.offset, "constructed encoding expected"));
  for (std::size_t j = 0; j < t.content.size();) {
    auto c = read_tlv(t.content.subspan(j), t.offset + t.header + j, layer, depth + 1);
    if (!c) return fail(std::move(c).error());
    j += c->total;
    out.push_back(*c);
  }
  return out;
}

Result<Bytes, OsiError> string_contents(const Tlv& t, const char* layer, unsigned depth) {
  if (!t.constructed) return Bytes(t.content.begin(), t.content.end());
  Bytes out;
  auto kids = MIXER_TRY(read_children(t, layer, depth));
  for (const auto& k : kids) {
    auto part = MIXER_TRY(string_contents(k, layer, depth + 1));
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

Result<long, OsiError> integer_value(const Tlv& t, const char* layer) {
  if (t.constructed || t.content.empty() || t.content.size() > 4)
    return fail(peer_error(layer, "INTEGER", t.offset, "bad INTEGER encoding"));
  long v = (t.content[0] & 0x80) ? -1 : 0;
  for (auto b : t.content) v = (v << 8) | b;
  return v;
}

Bytes tlv(std::uint8_t cls, bool constructed, std::uint32_t tag, ByteView content) {
  Bytes out;
  const std::uint8_t id = static_cast<std::uint8_t>((cls << 6) | (constructed ? 0x20 : 0));
  if (tag < 31) {
    out.push_back(static_cast<std::uint8_t>(id | tag));
  } else {
    out.push_back(static_cast<std::uint8_t>(id | 0x1f));
    std::uint8_t tmp[5];
    int n = 0;
    do {
      tmp[n++] = static_cast<std::uint8_t>(tag & 0x7f);
      tag >>= 7;
    } while (tag);
    while (n--) out.push_back(static_cast<std::uint8_t>(tmp[n] | (n ? 0x80 : 0)));
  }
  const std::size_t len = content.size();
  if (len < 128) {
    out.push_back(static_cast<std::uint8_t>(len));
  } else {
    int n = 0;
    for (std::size_t l = len; l; l >>= 8) ++n;
    out.push_back(static_cast<std::uint8_t>(0x80 | n));
    for (int k = n - 1; k >= 0; --k) out.push_back(static_cast<std::uint8_t>(len >> (8 * k)));
  }
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

Bytes integer(long v, std::uint8_t cls, std::uint32_t tag) {
  Bytes c;
  int n = 1;
  while (n < 4 && (v >= (1L << (8 * n - 1)) || v < -(1L << (8 * n - 1)))) ++n;
  for (int k = n - 1; k >= 0; --k) c.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
  return tlv(cls, false, tag, c);
}

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace mixer::x400::osi
