// The P1 side of mixerd end to end over loopback, with real peers: our
// P1Transport (initiator) delivers queued records to our P1Listener
// (responder), which hands what it receives to a MessageIntake. Proves:
// confirmed transfer -> delivered, the receiving side stores before it
// confirms, recipients split per route with the responsibility bit, bind
// refusals / connect failures / unstored transfers -> temporary, no route ->
// permanent, association reuse, probes answered with a report record.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "gateway/queue/attr_keys.hpp"
#include "gateway/x400side/p1_listener.hpp"
#include "gateway/x400side/p1_transport.hpp"
#include "mapping/address/std_or.hpp"
#include "tests/support/net.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/x400/asn/p1_samples.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::x400side {
namespace {

namespace asio = boost::asio;
namespace asn = x400::asn;
namespace samples = x400::asn::samples;
namespace attr = queue::attr;
using config::Limit;
using queue::AttemptResult;
using namespace std::chrono_literals;

// A MessageIntake that keeps records in memory and answers from another
// thread, as the spool's committers do; or refuses, as a full disk would.
class MemoryIntake : public daemon::MessageIntake {
 public:
  void accept(queue::Record record, queue::Spool::Accepted done) override {
    std::thread([this, record = std::move(record), done = std::move(done)]() mutable {
      std::unique_lock lk(mu_);
      if (refuse) {
        lk.unlock();
        done(fail(queue::SpoolError{"", "fdatasync", "/spool", "No space left on device"}));
        return;
      }
      record.id = "Q" + std::to_string(records_.size() + 1);
      records_.push_back(record);
      lk.unlock();
      cv_.notify_all();
      done(record.id);
    }).detach();
  }
  std::vector<queue::Record> wait_for(std::size_t n) {
    std::unique_lock lk(mu_);
    cv_.wait_for(lk, 20s, [&] { return records_.size() >= n; });
    return records_;
  }
  std::atomic<bool> refuse{false};

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<queue::Record> records_;
};

config::Config listener_config(const std::string& peer_password, config::TlsFiles tls = {}) {
  config::Config c;
  c.p1.tls = std::move(tls);
  c.gateway.mta_name = "RECEIVER";
  c.gateway.domain = "gw.example";
  c.gateway.global_domain = {"XX", " ", "MIXER"};
  c.p1.listen = {"127.0.0.1", 0};
  config::Route sender;
  sender.name = "sender";
  sender.or_prefix = "/C=ZZ/ADMD= /";
  sender.peer_name = "SENDER";
  sender.peer_password = peer_password;
  sender.our_password = "answer";
  c.routes.push_back(sender);
  return c;
}

config::Route route_to(std::string name, std::string prefix, std::uint16_t port,
                       std::string password = "secret") {
  config::Route r;
  r.name = std::move(name);
  r.or_prefix = std::move(prefix);
  r.peer = {"127.0.0.1", port};
  r.our_name = "SENDER";
  r.our_password = std::move(password);
  r.peer_name = "RECEIVER";
  r.concurrency = 2;
  return r;
}

std::shared_ptr<const mapping::address::MappingContext> context() {
  auto ctx = std::make_shared<mapping::address::MappingContext>();
  ctx->local_domain = "gw.example";
  ctx->local_or = *mapping::address::parse_std_or("/O=Gateway/PRMD=SEND/ADMD= /C=ZZ/");
  return ctx;
}

struct Peer {
  explicit Peer(asio::io_context& io, const std::string& password = "secret", config::TlsFiles tls = {})
      : listener(io, intake, [this](int, const std::string& l) {
          std::lock_guard lk(mu);
          log += l + "\n";
        }) {
    listener.configure(listener_config(password, std::move(tls)), context());
    auto ok = listener.start();
    EXPECT_TRUE(ok) << (ok ? "" : ok.error());
  }
  std::string log_text() {
    std::lock_guard lk(mu);
    return log;
  }
  MemoryIntake intake;
  std::mutex mu;
  std::string log;
  P1Listener listener;
};

class P1Loopback : public ::testing::Test {
 protected:
  P1Loopback() : guard_(asio::make_work_guard(io_)) {
    thread_ = std::thread([this] { io_.run(); });
  }
  ~P1Loopback() override {
    asio::post(io_, [this] {
      if (transport_) transport_->shutdown();
      for (auto* p : peers_) p->listener.stop();
    });
    guard_.reset();
    thread_.join();
  }
  Peer& peer(const std::string& password = "secret", config::TlsFiles tls = {}) {
    owned_.push_back(std::make_unique<Peer>(io_, password, std::move(tls)));
    peers_.push_back(owned_.back().get());
    return *owned_.back();
  }
  P1Transport& transport(std::vector<config::Route> routes, std::int64_t idle = 30) {
    config::Config c;
    c.gateway.mta_name = "SENDER";
    c.gateway.domain = "sender.example";
    c.gateway.global_domain = {"ZZ", " ", "SEND"};
    c.routes = std::move(routes);
    c.limits.set(Limit::timeout_p1_idle, idle);
    c.limits.set(Limit::timeout_connect, 5);
    transport_ = std::make_shared<P1Transport>(io_, [this](int, const std::string& l) {
      std::lock_guard lk(mu_);
      log_ += l + "\n";
    });
    auto ok = transport_->configure(c, context());
    EXPECT_TRUE(ok) << (ok ? "" : ok.error());
    return *transport_;
  }
  std::vector<queue::RecipientOutcome> deliver(const queue::Record& r) {
    std::vector<std::size_t> due;
    for (std::size_t i = 0; i < r.recipients.size(); ++i) due.push_back(i);
    std::promise<std::vector<queue::RecipientOutcome>> p;
    auto f = p.get_future();
    transport_->deliver({r, due},
                        [&p](std::vector<queue::RecipientOutcome> o) { p.set_value(std::move(o)); });
    if (f.wait_for(30s) != std::future_status::ready) {
      ADD_FAILURE() << "delivery did not complete";
      return {};
    }
    auto out = f.get();
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
    return out;
  }
  std::string transport_log() {
    std::lock_guard lk(mu_);
    return log_;
  }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::thread thread_;
  std::vector<std::unique_ptr<Peer>> owned_;
  std::vector<Peer*> peers_;
  std::shared_ptr<P1Transport> transport_;
  std::mutex mu_;
  std::string log_;
};

// A generated-APDU record (format p1-apdu) for the message's recipients.
queue::Record apdu_record(const asn::Message& m) {
  queue::Record r;
  r.id = "TESTQ1";
  r.direction = queue::Direction::smtp_to_x400;
  r.attrs[attr::kFormat] = attr::kFormatP1Apdu;
  auto bytes = asn::encode_mts_apdu(asn::MtsApdu(m));
  EXPECT_TRUE(bytes);
  r.content.assign(bytes->begin(), bytes->end());
  for (const auto& f : m.envelope.per_recipient_fields) {
    queue::Recipient rc;
    rc.address = *mapping::address::print_std_or(f.recipient_name.address);
    rc.attrs[attr::kRecipientNumber] = std::to_string(f.originally_specified_recipient_number);
    r.recipients.push_back(rc);
  }
  return r;
}

TEST_F(P1Loopback, ConfirmedTransferIsDeliveredAndStoredOnTheOtherSide) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  const auto m = samples::message(2, "hello over P1", false);
  auto out = deliver(apdu_record(m));
  ASSERT_EQ(out.size(), 2u) << transport_log();
  for (const auto& o : out) {
    EXPECT_EQ(o.result, AttemptResult::delivered) << o.diagnostic << "\n" << transport_log() << p.log_text();
    EXPECT_NE(o.diagnostic.find("route acme"), std::string::npos);
  }
  auto got = p.intake.wait_for(1);
  ASSERT_EQ(got.size(), 1u);
  const auto& r = got[0];
  EXPECT_EQ(r.direction, queue::Direction::x400_to_smtp);
  EXPECT_EQ(r.attrs.at(attr::kReceivedFrom), "SENDER");
  ASSERT_EQ(r.recipients.size(), 2u);
  EXPECT_TRUE(r.recipients[0].address.ends_with("@gw.example"));
  // The message arrives as sent (both recipients were already responsible).
  auto decoded = asn::decode_mts_apdu(
      x400::ber::Bytes(reinterpret_cast<const std::uint8_t*>(r.content.data()), r.content.size()));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(std::get<asn::Message>(*decoded) == m);
  EXPECT_NE(p.log_text().find("Q1: p1 assoc 1: message from MTA SENDER"), std::string::npos) << p.log_text();
  EXPECT_EQ(transport_->stats().confirmed, 1u);
}

