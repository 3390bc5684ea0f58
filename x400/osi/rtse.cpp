#include "x400/osi/rtse.hpp"

namespace mixer::x400::osi {
namespace {

constexpr const char* kL = "rtse";

void append(Bytes& out, const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }


Result<Element, OsiError> top(ByteView in, std::uint32_t tag, const char* what) {
  auto t = MIXER_TRY(read_one(in, kL, what));
  if (t.tag != context(tag)) return fail(peer_error(kL, what, 0, "unexpected APDU tag"));
  return t;
}

// ConnectionData ::= CHOICE { open [0] ANY, recover [1] IMPLICIT ... }
Status<OsiError> connection_data(const Element& f, RtseOpen& o) {
  auto kids = MIXER_TRY(children(f, kL));
  if (kids.size() != 1) return fail(peer_error(kL, "connectionData", f.offset, "one CHOICE alternative expected"));
  if (kids[0].tag == context(1)) {
    o.recover = true;
    return Ok{};
  }
  if (kids[0].tag != context(0)) return fail(peer_error(kL, "connectionData", kids[0].offset, "neither open nor recover"));
  if (!kids[0].constructed) {  // open with no user data: 80 00
    o.user_data.clear();
    return Ok{};
  }
  auto inner = MIXER_TRY(children(kids[0], kL));
  if (inner.size() != 1) return fail(peer_error(kL, "connectionData.open", kids[0].offset, "one value expected"));
  o.user_data.assign(inner[0].encoding.begin(), inner[0].encoding.end());
  return Ok{};
}

Result<RtseOpen, OsiError> open_members(const std::vector<Element>& fs, std::uint32_t data_tag) {
  RtseOpen o;
  bool have_data = false;
  for (const auto& f : fs) {
    if (f.tag == context(0)) o.checkpoint_size = MIXER_TRY(small_integer(f, kL));
    else if (f.tag == context(1)) o.window_size = MIXER_TRY(small_integer(f, kL));
    else if (f.tag == context(2) && data_tag == 3) {
      const long d = MIXER_TRY(small_integer(f, kL));
      if (d != 0 && d != 1) return fail(peer_error(kL, "dialogueMode", f.offset, "neither monologue nor twa"));
      o.dialogue = static_cast<DialogueMode>(d);
    } else if (f.tag == context(data_tag)) {
      MIXER_OSI_CHECK(connection_data(f, o));
      have_data = true;
    } else if (f.tag == context(4) && data_tag == 3) {
      o.application_protocol = MIXER_TRY(small_integer(f, kL));
    }
  }
  if (!have_data) return fail(peer_error(kL, data_tag == 3 ? "RTORQ.connectionDataRQ" : "RTOAC.connectionDataAC", 0, "missing"));
  if (o.checkpoint_size < 0 || o.checkpoint_size > 1024 || o.window_size < 1 || o.window_size > 1024)
    return fail(peer_error(kL, "checkpointSize/windowSize", 0, "out of range"));
  return o;
}

Bytes open_encoding(const RtseOpen& o, std::uint32_t data_tag) {
  Bytes b;
  if (o.checkpoint_size != 0) append(b, integer(o.checkpoint_size, context(0)));
  if (o.checkpoint_size != 0 && o.window_size != 3) append(b, integer(o.window_size, context(1)));
  if (data_tag == 3) append(b, integer(static_cast<long>(o.dialogue), context(2)));
  append(b, ctx(data_tag, o.user_data.empty() ? Bytes{0x80, 0x00} : ctx(0, o.user_data)));
  if (data_tag == 3 && o.application_protocol) append(b, integer(*o.application_protocol, context(4)));
  return b;
}

}  // namespace

Result<RtseOpen, OsiError> decode_rtorq_members(ByteView in) { return open_members(MIXER_TRY(members(in, kL)), 3); }
Result<RtseOpen, OsiError> decode_rtoac_members(ByteView in) { return open_members(MIXER_TRY(members(in, kL)), 2); }
Result<RtseOpen, OsiError> decode_rtorq(ByteView in) {
  auto t = MIXER_TRY(top(in, 16, "RTORQ"));
  return open_members(MIXER_TRY(children(t, kL)), 3);
}
Result<RtseOpen, OsiError> decode_rtoac(ByteView in) {
  auto t = MIXER_TRY(top(in, 17, "RTOAC"));
  return open_members(MIXER_TRY(children(t, kL)), 2);
}
Bytes encode_rtorq_members(const RtseOpen& o) { return open_encoding(o, 3); }
Bytes encode_rtoac_members(const RtseOpen& o) { return open_encoding(o, 2); }
Bytes encode_rtorq(const RtseOpen& o) { return ctx(16, open_encoding(o, 3)); }
Bytes encode_rtoac(const RtseOpen& o) { return ctx(17, open_encoding(o, 2)); }

Result<RtseRefuse, OsiError> decode_rtorj_members(ByteView in) {
  RtseRefuse r;
  for (const auto& f : MIXER_TRY(members(in, kL))) {
    if (f.tag == context(0)) r.refuse_reason = MIXER_TRY(small_integer(f, kL));
    else if (f.tag == context(1)) {
      auto inner = MIXER_TRY(children(f, kL));
      if (inner.size() == 1) r.user_data.assign(inner[0].encoding.begin(), inner[0].encoding.end());
    }
  }
  return r;
}

Result<RtseRefuse, OsiError> decode_rtorj(ByteView in) {
  auto t = MIXER_TRY(top(in, 18, "RTORJ"));
  return decode_rtorj_members(t.content);
}

Bytes encode_rtorj(const RtseRefuse& r) {
  Bytes b;
  if (r.refuse_reason) append(b, integer(*r.refuse_reason, context(0)));
  if (!r.user_data.empty()) append(b, ctx(1, r.user_data));
  return ctx(18, b);
}

Bytes encode_rtab(long reason) { return ctx(22, integer(reason, context(0))); }
Bytes encode_rtab_x410(long reason) { return set(integer(reason, context(0))); }

Result<RtseAbort, OsiError> decode_rtab(ByteView in) {
  auto t = MIXER_TRY(read_one(in, kL, "RTAB"));
  if (t.tag != context(22) && t.tag != universal(17)) return fail(peer_error(kL, "RTAB", 0, "RTAB expected"));
  RtseAbort a;
  for (const auto& f : MIXER_TRY(children(t, kL)))
    if (f.tag == context(0)) a.reason = MIXER_TRY(small_integer(f, kL));
  return a;
}

Bytes encode_rttr(ByteView octets) { return tlv(universal(4), false, octets); }
Bytes encode_rttp(long priority) { return integer(priority); }

Result<RtseData, OsiError> decode_rtse_data(ByteView in) {
  auto t = MIXER_TRY(read_one(in, kL, "APDU"));
  if (t.tag == universal(4)) return RtseData{RtseData::Kind::rttr, MIXER_TRY(octets(t, kL)), 0};
  if (t.tag == universal(2)) return RtseData{RtseData::Kind::rttp, {}, MIXER_TRY(small_integer(t, kL))};
  if (t.tag == context(22) || t.tag == universal(17)) {
    auto a = MIXER_TRY(decode_rtab(in));
    return RtseData{RtseData::Kind::rtab, {}, a.reason.value_or(-1)};
  }
  return fail(peer_error(kL, "APDU", 0, "not an RTSE data-phase APDU (RTTR, RTTP, RTAB)"));
}

}  // namespace mixer::x400::osi
