// The mapping context (RFC 2156 §4.2-§4.4): everything the address mapping
// needs besides the address, built once by the caller (from configuration
// and table files) and passed by const reference to the pure functions in
// map_address.hpp.
#pragma once

#include <string>

#include "mapping/address/tables.hpp"
#include "x400/asn/or_address.hpp"

namespace mixer::mapping::address {

struct MappingContext {
  DomainTable table1;  // RFC 822 domain -> O/R prefix (§4.3.4 stage I)
  OrTable table2;      // O/R prefix -> RFC 822 domain (§4.3.5 mapping B)
  DomainTable gate2;   // RFC 822 domain -> O/R address of the X.400-side gateway (§4.3.2)
  OrTable gate1;       // O/R prefix -> domain of the Internet-side gateway (§4.3.1)
  std::string local_domain;  // the gateway's own RFC 822 domain, lower-case A-labels
  x400::ORAddress local_or;  // the gateway's own O/R address
};

}  // namespace mixer::mapping::address
