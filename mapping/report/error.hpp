// Errors of the report layer (RFC 3464 DSN, RFC 8098 MDN, RFC 6522
// multipart/report): what went wrong, the field involved and the 1-based line
// of the parsed text where it happened (0 when not tied to a line).
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "common/result.hpp"

namespace mixer::mapping::report {

struct ReportError {
  std::string what;
  std::string field;      // header/field name involved, "" when none
  std::size_t line = 0;   // 1-based line in the parsed input, 0 when not applicable

  std::string to_string() const {
    std::string s = "report: " + what;
    if (!field.empty()) s += " (field " + field + ")";
    if (line != 0) s += " at line " + std::to_string(line);
    return s;
  }
};

}  // namespace mixer::mapping::report

// Propagates the error of a Status<...> expression (MIXER_TRY needs a value).
#define MIXER_REPORT_CHECK(expr)                                     \
  do {                                                               \
    auto&& mixer_check_r_ = (expr);                                  \
    if (!mixer_check_r_.ok()) return ::mixer::fail(std::move(mixer_check_r_).error()); \
  } while (0)
