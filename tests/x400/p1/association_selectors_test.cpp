// Responder-side OSI selectors (issue #6): a responder configured with called
// TSAP / SSAP / PSAP selectors accepts only initiators that address exactly
// those, and refuses the others at the layer concerned (X.224 DR "address
// unknown", X.225 RF "session selector unknown", X.226 CPR
// "called-presentation-address-unknown"); with none configured any is fine.
#include <gtest/gtest.h>

#include "tests/x400/p1/pair.hpp"

namespace mixer::x400::p1 {
namespace {

using osi::Bytes;
using K = AssociationEvent::Kind;

Bytes b(const char* s) { return Bytes(s, s + std::char_traits<char>::length(s)); }

AssociationConfig ini(Mode m, Bytes t, Bytes s, Bytes p) {
  AssociationConfig c;
  c.role = Role::initiator;
  c.mode = m;
  c.our_mta = "GATEWAY";
  c.our_password = "secret";
  c.called_tsel = std::move(t);
  c.called_ssel = std::move(s);
  c.called_psel = std::move(p);
  return c;
}

AssociationConfig res() {
  AssociationConfig c;
  c.role = Role::responder;
  c.our_mta = "MSWITCH";
  c.peers["GATEWAY"] = {"secret", "passwd"};
  c.called_tsel = b("P1T");
  c.called_ssel = b("P1S");
  c.called_psel = b("P1P");
  return c;
}

struct Case {
  const char* name;
  Mode mode;
  const char *t, *s, *p;
  bool bound;
  const char* why;  // responder's refusal detail
};

class Selectors : public ::testing::TestWithParam<Case> {};

TEST_P(Selectors, OnlyTheConfiguredAddressBinds) {
  const auto& c = GetParam();
  Pair pair(ini(c.mode, b(c.t), b(c.s), b(c.p)), res());
  pair.ini.start();
  pair.run();
  ASSERT_FALSE(pair.res_events.empty());
  if (c.bound) {
    EXPECT_EQ(pair.res_events.front().kind, K::bound) << pair.res_events.front().detail;
    ASSERT_FALSE(pair.ini_events.empty());
    EXPECT_EQ(pair.ini_events.front().kind, K::bound);
    return;
  }
  EXPECT_EQ(pair.res_events.front().kind, K::bind_refused);
  EXPECT_EQ(pair.res_events.front().detail, c.why);
  EXPECT_EQ(pair.res.state(), AssociationState::refused);
  EXPECT_TRUE(pair.res.finished());
  // The initiator learns it: never bound.
  ASSERT_FALSE(pair.ini_events.empty());
  EXPECT_NE(pair.ini_events.front().kind, K::bound);
  EXPECT_NE(pair.ini.state(), AssociationState::bound);
}

INSTANTIATE_TEST_SUITE_P(All, Selectors,
                         ::testing::Values(Case{"all_match", Mode::normal, "P1T", "P1S", "P1P", true, ""},
                                           Case{"x410_match", Mode::x410, "P1T", "P1S", "", true, ""},
                                           Case{"wrong_tsel", Mode::normal, "OTHER", "P1S", "P1P", false,
                                                "called TSAP selector is not ours (configured p1 tsel)"},
                                           Case{"missing_tsel", Mode::normal, "", "P1S", "P1P", false,
                                                "called TSAP selector is not ours (configured p1 tsel)"},
                                           Case{"wrong_ssel", Mode::normal, "P1T", "S", "P1P", false,
                                                "called session selector is not ours"},
                                           Case{"wrong_ssel_x410", Mode::x410, "P1T", "", "", false,
                                                "called session selector is not ours"},
                                           Case{"wrong_psel", Mode::normal, "P1T", "P1S", "PX", false,
                                                "called presentation selector is not ours"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SelectorsUnset, AnyAddressIsAccepted) {
  AssociationConfig r = res();
  r.called_tsel.clear();
  r.called_ssel.clear();
  r.called_psel.clear();
  Pair pair(ini(Mode::normal, b("whatever"), b("x"), b("y")), r);
  pair.ini.start();
  pair.run();
  ASSERT_FALSE(pair.res_events.empty());
  EXPECT_EQ(pair.res_events.front().kind, K::bound);
}

}  // namespace
}  // namespace mixer::x400::p1