TEST_F(P1Loopback, RecipientsSplitPerRouteEachCopyResponsibleForItsOwn) {
  auto& a = peer();
  auto& b = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", a.listener.port()),
             route_to("other", "/C=GB/ADMD= /PRMD=OTHER/", b.listener.port())});
  auto m = samples::message(3, "split", false);
  m.envelope.per_recipient_fields[1].recipient_name.address.private_domain_name =
      x400::NumericOrPrintable{"OTHER"};
  auto out = deliver(apdu_record(m));
  ASSERT_EQ(out.size(), 3u);
  for (const auto& o : out) EXPECT_EQ(o.result, AttemptResult::delivered) << o.diagnostic;
  EXPECT_NE(out[1].diagnostic.find("route other"), std::string::npos);
  auto ga = a.intake.wait_for(1);
  auto gb = b.intake.wait_for(1);
  ASSERT_EQ(ga.size(), 1u);
  ASSERT_EQ(gb.size(), 1u);
  ASSERT_EQ(ga[0].recipients.size(), 2u);
  EXPECT_EQ(ga[0].recipients[0].attrs.at(attr::kRecipientNumber), "1");
  EXPECT_EQ(ga[0].recipients[1].attrs.at(attr::kRecipientNumber), "3");
  ASSERT_EQ(gb[0].recipients.size(), 1u);
  EXPECT_EQ(gb[0].recipients[0].attrs.at(attr::kRecipientNumber), "2");
}

