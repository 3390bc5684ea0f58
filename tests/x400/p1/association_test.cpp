#include "x400/p1/association.hpp"

#include <gtest/gtest.h>

#include "tests/x400/osi/vectors.hpp"
#include "tests/x400/p1/pair.hpp"
#include "x400/osi/osi_ber.hpp"

namespace mixer::x400::p1 {
namespace {

using osi::Bytes;
using K = AssociationEvent::Kind;

AssociationConfig initiator(Mode m) { return test_initiator(m); }
AssociationConfig responder() { return test_responder(); }

class BothModes : public ::testing::TestWithParam<Mode> {};

TEST_P(BothModes, BindTransferManyAndRelease) {
  Pair p(initiator(GetParam()), responder());
  p.ini.start();
  std::vector<Bytes> sent;
  for (int i = 0; i < 5; ++i) {
    sent.push_back(apdu(100 + i * 1000, static_cast<std::uint8_t>(i)));
    p.ini.transfer(sent.back());
  }
  p.ini.release();
  p.run();
  EXPECT_EQ(
      p.kinds(p.ini_events),
      (std::vector<std::string>{"bound", "transfer-confirmed", "transfer-confirmed", "transfer-confirmed",
                                "transfer-confirmed", "transfer-confirmed", "released"}));
  ASSERT_EQ(p.res_events.size(), 7u);
  EXPECT_EQ(p.res_events[0].peer, "GATEWAY");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(p.res_events[1 + i].apdu, sent[i]);
  EXPECT_EQ(p.res_events[6].kind, K::released);
  EXPECT_EQ(p.ini.mode(), GetParam());
  EXPECT_EQ(p.res.mode(), GetParam());
  EXPECT_TRUE(p.ini.finished());
}

TEST_P(BothModes, BigMessageWithCheckpointsWindowAndSmallDeliveries) {
  auto ic = initiator(GetParam());
  ic.checkpoint_size = 1;  // 1 KiB segments
  ic.window_size = 2;
  auto rc = responder();
  rc.checkpoint_size = 4;
  Pair p(ic, rc);
  p.chunk = 333;
  p.ini.start();
  const Bytes big = apdu(20000, 7);
  p.ini.transfer(big);
  p.ini.release();
  p.run();
  EXPECT_EQ(p.ini.checkpoint_size(), 1);
  EXPECT_EQ(p.res.checkpoint_size(), 1);
  EXPECT_EQ(p.res.window_size(), 2);
  ASSERT_GE(p.res_events.size(), 2u);
  EXPECT_EQ(p.res_events[1].apdu, big);
  EXPECT_EQ(p.kinds(p.ini_events), (std::vector<std::string>{"bound", "transfer-confirmed", "released"}));
}

TEST_P(BothModes, WrongPasswordIsRefusedWithAuthenticationError) {
  auto ic = initiator(GetParam());
  ic.our_password = "wrong";
  Pair p(ic, responder());
  p.ini.start();
  p.ini.transfer(apdu(10, 1));
  p.run();
  ASSERT_EQ(p.ini_events.size(), 1u);
  EXPECT_EQ(p.ini_events[0].kind, K::bind_refused);
  ASSERT_TRUE(p.ini_events[0].bind_error);
  EXPECT_EQ(*p.ini_events[0].bind_error, BindError::authentication_error);
  ASSERT_EQ(p.res_events.size(), 1u);
  EXPECT_EQ(*p.res_events[0].bind_error, BindError::authentication_error);
  EXPECT_TRUE(p.res.finished());
}

TEST_P(BothModes, AsynchronousConfirmationAndRejection) {
  Pair p(initiator(GetParam()), responder());
  p.auto_confirm = false;
  p.ini.start();
  const auto a = p.ini.transfer(apdu(50, 1));
  p.run();
  // Not confirmed until the receiver's storage says so.
  EXPECT_EQ(p.kinds(p.ini_events), (std::vector<std::string>{"bound"}));
  ASSERT_EQ(p.res_events.size(), 2u);
  p.res.reject_stored(p.res_events[1].id);
  p.run();
  ASSERT_EQ(p.ini_events.size(), 2u);
  EXPECT_EQ(p.ini_events[1].kind, K::transfer_failed);
  EXPECT_EQ(p.ini_events[1].id, a);
  const auto b = p.ini.transfer(apdu(60, 2));
  p.run();
  p.res.confirm_stored(p.res_events.back().id);
  p.ini.release();
  p.run();
  EXPECT_EQ(p.ini_events[2].kind, K::transfer_confirmed);
  EXPECT_EQ(p.ini_events[2].id, b);
  EXPECT_EQ(p.ini_events.back().kind, K::released);
}

INSTANTIATE_TEST_SUITE_P(P1, BothModes, ::testing::Values(Mode::normal, Mode::x410));

TEST(Association, UnknownInitiatorAndBusyAreRefused) {
  auto ic = initiator(Mode::normal);
  ic.our_mta = "STRANGER";
  Pair p(ic, responder());
  p.ini.start();
  p.run();
  ASSERT_EQ(p.ini_events.size(), 1u);
  EXPECT_EQ(*p.ini_events[0].bind_error, BindError::authentication_error);
  auto rc = responder();
  rc.busy = true;
  Pair q(initiator(Mode::normal), rc);
  q.ini.start();
  q.run();
  EXPECT_EQ(*q.ini_events[0].bind_error, BindError::busy);
}

TEST(Association, GarbageAfterBindAbortsCleanly) {
  Pair p(initiator(Mode::normal), responder());
  p.ini.start();
  p.run();
  ASSERT_EQ(p.res.state(), AssociationState::bound);
  // A DT whose SPDU is nonsense: session protocol error -> AB to the peer.
  p.res.receive(*from_hex("0300000b02f080ff01020304"));
  ASSERT_TRUE(p.res.finished());
  auto ev = p.res.next_event();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->kind, K::aborted);
  EXPECT_NE(ev->detail.find("session"), std::string::npos) << ev->detail;
  const Bytes ab = p.res.take_output();
  ASSERT_GT(ab.size(), 8u);
  EXPECT_EQ(ab[7], 0x19);  // AB SPDU
}

}  // namespace
}  // namespace mixer::x400::p1
