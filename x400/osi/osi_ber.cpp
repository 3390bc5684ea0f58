#include "x400/osi/osi_ber.hpp"

#include <limits>

namespace mixer::x400::osi {

const ber::Limits& osi_ber_limits() {
  static const ber::Limits limits = [] {
    ber::Limits l;
    l.max_depth = kOsiBerMaxDepth;
    l.max_total_size = ber::Limits::kMaxTotalSize;
    return l;
  }();
  return limits;
}

OsiError from_ber(const ber::BerError& e, const char* layer, const std::string& where) {
  const std::string path = e.path.empty() ? where : where + "." + e.path;
  if (e.kind == ber::BerErrorKind::limit) return limit_error(layer, path, e.offset, e.message);
  return peer_error(layer, path, e.offset, e.message);
}

Result<Element, OsiError> read_one(ByteView in, const char* layer, const char* what) {
  ber::Reader r(in, osi_ber_limits());
  auto e = r.next();
  if (!e) return fail(from_ber(e.error(), layer, what));
  if (!r.empty()) return fail(peer_error(layer, what, r.offset(), "trailing octets after the PDU"));
  return std::move(e).value();
}

namespace {
Result<std::vector<Element>, OsiError> all(ber::Reader r, const char* layer, const char* what) {
  std::vector<Element> out;
  while (!r.empty()) {
    auto e = r.next();
    if (!e) return fail(from_ber(e.error(), layer, what));
    out.push_back(std::move(e).value());
  }
  return out;
}
}  // namespace

Result<std::vector<Element>, OsiError> children(const Element& e, const char* layer) {
  auto r = e.children();
  if (!r) return fail(from_ber(r.error(), layer, e.tag.to_string()));
  return all(std::move(r).value(), layer, e.tag.to_string().c_str());
}

Result<std::vector<Element>, OsiError> members(ByteView contents, const char* layer) {
  return all(ber::Reader(contents, osi_ber_limits()), layer, "SET members");
}

Result<Bytes, OsiError> octets(const Element& e, const char* layer) {
  auto v = ber::read_octets_copy(e);
  if (!v) return fail(from_ber(v.error(), layer, e.tag.to_string()));
  return std::move(v).value();
}

Result<long, OsiError> small_integer(const Element& e, const char* layer) {
  auto v = ber::read_integer(e);
  if (!v) return fail(from_ber(v.error(), layer, e.tag.to_string()));
  if (*v > std::numeric_limits<std::int32_t>::max() || *v < std::numeric_limits<std::int32_t>::min())
    return fail(peer_error(layer, e.tag.to_string(), e.offset, "INTEGER outside 32 bits"));
  return static_cast<long>(*v);
}

Bytes tlv(Tag t, bool constructed, ByteView content) {
  ber::Writer w;
  w.reserve(content.size() + 8);
  if (constructed) {
    auto m = w.begin(t);
    w.raw(content);
    w.end(m);
  } else {
    w.primitive(t, content);
  }
  auto out = std::move(w).finish();
  return out ? std::move(out).value() : Bytes{};  // cannot fail: every element is closed
}

Bytes integer(long v, Tag t) {
  ber::Writer w;
  w.integer(v, t);
  auto out = std::move(w).finish();
  return out ? std::move(out).value() : Bytes{};
}

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace mixer::x400::osi
