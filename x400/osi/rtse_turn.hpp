// The RTSE turn in a two-way-alternate dialogue (X.228 §§7.5, 7.6; crib §5.4),
// as a sans-I/O machine whose transitions are a table (kTurnTable) and not
// code. The turn is ownership of every session token (crib §2.7); only its
// holder may start an activity (RT-TRANSFER) or release (RT-CLOSE, X.228
// §7.8: initiator only, and only while it holds the turn).
//
//   RT-TURN-PLEASE = S-TOKEN-PLEASE (PT) carrying RTTP (priority)
//   RT-TURN-GIVE   = S-CONTROL-GIVE (GTC), acknowledged with GTA
//
// Inputs come from the association: `need` (we have an APDU to transfer or,
// as initiator, want to release), `please` (PT received), `give` (we hold
// the turn, no activity is open, and we may let it go), `given` (GTC
// received) and `given_ack` (GTA received). Each step yields the next state
// and one action (send PT, send GTC, send GTA, nothing, or a protocol
// error). Whether the session may send the SPDU is still the session
// machine's check; this table only decides what RTSE wants.
#pragma once

#include <cstdint>

namespace mixer::x400::osi {

enum class TurnState : std::uint8_t {
  holding,             // we own the turn; nobody asked for it
  holding_peer_asked,  // we own the turn and the peer sent RT-TURN-PLEASE
  waiting,             // the peer owns the turn; we have not asked
  asked,               // the peer owns the turn and we sent RT-TURN-PLEASE
};

enum class TurnInput : std::uint8_t { need, please, give, given, given_ack };

enum class TurnAction : std::uint8_t { none, send_please, send_give, send_give_ack, protocol_error };

struct TurnTransition {
  TurnState from;
  TurnInput input;
  TurnState to;
  TurnAction action;
};

// One row for each (state, input) pair: the table is complete, so an input is
// never silently dropped.
inline constexpr TurnTransition kTurnTable[] = {
    // We hold the turn.
    {TurnState::holding, TurnInput::need, TurnState::holding, TurnAction::none},
    {TurnState::holding, TurnInput::please, TurnState::holding_peer_asked, TurnAction::none},
    {TurnState::holding, TurnInput::give, TurnState::holding, TurnAction::none},  // nobody asked: keep it
    {TurnState::holding, TurnInput::given, TurnState::holding, TurnAction::protocol_error},
    {TurnState::holding, TurnInput::given_ack, TurnState::holding, TurnAction::protocol_error},
    // We hold it and the peer wants it: give it when we reach a point where we may.
    {TurnState::holding_peer_asked, TurnInput::need, TurnState::holding_peer_asked, TurnAction::none},
    {TurnState::holding_peer_asked, TurnInput::please, TurnState::holding_peer_asked, TurnAction::none},
    {TurnState::holding_peer_asked, TurnInput::give, TurnState::waiting, TurnAction::send_give},
    {TurnState::holding_peer_asked, TurnInput::given, TurnState::holding_peer_asked,
     TurnAction::protocol_error},
    {TurnState::holding_peer_asked, TurnInput::given_ack, TurnState::holding_peer_asked,
     TurnAction::protocol_error},
    // The peer holds it.
    {TurnState::waiting, TurnInput::need, TurnState::asked, TurnAction::send_please},
    {TurnState::waiting, TurnInput::please, TurnState::waiting, TurnAction::none},  // crossed our GTC
    {TurnState::waiting, TurnInput::give, TurnState::waiting, TurnAction::none},    // nothing to give
    {TurnState::waiting, TurnInput::given, TurnState::holding, TurnAction::send_give_ack},
    {TurnState::waiting, TurnInput::given_ack, TurnState::waiting, TurnAction::none},  // ack of our GTC
    // The peer holds it and we asked: wait for GTC (one PT is enough).
    {TurnState::asked, TurnInput::need, TurnState::asked, TurnAction::none},
    {TurnState::asked, TurnInput::please, TurnState::asked, TurnAction::none},
    {TurnState::asked, TurnInput::give, TurnState::asked, TurnAction::none},
    {TurnState::asked, TurnInput::given, TurnState::holding, TurnAction::send_give_ack},
    {TurnState::asked, TurnInput::given_ack, TurnState::asked, TurnAction::none},
};

const char* to_string(TurnState s);
const char* to_string(TurnInput i);

class TurnMachine {
 public:
  explicit TurnMachine(bool holding = true) : state_(holding ? TurnState::holding : TurnState::waiting) {}

  // Looks the (state, input) row up, moves to its target state and returns its action.
  TurnAction step(TurnInput input);

  TurnState state() const { return state_; }
  bool holding() const { return state_ == TurnState::holding || state_ == TurnState::holding_peer_asked; }
  bool peer_asked() const { return state_ == TurnState::holding_peer_asked; }

 private:
  TurnState state_;
};

}  // namespace mixer::x400::osi
