#include "x400/p1/bind.hpp"

namespace mixer::x400::p1 {
namespace {

using namespace osi;
constexpr const char* kL = "p1";

Bytes credentials(const MtaCredentials& c) {
  if (!c.authenticated) return Bytes{0x05, 0x00};
  const Bytes name(c.name.begin(), c.name.end());
  const Bytes pw(c.password.begin(), c.password.end());
  return ctx(1, concat({ctx_prim(0, name), ctx(1, tlv(0, false, c.password_is_octets ? 4 : 22, pw))}));
}

Result<Tlv, OsiError> unwrap(ByteView in, std::uint32_t wrapper, const char* what) {
  auto t = MIXER_TRY(read_tlv(in, 0, kL));
  if (t.total != in.size()) return fail(peer_error(kL, what, t.total, "trailing octets"));
  if (t.is(2, wrapper)) {
    auto kids = MIXER_TRY(read_children(t, kL));
    if (kids.size() != 1) return fail(peer_error(kL, what, t.offset, "BIND wrapper must hold one value"));
    return kids[0];
  }
  return t;
}

Result<MtaCredentials, OsiError> decode_credentials(ByteView in, std::uint32_t wrapper, const char* what) {
  auto t = MIXER_TRY(unwrap(in, wrapper, what));
  MtaCredentials c;
  if (t.is(0, 5)) {
    c.authenticated = false;
    return c;
  }
  if (!t.is(2, 1)) return fail(peer_error(kL, what, t.offset, "neither unauthenticated nor authenticated"));
  bool have_name = false;
  for (const auto& f : MIXER_TRY(read_children(t, kL))) {
    if (f.is(2, 0)) {
      auto v = MIXER_TRY(string_contents(f, kL));
      if (v.empty() || v.size() > kMaxMtaNameLength)
        return fail(peer_error(kL, std::string(what) + ".name", f.offset, "MTAName must be 1..32 characters"));
      c.name.assign(v.begin(), v.end());
      have_name = true;
    } else if (f.is(2, 1)) {
      auto kids = MIXER_TRY(read_children(f, kL));
      if (kids.size() != 1) return fail(peer_error(kL, std::string(what) + ".credentials", f.offset, "one CHOICE value expected"));
      if (kids[0].cls == 0) {  // simple: IA5String, OCTET STRING, leniently any string
        auto v = MIXER_TRY(string_contents(kids[0], kL));
        if (v.size() > kMaxPasswordLength)
          return fail(peer_error(kL, std::string(what) + ".credentials", f.offset, "password longer than 62"));
        c.password.assign(v.begin(), v.end());
        c.password_is_octets = kids[0].tag == 4;
      } else {
        c.strong = true;
      }
    } else if (f.is(2, 2)) {
      c.has_security_context = true;
    }
  }
  if (!have_name) return fail(peer_error(kL, std::string(what) + ".name", t.offset, "missing"));
  return c;
}

}  // namespace

const char* to_string(BindError e) {
  switch (e) {
    case BindError::busy: return "busy";
    case BindError::authentication_error: return "authentication-error";
    case BindError::unacceptable_dialogue_mode: return "unacceptable-dialogue-mode";
    case BindError::unacceptable_security_context: return "unacceptable-security-context";
    case BindError::inadequate_association_confidentiality: return "inadequate-association-confidentiality";
  }
  return "unknown";
}

Bytes encode_bind_argument(const MtaCredentials& c, bool wrapped) {
  return wrapped ? ctx(16, credentials(c)) : credentials(c);
}
Bytes encode_bind_result(const MtaCredentials& c, bool wrapped) {
  return wrapped ? ctx(17, credentials(c)) : credentials(c);
}
Bytes encode_bind_error(BindError e, bool wrapped) {
  auto v = integer(static_cast<long>(e));
  return wrapped ? ctx(18, v) : v;
}
Result<MtaCredentials, OsiError> decode_bind_argument(ByteView in) { return decode_credentials(in, 16, "MTABindArgument"); }
Result<MtaCredentials, OsiError> decode_bind_result(ByteView in) { return decode_credentials(in, 17, "MTABindResult"); }
Result<BindError, OsiError> decode_bind_error(ByteView in) {
  auto t = MIXER_TRY(unwrap(in, 18, "MTABindError"));
  if (!t.is(0, 2)) return fail(peer_error(kL, "MTABindError", t.offset, "INTEGER expected"));
  return static_cast<BindError>(MIXER_TRY(integer_value(t, kL)));
}

}  // namespace mixer::x400::p1
