#include "x400/osi/transport.hpp"

#include <gtest/gtest.h>

#include "tests/x400/osi/vectors.hpp"

namespace mixer::x400::osi {
namespace {

using test::hex;

struct Summary {
  std::vector<std::string> events;
  std::string error;
};

// Feeds `stream` to a responder in chunks of `step` octets (0 = split at
// `split` into two parts) and records the events.
Summary feed(const Bytes& stream, std::size_t step, std::size_t split = 0) {
  TransportMachine m(TransportRole::responder, {});
  Summary s;
  auto drain = [&] {
    while (true) {
      auto ev = m.next_event();
      if (!ev) {
        s.error = ev.error().to_string();
        return;
      }
      if (!ev.value()) return;
      const auto& e = *ev.value();
      std::string d = e.kind == TransportEvent::Kind::data ? "DT:" + to_hex(e.data)
                      : e.kind == TransportEvent::Kind::connect_request
                          ? "CR:" + to_hex(e.calling_tsel) + "/" + to_hex(e.called_tsel)
                          : "DR:" + std::to_string(e.reason);
      s.events.push_back(d);
      if (e.kind == TransportEvent::Kind::connect_request) (void)m.send_connect_confirm();
    }
  };
  if (step == 0) {
    m.receive(ByteView(stream).first(split));
    drain();
    m.receive(ByteView(stream).subspan(split));
    drain();
  } else {
    for (std::size_t i = 0; i < stream.size(); i += step) {
      m.receive(ByteView(stream).subspan(i, std::min(step, stream.size() - i)));
      drain();
    }
  }
  return s;
}

Bytes client_stream() {
  // The second connection of the P772 capture: CR, CN, GT+AS, the message
  // (several TPKTs in one TCP segment), GT+AE, FN.
  auto sides = test::stream_side("isode-p772-transfer-success.stream", '>');
  sides.erase(sides.begin(), sides.begin() + 2);
  return test::join(sides);
}

TEST(Transport, DecodesIsodeCrAndDataInOneRead) {
  auto s = feed(client_stream(), client_stream().size());
  ASSERT_EQ(s.error, "");
  ASSERT_EQ(s.events.size(), 6u);
  EXPECT_EQ(s.events[0], "CR:583430302d3838/583430302d3838");
  EXPECT_EQ(s.events[2], "DT:01002d052903020101");
  EXPECT_EQ(s.events[5], "DT:0913110101c10e610c300a020101a0056203800100");
}

TEST(Transport, SameEventsWhenSplitAtEveryOffsetAndByteByByte) {
  const Bytes stream = client_stream();
  const auto whole = feed(stream, stream.size());
  for (std::size_t i = 0; i <= stream.size(); ++i) {
    auto s = feed(stream, 0, i);
    ASSERT_EQ(s.events, whole.events) << "split at " << i;
    ASSERT_EQ(s.error, "");
  }
  EXPECT_EQ(feed(stream, 1).events, whole.events);
}

TEST(Transport, InitiatorCrMatchesCribAndNegotiatesSize) {
  TransportMachine m(TransportRole::initiator, {hex("0001"), hex("78343030"), 0x0001, {}});
  auto cr = m.send_connect_request();
  ASSERT_TRUE(cr);
  EXPECT_EQ(to_hex(*cr), "0300001813e00000000100c1020001c20478343030c0010b");
  m.receive(hex(test::kCribCC));
  auto ev = m.next_event();
  ASSERT_TRUE(ev && ev.value());
  EXPECT_EQ(ev.value()->kind, TransportEvent::Kind::connect_confirm);
  EXPECT_EQ(m.tpdu_size(), 2048u);
  EXPECT_EQ(m.state(), TransportState::open);
}

TEST(Transport, ResponderWithoutC0AnswersLikeIsodeAndSendsLargeTpdus) {
  TransportMachine m(TransportRole::responder, {});
  m.receive(hex("0300000b06e00000001200"));  // CR without any parameter
  auto ev = m.next_event();
  ASSERT_TRUE(ev && ev.value());
  auto cc = m.send_connect_confirm();
  ASSERT_TRUE(cc);
  EXPECT_EQ(to_hex(*cc), "0300000b06d00012000100");  // no c0, as Isode's CC
  EXPECT_EQ(m.tpdu_size(), 65531u);
}

TEST(Transport, ResponderAnswersTheSmallerSize) {
  TransportMachine m(TransportRole::responder, {});
  m.receive(hex("0300000e09e00000001200c00108"));  // proposes 256
  ASSERT_TRUE(m.next_event().value());
  EXPECT_EQ(to_hex(*m.send_connect_confirm()), "0300000e09d00012000100c00108");
  EXPECT_EQ(m.tpdu_size(), 256u);
}

TEST(Transport, InitiatorUses128WhenCcHasNoC0) {
  TransportMachine m(TransportRole::initiator, {});
  (void)m.send_connect_request();
  m.receive(hex("0300000b06d00001120000"));
  ASSERT_TRUE(m.next_event().value());
  EXPECT_EQ(m.tpdu_size(), 128u);
  auto dt = m.send_data(Bytes(300, 1));
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->size(), 300u + 3 * 7);  // 125 + 125 + 50
}

TEST(Transport, SegmentsTsduWithinTpduSizeAndReassembles) {
  TransportMachine a(TransportRole::initiator, {}), b(TransportRole::responder, {});
  b.receive(*a.send_connect_request());
  ASSERT_TRUE(b.next_event().value());
  a.receive(*b.send_connect_confirm());
  ASSERT_TRUE(a.next_event().value());
  Bytes big(5000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7);
  auto wire = a.send_data(big);
  ASSERT_TRUE(wire);
  // 2048-octet TPDUs: 2045 payload octets each -> 3 TPKTs.
  EXPECT_EQ(wire->size(), big.size() + 3 * 7);
  EXPECT_EQ((*wire)[2] * 256 + (*wire)[3], 2048 + 4);
  EXPECT_EQ((*wire)[6], 0x00);  // EOT clear on the first DT
  b.receive(*wire);
  auto ev = b.next_event();
  ASSERT_TRUE(ev && ev.value());
  EXPECT_EQ(ev.value()->data, big);
}

TEST(Transport, RejectsGarbageWithContext) {
  struct Case {
    const char* hex;
    const char* where;
  } cases[] = {
      {"0400000b06e00000001200", "header.version"},
      {"03000005", "header.length"},
      {"0300000802f08041", "TPDU code"},               // DT before CR
      {"0300000b06e00000001270", "CR.class"},  // class 7
      {"0300000d08e00000001200c005", "CR.variable-part"},
      {"0300000809e00000", "LI"},
  };
  for (const auto& c : cases) {
    TransportMachine m(TransportRole::responder, {});
    m.receive(hex(c.hex));
    auto ev = m.next_event();
    ASSERT_FALSE(ev) << c.hex;
    EXPECT_NE(ev.error().to_string().find(c.where), std::string::npos) << ev.error().to_string();
    EXPECT_EQ(m.state(), TransportState::closed);
  }
}

TEST(Transport, EnforcesMaxTsdu) {
  TransportConfig cfg;
  cfg.limits.max_tsdu_octets = 10;
  TransportMachine m(TransportRole::responder, cfg);
  m.receive(test::stream_side("isode-x400-ping-success.stream", '>')[0]);
  ASSERT_TRUE(m.next_event().value());
  (void)m.send_connect_confirm();
  m.receive(hex("0300000f02f0000102030405060708"));  // 8 octets, no EOT
  ASSERT_TRUE(m.next_event());
  m.receive(hex("0300000a02f080010203"));
  auto ev = m.next_event();
  ASSERT_FALSE(ev);
  EXPECT_EQ(ev.error().kind, OsiErrorKind::limit) << ev.error().to_string();
}

TEST(Transport, DisconnectRequestAndDr) {
  TransportMachine m(TransportRole::responder, {});
  m.receive(hex(test::kCribCR));
  ASSERT_TRUE(m.next_event().value());
  (void)m.send_connect_confirm();
  m.receive(hex(test::kCribDR));
  auto ev = m.next_event();
  ASSERT_TRUE(ev && ev.value());
  EXPECT_EQ(ev.value()->kind, TransportEvent::Kind::disconnect);
  EXPECT_EQ(ev.value()->reason, 0x80);
}

}  // namespace
}  // namespace mixer::x400::osi
