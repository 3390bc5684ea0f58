// Parameterised MIME header values: Content-Type (RFC 2045 §5.1) and
// Content-Disposition (RFC 2183), with RFC 2231 parameter continuations and
// charset/language encoding decoded to UTF-8. Parsing is lenient the way
// real mail needs (a malformed parameter is skipped, not fatal); formatting
// is strict (quoted-strings where needed, RFC 2231 for non-ASCII values).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mapping/mime/entity.hpp"
#include "mapping/mime/header.hpp"

namespace mixer::mapping::mime {

struct Parameter {
  std::string name;   // lower case
  std::string value;  // decoded, UTF-8
};

struct ParameterizedValue {
  std::string value;  // lower case ("text/plain", "attachment")
  std::vector<Parameter> params;

  const std::string* param(std::string_view name) const;
  void set_param(std::string_view name, std::string value);
};

ParameterizedValue parse_parameterized(std::string_view unfolded);
// "value; name=token; other=\"quoted string\"; f*=utf-8''%C3%A9"
std::string format_parameterized(const ParameterizedValue& v);

struct ContentType {
  std::string type = "text";      // lower case
  std::string subtype = "plain";  // lower case
  std::vector<Parameter> params;

  std::string media_type() const { return type + "/" + subtype; }
  const std::string* param(std::string_view name) const;
  bool is_multipart() const { return type == "multipart"; }
  bool is_text() const { return type == "text"; }
  // The charset parameter, or "us-ascii" (RFC 2045 §5.2).
  std::string charset() const;
};

// The entity's content type; defaults (RFC 2045 §5.2, RFC 2046 §5.1.5 for
// multipart/digest children) when absent or syntactically invalid.
ContentType content_type_of(const HeaderList& headers, bool in_digest = false);
// The same for a parsed or built entity (its in_digest flag chooses the default).
inline ContentType content_type_of(const Entity& e) { return content_type_of(e.headers, e.in_digest); }
ContentType to_content_type(const ParameterizedValue& v);
ParameterizedValue from_content_type(const ContentType& ct);

}  // namespace mixer::mapping::mime
