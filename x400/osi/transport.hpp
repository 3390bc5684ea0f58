// RFC 1006 TPKT framing and ISO 8073 / X.224 class 0 over TCP, as a sans-I/O
// state machine: feed the TCP byte stream with receive(), take events with
// next_event(), and ask for the bytes of CR/CC/DT/DR with the send_* calls.
//
// RFC 1006 §6: TPKT = 03 00 LEN(2, whole packet incl. header, 7..65535) TPDU.
// X.224 §13 (class 0): CR e0, CC d0, DT f0 (LI 2, EOT bit 80, NR 0), DR 80,
// ER 70; parameters c0 TPDU size, c1 calling TSAP, c2 called TSAP.
// A TSDU is reassembled from DT TPDUs until EOT (X.224 §6.3) and cut into
// DTs no larger than the negotiated TPDU size when sent.
// Policy (crib §1.3, docs/conformance/osi.md): propose 2048 (c0 0b); accept
// any DT up to 65531 octets whatever was negotiated. A CC without c0 bounds
// what we send to ISO 8073's default of 128. A CR without c0 is answered, as
// Isode's responder does in the reference captures, by a CC without c0, and
// we then send TPDUs up to `tpdu_size_when_absent` (default 65531: RFC 1006
// peers such as ISODE apply no limit then).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "x400/osi/error.hpp"

namespace mixer::x400::osi {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

struct TransportLimits {
  // Largest reassembled TSDU we accept (default 64 MiB; range 64 KiB .. 1 GiB).
  std::size_t max_tsdu_octets = std::size_t{64} << 20;
  // TPDU size we propose / accept at most, as the c0 code 7..13 (128..8192);
  // default 11 = 2048 (class 0 allows 7..11).
  std::uint8_t tpdu_size_code = 0x0b;
  // What we send after a CR without c0 (range 128..65531, default 65531).
  std::size_t tpdu_size_when_absent = 65531;
};

struct TransportConfig {
  Bytes calling_tsel;  // c1, sent by the initiator when non-empty
  Bytes called_tsel;   // c2, sent by the initiator when non-empty
  std::uint16_t local_ref = 0x0001;
  TransportLimits limits;
};

enum class TransportRole { initiator, responder };

enum class TransportState {
  idle,          // initiator before CR, responder waiting for CR
  awaiting_cc,   // initiator sent CR
  cr_received,   // responder got CR, must accept or refuse
  open,          // data transfer
  closed,        // DR sent or received, or a protocol error
};

struct TransportEvent {
  enum class Kind { connect_request, connect_confirm, data, disconnect } kind;
  Bytes data;             // the TSDU for `data`
  Bytes calling_tsel;     // connect_request
  Bytes called_tsel;      // connect_request
  std::uint8_t reason = 0;  // disconnect: DR reason, or ER cause | 0x100 marker lost
  bool error_tpdu = false;  // disconnect caused by an ER TPDU
};

class TransportMachine {
 public:
  TransportMachine(TransportRole role, TransportConfig config);

  // Appends bytes read from TCP. Never fails; errors surface in next_event().
  void receive(ByteView bytes);
  // The next complete event; nullopt = need more data. After an error the
  // machine is closed and keeps returning that error.
  Result<std::optional<TransportEvent>, OsiError> next_event();

  Result<Bytes, OsiError> send_connect_request();     // initiator, idle
  Result<Bytes, OsiError> send_connect_confirm();     // responder, cr_received
  // A TSDU as one or more DT TPDUs (each within the negotiated TPDU size).
  Result<Bytes, OsiError> send_data(ByteView tsdu);
  // DR (refuse a CR, or close). Always allowed unless already closed.
  Bytes send_disconnect(std::uint8_t reason = 0x80);

  TransportState state() const { return state_; }
  // Negotiated maximum TPDU size in octets (what we may send).
  std::size_t tpdu_size() const { return tpdu_size_; }
  std::size_t buffered() const { return in_.size() - pos_; }

 private:
  Result<std::optional<TransportEvent>, OsiError> parse_tpdu(ByteView tpdu, std::size_t base);
  OsiError fail_with(OsiError e);

  TransportRole role_;
  TransportConfig config_;
  TransportState state_ = TransportState::idle;
  Bytes in_;
  std::size_t pos_ = 0;
  std::size_t consumed_ = 0;  // stream offset of in_[0]
  Bytes tsdu_;
  std::uint16_t peer_ref_ = 0;
  std::size_t tpdu_size_ = 128;
  bool cr_had_size_ = true;
  std::optional<OsiError> error_;
};

// Size in octets for a c0 code (7..13), nullopt when out of range.
std::optional<std::size_t> tpdu_size_from_code(std::uint8_t code);

}  // namespace mixer::x400::osi
