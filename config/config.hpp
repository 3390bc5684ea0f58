// The gateway's configuration model: one TOML file (config/examples/mixer.toml
// is the bundled example, docs/gateway.md the reference). This header is the
// model only; config/load.hpp reads and validates it. Every numeric limit is
// declared once, in config/limits.hpp, and lives in Config::limits.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/limits.hpp"

namespace mixer::config {

struct Endpoint {
  std::string host;  // literal address or host name; loopback in the examples
  std::uint16_t port = 0;
  std::size_t line = 0;  // where the file sets it (0 = the default), for diagnostics
};

// A certificate and key (PEM files) for a listener; both empty = no TLS.
struct TlsFiles {
  std::filesystem::path cert;
  std::filesystem::path key;
  bool enabled() const { return !cert.empty(); }
};

// RFC 3207 STARTTLS use towards the SMTP next hop.
enum class TlsPolicy { none, opportunistic, required };

struct SmtpSettings {
  Endpoint listen{"127.0.0.1", 2525};
  TlsFiles tls;                           // offered with STARTTLS when set
  Endpoint next_hop{"127.0.0.1", 10025};  // normally Postfix
  TlsPolicy next_hop_tls = TlsPolicy::opportunistic;
};

// OSI selectors are octet strings: "0x0001" in the file is hex, anything else
// the ASCII text itself (X.224 13.3.4.1 TSAP-ID up to 32 octets, X.225 8.3.1.x
// session selector up to 16, presentation selector up to 16 here).
struct Selectors {
  std::string tsel, ssel, psel;  // raw octets; empty = none
};

struct P1Settings {
  Endpoint listen{"127.0.0.1", 10102};
  Selectors selectors;  // the ones callers must address; empty = any
  TlsFiles tls;         // RFC 1006 over TLS when set
};

// X.411 GlobalDomainIdentifier: country, ADMD, optional PRMD.
struct GlobalDomainId {
  std::string country;
  std::string admd;
  std::string prmd;
};

struct GatewaySettings {
  std::string mta_name;        // our X.400 MTA name (MTABind initiator/responder name)
  GlobalDomainId global_domain;  // trace and MTS identifiers (X.411 12.2.1.1.1.4)
  std::string domain;          // the gateway's own RFC 822 domain
  std::string or_address;      // the gateway's own O/R address, std-or form
};

// RFC 2156 Appendix F mapping tables; only the names here, the files are
// parsed by config/tables.
struct TableFiles {
  std::filesystem::path or_to_domain;  // "table 2": O/R address prefix -> domain
  std::filesystem::path domain_to_or;  // "table 1": domain -> O/R address prefix
  std::filesystem::path gateways;      // the gateway table: gate1 and gate2 lines
};

enum class P1Mode { normal, x410 };  // X.410-1984 mode: no ACSE/presentation (RFC 1006 + RTS)

struct Route {
  std::string name;                 // for logs and metrics
  std::size_t line = 0;             // where it is declared, for later diagnostics
  std::string or_prefix;            // std-or attributes that select this route
  Endpoint peer;                    // the peer MTA's RFC 1006 address
  Selectors selectors;              // the peer's called selectors
  std::string our_name;             // MTA name we bind as (default: gateway.mta_name)
  std::string peer_name;            // MTA name the peer must present
  std::string our_password;         // from `password` or `password_file`
  std::string peer_password;        // from `peer_password` or `peer_password_file`
  P1Mode mode = P1Mode::normal;
  std::int64_t checkpoint = 0;      // KiB; limits route_checkpoint
  std::int64_t window = 3;          // limits route_window
  std::int64_t concurrency = 10;    // limits route_concurrency
  bool tls = false;                 // RFC 1006 inside TLS towards the peer (its certificate verified)
  std::filesystem::path tls_ca;     // trusted CAs (PEM) for tls; empty = the system's store
};

enum class LogTarget { stderr_, file, syslog };

struct LoggingSettings {
  LogTarget target = LogTarget::stderr_;
  std::filesystem::path file;  // when target = file
  std::string level = "info";  // trace, debug, info, warn, error
};

struct MetricsSettings {
  bool enabled = false;
  Endpoint listen{"127.0.0.1", 9102};
};

struct DaemonSettings {
  std::string user;  // drop privileges to this user when started as root; empty = stay
  std::filesystem::path pid_file;  // default: <queue dir>/mixerd.pid
};

struct QueueSettings {
  std::filesystem::path dir;  // the spool
  bool group_commit = true;
};

struct Config {
  std::filesystem::path source;  // the file it was read from
  GatewaySettings gateway;
  SmtpSettings smtp;
  P1Settings p1;
  TableFiles tables;
  std::vector<Route> routes;
  QueueSettings queue;
  LoggingSettings logging;
  MetricsSettings metrics;
  DaemonSettings daemon;
  Limits limits;
};

}  // namespace mixer::config
