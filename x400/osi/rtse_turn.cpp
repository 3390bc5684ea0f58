#include "x400/osi/rtse_turn.hpp"

namespace mixer::x400::osi {

const char* to_string(TurnState s) {
  switch (s) {
    case TurnState::holding:
      return "holding";
    case TurnState::holding_peer_asked:
      return "holding-peer-asked";
    case TurnState::waiting:
      return "waiting";
    case TurnState::asked:
      return "asked";
  }
  return "?";
}

const char* to_string(TurnInput i) {
  switch (i) {
    case TurnInput::need:
      return "need";
    case TurnInput::please:
      return "RT-TURN-PLEASE";
    case TurnInput::give:
      return "give";
    case TurnInput::given:
      return "RT-TURN-GIVE";
    case TurnInput::given_ack:
      return "GTA";
  }
  return "?";
}

TurnAction TurnMachine::step(TurnInput input) {
  for (const auto& t : kTurnTable) {
    if (t.from == state_ && t.input == input) {
      state_ = t.to;
      return t.action;
    }
  }
  return TurnAction::protocol_error;  // unreachable: the table has a row for every pair
}

}  // namespace mixer::x400::osi
