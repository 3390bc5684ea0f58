// Two-way-alternate dialogue (X.228 §§7.5-7.8, crib §5.4 and §7.3): the turn
// moves with RT-TURN-PLEASE (PT + RTTP) and RT-TURN-GIVE (GTC / GTA); the
// initiator releases only while it holds the turn, so a release asked for
// while the responder holds it goes PT ... GTC, GTA, FN.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "tests/support/temp_dir.hpp"
#include "tests/x400/osi/vectors.hpp"
#include "tests/x400/p1/pair.hpp"
#include "x400/osi/spdu.hpp"
#include "x400/p1/association.hpp"

namespace mixer::x400::p1 {
namespace {

using osi::Bytes;
using osi::test::hex;
using K = AssociationEvent::Kind;

AssociationConfig twa_initiator(Mode m) {
  AssociationConfig c = test_initiator(m);
  c.dialogue = osi::DialogueMode::twa;
  return c;
}
AssociationConfig responder() { return test_responder(); }

// The session SPDUs on the wire from write `from` on, as "<dir><SI name>"
// ("GT+"/"PT+" prefixes of concatenated SPDUs dropped): TPKTs are split, DT
// TPDUs joined up to EOT and each TSDU decoded with the session codec.
std::vector<std::string> spdus(const Pair& p, std::size_t from) {
  std::vector<std::string> out;
  Bytes tsdu[2];
  for (std::size_t w = from; w < p.wire.size(); ++w) {
    const auto& [dir, b] = p.wire[w];
    for (std::size_t i = 0; i + 7 <= b.size();) {
      const std::size_t len = (std::size_t{b[i + 2]} << 8) | b[i + 3];
      if (len < 7 || i + len > b.size()) {
        ADD_FAILURE() << "bad TPKT at " << i;
        return out;
      }
      if (b[i + 5] == 0xf0) {
        Bytes& t = tsdu[dir == '>' ? 0 : 1];
        t.insert(t.end(), b.begin() + static_cast<long>(i) + 7, b.begin() + static_cast<long>(i + len));
        if (b[i + 6] & 0x80) {
          auto d = osi::decode_tsdu(t);
          if (!d) {
            ADD_FAILURE() << d.error().to_string();
            return out;
          }
          const auto& last = d.value().back();
          std::string name = "SI" + std::to_string(last.si);
          switch (last.si) {
            case osi::si::PT:
              name = "PT";
              break;
            case osi::si::GTC:
              name = "GTC";
              break;
            case osi::si::GTA:
              name = "GTA";
              break;
            case osi::si::FN:
              name = "FN";
              break;
            case osi::si::DN:
              name = "DN";
              break;
            case osi::si::AS:
              name = "AS";
              break;
            case osi::si::GT_DT:
              name = "DT";
              break;
            case osi::si::MAP_AE:
              name = "AE";
              break;
            case osi::si::MAA_AEA:
              name = "AEA";
              break;
            case osi::si::MIP:
              name = "MIP";
              break;
            case osi::si::MIA:
              name = "MIA";
              break;
            default:
              break;
          }
          out.push_back(std::string(1, dir) + name);
          t.clear();
        }
      }
      i += len;
    }
  }
  return out;
}

class Twa : public ::testing::TestWithParam<Mode> {};

TEST_P(Twa, InitiatorReleasesWhileTheResponderHoldsTheTurn) {
  auto ic = twa_initiator(GetParam());
  ic.checkpoint_size = 1;  // the responder's big report goes out in checkpointed segments
  ic.window_size = 2;
  Pair p(ic, responder());
  p.chunk = 500;
  p.ini.start();
  const Bytes msg = apdu(300, 1);
  p.ini.transfer(msg);
  p.run();
  ASSERT_EQ(p.kinds(p.ini_events), (std::vector<std::string>{"bound", "transfer-confirmed"}));
  EXPECT_TRUE(p.ini.has_turn());  // the initiator gets the turn at bind (token setting 00)
  EXPECT_FALSE(p.res.has_turn());

  // The responder has reports to send back: it asks for the turn and gets it.
  const Bytes r1 = apdu(200, 2), r2 = apdu(5000, 3);
  const auto id1 = p.res.transfer(r1);
  const auto id2 = p.res.transfer(r2);
  const std::size_t before_reports = p.wire.size();
  p.run();
  const auto asked = spdus(p, before_reports);
  ASSERT_GE(asked.size(), 3u);
  EXPECT_EQ(asked[0], "<PT");
  EXPECT_EQ(asked[1], ">GTC");
  EXPECT_EQ(asked[2], "<GTA");
  ASSERT_EQ(p.ini_events.size(), 4u);
  EXPECT_EQ(p.ini_events[2].kind, K::apdu_received);
  EXPECT_EQ(p.ini_events[2].apdu, r1);
  EXPECT_EQ(p.ini_events[3].apdu, r2);
  ASSERT_EQ(p.res_events.size(), 4u);
  EXPECT_EQ(p.res_events[2].kind, K::transfer_confirmed);
  EXPECT_EQ(p.res_events[2].id, id1);
  EXPECT_EQ(p.res_events[3].id, id2);
  // Nobody asked for it back, so the responder keeps the turn.
  EXPECT_TRUE(p.res.has_turn());
  EXPECT_FALSE(p.ini.has_turn());
  EXPECT_EQ(p.res.turn_state(), osi::TurnState::holding);

  // Release without the turn: RT-TURN-PLEASE first, FN only after GTC.
  const std::size_t before_release = p.wire.size();
  p.ini.release();
  p.run();
  EXPECT_EQ(spdus(p, before_release), (std::vector<std::string>{">PT", "<GTC", ">GTA", ">FN", "<DN"}));
  EXPECT_EQ(p.ini_events.back().kind, K::released);
  EXPECT_EQ(p.res_events.back().kind, K::released);
  EXPECT_TRUE(p.ini.finished());
  EXPECT_TRUE(p.res.finished());
}

TEST_P(Twa, PeerAskingGetsTheTurnAfterTheHoldersShare) {
  auto ic = twa_initiator(GetParam());
  ic.max_transfers_per_turn = 2;
  Pair p(ic, responder());
  p.ini.start();
  for (int i = 0; i < 5; ++i) p.ini.transfer(apdu(100, static_cast<std::uint8_t>(i)));
  const Bytes report = apdu(80, 9);
  p.res.transfer(report);
  p.ini.release();
  p.run();
  // The responder asked at bind; the initiator sent 2, gave the turn, got
  // the report, asked back, sent the other 3 and released.
  EXPECT_EQ(p.kinds(p.ini_events),
            (std::vector<std::string>{"bound", "transfer-confirmed", "transfer-confirmed", "apdu-received",
                                      "transfer-confirmed", "transfer-confirmed", "transfer-confirmed",
                                      "released"}));
  EXPECT_EQ(p.ini_events[3].apdu, report);
  EXPECT_EQ(p.kinds(p.res_events),
            (std::vector<std::string>{"bound", "apdu-received", "apdu-received", "transfer-confirmed",
                                      "apdu-received", "apdu-received", "apdu-received", "released"}));
}

INSTANTIATE_TEST_SUITE_P(P1, Twa, ::testing::Values(Mode::normal, Mode::x410));

TEST(TwaErrors, MonologueResponderCannotTransfer) {
  auto ic = twa_initiator(Mode::normal);
  ic.dialogue = osi::DialogueMode::monologue;
  Pair p(ic, responder());
  p.ini.start();
  p.run();
  const auto id = p.res.transfer(apdu(10, 1));
  p.run();
  ASSERT_EQ(p.res_events.size(), 2u);
  EXPECT_EQ(p.res_events[1].kind, K::transfer_failed);
  EXPECT_EQ(p.res_events[1].id, id);
  EXPECT_NE(p.res_events[1].detail.find("monologue"), std::string::npos);
  EXPECT_EQ(p.res.state(), AssociationState::bound);  // nothing went on the wire
}

// A bound TWA initiator (holding the turn) fed one hostile TPKT.
void expect_abort_on(const std::string& tpkt_hex, const std::string& what, osi::DialogueMode d) {
  auto ic = twa_initiator(Mode::normal);
  ic.dialogue = d;
  Pair p(ic, responder());
  p.ini.start();
  p.run();
  ASSERT_EQ(p.ini.state(), AssociationState::bound);
  p.ini.receive(hex(tpkt_hex));
  ASSERT_TRUE(p.ini.finished()) << tpkt_hex;
  std::vector<AssociationEvent> evs;  // a vector, not an optional (GCC 12 + ASan, see preamble)
  while (auto e = p.ini.next_event()) evs.push_back(std::move(*e));
  ASSERT_FALSE(evs.empty());
  EXPECT_EQ(evs.back().kind, K::aborted);
  EXPECT_NE(evs.back().detail.find(what), std::string::npos) << evs.back().detail;
  const Bytes ab = p.ini.take_output();
  ASSERT_GT(ab.size(), 8u);
  EXPECT_EQ(ab[7], 0x19);  // AB SPDU to the peer
}

TEST(TwaErrors, TurnProtocolViolationsAbortCleanly) {
  const auto twa = osi::DialogueMode::twa;
  // GTA while we hold the turn (we never gave it): the turn table says no.
  expect_abort_on("0300000902f0801600", "turn.GTA", twa);
  // RTTP in monologue mode (crib pitfall 29).
  expect_abort_on(
      "0300001a02f08002111001"
      "01c10c610a3008020103a003020100",
      "monologue", osi::DialogueMode::monologue);
  // PT whose user data is an RTTR, not an RTTP.
  expect_abort_on(
      "0300001a02f08002111001"
      "01c10c610a3008020103a003040100",
      "RTTP expected", twa);
  // PT whose RTTP sits in the ACSE context.
  expect_abort_on(
      "0300001a02f08002111001"
      "01c10c610a3008020101a003020100",
      "RTSE context", twa);
}

// --- Hex vectors: crib §7.3's PT/GTC/GTA around crib Appendix A's exchange ---

constexpr const char* kPtRttp = "0300001a02f0800211100101c10c610a3008020103a003020100";  // crib §7.3
constexpr const char* kGtc = "0300000902f0801500";
constexpr const char* kGta = "0300000902f0801600";

struct Script {
  std::vector<std::string> outputs;  // hex written after each step
  std::vector<std::string> events;
};

// Drives a TWA initiator with the crib's responder bytes. Phase A (AC, the
// responder's RT-TURN-PLEASE and GTA, then its transfer) is delivered split
// at `split` (step 0) or in `step`-octet pieces.
Script run_crib_twa(std::size_t split, std::size_t step) {
  AssociationConfig c = twa_initiator(Mode::normal);
  c.calling_tsel = {0x00, 0x01};
  c.called_ssel = {0x00, 0x01};
  Association a(c);
  Script s;
  std::uint64_t rx = 0;
  auto deliver = [&](const Bytes& b) {
    auto one = [&](osi::ByteView part) {
      a.receive(part);
      while (auto ev = a.next_event()) {
        if (ev->kind == K::apdu_received) rx = ev->id;
        s.events.push_back(to_string(ev->kind));
      }
    };
    if (step == 0) {
      one(osi::ByteView(b).first(std::min(split, b.size())));
      one(osi::ByteView(b).subspan(std::min(split, b.size())));
    } else {
      for (std::size_t i = 0; i < b.size(); i += step)
        one(osi::ByteView(b).subspan(i, std::min(step, b.size() - i)));
    }
  };
  a.start();
  (void)a.take_output();  // CR
  deliver(hex(osi::test::kCribCC));
  (void)a.take_output();  // CN (dialogueMode twa, so not the crib's monologue CN)
  Bytes phase_a;
  for (const char* h :
       {osi::test::kCribAC, kPtRttp, kGta, osi::test::kCribGTAS, osi::test::kCribDT, osi::test::kCribGTAE}) {
    const auto b = hex(h);
    phase_a.insert(phase_a.end(), b.begin(), b.end());
  }
  deliver(phase_a);
  s.outputs.push_back(to_hex(a.take_output()));
  a.confirm_stored(rx);
  s.outputs.push_back(to_hex(a.take_output()));
  a.release();
  s.outputs.push_back(to_hex(a.take_output()));
  deliver(hex(kGtc));
  s.outputs.push_back(to_hex(a.take_output()));
  deliver(hex(osi::test::kCribDN));
  s.outputs.push_back(to_hex(a.take_output()));
  return s;
}

TEST(TwaVectors, CribTurnExchangeWholeSplitAtEveryOffsetAndByteByByte) {
  const Script whole = run_crib_twa(std::size_t(-1), 0);
  // Phase A: the peer asked while we were idle with the turn: GTC.
  // Then AEA for its transfer, our RTTP for the release, GTA + FN after its GTC, DR after DN.
  const std::vector<std::string> expected{kGtc, osi::test::kCribPTAEA, kPtRttp,
                                          std::string(kGta) + osi::test::kCribFN, osi::test::kCribDR};
  EXPECT_EQ(whole.outputs, expected);
  EXPECT_EQ(whole.events, (std::vector<std::string>{"bound", "apdu-received", "released"}));
  std::size_t phase_a_size = 0;
  for (const char* h :
       {osi::test::kCribAC, kPtRttp, kGta, osi::test::kCribGTAS, osi::test::kCribDT, osi::test::kCribGTAE})
    phase_a_size += std::string(h).size() / 2;
  for (std::size_t i = 0; i <= phase_a_size; ++i) {
    const Script s = run_crib_twa(i, 0);
    ASSERT_EQ(s.outputs, expected) << "split at " << i;
    ASSERT_EQ(s.events, whole.events) << "split at " << i;
  }
  const Script bytewise = run_crib_twa(0, 1);
  EXPECT_EQ(bytewise.outputs, expected);
  EXPECT_EQ(bytewise.events, whole.events);
}

TEST(TwaVectors, ReceivedApduIsTheCribMessage) {
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/osi/crib-message.ber", std::ios::binary);
  const Bytes expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(expected.empty());
  AssociationConfig c = twa_initiator(Mode::normal);
  Association a(c);
  a.start();
  a.receive(hex(osi::test::kCribCC));
  for (const char* h :
       {osi::test::kCribAC, kPtRttp, kGta, osi::test::kCribGTAS, osi::test::kCribDT, osi::test::kCribGTAE})
    a.receive(hex(h));
  std::vector<Bytes> got;
  while (auto ev = a.next_event())
    if (ev->kind == K::apdu_received) got.push_back(std::move(ev->apdu));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], expected);
}

