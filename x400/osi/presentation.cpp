#include "x400/osi/presentation.hpp"

namespace mixer::x400::osi {
namespace {

constexpr const char* kL = "presentation";

Result<Element, OsiError> top(ByteView in, const char* what) { return read_one(in, kL, what); }

Result<PresentationMode, OsiError> mode_of(const Element& sel) {
  auto kids = MIXER_TRY(children(sel, kL));
  if (kids.empty() || kids[0].tag != context(0)) return fail(peer_error(kL, "mode-selector", sel.offset, "mode-value missing"));
  const long v = MIXER_TRY(small_integer(kids[0], kL));
  if (v != 0 && v != 1) return fail(peer_error(kL, "mode-selector.mode-value", kids[0].offset, "neither x410-1984 nor normal"));
  return v == 1 ? PresentationMode::normal : PresentationMode::x410;
}

Bytes mode_selector(PresentationMode m) {
  return ctx(0, integer(static_cast<long>(m), context(0)));
}

Result<std::vector<PresentationContext>, OsiError> context_list(const Element& t) {
  std::vector<PresentationContext> out;
  for (const auto& item : MIXER_TRY(children(t, kL))) {
    auto f = MIXER_TRY(children(item, kL));
    if (f.size() < 3 || f[0].tag != universal(2) || f[1].tag != universal(6) || f[2].tag != universal(16))
      return fail(peer_error(kL, "presentation-context-definition-list", item.offset, "malformed context definition"));
    PresentationContext c;
    c.id = MIXER_TRY(small_integer(f[0], kL));
    c.abstract_syntax.assign(f[1].content.begin(), f[1].content.end());
    for (const auto& ts : MIXER_TRY(children(f[2], kL))) c.transfer_syntaxes.emplace_back(ts.content.begin(), ts.content.end());
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<ContextResult>, OsiError> result_list(const Element& t) {
  std::vector<ContextResult> out;
  for (const auto& item : MIXER_TRY(children(t, kL))) {
    ContextResult r;
    for (const auto& f : MIXER_TRY(children(item, kL))) {
      if (f.tag == context(0)) r.result = MIXER_TRY(small_integer(f, kL));
      if (f.tag == context(2)) r.provider_reason = MIXER_TRY(small_integer(f, kL));
    }
    out.push_back(r);
  }
  return out;
}

Bytes encode_results(const std::vector<ContextResult>& rs) {
  Bytes items;
  for (const auto& r : rs) {
    Bytes item = integer(r.result, context(0));
    if (r.result == 0) {
      auto ts = ctx_prim(1, oid::ber);
      item.insert(item.end(), ts.begin(), ts.end());
    }
    if (r.provider_reason >= 0) {
      auto pr = integer(r.provider_reason, context(2));
      item.insert(item.end(), pr.begin(), pr.end());
    }
    auto s = seq(item);
    items.insert(items.end(), s.begin(), s.end());
  }
  return ctx(5, items);
}

void append(Bytes& out, const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }

}  // namespace

Result<std::vector<Pdv>, OsiError> decode_user_data_tlv(const Element& t) {
  if (t.tag != application(1)) return fail(peer_error(kL, "User-data", t.offset, "only fully-encoded-data is supported"));
  std::vector<Pdv> out;
  for (const auto& list : MIXER_TRY(children(t, kL))) {
    auto f = MIXER_TRY(children(list, kL));
    std::size_t i = 0;
    if (i < f.size() && f[i].tag == universal(6)) ++i;  // optional transfer-syntax-name
    if (i + 2 > f.size() || f[i].tag != universal(2))
      return fail(peer_error(kL, "PDV-list", list.offset, "presentation-context-identifier missing"));
    const long id = MIXER_TRY(small_integer(f[i], kL));
    const Element& v = f[i + 1];
    if (v.tag == context(0)) {  // single-ASN1-type: possibly several values (crib §3.4)
      for (const auto& inner : MIXER_TRY(children(v, kL)))
        out.push_back(Pdv{id, Bytes(inner.encoding.begin(), inner.encoding.end())});
    } else if (v.tag == context(1)) {
      out.push_back(Pdv{id, MIXER_TRY(octets(v, kL))});
    } else {
      return fail(peer_error(kL, "PDV-list.presentation-data-values", v.offset, "arbitrary (BIT STRING) data not supported"));
    }
  }
  return out;
}

Result<std::vector<Pdv>, OsiError> decode_user_data(ByteView in) {
  auto t = MIXER_TRY(top(in, "User-data"));
  return decode_user_data_tlv(t);
}

Bytes encode_user_data(const Pdv& pdv) {
  return app(1, seq(concat({integer(pdv.context_id), ctx(0, pdv.value)})));
}

Result<ConnectPpdu, OsiError> decode_cp(ByteView in) {
  auto t = MIXER_TRY(top(in, "CP-type"));
  if (t.tag != universal(17)) return fail(peer_error(kL, "CP-type", 0, "CP-type must be a SET"));
  ConnectPpdu cp;
  bool have_mode = false;
  for (const auto& f : MIXER_TRY(children(t, kL))) {
    if (f.tag == context(0)) {
      cp.mode = MIXER_TRY(mode_of(f));
      have_mode = true;
    } else if (f.tag == context(1)) {
      cp.x410_parameters.assign(f.content.begin(), f.content.end());
    } else if (f.tag == context(2)) {
      for (const auto& p : MIXER_TRY(children(f, kL))) {
        if (p.tag == context(1)) cp.calling_psel.assign(p.content.begin(), p.content.end());
        else if (p.tag == context(2)) cp.called_psel.assign(p.content.begin(), p.content.end());
        else if (p.tag == context(4)) cp.contexts = MIXER_TRY(context_list(p));
        else if (p.tag == application(1)) cp.user_data = MIXER_TRY(decode_user_data_tlv(p));
      }
    }
  }
  if (!have_mode) return fail(peer_error(kL, "CP-type.mode-selector", 0, "missing"));
  return cp;
}

Bytes encode_cp(const ConnectPpdu& cp) {
  Bytes body = mode_selector(cp.mode);
  if (cp.mode == PresentationMode::x410) {
    append(body, ctx(1, cp.x410_parameters));
    return set(body);
  }
  Bytes n;
  if (!cp.calling_psel.empty()) append(n, ctx_prim(1, cp.calling_psel));
  if (!cp.called_psel.empty()) append(n, ctx_prim(2, cp.called_psel));
  Bytes list;
  for (const auto& c : cp.contexts) {
    Bytes ts;
    for (const auto& s : c.transfer_syntaxes) append(ts, tlv(universal(6), false, s));
    append(list, seq(concat({integer(c.id), tlv(universal(6), false, c.abstract_syntax), seq(ts)})));
  }
  append(n, ctx(4, list));
  for (const auto& p : cp.user_data) append(n, encode_user_data(p));
  append(body, ctx(2, n));
  return set(body);
}

Result<AcceptPpdu, OsiError> decode_cpa(ByteView in) {
  auto t = MIXER_TRY(top(in, "CPA-PPDU"));
  if (t.tag != universal(17)) return fail(peer_error(kL, "CPA-PPDU", 0, "CPA-PPDU must be a SET"));
  AcceptPpdu a;
  for (const auto& f : MIXER_TRY(children(t, kL))) {
    if (f.tag == context(0)) a.mode = MIXER_TRY(mode_of(f));
    else if (f.tag == context(1)) a.x410_parameters.assign(f.content.begin(), f.content.end());
    else if (f.tag == context(2)) {
      for (const auto& p : MIXER_TRY(children(f, kL))) {
        if (p.tag == context(3)) a.responding_psel.assign(p.content.begin(), p.content.end());
        else if (p.tag == context(5)) a.results = MIXER_TRY(result_list(p));
        else if (p.tag == application(1)) a.user_data = MIXER_TRY(decode_user_data_tlv(p));
      }
    }
  }
  return a;
}

Bytes encode_cpa(const AcceptPpdu& a) {
  Bytes body = mode_selector(a.mode);
  if (a.mode == PresentationMode::x410) {
    append(body, ctx(1, a.x410_parameters));
    return set(body);
  }
  Bytes n;
  if (!a.responding_psel.empty()) append(n, ctx_prim(3, a.responding_psel));
  append(n, encode_results(a.results));
  for (const auto& p : a.user_data) append(n, encode_user_data(p));
  append(body, ctx(2, n));
  return set(body);
}

Result<RefusePpdu, OsiError> decode_cpr(ByteView in) {
  auto t = MIXER_TRY(top(in, "CPR-PPDU"));
  RefusePpdu r;
  if (t.tag == universal(17)) {
    r.mode = PresentationMode::x410;
    r.x410_parameters.assign(t.content.begin(), t.content.end());
    return r;
  }
  if (t.tag != universal(16)) return fail(peer_error(kL, "CPR-PPDU", 0, "neither SET (X.410) nor SEQUENCE (normal)"));
  for (const auto& p : MIXER_TRY(children(t, kL))) {
    if (p.tag == context(5)) r.results = MIXER_TRY(result_list(p));
    else if (p.tag == context(10)) r.provider_reason = MIXER_TRY(small_integer(p, kL));
    else if (p.tag == application(1)) r.user_data = MIXER_TRY(decode_user_data_tlv(p));
  }
  return r;
}

Bytes encode_cpr(const RefusePpdu& r) {
  if (r.mode == PresentationMode::x410) return set(r.x410_parameters);
  Bytes n;
  if (!r.results.empty()) append(n, encode_results(r.results));
  if (r.provider_reason >= 0) append(n, integer(r.provider_reason, context(10)));
  for (const auto& p : r.user_data) append(n, encode_user_data(p));
  return seq(n);
}

Bytes encode_aru(const Pdv& pdv) { return ctx(0, encode_user_data(pdv)); }

Result<AbortPpdu, OsiError> decode_abort(ByteView in) {
  auto t = MIXER_TRY(top(in, "Abort-type"));
  AbortPpdu a;
  if (t.tag == context(0)) {
    for (const auto& p : MIXER_TRY(children(t, kL)))
      if (p.tag == application(1)) a.user_data = MIXER_TRY(decode_user_data_tlv(p));
  } else if (t.tag == universal(16)) {
    a.provider = true;
    for (const auto& p : MIXER_TRY(children(t, kL)))
      if (p.tag == context(0)) a.provider_reason = MIXER_TRY(small_integer(p, kL));
  } else if (t.tag == universal(17)) {
    a.x410_parameters.assign(t.content.begin(), t.content.end());
  } else {
    return fail(peer_error(kL, "Abort-type", 0, "neither ARU nor ARP"));
  }
  return a;
}

}  // namespace mixer::x400::osi
