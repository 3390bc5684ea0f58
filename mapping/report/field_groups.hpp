// The body syntax shared by message/delivery-status (RFC 3464 §2.1) and
// message/disposition-notification (RFC 8098 §3.1): groups of RFC 5322-style
// fields, groups separated by one or more blank lines, fields folded with
// leading white space. Both CRLF and bare LF line ends are accepted (mail
// stored by MTAs often uses LF); output always uses CRLF.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/report/error.hpp"
#include "mapping/report/limits.hpp"

namespace mixer::mapping::report {

struct Field {
  std::string name;   // as written
  std::string value;  // unfolded (CRLF+WSP -> WSP), surrounding white space trimmed
  std::size_t line = 0;
};

using FieldGroup = std::vector<Field>;

// Splits text into field groups; `first_line` numbers the first line (so
// errors can point into an enclosing message).
Result<std::vector<FieldGroup>, ReportError> parse_field_groups(std::string_view text, const ReportLimits& limits,
                                                                std::size_t first_line = 1);

// ASCII case-insensitive equality (field names, keywords).
bool iequal(std::string_view a, std::string_view b) noexcept;
std::string_view trim(std::string_view s) noexcept;

// Appends "Name: value\r\n" folded at white space so lines stay within 78
// characters where possible (RFC 5322 §2.1.1); a value that needs longer
// lines is written unfolded (never broken inside a word).
void append_field(std::string& out, std::string_view name, std::string_view value);

}  // namespace mixer::mapping::report
