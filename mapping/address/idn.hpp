// Internationalised domain names (RFC 5890/5891, IDNA2008 via libidn2): the
// X.400 side can only carry ASCII, so U-labels become A-labels ("xn--...")
// on the way into X.400 and in table files.
#pragma once

#include <string>
#include <string_view>

#include "mapping/address/error.hpp"

namespace mixer::mapping::address {

// Lower-case ASCII domain, U-labels converted to A-labels (IDNA2008,
// non-transitional). An invalid IDN is a kSyntax error naming libidn2's reason.
AddressResult<std::string> domain_to_ascii(std::string_view domain);

// A-labels back to U-labels (UTF-8), for display; an error if not valid.
AddressResult<std::string> domain_to_unicode(std::string_view domain);

}  // namespace mixer::mapping::address
