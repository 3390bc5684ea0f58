#include "mapping/address/idn.hpp"

#include <idn2.h>

#include <cstdlib>
#include <memory>

#include "mapping/address/or_values.hpp"

namespace mixer::mapping::address {

namespace {
struct FreeDeleter {
  void operator()(char* p) const noexcept { idn2_free(p); }
};
}  // namespace

AddressResult<std::string> domain_to_ascii(std::string_view domain) {
  bool ascii = true;
  for (char c : domain) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return ascii_lower(domain);
  const std::string in(domain);
  char* out = nullptr;
  const int rc = idn2_to_ascii_8z(in.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  std::unique_ptr<char, FreeDeleter> guard(out);
  if (rc != IDN2_OK)
    return fail(address_error(AddressErrorKind::kSyntax,
                              std::string("invalid internationalised domain (IDNA2008): ") + idn2_strerror(rc), domain));
  return ascii_lower(out);
}

AddressResult<std::string> domain_to_unicode(std::string_view domain) {
  const std::string in(domain);
  char* out = nullptr;
  const int rc = idn2_to_unicode_8z8z(in.c_str(), &out, 0);
  std::unique_ptr<char, FreeDeleter> guard(out);
  if (rc != IDN2_OK)
    return fail(address_error(AddressErrorKind::kSyntax, std::string("invalid A-label: ") + idn2_strerror(rc), domain));
  return std::string(out);
}

}  // namespace mixer::mapping::address
