// Fuzz target: the MTA-bind argument / result / error decoders (both
// wrappings). Any input gives a value or a BerError with a message; decoded
// values re-encode in the same wrapping and decode equal.
#include <cstddef>
#include <cstdint>

#include "x400/asn/p1_bind.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace asn = mixer::x400::asn;
  const mixer::x400::ber::Bytes in(data, size);
  asn::BindWrapping w{};
  if (auto a = asn::decode_mta_bind_argument(in, &w); a.ok()) {
    auto b = asn::encode_mta_bind_argument(*a, w);
    if (b.ok()) {
      auto back = asn::decode_mta_bind_argument(*b);
      if (!back.ok() || !(*back == *a)) __builtin_trap();
    }
  } else if (a.error().message.empty()) {
    __builtin_trap();
  }
  if (auto r = asn::decode_mta_bind_result(in, &w); r.ok()) {
    auto b = asn::encode_mta_bind_result(*r, w);
    if (b.ok()) {
      auto back = asn::decode_mta_bind_result(*b);
      if (!back.ok() || !(*back == *r)) __builtin_trap();
    }
  } else if (r.error().message.empty()) {
    __builtin_trap();
  }
  if (auto e = asn::decode_mta_bind_error(in, &w); e.ok()) {
    auto back = asn::decode_mta_bind_error(*asn::encode_mta_bind_error(*e, w));
    if (!back.ok() || *back != *e) __builtin_trap();
  } else if (e.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
