// Name -> codec table for `mixer x400 dump|encode`; see syntax_registry.hpp.
#include "x400/json/syntax_registry.hpp"

#include <algorithm>
#include <array>

#include "x400/asn/or_address_codec.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p1_bind.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/json/or_address_json.hpp"
#include "x400/json/p1_bind_json.hpp"
#include "x400/json/p1_json.hpp"
#include "x400/json/p22_json.hpp"

namespace mixer::x400::xjson {

namespace {

constexpr std::array<Syntax, 11> kSyntaxes = {{
    {"auto", "the default: chosen by the first tag (a0/a1/a2: mts-apdu, else ipm; b0-b2: bind; 60: orname; "
             "31: ipn), the first that decodes wins"},
    {"ipm", "X.420 InformationObject (content type 22 or 2): ipm [0] or ipn [1]"},
    {"information-object", "same as ipm"},
    {"ipn", "X.420 IPN as a bare SET (the notification body part)"},
    {"orname", "X.411 ORName ([APPLICATION 0])"},
    {"mts-apdu", "X.411 MTS-APDU: message [0], report [1] or probe [2] (P1 transfer)"},
    {"p1", "same as mts-apdu"},
    {"bind", "X.411 MTABindArgument [16], MTABindResult [17] or MTABindError [18] (chosen by the wrapper tag; "
             "a bare NULL/[1] SET is shown as an argument, a bare INTEGER as an error)"},
    {"bind-argument", "X.411 MTABindArgument, [16]-wrapped or bare (X.410 mode)"},
    {"bind-result", "X.411 MTABindResult, [17]-wrapped or bare (X.410 mode)"},
    {"bind-error", "X.411 MTABindError, [18]-wrapped or bare INTEGER"},
}};

// The member names encode_document knows.
constexpr std::string_view kDocumentKeys =
    "ipm, ipn, notification, orname, mts-apdu, bind-argument, bind-result or bind-error";

json::Value wrap(std::string_view key, json::Value v) {
  json::Value o = json::Value::object();
  o.set(std::string(key), std::move(v));
  return o;
}

template <typename T>
Result<std::vector<std::uint8_t>, std::string> ber_result(ber::BerResult<T> r) {
  if (!r.ok()) return fail(r.error().to_string());
  return std::move(r).value();
}

Result<json::Value, std::string> dump_bind(std::string_view syntax, ber::Bytes data, const ber::Limits& limits) {
  if (syntax == "bind") {
    // Normal mode: the BIND-macro wrapper tag says which PDU this is ([16]
    // argument, [17] result, [18] error; X.219). X.410 mode has no wrapper:
    // argument and result then have the same encoding, an error is an INTEGER.
    const std::uint8_t first = data.empty() ? 0 : data[0];
    if (first == 0xb1) syntax = "bind-result";
    else if (first == 0xb2 || first == 0x02) syntax = "bind-error";
    else syntax = "bind-argument";
  }
  asn::BindWrapping w{};
  if (syntax == "bind-error") {
    auto v = asn::decode_mta_bind_error(data, &w, limits);
    if (!v.ok()) return fail(v.error().to_string());
    return wrap("bind-error", bind_error_to_json(*v, w));
  }
  const bool argument = syntax == "bind-argument";
  auto v = argument ? asn::decode_mta_bind_argument(data, &w, limits) : asn::decode_mta_bind_result(data, &w, limits);
  if (!v.ok()) return fail(v.error().to_string());
  return wrap(syntax, bind_value_to_json(*v, w, argument ? BindRole::argument : BindRole::result));
}

// Candidate syntaxes for "auto", by the identifier octet. An MTS-APDU and an
// InformationObject share [0]/[1] CHOICE tags; the MTS-APDU is tried first
// because its envelope SET never decodes as an IPM heading, nor the reverse.
std::vector<std::string_view> auto_candidates(ber::Bytes data) {
  const std::uint8_t first = data.empty() ? 0 : data[0];
  switch (first) {
    case 0xa0:
    case 0xa1:
    case 0xa2: return {"mts-apdu", "ipm"};
    case 0xb0:
    case 0xb1:
    case 0xb2: return {"bind"};
    case 0x60: return {"orname"};
    case 0x31: return {"ipn"};
    default: return {"ipm"};
  }
}

}  // namespace

std::span<const Syntax> syntaxes() { return kSyntaxes; }

bool known_syntax(std::string_view name) {
  return std::any_of(kSyntaxes.begin(), kSyntaxes.end(), [&](const Syntax& s) { return s.name == name; });
}

Result<json::Value, std::string> dump_ber(std::string_view syntax, ber::Bytes data,
                                          const ber::Limits& limits) {
  if (syntax == "auto") {
    const auto candidates = auto_candidates(data);
    std::string errors;
    for (std::string_view c : candidates) {
      auto r = dump_ber(c, data, limits);
      if (r.ok()) return r;
      if (candidates.size() == 1) return r;
      errors += (errors.empty() ? "" : "; ") + std::string("as ") + std::string(c) + ": " + r.error();
    }
    return fail(std::move(errors));
  }
  if (syntax == "ipm" || syntax == "information-object") {
    auto v = p22::decode_information_object(data, limits);
    if (!v.ok()) return fail(v.error().to_string());
    return to_json(*v);
  }
  if (syntax == "ipn") {
    auto v = p22::decode_ipn(data, limits);
    if (!v.ok()) return fail(v.error().to_string());
    return wrap("notification", to_json(*v));
  }
  if (syntax == "orname") {
    auto v = asn::decode_or_name(data, limits);
    if (!v.ok()) return fail(v.error().to_string());
    return wrap("orname", to_json(*v));
  }
  if (syntax == "mts-apdu" || syntax == "p1") {
    auto v = asn::decode_mts_apdu(data, limits);
    if (!v.ok()) return fail(v.error().to_string());
    return wrap("mts-apdu", to_json(*v));
  }
  if (syntax.starts_with("bind")) return dump_bind(syntax, data, limits);
  return fail("unknown syntax \"" + std::string(syntax) + "\"");
}

Result<std::vector<std::uint8_t>, std::string> encode_document(const json::Value& doc) {
  if (!doc.is_object() || doc.size() != 1)
    return fail("$: expected an object with one member naming the syntax (" + std::string(kDocumentKeys) + ")");
  const std::string& key = doc.as_object().front().key;
  const json::Value& body = doc.as_object().front().value;
  const std::string path = "$." + key;
  if (key == "ipm" || key == "ipn") {
    auto v = information_object_from_json(doc, "$");
    if (!v.ok()) return fail(v.error());
    return ber_result(p22::encode_information_object(*v));
  }
  if (key == "notification") {
    auto v = ipn_from_json(body, path);
    if (!v.ok()) return fail(v.error());
    return ber_result(p22::encode_ipn(*v));
  }
  if (key == "orname") {
    auto v = or_name_from_json(body, path);
    if (!v.ok()) return fail(v.error());
    return ber_result(asn::encode_or_name(*v));
  }
  if (key == "mts-apdu") {
    auto v = mts_apdu_from_json(body, path);
    if (!v.ok()) return fail(v.error());
    return ber_result(asn::encode_mts_apdu(*v));
  }
  if (key == "bind-argument" || key == "bind-result") {
    const bool argument = key == "bind-argument";
    auto v = bind_value_from_json(body, path, argument ? BindRole::argument : BindRole::result);
    if (!v.ok()) return fail(v.error());
    return ber_result(argument ? asn::encode_mta_bind_argument(v->value, v->wrapping)
                               : asn::encode_mta_bind_result(v->value, v->wrapping));
  }
  if (key == "bind-error") {
    auto v = bind_error_from_json(body, path);
    if (!v.ok()) return fail(v.error());
    return ber_result(asn::encode_mta_bind_error(v->value, v->wrapping));
  }
  return fail(path + ": unknown syntax (expected " + std::string(kDocumentKeys) + ")");
}

std::string_view dump_syntax_of(std::string_view document_key) {
  if (document_key == "notification") return "ipn";
  if (document_key == "ipm" || document_key == "ipn") return "ipm";
  if (document_key == "orname" || document_key == "mts-apdu" || document_key == "bind-argument" ||
      document_key == "bind-result" || document_key == "bind-error")
    return document_key;
  return {};
}

}  // namespace mixer::x400::xjson
