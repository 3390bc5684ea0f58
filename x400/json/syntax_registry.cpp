// Name -> codec table for `mixer x400 dump|encode`; see syntax_registry.hpp.
#include "x400/json/syntax_registry.hpp"

#include <algorithm>
#include <array>

#include "x400/asn/or_address_codec.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/json/or_address_json.hpp"
#include "x400/json/p22_json.hpp"

namespace mixer::x400::xjson {

namespace {

constexpr std::array<Syntax, 4> kSyntaxes = {{
    {"ipm", "X.420 InformationObject (content type 22 or 2): ipm [0] or ipn [1]"},
    {"information-object", "same as ipm"},
    {"ipn", "X.420 IPN as a bare SET (the notification body part)"},
    {"orname", "X.411 ORName ([APPLICATION 0])"},
}};

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

}  // namespace

std::span<const Syntax> syntaxes() { return kSyntaxes; }

bool known_syntax(std::string_view name) {
  return std::any_of(kSyntaxes.begin(), kSyntaxes.end(), [&](const Syntax& s) { return s.name == name; });
}

Result<json::Value, std::string> dump_ber(std::string_view syntax, ber::Bytes data,
                                          const ber::Limits& limits) {
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
  return fail("unknown syntax \"" + std::string(syntax) + "\"");
}

Result<std::vector<std::uint8_t>, std::string> encode_document(const json::Value& doc) {
  if (!doc.is_object() || doc.size() != 1)
    return fail(std::string(
        "$: expected an object with one member naming the syntax (ipm, ipn, notification, orname)"));
  const std::string& key = doc.as_object().front().key;
  const json::Value& body = doc.as_object().front().value;
  if (key == "ipm" || key == "ipn") {
    auto v = information_object_from_json(doc, "$");
    if (!v.ok()) return fail(v.error());
    return ber_result(p22::encode_information_object(*v));
  }
  if (key == "notification") {
    auto v = ipn_from_json(body, "$.notification");
    if (!v.ok()) return fail(v.error());
    return ber_result(p22::encode_ipn(*v));
  }
  if (key == "orname") {
    auto v = or_name_from_json(body, "$.orname");
    if (!v.ok()) return fail(v.error());
    return ber_result(asn::encode_or_name(*v));
  }
  return fail("$." + key + ": unknown syntax (expected ipm, ipn, notification or orname)");
}

}  // namespace mixer::x400::xjson