TEST_F(P1Loopback, WrongPasswordIsTemporaryAndLoggedAsAnError) {
  auto& p = peer("the-right-one");
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port(), "wrong")});
  auto out = deliver(apdu_record(samples::message(1, "x", false)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::temporary_failure);
  EXPECT_NE(out[0].diagnostic.find("authentication-error"), std::string::npos) << out[0].diagnostic;
  EXPECT_NE(transport_log().find("check route passwords"), std::string::npos) << transport_log();
  EXPECT_TRUE(p.intake.wait_for(0).empty());
  EXPECT_EQ(p.listener.stats().refused_binds, 1u);
}

TEST_F(P1Loopback, ConnectFailureIsTemporary) {
  const auto port = test::free_loopback_port();  // nobody listens there
  transport({route_to("down", "/C=GB/ADMD= /PRMD=ACME/", port)});
  auto out = deliver(apdu_record(samples::message(2, "x", false)));
  ASSERT_EQ(out.size(), 2u);
  for (const auto& o : out) {
    EXPECT_EQ(o.result, AttemptResult::temporary_failure);
    EXPECT_NE(o.diagnostic.find("cannot connect to 127.0.0.1:" + std::to_string(port)), std::string::npos)
        << o.diagnostic;
  }
}

TEST_F(P1Loopback, NoRouteIsPermanentAndOtherRecipientsStillGo) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  auto m = samples::message(2, "x", false);
  m.envelope.per_recipient_fields[0].recipient_name.address.country_name = x400::NumericOrPrintable{"FR"};
  auto out = deliver(apdu_record(m));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].result, AttemptResult::permanent_failure);
  EXPECT_EQ(out[0].diagnostic, routing::kNoRouteDiagnostic);
  EXPECT_EQ(out[1].result, AttemptResult::delivered) << out[1].diagnostic;
  auto got = p.intake.wait_for(1);
  ASSERT_EQ(got.size(), 1u);
  ASSERT_EQ(got[0].recipients.size(), 1u);
  EXPECT_EQ(got[0].recipients[0].attrs.at(attr::kRecipientNumber), "2");
}

