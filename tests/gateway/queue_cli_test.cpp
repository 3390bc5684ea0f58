// `mixer check-config`, `mixer status` and `mixer queue ...` run as an
// operator runs them, on a real spool in a temporary directory.
#include <gtest/gtest.h>

#include "gateway/queue/spool.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::test {
namespace {

const std::string kMixer = MIXER_CLI_PATH;

class QueueCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(tmp_ / "mixer.toml",
               "[gateway]\nmta_name = \"GW\"\ndomain = \"gw.example\"\nor_address = \"/C=XX/ADMD= /PRMD=P/\"\n"
               "[queue]\ndir = \"spool\"\n");
    auto s = queue::Spool::open(queue::SpoolOptions{tmp_ / "spool", false, 1});
    ASSERT_TRUE(s.ok());
    spool_ = std::move(s).value();
  }

  std::string add(std::string originator, queue::RcptStatus status = queue::RcptStatus::pending) {
    queue::Record r;
    r.originator = std::move(originator);
    r.direction = queue::Direction::x400_to_smtp;
    queue::Recipient rc;
    rc.address = "user@example.org";
    rc.status = status;
    rc.diagnostic = status == queue::RcptStatus::deferred ? "451 4.3.0 try later" : "";
    rc.attempts = status == queue::RcptStatus::deferred ? 2 : 0;
    r.recipients.push_back(rc);
    r.content = "Subject: t\r\n\r\nhello\r\n";
    return spool_->store(r).value();
  }

  RunResult mixer(std::vector<std::string> args) {
    args.insert(args.begin(), kMixer);
    args.push_back("--config");
    args.push_back((tmp_ / "mixer.toml").string());
    return run(args);
  }

  TempDir tmp_;
  std::unique_ptr<queue::Spool> spool_;
};

TEST_F(QueueCli, ListShowsEveryStateAndRecipientStatus) {
  auto a = add("/C=XX/ADMD= /PRMD=P/S=One/");
  auto b = add("two@example.org", queue::RcptStatus::deferred);
  ASSERT_TRUE(spool_->move(b, queue::State::incoming, queue::State::deferred).ok());
  write_file(tmp_ / "spool" / "corrupt" / "00BAD", "garbage");
  auto r = mixer({"queue", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(a), std::string::npos);
  EXPECT_NE(r.out.find(b + "  deferred"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("deferred, 2 attempts, next"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(451 4.3.0 try later)"), std::string::npos);
  EXPECT_NE(r.out.find("00BAD"), std::string::npos);
  EXPECT_NE(r.out.find("unparseable"), std::string::npos);
  EXPECT_NE(r.out.find("-- 3 messages"), std::string::npos);
  auto only = mixer({"queue", "list", "--state", "deferred"});
  EXPECT_NE(only.out.find("-- 1 message\n"), std::string::npos) << only.out;
  EXPECT_EQ(mixer({"queue", "list", "--state", "bogus"}).exit_code, 2);
}

TEST_F(QueueCli, ShowPrintsEnvelopeAndContent) {
  auto a = add("one@example.org");
  auto r = mixer({"queue", "show", a, "--content"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("originator: one@example.org"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("direction:  x400-smtp"), std::string::npos);
  EXPECT_NE(r.out.find("recipient:  user@example.org"), std::string::npos);
  EXPECT_NE(r.out.find("hello"), std::string::npos);
  auto missing = mixer({"queue", "show", "0000000000000000000000"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("not in the queue"), std::string::npos);
  EXPECT_EQ(mixer({"queue", "show", "../x"}).exit_code, 2);
}

TEST_F(QueueCli, HoldReleaseFlushDelete) {
  auto a = add("one@example.org");
  auto r = mixer({"queue", "hold", a});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(spool_->find(a), queue::State::hold);
  EXPECT_EQ(mixer({"queue", "hold", a}).err, a + ": already hold\n");
  ASSERT_EQ(mixer({"queue", "release", a}).exit_code, 0);
  EXPECT_EQ(spool_->find(a), queue::State::incoming);
  EXPECT_NE(mixer({"queue", "release", a}).err.find("not held"), std::string::npos);

  ASSERT_TRUE(spool_->move(a, queue::State::incoming, queue::State::deferred).ok());
  auto b = add("two@example.org");
  ASSERT_TRUE(spool_->move(b, queue::State::incoming, queue::State::deferred).ok());
  auto f1 = mixer({"queue", "flush", a});
  EXPECT_EQ(f1.out, "1 message scheduled for immediate delivery\n");
  EXPECT_EQ(spool_->find(a), queue::State::incoming);
  auto f = mixer({"queue", "flush"});
  EXPECT_EQ(f.out, "1 message scheduled for immediate delivery\n");
  EXPECT_EQ(spool_->find(b), queue::State::incoming);

  // mixerd owns active/: operators may not pull a message out from under it.
  ASSERT_TRUE(spool_->move(b, queue::State::incoming, queue::State::active).ok());
  auto busy = mixer({"queue", "delete", b});
  EXPECT_EQ(busy.exit_code, 1);
  EXPECT_NE(busy.err.find("being delivered"), std::string::npos);
  EXPECT_EQ(mixer({"queue", "hold", b}).exit_code, 1);

  ASSERT_EQ(mixer({"queue", "delete", a}).exit_code, 0);
  EXPECT_FALSE(spool_->find(a).has_value());
  EXPECT_EQ(mixer({"queue", "delete", a}).exit_code, 1);
}

TEST_F(QueueCli, StatusCountsStates) {
  add("a@x");
  auto b = add("b@x");
  ASSERT_TRUE(spool_->move(b, queue::State::incoming, queue::State::hold).ok());
  auto r = mixer({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("mixerd:   not running"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("incoming: 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("hold:     1"), std::string::npos);
  EXPECT_NE(r.out.find("total:    2"), std::string::npos);
}

TEST_F(QueueCli, SpoolOptionAndMissingSpool) {
  auto r = run({kMixer, "queue", "list", "--spool", (tmp_ / "nope").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not a mixer spool"), std::string::npos) << r.err;
  EXPECT_EQ(run({kMixer, "status", "--spool", (tmp_ / "spool").string()}).exit_code, 0);
}

TEST(CheckConfigCli, ValidFileAndLimits) {
  auto r = run({kMixer, "check-config", std::string(MIXER_SOURCE_DIR) + "/config/examples/mixer.toml", "--limits"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("configuration OK (1 X.400 route"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("queue.min_backoff"), std::string::npos);
  EXPECT_NE(r.out.find("route.window"), std::string::npos);
}

TEST(CheckConfigCli, EveryErrorWithFileAndLine) {
  TempDir tmp;
  auto file = (tmp / "bad.toml").string();
  write_file(file,
             "[gateway]\nmta_name = 1\ndomain = \"d\"\nor_address = \"/C=XX/\"\n[queue]\ndir = \"q\"\n"
             "min_backoff = 0\n[smtp]\nlisten = \"x\"\n");
  auto r = run({kMixer, "check-config", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(file + ":2: gateway.mta_name must be a string\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":7: queue.min_backoff = 0 is out of range 1..86400 s\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":9: smtp.listen: 'x' is not HOST:PORT\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ": 3 errors"), std::string::npos) << r.err;
  EXPECT_EQ(run({kMixer, "check-config", (tmp / "none.toml").string()}).exit_code, 1);
  EXPECT_EQ(run({kMixer, "check-config", "a", "b"}).exit_code, 2);
}

}  // namespace
}  // namespace mixer::test
