#include "x400/osi/acse.hpp"

namespace mixer::x400::osi {
namespace {

constexpr const char* kL = "acse";

Result<Element, OsiError> top(ByteView in, std::uint32_t tag, const char* what) {
  auto t = MIXER_TRY(read_one(in, kL, what));
  if (t.tag != application(tag)) return fail(peer_error(kL, what, 0, "unexpected APDU tag"));
  return t;
}

Result<std::vector<External>, OsiError> user_info(const Element& t) {
  std::vector<External> out;
  for (const auto& e : MIXER_TRY(children(t, kL))) out.push_back(MIXER_TRY(decode_external(e, kL)));
  return out;
}

Result<Bytes, OsiError> oid_in(const Element& t) {
  auto kids = MIXER_TRY(children(t, kL));
  if (kids.size() != 1 || kids[0].tag != universal(6)) return fail(peer_error(kL, "application-context-name", t.offset, "OID expected"));
  return Bytes(kids[0].content.begin(), kids[0].content.end());
}

void append(Bytes& out, const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }

Bytes version1() { return Bytes{0x80, 0x02, 0x07, 0x80}; }

}  // namespace

External external(long context_id, Bytes value) {
  External e;
  e.indirect_reference = context_id;
  e.data = std::move(value);
  return e;
}

Result<External, OsiError> decode_external(const Element& t, const char* layer) {
  if (t.tag != universal(8)) return fail(peer_error(layer, "EXTERNAL", t.offset, "EXTERNAL expected"));
  auto e = ber::read_external(t);
  if (!e) return fail(from_ber(e.error(), layer, "EXTERNAL"));
  if (e->encoding == External::Encoding::arbitrary)
    return fail(peer_error(layer, "EXTERNAL.encoding", t.offset, "arbitrary (BIT STRING) encoding not supported"));
  return std::move(e).value();
}

Result<External, OsiError> decode_external(ByteView in, const char* layer) {
  auto t = MIXER_TRY(read_one(in, layer, "EXTERNAL"));
  return decode_external(t, layer);
}

Bytes encode_external(const External& e) {
  ber::Writer w;
  w.reserve(e.data.size() + 16);
  ber::write_external(w, e);
  auto out = std::move(w).finish();
  return out ? std::move(out).value() : Bytes{};  // cannot fail: every element is closed
}

Bytes encode_external(long context_id, ByteView value) {
  return encode_external(external(context_id, Bytes(value.begin(), value.end())));
}

Result<AssociateRequest, OsiError> decode_aarq(ByteView in) {
  auto t = MIXER_TRY(top(in, 0, "AARQ"));
  AssociateRequest r;
  for (const auto& f : MIXER_TRY(children(t, kL))) {
    if (f.tag == context(1)) r.application_context = MIXER_TRY(oid_in(f));
    else if (f.tag == context(30)) r.user_information = MIXER_TRY(user_info(f));
  }
  if (r.application_context.empty()) return fail(peer_error(kL, "AARQ.aSO-context-name", 0, "missing"));
  return r;
}

Bytes encode_aarq(const AssociateRequest& r) {
  Bytes b = version1();
  append(b, ctx(1, tlv(universal(6), false, r.application_context)));
  Bytes ui;
  for (const auto& e : r.user_information) append(ui, encode_external(e));
  append(b, ctx(30, ui));
  return app(0, b);
}

Result<AssociateResponse, OsiError> decode_aare(ByteView in) {
  auto t = MIXER_TRY(top(in, 1, "AARE"));
  AssociateResponse r;
  for (const auto& f : MIXER_TRY(children(t, kL))) {
    if (f.tag == context(1)) r.application_context = MIXER_TRY(oid_in(f));
    else if (f.tag == context(2)) {
      auto k = MIXER_TRY(children(f, kL));
      if (k.size() != 1) return fail(peer_error(kL, "AARE.result", f.offset, "INTEGER expected"));
      r.result = MIXER_TRY(small_integer(k[0], kL));
    } else if (f.tag == context(3)) {
      auto k = MIXER_TRY(children(f, kL));
      if (k.size() != 1) return fail(peer_error(kL, "AARE.result-source-diagnostic", f.offset, "CHOICE expected"));
      r.diagnostic_source = static_cast<int>(k[0].tag.number);
      auto v = MIXER_TRY(children(k[0], kL));
      if (v.size() != 1) return fail(peer_error(kL, "AARE.result-source-diagnostic", k[0].offset, "INTEGER expected"));
      r.diagnostic = MIXER_TRY(small_integer(v[0], kL));
    } else if (f.tag == context(30)) {
      r.user_information = MIXER_TRY(user_info(f));
    }
  }
  return r;
}

Bytes encode_aare(const AssociateResponse& r) {
  Bytes b = version1();
  append(b, ctx(1, tlv(universal(6), false, r.application_context)));
  append(b, ctx(2, integer(r.result)));
  append(b, ctx(3, ctx(static_cast<std::uint32_t>(r.diagnostic_source), integer(r.diagnostic))));
  Bytes ui;
  for (const auto& e : r.user_information) append(ui, encode_external(e));
  if (!r.user_information.empty()) append(b, ctx(30, ui));
  return app(1, b);
}

Bytes encode_rlrq(long reason) { return app(2, integer(reason, context(0))); }
Bytes encode_rlre(long reason) { return app(3, integer(reason, context(0))); }

Bytes encode_abrt(long source, std::optional<External> ui) {
  Bytes b = integer(source, context(0));
  if (ui) append(b, ctx(30, encode_external(*ui)));
  return app(4, b);
}

Result<AcseRelease, OsiError> decode_release_or_abort(ByteView in) {
  auto t = MIXER_TRY(read_one(in, kL, "APDU"));
  if (t.tag.cls != ber::TagClass::application || t.tag.number < 2 || t.tag.number > 4)
    return fail(peer_error(kL, "APDU", 0, "RLRQ, RLRE or ABRT expected"));
  AcseRelease r;
  r.apdu = static_cast<int>(t.tag.number);
  for (const auto& f : MIXER_TRY(children(t, kL))) {
    if (f.tag == context(0)) r.reason = MIXER_TRY(small_integer(f, kL));
    else if (f.tag == context(30)) r.user_information = MIXER_TRY(user_info(f));
  }
  return r;
}

}  // namespace mixer::x400::osi
