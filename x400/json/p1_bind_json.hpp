// X.411 MTA-bind values (x400/asn/p1_bind.hpp) <-> JSON, for `mixer x400
// dump --as bind|bind-argument|bind-result|bind-error` and `mixer x400 encode`:
//   {"wrapping": "bind-macro" | "bare",
//    "value": {"unauthenticated": null}
//           | {"authenticated": {"initiator-name": "MTA-A",            (result: responder-name)
//                                "initiator-credentials":             (result: responder-credentials)
//                                   {"simple": {"ia5-string": "secret"}}
//                                 | {"simple": {"octet-string": {"hex": ...}}}
//                                 | {"strong": {"ber": ...}} | {"protected": {"ber": ...}},
//                                "security-context": {"ber": ...}}}}          (argument only)
//   bind-error: {"wrapping": ..., "value": "busy" | "authentication-error" | ... | <integer>}
// "wrapping" is the wire shape (osi-wire-crib 6.1): "bind-macro" = the X.219
// BIND-macro [16]/[17]/[18] EXPLICIT wrapper of normal mode, "bare" = X.410
// mode; absent on input means "bind-macro".
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "x400/asn/p1_bind.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson {

enum class BindRole : std::uint8_t { argument, result };

json::Value bind_value_to_json(const asn::MtaBindValue& v, asn::BindWrapping w, BindRole role);
json::Value bind_error_to_json(asn::MtaBindError e, asn::BindWrapping w);

struct BindValueJson {
  asn::MtaBindValue value;
  asn::BindWrapping wrapping = asn::BindWrapping::bind_macro;
};
struct BindErrorJson {
  asn::MtaBindError value = asn::MtaBindError::busy;
  asn::BindWrapping wrapping = asn::BindWrapping::bind_macro;
};
JsonResult<BindValueJson> bind_value_from_json(const json::Value& v, std::string_view path, BindRole role);
JsonResult<BindErrorJson> bind_error_from_json(const json::Value& v, std::string_view path);

}  // namespace mixer::x400::xjson
