#include "config/load.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/temp_dir.hpp"

namespace mixer::config {
namespace {

std::vector<std::string> messages(const ConfigErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.to_string());
  return out;
}

std::string joined(const ConfigErrors& errors) {
  std::string s;
  for (const auto& e : errors) s += e.to_string() + "\n";
  return s;
}

constexpr const char* kMinimal =
    "[gateway]\nmta_name = \"GW\"\ndomain = \"gw.example\"\nor_address = \"/C=XX/ADMD= /PRMD=P/\"\n"
    "[queue]\ndir = \"/var/spool/mixer\"\n";

TEST(ConfigLoad, BundledExampleIsValid) {
  auto cfg = load_file(std::filesystem::path(MIXER_SOURCE_DIR) / "config/examples/mixer.toml");
  ASSERT_TRUE(cfg.ok()) << (cfg.ok() ? "" : joined(cfg.error()));
  EXPECT_EQ(cfg->gateway.mta_name, "MIXER-GW");
  EXPECT_EQ(cfg->smtp.listen.host, "127.0.0.1");
  EXPECT_EQ(cfg->smtp.listen.port, 2525);
  EXPECT_EQ(cfg->smtp.next_hop.port, 10025);
  EXPECT_EQ(cfg->p1.listen.port, 10102);
  ASSERT_EQ(cfg->routes.size(), 1u);
  EXPECT_EQ(cfg->routes[0].peer.port, 10202);
  EXPECT_TRUE(cfg->queue.dir.is_absolute());
  EXPECT_EQ(cfg->daemon.pid_file, cfg->queue.dir / "mixerd.pid");
}

TEST(ConfigLoad, MinimalFileTakesEveryDefault) {
  auto cfg = load_string(kMinimal, "min.toml");
  ASSERT_TRUE(cfg.ok()) << (cfg.ok() ? "" : joined(cfg.error()));
  for (const auto& spec : kLimitSpecs) {
    if (spec.section != "route") {
      EXPECT_EQ(cfg->limits[spec.id], spec.default_value) << spec.key;
    }
  }
  EXPECT_EQ(cfg->smtp.next_hop_tls, TlsPolicy::opportunistic);
  EXPECT_EQ(cfg->logging.target, LogTarget::stderr_);
  EXPECT_TRUE(cfg->routes.empty());
  EXPECT_TRUE(cfg->queue.group_commit);
}

TEST(ConfigLoad, EveryKeyIsRead) {
  test::TempDir tmp;
  test::write_file(tmp / "cert.pem", "x");
  test::write_file(tmp / "key.pem", "x");
  test::write_file(tmp / "t1.table", "");
  test::write_file(tmp / "peer.secret", "s3cret\n");
  ::chmod((tmp / "peer.secret").c_str(), 0600);
  std::string text = R"(
[gateway]
mta_name = "GW"
domain = "gw.example"
or_address = "/C=XX/ADMD= /PRMD=P/O=Gw/"
global_domain = { country = "XX", admd = " ", prmd = "P" }
[smtp]
listen = "[::1]:2526"
tls_cert = "cert.pem"
tls_key = "key.pem"
next_hop = "mx.example:25"
next_hop_tls = "required"
max_sessions = 7
max_sessions_per_client = 6
next_hop_idle_connections = 4
[p1]
listen = "127.0.0.1:102"
tsel = "0x0001"
ssel = "SS"
psel = "0xABCD"
tls_cert = "cert.pem"
tls_key = "key.pem"
max_associations = 9
max_pdu_size = 2048
[[route]]
name = "peer"
or_prefix = "/C=XX/ADMD= /PRMD=Q/"
peer = "127.0.0.1:10202"
tsel = "T"
ssel = "0x02"
psel = "P"
our_name = "US"
peer_name = "THEM"
password_file = "peer.secret"
peer_password = "theirs"
mode = "x410"
checkpoint = 64
window = 5
concurrency = 2
tls = true
[tables]
or_to_domain = "t1.table"
domain_to_or = "t1.table"
gateways = "t1.table"
[queue]
dir = "spool"
group_commit = false
min_backoff = 10
max_backoff = 20
delay_warning = 100
max_lifetime = 200
scan_interval = 2
committers = 64
destination_concurrency = 3
max_messages = 500
[limits]
max_message_size = 2048
max_recipients = 5
max_trace_elements = 10
max_received_headers = 20
mime_max_header_line = 1000
mime_max_header_field = 2000
mime_max_header_fields = 30
mime_max_depth = 4
mime_max_entities = 40
mime_max_message_size = 4096
body_max_depth = 5
body_max_parts = 50
[timeouts]
smtp_command = 11
smtp_data = 12
connect = 13
p1_idle = 14
p1_transfer = 15
shutdown_grace = 16
smtp_next_hop_idle = 17
[logging]
target = "file"
file = "mixer.log"
level = "debug"
[metrics]
enabled = true
listen = "127.0.0.1:9999"
[daemon]
user = "mixer"
pid_file = "/run/mixerd.pid"
threads = 3
)";
  auto cfg = load_string(text, tmp / "all.toml");
  ASSERT_TRUE(cfg.ok()) << (cfg.ok() ? "" : joined(cfg.error()));
  const Config& c = *cfg;
  EXPECT_EQ(c.gateway.global_domain.country, "XX");
  EXPECT_EQ(c.gateway.global_domain.admd, " ");
  EXPECT_EQ(c.gateway.global_domain.prmd, "P");
  EXPECT_EQ(c.smtp.listen.host, "::1");
  EXPECT_EQ(c.smtp.listen.port, 2526);
  EXPECT_EQ(c.smtp.tls.cert, tmp / "cert.pem");
  EXPECT_EQ(c.smtp.next_hop.host, "mx.example");
  EXPECT_EQ(c.smtp.next_hop_tls, TlsPolicy::required);
  EXPECT_EQ(c.p1.listen.port, 102);
  EXPECT_EQ(c.p1.selectors.tsel, std::string("\x00\x01", 2));
  EXPECT_EQ(c.p1.selectors.ssel, "SS");
  EXPECT_EQ(c.p1.selectors.psel, "\xAB\xCD");
  EXPECT_TRUE(c.p1.tls.enabled());
  ASSERT_EQ(c.routes.size(), 1u);
  const Route& r = c.routes[0];
  EXPECT_EQ(r.name, "peer");
  EXPECT_EQ(r.line, 25u);
  EXPECT_EQ(r.or_prefix, "/C=XX/ADMD= /PRMD=Q/");
  EXPECT_EQ(r.peer.port, 10202);
  EXPECT_EQ(r.selectors.tsel, "T");
  EXPECT_EQ(r.selectors.ssel, "\x02");
  EXPECT_EQ(r.selectors.psel, "P");
  EXPECT_EQ(r.our_name, "US");
  EXPECT_EQ(r.peer_name, "THEM");
  EXPECT_EQ(r.our_password, "s3cret");
  EXPECT_EQ(r.peer_password, "theirs");
  EXPECT_EQ(r.mode, P1Mode::x410);
  EXPECT_EQ(r.checkpoint, 64);
  EXPECT_EQ(r.window, 5);
  EXPECT_EQ(r.concurrency, 2);
  EXPECT_TRUE(r.tls);
  EXPECT_EQ(c.tables.or_to_domain, tmp / "t1.table");
  EXPECT_EQ(c.tables.gateways, tmp / "t1.table");
  EXPECT_EQ(c.queue.dir, tmp / "spool");
  EXPECT_FALSE(c.queue.group_commit);
  EXPECT_EQ(c.logging.target, LogTarget::file);
  EXPECT_EQ(c.logging.file, tmp / "mixer.log");
  EXPECT_EQ(c.logging.level, "debug");
  EXPECT_TRUE(c.metrics.enabled);
  EXPECT_EQ(c.metrics.listen.port, 9999);
  EXPECT_EQ(c.daemon.user, "mixer");
  EXPECT_EQ(c.daemon.pid_file, "/run/mixerd.pid");
  const std::pair<Limit, std::int64_t> expected[] = {
      {Limit::queue_min_backoff, 10},          {Limit::queue_max_backoff, 20},
      {Limit::queue_delay_warning, 100},       {Limit::queue_max_lifetime, 200},
      {Limit::queue_scan_interval, 2},         {Limit::queue_committers, 64},
      {Limit::queue_destination_concurrency, 3}, {Limit::queue_max_messages, 500},
      {Limit::message_max_size, 2048},         {Limit::message_max_recipients, 5},
      {Limit::loop_max_trace, 10},             {Limit::loop_max_received, 20},
      {Limit::smtp_max_sessions, 7},           {Limit::p1_max_associations, 9},
      {Limit::p1_max_pdu_size, 2048},          {Limit::timeout_smtp_command, 11},
      {Limit::timeout_smtp_data, 12},          {Limit::timeout_connect, 13},
      {Limit::timeout_p1_idle, 14},            {Limit::timeout_p1_transfer, 15},
      {Limit::timeout_shutdown_grace, 16},     {Limit::daemon_threads, 3},
      {Limit::smtp_max_sessions_per_client, 6}, {Limit::smtp_next_hop_idle_connections, 4},
      {Limit::timeout_smtp_next_hop_idle, 17},
      {Limit::mime_max_header_line, 1000},     {Limit::mime_max_header_field, 2000},
      {Limit::mime_max_header_fields, 30},     {Limit::mime_max_depth, 4},
      {Limit::mime_max_entities, 40},          {Limit::mime_max_message_size, 4096},
      {Limit::body_max_depth, 5},              {Limit::body_max_parts, 50},
  };
  for (auto [limit, value] : expected) EXPECT_EQ(c.limits[limit], value) << spec_of(limit).key;
  // The test covers every non-route limit.
  EXPECT_EQ(std::size(expected) + 3, kLimitCount);
}

