// Internal to x400/json/p22_*json.cpp: the body part converters, which the
// IPM converter and the body part converter call on each other (a message
// body part holds an IPM). Not a public API.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "x400/asn/p22_types.hpp"
#include "x400/json/json_fields.hpp"

namespace mixer::x400::xjson::detail {

json::Value body_part_to_json(const p22::BodyPart& v);
JsonResult<p22::BodyPart> body_part_from_json(const json::Value& v, std::string_view path);

json::Value external_to_json(const ber::External& x);
JsonResult<ber::External> external_from_json(const json::Value& v, std::string_view path);

}  // namespace mixer::x400::xjson::detail
