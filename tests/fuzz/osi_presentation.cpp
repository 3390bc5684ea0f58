// Fuzz target: the presentation, ACSE, RTSE and (x400/asn) MTA-bind decoders (the BER
// PDUs inside session user data). Every decoder must return a value or an
// OsiError, never crash or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "x400/osi/acse.hpp"
#include "x400/osi/presentation.hpp"
#include "x400/osi/rtse.hpp"
#include "x400/asn/p1_bind.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::x400::osi;
  using namespace mixer::x400;
  const ByteView in(data, size);
  if (auto cp = decode_cp(in)) {
    for (const auto& p : cp->user_data)
      if (auto aarq = decode_aarq(p.value))
        for (const auto& e : aarq->user_information)
          if (auto rq = decode_rtorq(e.data)) (void)asn::decode_mta_bind_argument(rq->user_data);
    (void)decode_rtorq_members(cp->x410_parameters);
  }
  if (auto cpa = decode_cpa(in))
    for (const auto& p : cpa->user_data)
      if (auto aare = decode_aare(p.value))
        for (const auto& e : aare->user_information) (void)decode_rtoac(e.data);
  (void)decode_cpr(in);
  (void)decode_abort(in);
  if (auto ud = decode_user_data(in))
    for (const auto& p : *ud) (void)decode_rtse_data(p.value);
  (void)decode_external(in, "fuzz");
  (void)decode_release_or_abort(in);
  (void)decode_rtorj(in);
  (void)asn::decode_mta_bind_result(in);
  (void)asn::decode_mta_bind_error(in);
  return 0;
}
