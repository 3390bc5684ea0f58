// The P1 association against the crib's worked example (Appendix A, checked
// with tshark): our initiator emits the example's bytes exactly, our
// responder answers with the example's AC exactly, and the whole client side
// fed split at every offset and byte by byte gives the same answer.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/x400/osi/vectors.hpp"
#include "x400/osi/acse.hpp"
#include "x400/osi/presentation.hpp"
#include "x400/osi/rtse.hpp"
#include "x400/p1/association.hpp"

namespace mixer::x400::p1 {
namespace {

using osi::Bytes;
using osi::test::hex;

AssociationConfig crib_initiator() {
  AssociationConfig c;
  c.role = Role::initiator;
  c.our_mta = "GATEWAY";
  c.our_password = "secret";
  c.peer_mta = "MSWITCH";
  c.calling_tsel = {0x00, 0x01};
  c.called_tsel = {'x', '4', '0', '0'};
  c.called_ssel = {0x00, 0x01};
  return c;
}

AssociationConfig crib_responder() {
  AssociationConfig c;
  c.role = Role::responder;
  c.our_mta = "MSWITCH";
  c.peers["GATEWAY"] = {"secret", "passwd"};
  return c;
}

Bytes crib_client_stream() {
  Bytes s;
  for (const char* h : {osi::test::kCribCR, osi::test::kCribCN, osi::test::kCribGTAS}) {
    auto b = hex(h);
    s.insert(s.end(), b.begin(), b.end());
  }
  return s;
}

TEST(CribVectors, InitiatorEmitsTheExampleBytes) {
  Association a(crib_initiator());
  a.start();
  EXPECT_EQ(to_hex(a.take_output()), osi::test::kCribCR);
  a.receive(hex(osi::test::kCribCC));
  EXPECT_EQ(to_hex(a.take_output()), osi::test::kCribCN);
  a.receive(hex(osi::test::kCribAC));
  auto ev = a.next_event();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->kind, AssociationEvent::Kind::bound);
  EXPECT_EQ(ev->peer, "MSWITCH");
  // The example's MTS-APDU: GT+AS, GT+DT and GT+AE are the example's octets.
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/osi/crib-message.ber", std::ios::binary);
  const Bytes apdu((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  a.transfer(apdu);
  EXPECT_EQ(to_hex(a.take_output()), std::string(osi::test::kCribGTAS) + osi::test::kCribDT + osi::test::kCribGTAE);
  a.receive(hex(osi::test::kCribPTAEA));
  ev = a.next_event();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->kind, AssociationEvent::Kind::transfer_confirmed);
  a.release();
  EXPECT_EQ(to_hex(a.take_output()), osi::test::kCribFN);
  a.receive(hex(osi::test::kCribDN));
  EXPECT_EQ(to_hex(a.take_output()), osi::test::kCribDR);
}

TEST(CribVectors, ResponderAnswersWithTheExampleAc) {
  Association r(crib_responder());
  r.receive(hex(osi::test::kCribCR));
  (void)r.take_output();  // CC (our own reference differs from the example's)
  r.receive(hex(osi::test::kCribCN));
  EXPECT_EQ(to_hex(r.take_output()), osi::test::kCribAC);
}

TEST(CribVectors, UpperLayerDecodersOnTheExampleCn) {
  const Bytes cn = hex(osi::test::kCribCN);
  auto spdus = osi::decode_tsdu(osi::ByteView(cn).subspan(7));
  ASSERT_TRUE(spdus);
  auto cp = osi::decode_cp(*spdus.value()[0].user_data);
  ASSERT_TRUE(cp);
  ASSERT_EQ(cp->contexts.size(), 3u);
  EXPECT_EQ(cp->contexts[1].id, 3);
  EXPECT_EQ(cp->contexts[1].abstract_syntax, osi::oid::mta_rtse);
  auto aarq = osi::decode_aarq(cp->user_data.at(0).value);
  ASSERT_TRUE(aarq);
  EXPECT_EQ(aarq->application_context, osi::oid::mts_transfer);
  auto rq = osi::decode_rtorq(aarq->user_information.at(0).data);
  ASSERT_TRUE(rq);
  EXPECT_EQ(rq->checkpoint_size, 0);
  EXPECT_EQ(rq->window_size, 3);
  asn::BindWrapping w{};
  auto bind = asn::decode_mta_bind_argument(rq->user_data, &w);
  ASSERT_TRUE(bind);
  EXPECT_EQ(w, asn::BindWrapping::bind_macro);
  ASSERT_TRUE(bind->authenticated);
  EXPECT_EQ(bind->authenticated->name, "GATEWAY");
  EXPECT_EQ(bind->authenticated->credentials.password, "secret");
  // Re-encoding gives the same octets.
  EXPECT_EQ(osi::encode_cp(*cp), *spdus.value()[0].user_data);
}

TEST(CribVectors, IsodeIndefiniteLengthsDecode) {
  // Isode's CN user data uses indefinite lengths and a direct-reference in the EXTERNAL.
  const auto cn = osi::test::stream_side("isode-x400-ping-success.stream", '>')[1];
  auto spdus = osi::decode_tsdu(osi::ByteView(cn).subspan(7));
  ASSERT_TRUE(spdus);
  auto cp = osi::decode_cp(*spdus.value()[0].user_data);
  ASSERT_TRUE(cp) << cp.error().to_string();
  auto aarq = osi::decode_aarq(cp->user_data.at(0).value);
  ASSERT_TRUE(aarq) << aarq.error().to_string();
  ASSERT_TRUE(aarq->user_information.at(0).direct_reference);
  EXPECT_EQ(aarq->user_information.at(0).direct_reference->to_string(), "2.1.1");
  auto rq = osi::decode_rtorq(aarq->user_information.at(0).data);
  ASSERT_TRUE(rq);
  EXPECT_EQ(rq->checkpoint_size, 63);
  auto bind = asn::decode_mta_bind_argument(rq->user_data);
  ASSERT_TRUE(bind) << bind.error().to_string();
  ASSERT_TRUE(bind->authenticated);
  EXPECT_EQ(bind->authenticated->name, "percival.smhs.co.uk");
  EXPECT_EQ(bind->authenticated->credentials.password, "excalibur");
}

struct Outcome {
  Bytes output;
  std::vector<std::string> events;
};

Outcome feed(const Bytes& stream, std::size_t split, std::size_t step) {
  Association r(crib_responder());
  Outcome o;
  auto deliver = [&](osi::ByteView part) {
    r.receive(part);
    while (auto ev = r.next_event()) o.events.push_back(to_string(ev->kind));
    auto out = r.take_output();
    o.output.insert(o.output.end(), out.begin(), out.end());
  };
  if (step == 0) {
    deliver(osi::ByteView(stream).first(split));
    deliver(osi::ByteView(stream).subspan(split));
  } else {
    for (std::size_t i = 0; i < stream.size(); i += step)
      deliver(osi::ByteView(stream).subspan(i, std::min(step, stream.size() - i)));
  }
  return o;
}

TEST(CribVectors, WholeStackSplitAtEveryOffsetAndByteByByte) {
  const Bytes stream = crib_client_stream();
  const Outcome whole = feed(stream, stream.size(), 0);
  ASSERT_EQ(whole.events, (std::vector<std::string>{"bound"}));
  for (std::size_t i = 0; i <= stream.size(); ++i) {
    const Outcome o = feed(stream, i, 0);
    ASSERT_EQ(o.events, whole.events) << "split at " << i;
    ASSERT_EQ(o.output, whole.output) << "split at " << i;
  }
  const Outcome bytewise = feed(stream, 0, 1);
  EXPECT_EQ(bytewise.output, whole.output);
  EXPECT_EQ(bytewise.events, whole.events);
}

}  // namespace
}  // namespace mixer::x400::p1
