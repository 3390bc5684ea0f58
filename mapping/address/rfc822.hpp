// RFC 5322 (§3.4.1 addr-spec, §3.2.2 CFWS, §4.4 obs-local-part) and RFC 5321
// (§4.1.2 Path with source route) address syntax, the RFC 822 side of the
// RFC 2156 mapping. Local parts are held unquoted (their meaning); printing
// re-quotes, so print(parse(x)) is canonical and always a valid RFC 5322 /
// SMTP address.
//
// Internationalised text (RFC 6532 / 6531): UTF-8 octets are accepted in
// atoms, quoted strings and domains; `AddrSpec::is_ascii()` tells the caller.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mapping/address/error.hpp"

namespace mixer::mapping::address {

struct AddrSpec {
  std::string local_part;      // unquoted: "John Smith" for "\"John Smith\"@x"
  std::string domain;          // as written (no brackets for a literal)
  bool domain_literal = false; // [192.0.2.1]
  bool operator==(const AddrSpec&) const = default;
  bool is_ascii() const;
};

// An address as found in an SMTP path or a header mailbox: an optional
// (obsolete) source route and the addr-spec.
struct RoutedAddress {
  std::vector<std::string> route;  // "<@a,@b:u@c>" -> {"a", "b"}
  AddrSpec addr;
};

// Parses exactly one addr-spec. With `allow_cfws`, comments and folding white
// space are allowed around tokens (header syntax); without, the strict SMTP
// form. obs-local-part (words separated by dots) is accepted.
AddressResult<AddrSpec> parse_addr_spec(std::string_view text, bool allow_cfws = false);

// Accepts "addr-spec", "<addr-spec>", "<@route,@route:addr-spec>" and a header
// mailbox "Display Name <addr-spec>" (the display name is dropped), with
// comments.
AddressResult<RoutedAddress> parse_address(std::string_view text);

// RFC 5322 atext (plus UTF-8 octets when `utf8`).
bool is_atext(char c, bool utf8 = true);
bool is_dot_atom_text(std::string_view s);

// The local part as a dot-atom when possible, else a quoted-string. Fails
// (kSyntax) only for control characters other than TAB, which RFC 5322 cannot
// carry in a local part.
AddressResult<std::string> print_local_part(std::string_view local);
AddressResult<std::string> print_addr_spec(const AddrSpec& a);

// RFC 2156 §4.3.1 domain-syntax: alphanum [*alphanumhyphen alphanum].
bool is_domain_syntax(std::string_view label);

}  // namespace mixer::mapping::address
