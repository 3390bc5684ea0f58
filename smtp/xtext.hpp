// xtext (RFC 3461 4): the encoding of DSN parameters ENVID and ORCPT. Octets
// "+" and "=" and anything outside 33..126 are written "+HH" (upper-case hex).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mixer::smtp {

// nullopt when `text` is not valid xtext (bad "+HH", or a character outside
// 33..126 or "=" unencoded).
std::optional<std::string> xtext_decode(std::string_view text);
std::string xtext_encode(std::string_view raw);

}  // namespace mixer::smtp
