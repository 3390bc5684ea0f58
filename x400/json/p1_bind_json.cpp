// MTA-bind values <-> JSON; see p1_bind_json.hpp.
#include "x400/json/p1_bind_json.hpp"

namespace mixer::x400::xjson {

using namespace asn;

namespace {

// ub-mta-name-length and ub-password-length (X.411 upper bounds).
constexpr std::size_t kMaxMtaName = 32, kMaxPassword = 62;
// The highest MTABindError value X.411 names (inadequate-association-confidentiality).
constexpr std::int64_t kMaxNamedBindError = 5;

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

std::string_view name_key(BindRole r) { return r == BindRole::argument ? "initiator-name" : "responder-name"; }
std::string_view credentials_key(BindRole r) {
  return r == BindRole::argument ? "initiator-credentials" : "responder-credentials";
}

json::Value wrapping_json(BindWrapping w) { return json::Value(w == BindWrapping::bare ? "bare" : "bind-macro"); }

JsonResult<BindWrapping> wrapping_from(const json::Value& v, std::string_view path) {
  const json::Value* w = optional_member(v, "wrapping");
  if (!w) return BindWrapping::bind_macro;
  const auto s = MIXER_TRY(read_string(*w, join_path(path, "wrapping")));
  if (s == "bare") return BindWrapping::bare;
  if (s == "bind-macro") return BindWrapping::bind_macro;
  return error(join_path(path, "wrapping"), "expected \"bind-macro\" or \"bare\"");
}

json::Value credentials_json(const MtaCredentials& c) {
  json::Value o = json::Value::object();
  switch (c.kind) {
    case MtaCredentials::Kind::simple_ia5: {
      json::Value s = json::Value::object();
      s.set("ia5-string", c.password);
      o.set("simple", std::move(s));
      break;
    }
    case MtaCredentials::Kind::simple_octets: {
      json::Value s = json::Value::object();
      s.set("octet-string",
            hex_bytes(std::span(reinterpret_cast<const std::uint8_t*>(c.password.data()), c.password.size())));
      o.set("simple", std::move(s));
      break;
    }
    case MtaCredentials::Kind::strong: o.set("strong", ber_tlv(c.raw)); break;
    case MtaCredentials::Kind::protected_password: o.set("protected", ber_tlv(c.raw)); break;
  }
  return o;
}

JsonResult<MtaCredentials> credentials_from(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"simple", "strong", "protected"}));
  if (v.size() != 1) return error(path, "expected exactly one of \"simple\", \"strong\" and \"protected\"");
  MtaCredentials c;
  if (auto* s = optional_member(v, "simple")) {
    const std::string sp = join_path(path, "simple");
    MIXER_XJSON_CHECK(expect_object(*s, sp, {"ia5-string", "octet-string"}));
    if (s->size() != 1) return error(sp, "expected exactly one of \"ia5-string\" and \"octet-string\"");
    if (auto* x = optional_member(*s, "ia5-string")) {
      c.kind = MtaCredentials::Kind::simple_ia5;
      c.password = MIXER_TRY(read_restricted(*x, join_path(sp, "ia5-string"), ber::StringKind::ia5));
    } else {
      c.kind = MtaCredentials::Kind::simple_octets;
      auto bytes = MIXER_TRY(
          read_hex_bytes(*MIXER_TRY(required_member(*s, "octet-string", sp)), join_path(sp, "octet-string")));
      c.password.assign(bytes.begin(), bytes.end());
    }
    if (c.password.size() > kMaxPassword) return error(sp, "password longer than ub-password-length (62)");
    return c;
  }
  if (auto* x = optional_member(v, "strong")) {
    c.kind = MtaCredentials::Kind::strong;
    c.raw = MIXER_TRY(read_ber_tlv(*x, join_path(path, "strong")));
    return c;
  }
  c.kind = MtaCredentials::Kind::protected_password;
  c.raw = MIXER_TRY(read_ber_tlv(*MIXER_TRY(required_member(v, "protected", path)), join_path(path, "protected")));
  return c;
}

}  // namespace

