// Fuzz target: the X.420 InformationObject decoder (and the bare IPN one).
// Any input must give a value or a BerError with a message; a value must
// re-encode, and its encoding must decode to the same value.
#include <cstddef>
#include <cstdint>

#include "x400/asn/p22_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::x400;
  const ber::Bytes bytes(data, size);
  auto v = p22::decode_information_object(bytes);
  if (!v.ok()) {
    if (v.error().message.empty()) __builtin_trap();
  } else if (auto again = p22::encode_information_object(*v); again.ok()) {
    auto back = p22::decode_information_object(*again);
    if (!back.ok() || !(*back == *v)) __builtin_trap();
  }
  auto ipn = p22::decode_ipn(bytes);
  if (!ipn.ok() && ipn.error().message.empty()) __builtin_trap();
  return 0;
}
