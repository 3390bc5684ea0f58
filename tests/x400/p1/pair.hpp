// Two sans-I/O Associations wired back to back (initiator <-> responder),
// for the association tests: run() moves bytes both ways until quiet.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/hex.hpp"
#include "x400/osi/osi_ber.hpp"
#include "x400/p1/association.hpp"

namespace mixer::x400::p1 {

// An MTS-APDU-shaped value of n octets: a0 <len> ... (opaque to the association).
inline osi::Bytes apdu(std::size_t n, std::uint8_t seed) {
  osi::Bytes body(n);
  for (std::size_t i = 0; i < n; ++i) body[i] = static_cast<std::uint8_t>(seed + i * 13);
  return osi::ctx(0, osi::tlv(ber::tags::kOctetString, false, body));
}

// The test peers: our gateway "GATEWAY" (password "secret") initiates to
// "MSWITCH", which knows it and answers with password "passwd".
inline AssociationConfig test_initiator(Mode m) {
  AssociationConfig c;
  c.role = Role::initiator;
  c.mode = m;
  c.our_mta = "GATEWAY";
  c.our_password = "secret";
  c.peer_mta = "MSWITCH";
  c.called_tsel = {'x', '4', '0', '0'};
  return c;
}

inline AssociationConfig test_responder() {
  AssociationConfig c;
  c.role = Role::responder;
  c.our_mta = "MSWITCH";
  c.peers["GATEWAY"] = {"secret", "passwd"};
  return c;
}

struct Pair {
  Association ini, res;
  std::vector<AssociationEvent> ini_events, res_events;
  bool auto_confirm = true;
  std::size_t chunk = 1 << 20;  // bytes per delivery, to exercise reassembly
  // Every write, in order: '>' initiator to responder, '<' back (the oracle's
  // stream2pcap format).
  std::vector<std::pair<char, osi::Bytes>> wire;

  Pair(AssociationConfig i, AssociationConfig r) : ini(std::move(i)), res(std::move(r)) {}

  void run() {
    for (int rounds = 0; rounds < 100000; ++rounds) {
      bool moved = false;
      for (auto [from, to] : {std::pair{&ini, &res}, std::pair{&res, &ini}}) {
        osi::Bytes out = from->take_output();
        if (!out.empty()) wire.emplace_back(from == &ini ? '>' : '<', out);
        for (std::size_t i = 0; i < out.size(); i += chunk)
          to->receive(osi::ByteView(out).subspan(i, std::min(chunk, out.size() - i)));
        moved = moved || !out.empty();
      }
      while (auto e = res.next_event()) {
        if (e->kind == AssociationEvent::Kind::apdu_received && auto_confirm) res.confirm_stored(e->id);
        res_events.push_back(std::move(*e));
        moved = true;
      }
      while (auto e = ini.next_event()) {
        // TWA: the initiator receives APDUs too.
        if (e->kind == AssociationEvent::Kind::apdu_received && auto_confirm) ini.confirm_stored(e->id);
        ini_events.push_back(std::move(*e));
        moved = true;
      }
      if (!moved) return;
    }
    FAIL() << "no quiescence";
  }
  // The wire as a stream2pcap input file.
  std::string stream_text() const {
    std::string s;
    for (const auto& [dir, bytes] : wire) s += std::string(1, dir) + " " + to_hex(bytes) + "\n";
    return s;
  }
  std::vector<std::string> kinds(const std::vector<AssociationEvent>& v) {
    std::vector<std::string> out;
    for (const auto& e : v) out.push_back(to_string(e.kind));
    return out;
  }
};

}  // namespace mixer::x400::p1
