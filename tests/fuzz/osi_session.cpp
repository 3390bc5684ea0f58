// Fuzz target: X.225 SPDU decoding and the session machine. The input is a
// sequence of TSDUs, each prefixed by a 2-octet length; the first is offered
// to a responder as CN context. Errors must carry a layer; no crash.
#include <cstddef>
#include <cstdint>

#include "x400/osi/session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::x400::osi;
  SessionMachine m(SessionRole::responder, {});
  std::size_t i = 0;
  while (i + 2 <= size) {
    const std::size_t n = std::min<std::size_t>((data[i] << 8) | data[i + 1], size - i - 2);
    i += 2;
    auto r = m.receive(ByteView(data + i, n));
    i += n;
    if (!r) {
      if (r.error().layer != "session") __builtin_trap();
      return 0;
    }
    while (auto ev = m.next_event()) {
      using K = SessionEvent::Kind;
      if (ev->kind == K::connect) (void)m.send_accept({});
      if (ev->kind == K::minor_sync) (void)m.send_minor_sync_ack(ev->serial);
      if (ev->kind == K::activity_end) (void)m.send_activity_end_ack();
      if (ev->kind == K::finish) (void)m.send_disconnect(std::nullopt);
    }
  }
  return 0;
}