TEST(ConfigLoad, SyntaxErrorHasFileAndLine) {
  auto cfg = load_string("[gateway]\nmta_name = \"X\"\ndomain = = 3\n", "bad.toml");
  ASSERT_FALSE(cfg.ok());
  ASSERT_EQ(cfg.error().size(), 1u);
  EXPECT_EQ(cfg.error()[0].line, 3u);
  EXPECT_NE(cfg.error()[0].to_string().find("bad.toml:3:"), std::string::npos);
}

TEST(ConfigLoad, EveryProblemIsReported) {
  auto cfg = load_string(
      "[gateway]\nmta_name = 7\ndomain = \"d\"\nor_address = \"/C=XX/\"\n"
      "[smtp]\nlisten = \"127.0.0.1:99999\"\n",
      "many.toml");
  ASSERT_FALSE(cfg.ok());
  auto lines = messages(cfg.error());
  ASSERT_EQ(lines.size(), 3u) << joined(cfg.error());
  EXPECT_EQ(lines[0], "many.toml:2: gateway.mta_name must be a string");
  EXPECT_EQ(lines[1], "many.toml:6: smtp.listen: port '99999' must be 1..65535");
  EXPECT_EQ(lines[2], "many.toml: missing queue.dir");
}

struct BadCase {
  const char* extra;     // appended to kMinimal (which has 6 lines)
  const char* expected;  // the one error, "FILE:LINE: message"
};

class ConfigErrorsTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ConfigErrorsTest, ReportsFileLineAndMessage) {
  auto cfg = load_string(std::string(kMinimal) + GetParam().extra, "e.toml");
  ASSERT_FALSE(cfg.ok()) << GetParam().extra;
  ASSERT_EQ(cfg.error().size(), 1u) << joined(cfg.error());
  EXPECT_EQ(cfg.error()[0].to_string(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    EveryError, ConfigErrorsTest,
    ::testing::Values(
        BadCase{"[smpt]\n", "e.toml:7: unknown section 'smpt'"},
        BadCase{"[smtp]\nlisten_port = 25\n", "e.toml:8: unknown key 'listen_port' in [smtp]"},
        BadCase{"[smtp]\nnext_hop = \"nohost\"\n", "e.toml:8: smtp.next_hop: 'nohost' is not HOST:PORT"},
        BadCase{"[smtp]\nnext_hop = 25\n", "e.toml:8: smtp.next_hop must be a string \"HOST:PORT\""},
        BadCase{"[smtp]\nnext_hop_tls = \"maybe\"\n",
                "e.toml:8: smtp.next_hop_tls must be one of: none, opportunistic, required"},
        BadCase{"[smtp]\ntls_cert = \"/dev/null\"\n", "e.toml:7: smtp: tls_cert and tls_key go together"},
        BadCase{"[p1]\ntsel = \"0x123\"\n", "e.toml:8: p1.tsel: hex selector needs an even number of digits"},
        BadCase{"[p1]\ntsel = \"0xZZ\"\n", "e.toml:8: p1.tsel: '0xZZ' is not hex"},
        BadCase{"[p1]\nssel = \"12345678901234567\"\n", "e.toml:8: p1.ssel is 17 octets, at most 16"},
        BadCase{"[p1]\nmax_associations = 0\n",
                "e.toml:8: p1.max_associations = 0 is out of range 1..1000 associations"},
        BadCase{"[p1]\nmax_associations = \"many\"\n", "e.toml:8: p1.max_associations must be an integer (associations)"},
        BadCase{"[queue.x]\n", "e.toml:7: unknown key 'x' in [queue]"},
        BadCase{"[limits]\nmax_message_size = 1\n",
                "e.toml:8: limits.max_message_size = 1 is out of range 1024..1073741824 bytes"},
        BadCase{"[timeouts]\nsmtp_cmd = 1\n", "e.toml:8: unknown key 'smtp_cmd' in [timeouts]"},
        BadCase{"[logging]\ntarget = \"file\"\n", "e.toml:7: missing logging.file"},
        BadCase{"[logging]\nlevel = \"loud\"\n", "e.toml:8: logging.level must be one of: trace, debug, info, warn, error"},
        BadCase{"[metrics]\nenabled = \"yes\"\n", "e.toml:8: metrics.enabled must be true or false"},
        BadCase{"[tables]\ngateways = \"/nonexistent.table\"\n",
                "e.toml:8: tables.gateways: /nonexistent.table does not exist"},
        BadCase{"[[route]]\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\n", "e.toml:7: missing route[0].name"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"C=XX\"\npeer = \"h:1\"\n",
                "e.toml:9: route 'r'.or_prefix must be std-or attributes like \"/C=XX/ADMD= /PRMD=P/\""},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\n", "e.toml:7: missing route 'r'.peer"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\nmode = \"x411\"\n",
                "e.toml:11: route 'r'.mode must be one of: normal, x410"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\nwindow = 0\n",
                "e.toml:11: route 'r'.window = 0 is out of range 1..1000 checkpoints"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\nwindo = 3\n",
                "e.toml:11: unknown key 'windo' in [route 'r']"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\n"
                "[[route]]\nname = \"r\"\nor_prefix = \"/C=YY/\"\npeer = \"h:1\"\n",
                "e.toml:12: route 'r' is declared twice"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\npassword = \"a\"\npassword_file = \"f\"\n",
                "e.toml:12: route 'r'.password and route 'r'.password_file are exclusive"},
        BadCase{"[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\npassword_file = \"/nonexistent\"\n",
                "e.toml:11: route 'r'.password_file: cannot read /nonexistent"},
        BadCase{"[route]\nname = \"r\"\n", "e.toml:7: route must be an array of tables: write [[route]]"},
        BadCase{"max_lifetime = 600\ndelay_warning = 600\n",
                "e.toml:8: queue.delay_warning must be less than queue.max_lifetime"}));

TEST(ConfigLoad, QueueBoundsConflict) {
  auto cfg = load_string(
      "[gateway]\nmta_name = \"GW\"\ndomain = \"d\"\nor_address = \"/C=XX/\"\n"
      "[queue]\ndir = \"q\"\nmin_backoff = 500\nmax_backoff = 100\n",
      "b.toml");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(messages(cfg.error()), std::vector<std::string>{"b.toml:7: queue.min_backoff must not exceed queue.max_backoff"});
}

TEST(ConfigLoad, BadGlobalDomain) {
  auto cfg = load_string(
      "[gateway]\nmta_name = \"GW\"\ndomain = \"d\"\nor_address = \"/C=XX/\"\n"
      "global_domain = { country = \"xx\" }\n[queue]\ndir = \"q\"\n",
      "g.toml");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(messages(cfg.error()),
            (std::vector<std::string>{"g.toml:5: missing gateway.global_domain.admd",
                                      "g.toml:5: gateway.global_domain.country must be ISO 3166 alpha-2 or 3 X.121 digits"}));
}

TEST(ConfigLoad, PasswordFileMustBePrivate) {
  test::TempDir tmp;
  test::write_file(tmp / "pw", "secret\n");
  ::chmod((tmp / "pw").c_str(), 0644);
  std::string text = std::string(kMinimal) + "[[route]]\nname = \"r\"\nor_prefix = \"/C=XX/\"\npeer = \"h:1\"\npassword_file = \"pw\"\n";
  auto cfg = load_string(text, tmp / "p.toml");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error()[0].line, 11u);
  EXPECT_NE(cfg.error()[0].message.find("readable by group or others"), std::string::npos);
  ::chmod((tmp / "pw").c_str(), 0600);
  auto ok = load_string(text, tmp / "p.toml");
  ASSERT_TRUE(ok.ok()) << joined(ok.error());
  EXPECT_EQ(ok->routes[0].our_password, "secret");
  EXPECT_EQ(ok->routes[0].our_name, "GW") << "our_name defaults to gateway.mta_name";
}

TEST(ConfigLoad, MissingFile) {
  auto cfg = load_file("/nonexistent/mixer.toml");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error()[0].message, "cannot open configuration file");
}

TEST(ConfigLimits, TableIsConsistent) {
  for (const auto& s : kLimitSpecs) {
    EXPECT_EQ(find_limit(s.section, s.key), &s);
    EXPECT_FALSE(s.help.empty());
    EXPECT_FALSE(s.unit.empty());
  }
  EXPECT_EQ(find_limit("queue", "nope"), nullptr);
}

}  // namespace
}  // namespace mixer::config
