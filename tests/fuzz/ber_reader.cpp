// Fuzz target: the BER reader and the universal-type decoders. Any input must
// give a value or a BerError with a message, never a crash. When it decodes,
// re-encoding it in definite form must decode to the same value (the writer
// and the reader agree on every encoding the reader accepts).
#include <cstddef>
#include <cstdint>

#include "tests/x400/ber/ber_dump.hpp"

namespace ber = mixer::x400::ber;

namespace {

bool reencode(ber::Reader& r, ber::Writer& w) {
  while (!r.empty()) {
    auto e = r.next();
    if (!e.ok()) return false;
    const bool string_type = e->tag.cls == ber::TagClass::universal &&
                             (e->tag.number == 4 || e->tag.number == 12 || (e->tag.number >= 18 && e->tag.number <= 30));
    if (e->constructed && string_type) {
      auto v = ber::read_octets_copy(*e);
      if (!v.ok()) return false;
      w.octets(ber::Bytes(*v), e->tag);
    } else if (e->constructed && e->tag == ber::tags::kBitString) {
      auto v = ber::read_bit_string(*e);
      if (!v.ok()) return false;
      w.bit_string(*v, e->tag);
    } else if (e->constructed) {
      auto c = e->children();
      if (!c.ok()) return false;
      auto m = w.begin(e->tag);
      if (!reencode(*c, w)) return false;
      w.end(m);
    } else {
      w.primitive(e->tag, e->content);
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ber::Bytes input(data, size);
  auto d = ber::testing::dump(input);
  if (!d.ok()) {
    if (d.error().message.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  ber::Reader r(input);
  ber::Writer w;
  if (!reencode(r, w)) __builtin_trap();  // dump accepted it, so must the walk
  auto out = std::move(w).finish();
  if (!out.ok()) __builtin_trap();
  auto again = ber::testing::dump(*out);
  if (!again.ok() || *again != *d) __builtin_trap();
  return 0;
}
