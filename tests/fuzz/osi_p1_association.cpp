// Fuzz target: a whole P1 responder association fed arbitrary bytes (after a
// valid CR and CN from the crib's worked example, so the data phase is
// reached). It must end in an event or keep waiting, never crash or leak.
#include <cstddef>
#include <cstdint>

#include "common/hex.hpp"
#include "x400/p1/association.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::x400::p1;
  AssociationConfig cfg;
  cfg.role = Role::responder;
  cfg.our_mta = "MSWITCH";
  cfg.max_apdu_octets = 1 << 20;
  Association a(cfg);
  // With the first input octet odd, start from a bound association; with its
  // bit 2 also set, a two-way-alternate one (dialogueMode 82 01 01 in the
  // RTORQ), and the selector octet is not fed (so the turn SPDUs get reached).
  const bool twa = size > 0 && (data[0] & 1) && (data[0] & 4);
  if (size > 0 && (data[0] & 1)) {
    static const auto monologue = *mixer::from_hex(
        "0300001813e00000000100c1020001c20478343030c0010b"
        "0300009c02f0800d9305091301001601021a01001402024934020001c17e317ca003800101a275a433300f020101060452010001"
        "300406025101300f02010306045600020c300406025101300f020105060456000207300406025101613e303c020101a037603580"
        "020780a106060456000106be272825020103a020b01e820100a319a017b015a113800747415445574159a1081606736563726574");
    static const auto two_way = [] {
      auto p = monologue;
      const std::uint8_t dm[3] = {0x82, 0x01, 0x00};
      for (std::size_t i = 2; i + 3 <= p.size(); ++i)
        if (p[i] == dm[0] && p[i + 1] == dm[1] && p[i + 2] == dm[2] && p[i - 2] == 0xb0) {
          p[i + 2] = 0x01;
          break;
        }
      return p;
    }();
    a.receive(twa ? two_way : monologue);
  }
  if (twa) {
    ++data;
    --size;
  }
  a.receive(mixer::x400::osi::ByteView(data, size));
  while (auto ev = a.next_event())
    if (ev->kind == AssociationEvent::Kind::apdu_received) a.confirm_stored(ev->id);
  (void)a.take_output();
  a.peer_closed();
  while (a.next_event()) {
  }
  return 0;
}
