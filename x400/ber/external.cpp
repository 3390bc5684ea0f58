// EXTERNAL (X.690 8.18).
#include "x400/ber/external.hpp"

#include "x400/ber/decode.hpp"

namespace mixer::x400::ber {

BerResult<External> read_external(const Element& e) {
  External x;
  auto r = MIXER_TRY(e.children());
  if (auto el = MIXER_TRY(r.optional(tags::kObjectIdentifier)))
    x.direct_reference = MIXER_BER_FIELD("direct-reference", read_oid(*el));
  if (auto el = MIXER_TRY(r.optional(tags::kInteger)))
    x.indirect_reference = MIXER_BER_FIELD("indirect-reference", read_integer(*el));
  if (auto el = MIXER_TRY(r.optional(tags::kObjectDescriptor)))
    x.data_value_descriptor = MIXER_BER_FIELD("data-value-descriptor", read_string(*el, StringKind::graphic));
  auto enc = MIXER_BER_FIELD("encoding", r.next());
  if (enc.tag == context(0)) {
    x.encoding = External::Encoding::single_asn1_type;
    auto inner = MIXER_BER_FIELD("encoding.single-ASN1-type", enc.children());
    auto value = MIXER_BER_FIELD("encoding.single-ASN1-type", inner.next());
    MIXER_BER_CHECK("encoding.single-ASN1-type", inner.finish());
    x.data.assign(value.encoding.begin(), value.encoding.end());
  } else if (enc.tag == context(1)) {
    x.encoding = External::Encoding::octet_aligned;
    x.data = MIXER_BER_FIELD("encoding.octet-aligned", read_octets_copy(enc));
  } else if (enc.tag == context(2)) {
    x.encoding = External::Encoding::arbitrary;
    x.bits = MIXER_BER_FIELD("encoding.arbitrary", read_bit_string(enc));
  } else {
    return fail(within(unexpected(enc.offset, "expected [0], [1] or [2], found " + enc.tag.to_string()), "encoding"));
  }
  MIXER_BER_OK(r.finish());
  return x;
}

void write_external(Writer& w, const External& v, Tag t) {
  auto m = w.begin(t);
  if (v.direct_reference) w.oid(*v.direct_reference);
  if (v.indirect_reference) w.integer(*v.indirect_reference);
  if (v.data_value_descriptor) w.octets(std::string_view(*v.data_value_descriptor), tags::kObjectDescriptor);
  switch (v.encoding) {
    case External::Encoding::single_asn1_type: {
      auto c = w.begin(context(0));
      w.raw(v.data);
      w.end(c);
      break;
    }
    case External::Encoding::octet_aligned: w.octets(Bytes(v.data), context(1)); break;
    case External::Encoding::arbitrary: w.bit_string(v.bits, context(2)); break;
  }
  w.end(m);
}

}  // namespace mixer::x400::ber
