// Errors of the address mapping (RFC 2156 §4): what went wrong, in which
// input, at which byte offset, and a reason class that lets callers choose the
// right reply (SMTP 5xx code at RCPT time, X.400 non-delivery diagnostic).
#pragma once

#include <cstddef>
#include <string>

#include "common/result.hpp"

namespace mixer::mapping::address {

enum class AddressErrorKind {
  kSyntax,         // the text is not a valid address of its kind (X.400: invalid-arguments)
  kUnmappable,     // valid, but no rule of RFC 2156 §4.3 can map it (X.400: unrecognised-OR-name)
  kTooLong,        // an X.400 upper bound would be exceeded (X.411 ub-*); never truncated
  kNonAscii,       // SMTPUTF8 local part: no PrintableString form (SMTP 553 5.6.7)
  kLocalToGateway, // an address of the gateway itself, not an X.400 address
};

struct AddressError {
  AddressErrorKind kind = AddressErrorKind::kSyntax;
  std::string what;
  std::string input;        // the offending text (truncated for messages by the caller)
  std::size_t offset = 0;   // byte offset in `input` where the problem was found

  std::string to_string() const {
    std::string s = "address: " + what;
    if (!input.empty()) s += " in '" + input + "' at offset " + std::to_string(offset);
    return s;
  }
};

template <typename T>
using AddressResult = Result<T, AddressError>;

inline AddressError address_error(AddressErrorKind kind, std::string what, std::string_view input = {},
                                  std::size_t offset = 0) {
  return AddressError{kind, std::move(what), std::string(input), offset};
}

}  // namespace mixer::mapping::address