TEST_F(P1Loopback, UnstoredTransferIsNotConfirmedSoItStaysTemporary) {
  auto& p = peer();
  p.intake.refuse = true;
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  auto out = deliver(apdu_record(samples::message(1, "x", false)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::temporary_failure) << out[0].diagnostic;
  EXPECT_NE(p.log_text().find("not stored"), std::string::npos) << p.log_text();
  EXPECT_EQ(p.listener.stats().rejected, 1u);
}

TEST_F(P1Loopback, OneAssociationIsReusedForSequentialDeliveries) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  for (int i = 0; i < 5; ++i) {
    auto out = deliver(apdu_record(samples::message(1, "msg " + std::to_string(i), false)));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].result, AttemptResult::delivered) << out[0].diagnostic;
  }
  EXPECT_EQ(p.intake.wait_for(5).size(), 5u);
  EXPECT_EQ(transport_->stats().associations, 1u);
  EXPECT_EQ(p.listener.stats().associations, 1u);
}

TEST_F(P1Loopback, ConcurrentDeliveriesUseAtMostTheRouteConcurrency) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});  // concurrency 2
  std::vector<std::future<std::vector<queue::RecipientOutcome>>> futures;
  for (int i = 0; i < 8; ++i) {
    futures.push_back(std::async(std::launch::async, [this, i] {
      return deliver(apdu_record(samples::message(1, "parallel " + std::to_string(i), false)));
    }));
  }
  for (auto& f : futures) {
    auto out = f.get();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].result, AttemptResult::delivered) << out[0].diagnostic;
  }
  EXPECT_EQ(p.intake.wait_for(8).size(), 8u);
  EXPECT_LE(transport_->stats().associations, 2u);
  EXPECT_GE(transport_->stats().associations, 1u);
}

TEST_F(P1Loopback, IdleAssociationIsReleasedAndANewOneOpenedLater) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())}, /*idle=*/1);
  ASSERT_EQ(deliver(apdu_record(samples::message(1, "a", false)))[0].result, AttemptResult::delivered);
  for (int i = 0; i < 100 && p.log_text().find("released") == std::string::npos; ++i)
    std::this_thread::sleep_for(50ms);
  EXPECT_NE(p.log_text().find("p1 assoc 1: released"), std::string::npos) << p.log_text();
  ASSERT_EQ(deliver(apdu_record(samples::message(1, "b", false)))[0].result, AttemptResult::delivered);
  EXPECT_EQ(transport_->stats().associations, 2u);
}

TEST_F(P1Loopback, ProbeIsAnsweredWithAReportRecordTowardsX400) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  auto probe = samples::probe();
  probe.envelope.per_recipient_fields[1].per_recipient_indicators.set(
      asn::per_recipient_indicator::kOriginatorReport);
  queue::Record r = apdu_record(samples::message(1, "x", false));  // recipients / attrs
  auto bytes = asn::encode_mts_apdu(asn::MtsApdu(probe));
  ASSERT_TRUE(bytes);
  r.content.assign(bytes->begin(), bytes->end());
  r.recipients.resize(1);
  r.recipients[0].address =
      *mapping::address::print_std_or(probe.envelope.per_recipient_fields[0].recipient_name.address);
  auto out = deliver(r);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::delivered) << out[0].diagnostic;
  auto got = p.intake.wait_for(1);
  ASSERT_EQ(got.size(), 1u) << p.log_text();
  EXPECT_EQ(got[0].direction, queue::Direction::smtp_to_x400);
  EXPECT_EQ(got[0].attrs.at(attr::kIsReport), "1");
  ASSERT_EQ(got[0].recipients.size(), 1u);
  EXPECT_EQ(got[0].recipients[0].address, "/G=Jo/S=Orig/O=Acme/PRMD=ACME/ADMD= /C=GB/");
  auto rep = asn::decode_mts_apdu(
      x400::ber::Bytes(reinterpret_cast<const std::uint8_t*>(got[0].content.data()), got[0].content.size()));
  ASSERT_TRUE(rep);
  ASSERT_TRUE(std::holds_alternative<asn::Report>(*rep));
  EXPECT_EQ(std::get<asn::Report>(*rep).content.subject_identifier.local_identifier, "probe-1");
}