json::Value bind_value_to_json(const MtaBindValue& v, BindWrapping w, BindRole role) {
  json::Value value = json::Value::object();
  if (!v.authenticated) {
    value.set("unauthenticated", nullptr);
  } else {
    const auto& a = *v.authenticated;
    json::Value auth = json::Value::object();
    auth.set(std::string(name_key(role)), a.name);
    auth.set(std::string(credentials_key(role)), credentials_json(a.credentials));
    if (a.security_context) auth.set("security-context", ber_tlv(*a.security_context));
    value.set("authenticated", std::move(auth));
  }
  json::Value o = json::Value::object();
  o.set("wrapping", wrapping_json(w));
  o.set("value", std::move(value));
  return o;
}

json::Value bind_error_to_json(MtaBindError e, BindWrapping w) {
  json::Value o = json::Value::object();
  o.set("wrapping", wrapping_json(w));
  const auto n = static_cast<std::int64_t>(e);
  const std::string name = to_string(e);
  if (n >= 0 && n <= kMaxNamedBindError && !name.starts_with("bind-error-"))
    o.set("value", name);
  else
    o.set("value", static_cast<long long>(n));
  return o;
}

JsonResult<BindValueJson> bind_value_from_json(const json::Value& v, std::string_view path, BindRole role) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"wrapping", "value"}));
  BindValueJson out;
  out.wrapping = MIXER_TRY(wrapping_from(v, path));
  const std::string vp = join_path(path, "value");
  const json::Value& value = *MIXER_TRY(required_member(v, "value", path));
  MIXER_XJSON_CHECK(expect_object(value, vp, {"unauthenticated", "authenticated"}));
  if (value.size() != 1) return error(vp, "expected exactly one of \"unauthenticated\" and \"authenticated\"");
  if (const json::Value* u = value.find("unauthenticated")) {
    if (!u->is_null()) return error(join_path(vp, "unauthenticated"), "expected null (ASN.1 NULL)");
    return out;
  }
  const std::string ap = join_path(vp, "authenticated");
  const json::Value& a = *MIXER_TRY(required_member(value, "authenticated", vp));
  if (role == BindRole::argument)
    MIXER_XJSON_CHECK(expect_object(a, ap, {"initiator-name", "initiator-credentials", "security-context"}));
  else
    MIXER_XJSON_CHECK(expect_object(a, ap, {"responder-name", "responder-credentials"}));
  MtaAuthenticated auth;
  const std::string np = join_path(ap, name_key(role));
  auth.name = MIXER_TRY(read_restricted(*MIXER_TRY(required_member(a, name_key(role), ap)), np, ber::StringKind::ia5));
  if (auth.name.empty() || auth.name.size() > kMaxMtaName)
    return error(np, "MTAName length outside 1..32 (ub-mta-name-length)");
  auth.credentials = MIXER_TRY(credentials_from(*MIXER_TRY(required_member(a, credentials_key(role), ap)),
                                                join_path(ap, credentials_key(role))));
  if (auto* s = optional_member(a, "security-context"))
    auth.security_context = MIXER_TRY(read_ber_tlv(*s, join_path(ap, "security-context")));
  out.value.authenticated = std::move(auth);
  return out;
}

JsonResult<BindErrorJson> bind_error_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"wrapping", "value"}));
  BindErrorJson out;
  out.wrapping = MIXER_TRY(wrapping_from(v, path));
  const std::string vp = join_path(path, "value");
  const json::Value& value = *MIXER_TRY(required_member(v, "value", path));
  if (value.is_string()) {
    for (std::int64_t n = 0; n <= kMaxNamedBindError; ++n)
      if (to_string(static_cast<MtaBindError>(n)) == value.as_string() && !value.as_string().starts_with("bind-error-")) {
        out.value = static_cast<MtaBindError>(n);
        return out;
      }
    return error(vp, "unknown MTABindError \"" + value.as_string() +
                         "\" (expected busy, authentication-error, unacceptable-dialogue-mode, "
                         "unacceptable-security-context, inadequate-association-confidentiality, or an integer)");
  }
  // Unnamed values are kept as the decoder keeps them (any INTEGER).
  out.value = static_cast<MtaBindError>(MIXER_TRY(read_int(value, vp)));
  return out;
}

}  // namespace mixer::x400::xjson
