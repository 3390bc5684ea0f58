// xtext (RFC 3461 §4): the encoding of the SMTP DSN parameters ENVID and
// ORCPT. Characters "!" .. "~" except "+" and "=" stand for themselves; any
// other octet is "+" followed by two upper-case hex digits.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "mapping/report/error.hpp"

namespace mixer::mapping::report {

std::string xtext_encode(std::string_view raw);

// Strict decoder: rejects "+" not followed by two upper-case hex digits
// (RFC 3461 §4 grammar: hexchar = "+" 2(%x30-39 / %x41-46)), and characters
// outside xchar. Lower-case hex is accepted on input (robustness, Postfix
// does the same) but never generated.
Result<std::string, ReportError> xtext_decode(std::string_view xtext);

}  // namespace mixer::mapping::report