TEST_F(P1Loopback, InternetMessageIsConvertedAndTransferred) {
  auto& p = peer();
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  queue::Record r;
  r.id = "INET1";
  r.direction = queue::Direction::smtp_to_x400;
  r.originator = "alice@sender.example";
  r.attrs[attr::kFormat] = attr::kFormatRfc5322;
  queue::Recipient rc;
  rc.address = "\"/G=Jo/S=Rcpt1/O=Acme/PRMD=ACME/ADMD= /C=GB/\"@gw.example";
  r.recipients.push_back(rc);
  queue::Recipient bad;
  bad.address = "nobody@unknown.example";  // maps under the gateway's own O/R address: no route there
  r.recipients.push_back(bad);
  r.content =
      "From: Alice <alice@sender.example>\r\nTo: Jo <jo@acme.example>\r\nSubject: hello\r\n"
      "Message-ID: <m1@sender.example>\r\nDate: Mon, 23 Nov 2026 12:00:00 +0000\r\n\r\nHi there.\r\n";
  auto out = deliver(r);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].result, AttemptResult::delivered) << out[0].diagnostic << "\n" << transport_log();
  EXPECT_EQ(out[1].result, AttemptResult::permanent_failure) << out[1].diagnostic;
  EXPECT_EQ(out[1].diagnostic, routing::kNoRouteDiagnostic);
  auto got = p.intake.wait_for(1);
  ASSERT_EQ(got.size(), 1u) << p.log_text();
  auto decoded = asn::decode_mts_apdu(
      x400::ber::Bytes(reinterpret_cast<const std::uint8_t*>(got[0].content.data()), got[0].content.size()));
  ASSERT_TRUE(decoded);
  const auto& msg = std::get<asn::Message>(*decoded);
  // Both recipients are in the envelope; only the routed one is the peer's responsibility.
  ASSERT_EQ(msg.envelope.per_recipient_fields.size(), 2u);
  EXPECT_EQ(msg.envelope.per_recipient_fields[0].recipient_name.address.personal_name->surname, "Rcpt1");
  EXPECT_TRUE(msg.envelope.per_recipient_fields[0].per_recipient_indicators.test(
      asn::per_recipient_indicator::kResponsibility));
  EXPECT_FALSE(msg.envelope.per_recipient_fields[1].per_recipient_indicators.test(
      asn::per_recipient_indicator::kResponsibility));
  ASSERT_EQ(got[0].recipients.size(), 1u);
  EXPECT_EQ(got[0].recipients[0].address, "\"/G=Jo/S=Rcpt1/O=Acme/PRMD=ACME/ADMD= /C=GB/\"@gw.example");
}

}  // namespace
}  // namespace mixer::x400side

namespace mixer::x400side {
namespace {

// A self-signed certificate for 127.0.0.1 made by the openssl CLI.
config::TlsFiles make_cert(const std::filesystem::path& dir, const std::string& name) {
  config::TlsFiles f{dir / (name + ".crt"), dir / (name + ".key")};
  auto r = mixer::test::run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                             f.key.string(), "-out", f.cert.string(), "-days", "2", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return f;
}

TEST_F(P1Loopback, TlsRouteDeliversToTlsListener) {
  mixer::test::TempDir dir;
  auto cert = make_cert(dir.path(), "peer");
  auto& p = peer("secret", cert);
  auto r = route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port());
  r.tls = true;
  r.tls_ca = cert.cert;
  transport({r});
  for (int i = 0; i < 3; ++i) {
    auto out = deliver(apdu_record(samples::message(1, "tls " + std::to_string(i), false)));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].result, AttemptResult::delivered) << out[0].diagnostic << transport_log();
  }
  EXPECT_EQ(p.intake.wait_for(3).size(), 3u);
  EXPECT_EQ(transport_->stats().associations, 1u);  // one TLS association, reused
  EXPECT_NE(p.log_text().find("inside TLS"), std::string::npos) << p.log_text();
}

