// Fuzz target: RFC 1006 TPKT + X.224 class 0 responder. Any byte stream must
// give events or an OsiError with layer and offset, never a crash; the
// machine is closed after an error.
#include <cstddef>
#include <cstdint>

#include "x400/osi/transport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::x400::osi;
  TransportConfig cfg;
  cfg.limits.max_tsdu_octets = 1 << 20;
  TransportMachine m(TransportRole::responder, cfg);
  // Feed in two parts to exercise buffering.
  const std::size_t half = size / 2;
  for (auto part : {ByteView(data, half), ByteView(data + half, size - half)}) {
    m.receive(part);
    for (int i = 0; i < 100000; ++i) {
      auto ev = m.next_event();
      if (!ev) {
        if (ev.error().layer.empty() || m.state() != TransportState::closed) __builtin_trap();
        return 0;
      }
      if (!ev.value()) break;
      if (ev.value()->kind == TransportEvent::Kind::connect_request) (void)m.send_connect_confirm();
      if (ev.value()->kind == TransportEvent::Kind::data) (void)m.send_data(ev.value()->data);
    }
  }
  return 0;
}
