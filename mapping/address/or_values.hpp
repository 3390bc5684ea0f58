// Value encodings of the RFC 2156 textual O/R forms (App. E): std-or "$"
// escaping, teletex-and-or-ps ("printable*teletex" with "{ddd}" octets),
// labelled-integer, and the checks of X.411 upper bounds on a whole ORAddress.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mapping/address/error.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::mapping::address {

// The two halves of a `teletex-and-or-ps` value; either may be absent.
struct PrintableTeletex {
  std::optional<std::string> printable;
  std::optional<std::string> teletex;  // T.61 octets
};

// Splits and decodes an unescaped std-or value ("$" pairs already removed)
// into its PrintableString and Teletex halves (App. E teletex-and-or-ps).
AddressResult<PrintableTeletex> decode_teletex_and_or_ps(std::string_view value);
// Writes the Teletex half: PrintableString characters as they are, every other
// octet as 3-digit decimal inside braces ("{200117}").
std::string encode_teletex(std::string_view t61);

// Escapes a PrintableString value for std-or: "/" -> "$/", "=" -> "$=".
std::string std_escape(std::string_view value);

bool is_numeric_string(std::string_view s);  // NumericString: digits and space

// X.411 bounds and structure of a complete address: upper bounds of every
// attribute, at most 4 OUs/DDAs, surname present when G/I/GQ are, country
// name 2 letters or 3 digits. kTooLong for a bound, kSyntax otherwise; the
// message names the attribute.
AddressResult<Ok> check_or_address(const x400::ORAddress& a);

// Case-insensitive ASCII equality (PrintableString O/R attributes compare
// without case, X.411 12.5).
bool iequals(std::string_view a, std::string_view b);
std::string ascii_lower(std::string_view s);

}  // namespace mixer::mapping::address
