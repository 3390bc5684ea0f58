// Every limit of the SMTP server, each a named setting with a default and an
// allowed range (config/ maps TOML keys onto these fields; kServerLimitSpecs is
// the single table of names, defaults and ranges). RFC 5321 4.5.3.1 gives the
// protocol minimums: a command line of 512 octets, a text line of 1000 octets
// (both including CRLF), 100 recipients; 4.5.3.2.7 a 5 minute server timeout.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace mixer::smtp {

// What the server does with a line that ends in a bare LF (no CR) inside
// message content (RFC 5321 2.3.8: lines end with CRLF; bare LF is the vehicle
// of "SMTP smuggling"). The end-of-data marker is only ever <CRLF>.<CRLF>.
enum class BareLfPolicy {
  kReject,     // finish reading, then refuse the message with 550 5.5.2
  kNormalize,  // store the line with CRLF
};

struct ServerLimits {
  std::uint64_t max_message_size = 10 * 1024 * 1024;  // octets, announced in SIZE
  std::uint64_t max_recipients = 100;                 // per transaction; 452 4.5.3 beyond
  std::uint64_t max_command_line = 2048;              // octets incl. CRLF
  std::uint64_t max_text_line = 1000;                 // octets incl. CRLF, in DATA/BDAT content
  std::uint64_t max_header_size = 256 * 1024;         // octets of the header section
  std::uint64_t max_path_length = 256;                // octets of a reverse/forward path
  std::uint64_t max_errors = 10;                      // client errors before 421 + hang up
  std::uint64_t command_timeout_seconds = 300;        // waiting for a command (RFC 5321 4.5.3.2.7)
  std::uint64_t data_timeout_seconds = 300;           // waiting for more DATA/BDAT content
  std::uint64_t max_connections = 200;                // concurrent sessions overall
  std::uint64_t max_connections_per_client = 20;      // concurrent sessions per client IP
  BareLfPolicy bare_lf = BareLfPolicy::kReject;
};

struct LimitSpec {
  std::string_view name;  // the setting's name (TOML key under [smtp.limits])
  std::uint64_t ServerLimits::*field;
  std::uint64_t default_value;
  std::uint64_t min;
  std::uint64_t max;
};

inline constexpr std::array<LimitSpec, 11> kServerLimitSpecs{{
    {"max_message_size", &ServerLimits::max_message_size, 10 * 1024 * 1024, 1024, 4ull * 1024 * 1024 * 1024},
    {"max_recipients", &ServerLimits::max_recipients, 100, 1, 100000},
    {"max_command_line", &ServerLimits::max_command_line, 2048, 512, 65536},
    {"max_text_line", &ServerLimits::max_text_line, 1000, 1000, 1024 * 1024},
    {"max_header_size", &ServerLimits::max_header_size, 256 * 1024, 1024, 64 * 1024 * 1024},
    {"max_path_length", &ServerLimits::max_path_length, 256, 256, 4096},
    {"max_errors", &ServerLimits::max_errors, 10, 1, 1000},
    {"command_timeout_seconds", &ServerLimits::command_timeout_seconds, 300, 1, 3600},
    {"data_timeout_seconds", &ServerLimits::data_timeout_seconds, 300, 1, 3600},
    {"max_connections", &ServerLimits::max_connections, 200, 1, 100000},
    {"max_connections_per_client", &ServerLimits::max_connections_per_client, 20, 1, 100000},
}};

// Checks every field against its range; the error names the setting.
Result<void> validate(const ServerLimits& limits);

// Sets the named limit after a range check (for config/ and the CLI).
Result<void> set_limit(ServerLimits& limits, std::string_view name, std::uint64_t value);

}  // namespace mixer::smtp
