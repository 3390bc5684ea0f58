#include "x400/asn/p22_body_part_codec.hpp"

#include "x400/asn/p22_codec_internal.hpp"

namespace mixer::x400::p22 {

ber::BerResult<BodyPart> decode_body_part(std::shared_ptr<const std::vector<std::uint8_t>> buffer,
                                          const ber::Limits& limits) {
  ber::Reader top(ber::Bytes(buffer->data(), buffer->size()), limits);
  auto e = MIXER_BER_FIELD("BodyPart", top.next());
  MIXER_BER_CHECK("BodyPart", top.finish());
  auto part = detail::read_body_part(e, detail::DecodeContext{buffer});
  if (!part.ok()) return fail(ber::within(std::move(part).error(), "BodyPart"));
  return std::move(part).value();
}

ber::BerResult<std::vector<std::uint8_t>> encode_body_part(const BodyPart& v) {
  ber::Writer w;
  detail::write_body_part(w, v);
  auto out = std::move(w).finish();
  if (!out.ok()) return fail(ber::within(std::move(out).error(), "BodyPart"));
  return std::move(out).value();
}

}  // namespace mixer::x400::p22
