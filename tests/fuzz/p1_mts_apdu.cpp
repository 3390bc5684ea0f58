// Fuzz target: the X.411 MTS-APDU decoder. Any input gives an MtsApdu or a
// BerError with a message; a decoded value re-encodes and decodes equal.
#include <cstddef>
#include <cstdint>

#include "x400/asn/p1_apdu.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace asn = mixer::x400::asn;
  auto v = asn::decode_mts_apdu(mixer::x400::ber::Bytes(data, size));
  if (!v.ok()) {
    if (v.error().message.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  auto bytes = asn::encode_mts_apdu(*v);
  if (!bytes.ok()) return 0;  // e.g. a decoded string the encoder's checks refuse
  auto back = asn::decode_mts_apdu(*bytes);
  if (!back.ok() || !(*back == *v)) __builtin_trap();
  return 0;
}
