// RFC 2156 address mapping, both directions, as pure functions over a
// MappingContext.
//
// RFC 822 -> X.400 (§4.3.4, §4.4): a std-or local part at the gateway's own
// domain or at a gate1 gateway domain is decoded (never wrapped again);
// otherwise table 1 (longest match by whole labels) builds the O/R address
// from the prefix, the labels below it (O, OUs) and the local part (std-or
// or encoded-pn); otherwise (stage II) the addr-spec is ps-encoded into the
// RFC-822 domain-defined attribute under the gateway's O/R address (gate2
// match, else the local gateway).
//
// X.400 -> RFC 822 (§4.3.5): mapping A decodes an RFC-822 DDA under the local
// gateway's (or a gate2) O/R address; mapping B uses table 2 (longest
// hierarchy match) for the domain, adds O/OU labels while they are
// domain-syntax, and writes the remaining attributes as encoded-pn or std-or;
// otherwise the whole address is written as std-or at the gate1 domain or the
// local domain.
//
// Every result names the rule and the table line that decided it (--explain).
// Failures: kSyntax, kUnmappable, kTooLong (DDA over 128, never truncated),
// kNonAscii (SMTPUTF8 local part), kLocalToGateway.
#pragma once

#include <string>
#include <string_view>

#include "mapping/address/context.hpp"
#include "mapping/address/error.hpp"
#include "mapping/address/rfc822.hpp"

namespace mixer::mapping::address {

// Why a mapping came out as it did.
struct Decision {
  std::string_view rule;    // static text naming the RFC 2156 rule
  std::string_view table;   // source file of the deciding table, "" when none
  std::size_t line = 0;     // line of the deciding entry, 0 when none
  std::string explain() const;
};

struct OrMapping {
  x400::ORAddress address;
  Decision decision;
};

struct RfcMapping {
  std::string address;  // printed addr-spec (RFC 5322 / SMTP valid)
  Decision decision;
};

// `address` is an addr-spec, "<path>" (with optional source route) or a
// header mailbox. A leading route element naming the gateway is removed.
AddressResult<OrMapping> map_822_to_x400(const MappingContext& ctx, std::string_view address);
AddressResult<RfcMapping> map_x400_to_822(const MappingContext& ctx, const x400::ORAddress& address);

}  // namespace mixer::mapping::address
