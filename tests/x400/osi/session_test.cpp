#include "x400/osi/session.hpp"

#include <gtest/gtest.h>

#include "tests/x400/osi/vectors.hpp"

namespace mixer::x400::osi {
namespace {

using test::hex;
using K = SessionEvent::Kind;

// The TSDU inside a single-DT TPKT (TPKT 4 + DT header 3).
Bytes tsdu_of(const char* tpkt_hex) {
  auto b = hex(tpkt_hex);
  return Bytes(b.begin() + 7, b.end());
}
Bytes tsdu_of(const Bytes& b) { return Bytes(b.begin() + 7, b.end()); }

TEST(Spdu, ThreeOctetLengthFormRoundTrip) {
  Bytes ud(300, 0x5a);
  auto b = encode_spdu(si::CN, {{pi::user_requirements, {0x02, 0x49}, {}}}, ud);
  EXPECT_EQ(b[1], 0xff);
  EXPECT_EQ((b[2] << 8) | b[3], 4 + 4 + 300);
  auto d = decode_tsdu(b);
  ASSERT_TRUE(d);
  EXPECT_EQ(d.value()[0].user_data, ud);
  // ff form carrying a value below 255 is refused (ISODE rule, crib §2.1).
  EXPECT_FALSE(decode_tsdu(hex("0dff000400000000")));
}

TEST(Spdu, DtUserInformationLiesOutsideTheLi) {
  auto d = decode_tsdu(hex("01000100616263"));
  ASSERT_TRUE(d);
  ASSERT_EQ(d.value().size(), 2u);
  EXPECT_EQ(to_hex(*d.value()[1].user_data), "616263");
}

TEST(Session, ResponderAcceptsIsodeCnAndAnswersLikeTheCrib) {
  for (const auto& cn : {test::stream_side("isode-x400-ping-success.stream", '>')[1], hex(test::kCribCN)}) {
    SessionMachine m(SessionRole::responder, {});
    ASSERT_TRUE(m.receive(tsdu_of(cn)));
    auto ev = m.next_event();
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->kind, K::connect);
    EXPECT_EQ(ev->requirements, kRtseRequirements);
    EXPECT_EQ(ev->user_data[0], 0x31);  // CP-type
    EXPECT_FALSE(m.has_turn());
  }
  // Byte-exact AC header against crib Appendix A (same CN, same user data).
  SessionMachine m(SessionRole::responder, {});
  ASSERT_TRUE(m.receive(tsdu_of(test::kCribCN)));
  (void)m.next_event();
  const Bytes ac = tsdu_of(test::kCribAC);
  const Bytes cpa(ac.begin() + 23, ac.end());
  auto mine = m.send_accept(cpa);
  ASSERT_TRUE(mine);
  EXPECT_EQ(to_hex(*mine), to_hex(ac));
}

TEST(Session, ActivityMinorSyncAndReleaseSequence) {
  SessionMachine ini(SessionRole::initiator, {}), res(SessionRole::responder, {});
  auto pump = [](SessionMachine& to, const Result<Bytes, OsiError>& b) {
    EXPECT_TRUE(b);
    EXPECT_TRUE(to.receive(*b));
    auto ev = to.next_event();
    EXPECT_TRUE(ev);
    return ev ? ev->kind : K::abort;
  };
  EXPECT_EQ(pump(res, ini.send_connect(Bytes(600, 1))), K::connect);  // > 512: PGI 194
  EXPECT_EQ(pump(ini, res.send_accept(Bytes{1, 2})), K::accept);
  EXPECT_TRUE(ini.has_turn());
  auto as = ini.send_activity_start(Bytes{2, 1, 1});
  EXPECT_EQ(to_hex(*as), "01002d052903020101");
  EXPECT_EQ(pump(res, as), K::activity_start);
  EXPECT_EQ(pump(res, ini.send_data(Bytes{4, 1, 0})), K::data);
  EXPECT_EQ(pump(res, ini.send_minor_sync()), K::minor_sync);
  EXPECT_EQ(pump(ini, res.send_minor_sync_ack("1")), K::minor_sync_ack);
  auto ae = ini.send_activity_end();
  EXPECT_EQ(to_hex(*ae), "010029032a0132");
  EXPECT_EQ(pump(res, ae), K::activity_end);
  auto aea = res.send_activity_end_ack();
  EXPECT_EQ(to_hex(*aea), "02002a032a0132");
  EXPECT_EQ(pump(ini, aea), K::activity_end_ack);
  // The responder may not release or start an activity without the turn.
  EXPECT_FALSE(res.send_finish(std::nullopt));
  EXPECT_FALSE(res.send_activity_start(Bytes{1}));
  EXPECT_EQ(to_hex(*ini.send_finish(std::nullopt)), "0903110101");
  EXPECT_TRUE(res.receive(hex("0903110101")));
  EXPECT_EQ(res.next_event()->kind, K::finish);
  EXPECT_EQ(pump(ini, res.send_disconnect(std::nullopt)), K::disconnect);
  EXPECT_EQ(ini.state(), SessionState::closed);
}

TEST(Session, RejectsWrongStateAndBadSerials) {
  struct Case {
    const char* tsdu;
    const char* why;
  } cases[] = {
      {"01002d052903020101", "AS in the wrong state"},  // before CN
      {"2d052903020101", "unexpected"},                 // category 2 without GT
      {"010002001500", "more than two"},
      {"ff", "LI"},
  };
  for (const auto& c : cases) {
    SessionMachine m(SessionRole::responder, {});
    auto r = m.receive(hex(c.tsdu));
    ASSERT_FALSE(r) << c.tsdu;
    EXPECT_NE(r.error().to_string().find(c.why), std::string::npos) << r.error().to_string();
    EXPECT_EQ(m.state(), SessionState::closed);
  }
  SessionMachine m(SessionRole::responder, {});
  ASSERT_TRUE(m.receive(tsdu_of(test::kCribCN)));
  ASSERT_TRUE(m.send_accept({}));
  ASSERT_TRUE(m.receive(hex("01002d052903020101")));
  auto r = m.receive(hex("010031032a0135"));  // MIP serial 5, V(M) is 1
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("V(M)"), std::string::npos);
}

TEST(Session, IsodeTransferTsdusDecodeSplitNowhere) {
  // Every TSDU of the Isode P772 transfer, in order, through a responder.
  auto tpkts = test::stream_side("isode-p772-transfer-success.stream", '>');
  SessionMachine m(SessionRole::responder, {});
  TransportMachine t(TransportRole::responder, {});
  std::vector<std::string> kinds;
  for (std::size_t i = 2; i < tpkts.size(); ++i) {
    t.receive(tpkts[i]);
    while (true) {
      auto ev = t.next_event();
      ASSERT_TRUE(ev);
      if (!ev.value()) break;
      if (ev.value()->kind == TransportEvent::Kind::connect_request) {
        (void)t.send_connect_confirm();
        continue;
      }
      ASSERT_TRUE(m.receive(ev.value()->data));
      auto se = m.next_event();
      kinds.push_back(to_string(se->kind));
      if (se->kind == K::connect) {
        ASSERT_TRUE(m.send_accept({}));
      }
      if (se->kind == K::activity_end) {
        ASSERT_TRUE(m.send_activity_end_ack());
      }
    }
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"CN", "AS", "DT", "AE", "FN"}));
}

}  // namespace
}  // namespace mixer::x400::osi
