// The P1 MTA association (X.411 §12, X.419 §§6-8 over RTSE/ACSE/presentation/
// session/TP0): one sans-I/O object per TCP connection, initiator or
// responder, normal mode (X.419 1988) or X.410-1984 mode. It composes the
// x400/osi layer machines: bytes in via receive(), bytes to write via
// take_output(), association events via next_event().
//
// Contract of a transfer (X.228 §7.4, crib §5.3): one MTS-APDU = one session
// activity. The responder hands the APDU up as apdu_received and answers the
// activity end (AEA) only after confirm_stored(id) — that is the moment the
// sender may drop its copy; reject_stored(id) answers with an exception (ED)
// instead. The initiator reports transfer_confirmed(id) only when AEA arrives.
// Timeouts are delivered by the glue through abort().
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "x400/osi/presentation.hpp"
#include "x400/osi/rtse.hpp"
#include "x400/osi/rtse_turn.hpp"
#include "x400/osi/session.hpp"
#include "x400/osi/transport.hpp"
#include "x400/asn/p1_bind.hpp"

namespace mixer::x400::p1 {

// MTA-bind values and errors are x400/asn's (X.411 12.1); the association
// only chooses the wrapping (normal mode: BIND macro, X.410 mode: bare).
using BindError = asn::MtaBindError;
using asn::to_string;

enum class Mode { normal, x410 };
enum class Role { initiator, responder };

struct PeerCredentials {
  std::string their_password;  // what the peer must send in its MTA-bind
  std::string our_password;    // what we answer with (responder-credentials)
};

struct AssociationConfig {
  Role role = Role::responder;
  Mode mode = Mode::normal;  // initiator: what we propose; responder: both are accepted
  std::string our_mta;       // initiator-name / responder-name we send
  std::string our_password;  // initiator: the password we send
  std::string peer_mta;      // initiator: expected responder-name (empty: any)
  // Responder: initiator-name -> credentials. Empty: any initiator is accepted.
  std::map<std::string, PeerCredentials> peers;
  osi::Bytes calling_tsel, called_tsel, calling_ssel, called_ssel, calling_psel, called_psel;
  long checkpoint_size = 0;  // KiB units, 0 = no checkpoints; range 0..1024
  long window_size = 3;      // range 1..1024
  osi::DialogueMode dialogue = osi::DialogueMode::monologue;
  long application_protocol = 12;           // X.410 mode: 12 = P1 1988 in X.410 mode, 1 = 1984
  std::size_t max_apdu_octets = std::size_t{64} << 20;  // largest MTS-APDU accepted; 1 KiB .. 1 GiB
  bool busy = false;  // responder: refuse every bind with `busy` (connection limit reached)
  // Two-way-alternate: a turn holder whose peer asked for the turn gives it
  // when its queue is empty or once it has started this many transfers in
  // its turn (fairness; X.228 leaves the moment to the holder). Range 1..1024.
  std::size_t max_transfers_per_turn = 16;
  static constexpr std::size_t kMinTransfersPerTurn = 1, kMaxTransfersPerTurn = 1024;
};

struct AssociationEvent {
  enum class Kind { bound, bind_refused, apdu_received, transfer_confirmed, transfer_failed, released, aborted } kind;
  std::uint64_t id = 0;       // transfer id (apdu_received / transfer_*)
  osi::Bytes apdu;            // apdu_received
  std::string peer;           // bound: the peer's MTA name
  std::optional<BindError> bind_error;
  std::string detail;         // human-readable reason (refusals, aborts)
};
const char* to_string(AssociationEvent::Kind k);

enum class AssociationState { connecting, bound, releasing, released, refused, aborted };

class Association {
 public:
  explicit Association(AssociationConfig config);

  void start();                            // initiator: sends the CR
  void receive(osi::ByteView bytes);       // bytes read from the connection
  void peer_closed();                      // EOF from the connection
  std::optional<AssociationEvent> next_event();
  osi::Bytes take_output();                // bytes to write now
  bool finished() const { return finished_; }  // close the connection once output is written
  AssociationState state() const { return state_; }
  Mode mode() const { return mode_; }
  long checkpoint_size() const { return ckpt_; }
  long window_size() const { return window_; }

  // Queues an MTS-APDU. Initiator: always. Responder: only in TWA, where it
  // asks for the turn (RT-TURN-PLEASE) and sends once it has it; in
  // monologue the APDU fails at once (transfer_failed).
  std::uint64_t transfer(osi::Bytes apdu);
  void confirm_stored(std::uint64_t id);
  void reject_stored(std::uint64_t id);
  // Initiator only: RT-CLOSE once the queue drains; in TWA without the turn
  // it first sends RT-TURN-PLEASE and waits for RT-TURN-GIVE (X.228 §7.8).
  void release();
  void abort(const std::string& why);       // user abort / timeout
  std::size_t pending_transfers() const { return queue_.size() + (tx_ ? 1 : 0); }
  // RTSE turn (X.228 §7.5): the initiator holds it at bind; in TWA it moves
  // with RT-TURN-PLEASE / RT-TURN-GIVE. In monologue the initiator keeps it.
  bool has_turn() const { return session_.has_turn(); }
  osi::TurnState turn_state() const { return turn_.state(); }

 private:
  struct Outgoing {
    std::uint64_t id;
    osi::Bytes payload;
    std::size_t offset = 0;
    bool ended = false;
    bool discarding = false;
  };

  void on_tsdu(const osi::Bytes& tsdu);
  void on_session(osi::SessionEvent& ev);
  void on_connect(const osi::SessionEvent& ev);
  void on_accept(const osi::Bytes& ud);
  void on_refuse(std::uint8_t reason, const osi::Bytes& ud);
  void on_data(const osi::Bytes& ud);
  void on_activity_end();
  void on_release_pdu(const osi::Bytes& ud);
  void send_connect();
  void refuse_bind(osi::PresentationMode pm, const std::vector<osi::ContextResult>& results, BindError e,
                   const std::string& why);
  void pump();
  bool twa() const { return config_.dialogue == osi::DialogueMode::twa; }
  void turn_step(osi::TurnInput in);
  void on_token_please(const osi::Bytes& ud);
  void fail_queued(const std::string& why);
  void send_tsdu(Result<osi::Bytes, osi::OsiError> tsdu);
  osi::Bytes wrap_data(const osi::Bytes& rtse_apdu) const;
  void protocol_abort(const osi::OsiError& e);
  void emit(AssociationEvent ev) { events_.push_back(std::move(ev)); }

  AssociationConfig config_;
  Mode mode_;
  osi::TransportMachine transport_;
  osi::SessionMachine session_;
  AssociationState state_ = AssociationState::connecting;
  osi::Bytes out_;
  std::deque<AssociationEvent> events_;
  bool finished_ = false;
  long acse_ctx_ = 1, rtse_ctx_ = 3, mtse_ctx_ = 5;
  long ckpt_ = 0, window_ = 3;
  // Receiving side of a transfer.
  bool rx_active_ = false;
  osi::Bytes rx_;
  std::optional<std::uint64_t> rx_pending_;
  // Sending side.
  std::deque<Outgoing> queue_;
  std::optional<Outgoing> tx_;
  bool release_requested_ = false;
  std::uint64_t next_id_ = 1;
  long activity_counter_ = 0;
  // Turn handling (TWA); set up when the association is bound.
  osi::TurnMachine turn_;
  std::size_t transfers_this_turn_ = 0;
};

}  // namespace mixer::x400::p1
