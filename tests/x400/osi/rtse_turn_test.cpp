#include "x400/osi/rtse_turn.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace mixer::x400::osi {
namespace {

constexpr TurnState kStates[] = {TurnState::holding, TurnState::holding_peer_asked, TurnState::waiting,
                                 TurnState::asked};
constexpr TurnInput kInputs[] = {TurnInput::need, TurnInput::please, TurnInput::give, TurnInput::given,
                                 TurnInput::given_ack};

TEST(TurnTable, HasExactlyOneRowPerStateAndInput) {
  std::set<std::pair<int, int>> seen;
  for (const auto& t : kTurnTable)
    EXPECT_TRUE(seen.insert({static_cast<int>(t.from), static_cast<int>(t.input)}).second)
        << to_string(t.from) << " x " << to_string(t.input) << " twice";
  EXPECT_EQ(seen.size(), std::size(kStates) * std::size(kInputs));
}

TEST(TurnTable, OnlyTheHolderGivesAndOnlyTheWaiterAsks) {
  for (const auto& t : kTurnTable) {
    const bool holding = t.from == TurnState::holding || t.from == TurnState::holding_peer_asked;
    if (t.action == TurnAction::send_give) {
      EXPECT_TRUE(holding);
    }
    if (t.action == TurnAction::send_please) {
      EXPECT_FALSE(holding);
    }
    // GTC or GTA arriving at the holder is a protocol error (X.225: only the
    // owner of every token may give control).
    if (holding && (t.input == TurnInput::given || t.input == TurnInput::given_ack)) {
      EXPECT_EQ(t.action, TurnAction::protocol_error);
    }
  }
}

TEST(TurnMachine, ReleaseWithoutTheTurnAsksOnceThenHolds) {
  TurnMachine m(false);
  EXPECT_FALSE(m.holding());
  EXPECT_EQ(m.step(TurnInput::need), TurnAction::send_please);
  EXPECT_EQ(m.state(), TurnState::asked);
  EXPECT_EQ(m.step(TurnInput::need), TurnAction::none);  // one PT is enough
  EXPECT_EQ(m.step(TurnInput::given), TurnAction::send_give_ack);
  EXPECT_TRUE(m.holding());
  EXPECT_EQ(m.state(), TurnState::holding);
}

TEST(TurnMachine, HolderGivesOnlyWhenAsked) {
  TurnMachine m(true);
  EXPECT_EQ(m.step(TurnInput::give), TurnAction::none);  // nobody asked
  EXPECT_TRUE(m.holding());
  EXPECT_EQ(m.step(TurnInput::please), TurnAction::none);
  EXPECT_TRUE(m.peer_asked());
  EXPECT_EQ(m.step(TurnInput::please), TurnAction::none);  // repeated PT
  EXPECT_EQ(m.step(TurnInput::give), TurnAction::send_give);
  EXPECT_EQ(m.state(), TurnState::waiting);
  EXPECT_EQ(m.step(TurnInput::please), TurnAction::none);  // crossed our GTC
  EXPECT_EQ(m.step(TurnInput::given_ack), TurnAction::none);
  EXPECT_EQ(m.state(), TurnState::waiting);
}

TEST(TurnMachine, GiveArrivingAtTheHolderIsAnError) {
  TurnMachine m(true);
  EXPECT_EQ(m.step(TurnInput::given), TurnAction::protocol_error);
  EXPECT_EQ(m.step(TurnInput::given_ack), TurnAction::protocol_error);
  EXPECT_EQ(m.state(), TurnState::holding);
}

}  // namespace
}  // namespace mixer::x400::osi
