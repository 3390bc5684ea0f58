// X.225 (ISO 8327-1) session protocol machine, version 2, with the functional
// units RTSE uses (X.228 §7.1: half-duplex, minor synchronize, activity
// management, exceptions = 0x0249). Sans-I/O: receive(TSDU) -> events,
// send_*() -> one TSDU (to hand to the transport). Tokens are tracked as a
// set {data, minor-sync, major/activity}; whoever holds them all "has the
// turn" in RTSE terms (crib §2.7). Serial numbers are ASCII decimal (§8.3.35).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "x400/osi/spdu.hpp"

namespace mixer::x400::osi {

inline constexpr std::uint16_t kRtseRequirements = 0x0249;  // crib §2.5
inline constexpr std::uint8_t kTokenData = 0x01, kTokenMinor = 0x04, kTokenMajor = 0x10, kTokenRelease = 0x40;
inline constexpr std::uint8_t kAllRtseTokens = kTokenData | kTokenMinor | kTokenMajor;

enum class SessionRole { initiator, responder };

enum class SessionState {
  idle,            // initiator before CN / responder before CN arrives
  awaiting_ac,     // initiator sent CN
  cn_received,     // responder must accept or refuse
  connected,       // data transfer phase, outside an activity
  in_activity,     // between AS and AE/AD (or AI)
  awaiting_aea,    // AE sent, AEA not yet received
  awaiting_dn,     // FN sent
  fn_received,     // responder must answer DN
  closed,
};

struct SessionConfig {
  Bytes calling_ssel, called_ssel;
  std::uint16_t requirements = kRtseRequirements;
  bool initiator_has_turn = true;  // token setting item 00 (else 15)
  SessionLimits limits;
};

struct SessionEvent {
  enum class Kind {
    connect, accept, refuse, data, activity_start, activity_end, activity_end_ack, minor_sync, minor_sync_ack,
    activity_discard, activity_discard_ack, activity_interrupt, activity_interrupt_ack, activity_resume,
    exception_data, exception_report, token_please, give_control, give_control_ack, finish, disconnect, abort,
    abort_accept
  } kind;
  Bytes user_data;
  std::string serial;    // MIP/MIA/AE/AEA
  Bytes activity_id;     // AS/AR
  std::uint8_t reason = 0;  // RF/ED/AI/AD reason; AB transport-disconnect bits
  std::uint16_t requirements = 0;  // CN/AC
  Bytes calling_ssel, called_ssel;  // CN
};

const char* to_string(SessionEvent::Kind k);

class SessionMachine {
 public:
  SessionMachine(SessionRole role, SessionConfig config);

  // One TSDU from the transport; events are queued for next_event().
  Status<OsiError> receive(ByteView tsdu);
  std::optional<SessionEvent> next_event();

  Result<Bytes, OsiError> send_connect(const Bytes& user_data);
  Result<Bytes, OsiError> send_accept(const Bytes& user_data);
  Result<Bytes, OsiError> send_refuse(std::uint8_t reason, const Bytes& user_data);
  Result<Bytes, OsiError> send_data(const Bytes& user_data);
  Result<Bytes, OsiError> send_activity_start(const Bytes& activity_id);
  Result<Bytes, OsiError> send_minor_sync();  // serial = V(M) before the call
  Result<Bytes, OsiError> send_minor_sync_ack(const std::string& serial);
  Result<Bytes, OsiError> send_activity_end();
  Result<Bytes, OsiError> send_activity_end_ack();
  Result<Bytes, OsiError> send_activity_discard(std::uint8_t reason);
  Result<Bytes, OsiError> send_activity_discard_ack();
  Result<Bytes, OsiError> send_activity_interrupt_ack();
  Result<Bytes, OsiError> send_exception_data(std::uint8_t reason);
  Result<Bytes, OsiError> send_token_please(const Bytes& user_data);
  Result<Bytes, OsiError> send_give_control();
  Result<Bytes, OsiError> send_give_control_ack();
  Result<Bytes, OsiError> send_finish(const std::optional<Bytes>& user_data);
  Result<Bytes, OsiError> send_disconnect(const std::optional<Bytes>& user_data);
  // AB with transport release; allowed in any state but closed.
  Bytes send_abort(const std::optional<Bytes>& user_data, std::uint8_t disconnect_bits = 0x03);

  SessionState state() const { return state_; }
  bool has_turn() const { return (tokens_ & kAllRtseTokens) == kAllRtseTokens; }
  std::uint8_t tokens() const { return tokens_; }
  std::uint8_t version() const { return version_; }
  unsigned next_serial() const { return vm_; }
  // Lowest minor sync serial not yet confirmed (V(A)).
  unsigned unacked_serial() const { return va_; }

 private:
  Status<OsiError> handle(const Spdu& s, bool after_gt, bool after_pt);
  Status<OsiError> expect(bool cond, const Spdu& s, const char* what);
  Status<OsiError> check_user_data(const std::optional<Bytes>& ud, const char* what) const;
  Bytes cat(std::uint8_t prefix, Bytes spdu) const;

  SessionRole role_;
  SessionConfig config_;
  SessionState state_ = SessionState::idle;
  std::uint8_t tokens_ = 0;
  std::uint8_t version_ = 2;
  unsigned vm_ = 1, va_ = 1;
  std::string ae_serial_;
  std::deque<SessionEvent> events_;
};

}  // namespace mixer::x400::osi
