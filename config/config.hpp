// The gateway's configuration model: one TOML file (config/examples/mixer.toml
// is the bundled example). This header is the model only; config/load.hpp reads
// and validates it. Every limit is declared once, in config/limits.hpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mixer::config {

struct Endpoint {
  std::string host;  // literal address; loopback in the examples
  std::uint16_t port = 0;
};

struct SmtpSettings {
  Endpoint listen{"127.0.0.1", 2525};
  Endpoint next_hop{"127.0.0.1", 10025};  // normally Postfix
};

struct P1Settings {
  Endpoint listen{"127.0.0.1", 10102};
  std::string tsel;  // our called T-selector; empty = none required
};

struct GatewaySettings {
  std::string mta_name;       // our X.400 MTA name (MTABind initiator/responder name)
  std::string domain;         // the gateway's own RFC 822 domain
  std::string or_address;     // the gateway's own O/R address, std-or form
};

struct QueueSettings {
  std::filesystem::path dir;  // the spool
};

struct Config {
  std::filesystem::path source;  // the file it was read from
  GatewaySettings gateway;
  SmtpSettings smtp;
  P1Settings p1;
  QueueSettings queue;
};

}  // namespace mixer::config