// --- The oracle: tshark decodes every layer of the TWA conversation ---

TEST(TwaOracle, CheckPcapOnReleaseWhileTheResponderHoldsTheTurn) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark is not installed";
  // Real MTS-APDUs (the crib's message), so that tshark decodes P1 too.
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/osi/crib-message.ber", std::ios::binary);
  const Bytes message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(message.empty());
  Pair p(twa_initiator(Mode::normal), responder());
  p.ini.start();
  p.ini.transfer(message);
  p.run();
  p.res.transfer(message);
  p.run();
  ASSERT_TRUE(p.res.has_turn());
  p.ini.release();
  p.run();
  ASSERT_EQ(p.ini_events.back().kind, K::released);
  mixer::test::TempDir dir("mixer-p1-twa-oracle");
  mixer::test::write_file(dir / "twa.stream", p.stream_text());
  const std::string bin = std::string(MIXER_SHARED_DIR) + "/oracle/bin/";
  const std::string cmd = "'" + bin + "stream2pcap' '" + (dir / "twa.stream").string() + "' '" +
                          (dir / "twa.pcap").string() + "' >/dev/null 2>&1 && '" + bin + "check-pcap' '" +
                          (dir / "twa.pcap").string() + "' --expect 'SES FINISH' >'" +
                          (dir / "out.txt").string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  const std::string out = mixer::test::read_file(dir / "out.txt");
  EXPECT_EQ(rc, 0) << out;
  // tshark's names: PT = "Please tokens", GTC = "GIVE TOKENS CONFIRM", GTA = "GIVE TOKENS ACK".
  EXPECT_NE(out.find("Please tokens"), std::string::npos) << out;
  EXPECT_NE(out.find("GIVE TOKENS CONFIRM"), std::string::npos) << out;
  EXPECT_NE(out.find("GIVE TOKENS ACK"), std::string::npos) << out;
  // The release comes after the turn came back.
  EXPECT_LT(out.rfind("GIVE TOKENS CONFIRM"), out.find("SES FINISH")) << out;
}

}  // namespace
}  // namespace mixer::x400::p1
