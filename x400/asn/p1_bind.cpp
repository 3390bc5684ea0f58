// MTA-bind argument / result / error codec (X.411 12.1; wrappers per X.219 BIND macro).
#include "x400/asn/p1_bind.hpp"

namespace mixer::x400::asn {

using namespace ber;  // NOLINT: codec file

std::string to_string(MtaBindError e) {
  switch (e) {
    case MtaBindError::busy: return "busy";
    case MtaBindError::authentication_error: return "authentication-error";
    case MtaBindError::unacceptable_dialogue_mode: return "unacceptable-dialogue-mode";
    case MtaBindError::unacceptable_security_context: return "unacceptable-security-context";
    case MtaBindError::inadequate_association_confidentiality: return "inadequate-association-confidentiality";
  }
  return "bind-error-" + std::to_string(static_cast<std::int64_t>(e));
}

namespace {

inline constexpr std::size_t kMaxMtaName = 32;   // ub-mta-name-length
inline constexpr std::size_t kMaxPassword = 62;  // ub-password-length

// Unwraps [wrapper] EXPLICIT when present; returns the inner element.
BerResult<Element> unwrap(Reader& top, std::uint32_t wrapper, BindWrapping* seen, const char* what) {
  auto e = MIXER_BER_FIELD(what, top.next());
  MIXER_BER_CHECK(what, top.finish());
  if (e.tag == context(wrapper) && e.constructed) {
    auto r = MIXER_BER_FIELD(what, e.children());
    auto inner = MIXER_BER_FIELD(what, r.next());
    MIXER_BER_CHECK(what, r.finish());
    if (seen) *seen = BindWrapping::bind_macro;
    return inner;
  }
  if (seen) *seen = BindWrapping::bare;
  return e;
}

BerResult<MtaCredentials> read_credentials(const Element& wrap) {
  auto r = MIXER_TRY(wrap.children());  // [1] is explicit: Credentials is a CHOICE
  auto c = MIXER_TRY(r.next());
  MIXER_BER_OK(r.finish());
  MtaCredentials cr;
  if (c.tag == tags::kIa5String || c.tag == tags::kOctetString) {
    cr.kind = c.tag == tags::kIa5String ? MtaCredentials::Kind::simple_ia5 : MtaCredentials::Kind::simple_octets;
    auto v = MIXER_TRY(read_octets_copy(c));
    if (v.size() > kMaxPassword) return fail(unexpected(c.offset, "password longer than ub-password-length 62"));
    cr.password.assign(v.begin(), v.end());
    if (cr.kind == MtaCredentials::Kind::simple_ia5 && !valid_string(StringKind::ia5, cr.password))
      return fail(unexpected(c.offset, "characters not allowed in a IA5String"));
  } else if (c.tag == context(0) || c.tag == context(1)) {
    cr.kind = c.tag == context(0) ? MtaCredentials::Kind::strong : MtaCredentials::Kind::protected_password;
    cr.raw.assign(c.encoding.begin(), c.encoding.end());
  } else {
    return fail(unexpected(c.offset, "expected a Password string, strong [0] or protected [1], found " +
                                         c.tag.to_string()));
  }
  return cr;
}

BerResult<MtaBindValue> read_value(const Element& e, bool argument, const char* name_field,
                                   const char* cred_field) {
  MtaBindValue v;
  if (e.tag == tags::kNull) {
    MIXER_BER_CHECK("unauthenticated", read_null(e));
    return v;
  }
  if (e.tag != context(1))
    return fail(unexpected(e.offset, "expected unauthenticated NULL or authenticated [1], found " + e.tag.to_string()));
  MtaAuthenticated a;
  bool seen_name = false, seen_cred = false;
  auto r = MIXER_BER_FIELD("authenticated", e.children());
  while (!r.empty()) {
    auto c = MIXER_BER_FIELD("authenticated", r.next());
    if (c.tag == context(0) && !seen_name) {
      a.name = MIXER_BER_FIELD(std::string("authenticated.") + name_field, read_string(c, StringKind::ia5));
      if (a.name.empty() || a.name.size() > kMaxMtaName)
        return fail(within(unexpected(c.offset, "MTAName must be 1..32 characters (ub-mta-name-length)"),
                           std::string("authenticated.") + name_field));
      seen_name = true;
    } else if (c.tag == context(1) && !seen_cred) {
      a.credentials = MIXER_BER_FIELD(std::string("authenticated.") + cred_field, read_credentials(c));
      seen_cred = true;
    } else if (argument && c.tag == context(2) && !a.security_context) {
      a.security_context = RawBer(c.encoding.begin(), c.encoding.end());
    } else {
      return fail(within(unexpected(c.offset, "unexpected or repeated member " + c.tag.to_string()), "authenticated"));
    }
  }
  if (!seen_name)
    return fail(within(unexpected(e.offset, "missing mandatory member"), std::string("authenticated.") + name_field));
  if (!seen_cred)
    return fail(within(unexpected(e.offset, "missing mandatory member"), std::string("authenticated.") + cred_field));
  v.authenticated = std::move(a);
  return v;
}

void write_value(Writer& w, const MtaBindValue& v) {
  if (!v.authenticated) {
    w.null();
    return;
  }
  const auto& a = *v.authenticated;
  auto m = w.begin(context(1));
  w.string(a.name, StringKind::ia5, context(0));
  auto c = w.begin(context(1));
  switch (a.credentials.kind) {
    case MtaCredentials::Kind::simple_ia5: w.string(a.credentials.password, StringKind::ia5); break;
    case MtaCredentials::Kind::simple_octets: w.octets(std::string_view(a.credentials.password)); break;
    default: w.raw(a.credentials.raw); break;
  }
  w.end(c);
  if (a.security_context) w.raw(*a.security_context);
  w.end(m);
}

template <typename F>
BerResult<std::vector<std::uint8_t>> wrapped(BindWrapping wrapping, std::uint32_t tag, F body) {
  Writer w;
  if (wrapping == BindWrapping::bind_macro) {
    auto m = w.begin(context(tag));
    body(w);
    w.end(m);
  } else {
    body(w);
  }
  return std::move(w).finish();
}

}  // namespace

BerResult<MtaBindArgument> decode_mta_bind_argument(Bytes data, BindWrapping* wrapping, const Limits& limits) {
  Reader top(data, limits);
  auto e = MIXER_TRY(unwrap(top, 16, wrapping, "MTABindArgument"));
  return MIXER_BER_FIELD("MTABindArgument", read_value(e, true, "initiator-name", "initiator-credentials"));
}

BerResult<MtaBindResult> decode_mta_bind_result(Bytes data, BindWrapping* wrapping, const Limits& limits) {
  Reader top(data, limits);
  auto e = MIXER_TRY(unwrap(top, 17, wrapping, "MTABindResult"));
  return MIXER_BER_FIELD("MTABindResult", read_value(e, false, "responder-name", "responder-credentials"));
}

BerResult<MtaBindError> decode_mta_bind_error(Bytes data, BindWrapping* wrapping, const Limits& limits) {
  Reader top(data, limits);
  auto e = MIXER_TRY(unwrap(top, 18, wrapping, "MTABindError"));
  if (e.tag != tags::kInteger)
    return fail(within(unexpected(e.offset, "expected INTEGER, found " + e.tag.to_string()), "MTABindError"));
  auto v = MIXER_BER_FIELD("MTABindError", read_integer(e));
  if (v < 0 || v > 256) return fail(within(unexpected(e.offset, "out of range 0..ub-integer-options"), "MTABindError"));
  return static_cast<MtaBindError>(v);
}

BerResult<std::vector<std::uint8_t>> encode_mta_bind_argument(const MtaBindArgument& v, BindWrapping w) {
  return wrapped(w, 16, [&](Writer& wr) { write_value(wr, v); });
}
BerResult<std::vector<std::uint8_t>> encode_mta_bind_result(const MtaBindResult& v, BindWrapping w) {
  return wrapped(w, 17, [&](Writer& wr) { write_value(wr, v); });
}
BerResult<std::vector<std::uint8_t>> encode_mta_bind_error(MtaBindError e, BindWrapping w) {
  return wrapped(w, 18, [&](Writer& wr) { wr.integer(static_cast<std::int64_t>(e)); });
}

}  // namespace mixer::x400::asn