TEST_F(P1Loopback, TlsRouteWithWrongCaIsTemporaryWithTheReason) {
  mixer::test::TempDir dir;
  auto cert = make_cert(dir.path(), "peer");
  auto other = make_cert(dir.path(), "other");
  auto& p = peer("secret", cert);
  auto r = route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port());
  r.tls = true;
  r.tls_ca = other.cert;
  transport({r});
  auto out = deliver(apdu_record(samples::message(1, "x", false)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::temporary_failure);
  EXPECT_NE(out[0].diagnostic.find("certificate verify failed"), std::string::npos) << out[0].diagnostic;
  EXPECT_NE(out[0].diagnostic.find("TLS handshake with 127.0.0.1:"), std::string::npos) << out[0].diagnostic;
  EXPECT_EQ(transport_->stats().associations, 1u);  // no reconnect loop on a failed set-up
  EXPECT_EQ(p.listener.stats().stored, 0u);
}

TEST_F(P1Loopback, PlainRouteToTlsListenerFailsCleanly) {
  mixer::test::TempDir dir;
  auto& p = peer("secret", make_cert(dir.path(), "peer"));
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", p.listener.port())});
  auto out = deliver(apdu_record(samples::message(1, "x", false)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::temporary_failure) << out[0].diagnostic;
  EXPECT_LE(transport_->stats().associations, 1u);
  for (int i = 0; i < 100 && p.log_text().find("TLS handshake") == std::string::npos; ++i)
    std::this_thread::sleep_for(50ms);
  EXPECT_NE(p.log_text().find("TLS handshake with 127.0.0.1:"), std::string::npos) << p.log_text();
}

TEST_F(P1Loopback, RouteCaFileThatCannotBeReadFailsTransfersWithTheReason) {
  auto r = route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", mixer::test::free_loopback_port());
  r.tls = true;
  r.tls_ca = "/nonexistent/ca.pem";
  transport({r});
  auto out = deliver(apdu_record(samples::message(1, "x", false)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::temporary_failure);
  EXPECT_NE(out[0].diagnostic.find("TLS CA file /nonexistent/ca.pem"), std::string::npos)
      << out[0].diagnostic;
  EXPECT_EQ(transport_->stats().associations, 0u);
}

TEST_F(P1Loopback, ListenerWithUnusableTlsFilesRefusesToStart) {
  mixer::test::TempDir dir;
  MemoryIntake intake;
  P1Listener l(io_, intake, nullptr);
  l.configure(listener_config("secret", {dir.path() / "missing.crt", dir.path() / "missing.key"}), context());
  auto ok = l.start();
  ASSERT_FALSE(ok);
  EXPECT_NE(ok.error().find("TLS certificate"), std::string::npos) << ok.error();
}

// A peer that accepts TCP and closes at once (before any bind): the transfer
// comes back temporary after one connection, not after a reconnect storm.
TEST_F(P1Loopback, PeerClosingBeforeBindIsOneFailedSetUpNotALoop) {
  asio::io_context closer_io;
  asio::ip::tcp::acceptor acc(closer_io, {asio::ip::make_address("127.0.0.1"), 0});
  std::atomic<int> accepted{0};
  std::thread closer([&] {
    boost::system::error_code ec;
    acc.non_blocking(true, ec);
    for (int i = 0; i < 200; ++i) {
      asio::ip::tcp::socket s(closer_io);
      acc.accept(s, ec);
      if (!ec) {
        ++accepted;
        s.close(ec);
      }
      std::this_thread::sleep_for(10ms);
    }
  });
  transport({route_to("acme", "/C=GB/ADMD= /PRMD=ACME/", acc.local_endpoint().port())});
  auto out = deliver(apdu_record(samples::message(1, "x", false)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, AttemptResult::temporary_failure) << out[0].diagnostic;
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(transport_->stats().associations, 1u) << transport_log();
  closer.join();
  EXPECT_EQ(accepted.load(), 1);
}

}  // namespace
}  // namespace mixer::x400side
