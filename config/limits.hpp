// Every numeric limit of the gateway, declared ONCE, with its TOML location,
// default, inclusive range and unit. The loader reads each from its section
// (a "route" limit from every [[route]]), rejects out-of-range values with
// file:line, and `mixer check-config --limits` prints this table. Code reads a
// limit as cfg.limits[Limit::queue_min_backoff].
//
// Defaults follow Postfix where it has the same knob (minimal_backoff_time
// 300s, maximal_backoff_time 4000s, delay_warning_time 4h,
// maximal_queue_lifetime 5d, smtpd_timeout 300s, message_size_limit 10 MB)
// and RFC 5321 4.5.3.2 for SMTP timeouts (5 min command, 10 min DATA end).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "mapping/body/limits.hpp"
#include "mapping/mime/limits.hpp"

namespace mixer::config {

// The MIME parser's and the body mapping's limits keep their defaults in
// their own structs (mapping/ is used without a configuration too); the
// [limits] mime_* / body_* keys take those defaults from there.
inline constexpr mapping::mime::MimeLimits kMimeDefault{};
inline constexpr mapping::body::BodyLimits kBodyDefault{};

// X(id, section, key, default, min, max, unit, help)
#define MIXER_CONFIG_LIMITS(X)                                                                                    \
  X(queue_min_backoff, "queue", "min_backoff", 300, 1, 86400, "s", "first retry delay after a temporary failure") \
  X(queue_max_backoff, "queue", "max_backoff", 4000, 1, 604800, "s", "longest retry delay")                       \
  X(queue_delay_warning, "queue", "delay_warning", 14400, 0, 2592000, "s", "age at which a delay report is sent") \
  X(queue_max_lifetime, "queue", "max_lifetime", 432000, 60, 7776000, "s", "age at which delivery is given up")   \
  X(queue_scan_interval, "queue", "scan_interval", 5, 1, 3600, "s", "how often the queue manager scans the spool") \
  X(queue_committers, "queue", "committers", 16, 1, 256, "threads",                                               \
    "threads making arrivals durable concurrently (group commit)")                                                 \
  X(queue_destination_concurrency, "queue", "destination_concurrency", 20, 1, 1000, "deliveries",                \
    "deliveries in flight per destination")                                                                      \
  X(queue_max_messages, "queue", "max_messages", 100000, 1, 100000000, "messages",                               \
    "spool size at which new mail is refused with a temporary error")                                             \
  X(message_max_size, "limits", "max_message_size", 10485760, 1024, 1073741824, "bytes", "largest message accepted") \
  X(message_max_recipients, "limits", "max_recipients", 1000, 1, 100000, "recipients", "recipients per message")  \
  X(loop_max_trace, "limits", "max_trace_elements", 64, 4, 1024, "elements",                                      \
    "X.400 trace length treated as a loop (X.411 12.3.1)")                                                         \
  X(loop_max_received, "limits", "max_received_headers", 100, 10, 1000, "headers",                                \
    "Received: count treated as a loop (RFC 5321 6.3)")                                                            \
  X(mime_max_header_line, "limits",                                                                                 \
    "mime_max_header_line", kMimeDefault.max_header_line, 998, 1048576, "bytes",                                    \
    "longest physical header line the MIME parser accepts (RFC 5322 2.1.1 says 998)")                             \
  X(mime_max_header_field, "limits",                                                                                \
    "mime_max_header_field", kMimeDefault.max_header_field, 998, 4194304, "bytes",                                  \
    "longest unfolded header field the MIME parser accepts")                                                      \
  X(mime_max_header_fields, "limits",                                                                               \
    "mime_max_header_fields", kMimeDefault.max_header_fields, 16, 100000, "fields",                                 \
    "header fields per MIME entity")                                                                              \
  X(mime_max_depth, "limits",                                                                                       \
    "mime_max_depth", kMimeDefault.max_depth, 1, 200, "levels",                                                     \
    "nesting of multipart and message/rfc822 entities (RFC 2046 5.1)")                                           \
  X(mime_max_entities, "limits",                                                                                    \
    "mime_max_entities", kMimeDefault.max_entities, 1, 1000000, "entities",                                         \
    "MIME entities in one message, all levels")                                                                   \
  X(mime_max_message_size, "limits",                                                                                \
    "mime_max_message_size", kMimeDefault.max_message_size, 1024, 4294967296, "bytes",                              \
    "largest RFC 5322 message the MIME parser converts")                                                         \
  X(body_max_depth, "limits",                                                                                       \
    "body_max_depth", kBodyDefault.max_depth, 1, 64, "levels",                                                      \
    "nesting of forwarded IPMs and multiparts in a converted body (RFC 2157)")                                    \
  X(body_max_parts, "limits",                                                                                       \
    "body_max_parts", kBodyDefault.max_parts, 1, 100000, "parts",                                                   \
    "body parts (X.420 7.3) / MIME entities in one converted body, all levels")                                  \
  X(smtp_max_sessions, "smtp", "max_sessions", 100, 1, 10000, "sessions", "concurrent inbound SMTP sessions")      \
  X(smtp_max_sessions_per_client, "smtp", "max_sessions_per_client", 20, 1, 10000, "sessions",                      \
    "concurrent inbound SMTP sessions from one client IP address (421 4.7.0 beyond)")                             \
  X(smtp_next_hop_idle_connections, "smtp", "next_hop_idle_connections", 10, 0, 1000, "connections",             \
    "idle connections to the SMTP next hop kept open for reuse, 0 = one connection per message")                 \
  X(p1_max_associations, "p1", "max_associations", 32, 1, 1000, "associations", "concurrent inbound P1 associations") \
  X(p1_max_pdu_size, "p1", "max_pdu_size", 16777216, 1024, 1073741824, "bytes", "largest reassembled P1 PDU")     \
  X(timeout_smtp_command, "timeouts", "smtp_command", 300, 1, 3600, "s", "SMTP command/reply timeout")            \
  X(timeout_smtp_data, "timeouts", "smtp_data", 600, 1, 7200, "s", "SMTP DATA timeout")                            \
  X(timeout_connect, "timeouts", "connect", 30, 1, 600, "s", "outbound TCP connect timeout")                     \
  X(timeout_smtp_next_hop_idle, "timeouts", "smtp_next_hop_idle", 5, 1, 300, "s",                               \
    "an idle connection to the SMTP next hop is closed (QUIT) after")                                             \
  X(timeout_p1_idle, "timeouts", "p1_idle", 300, 1, 86400, "s", "idle P1 association released after")            \
  X(timeout_p1_transfer, "timeouts", "p1_transfer", 600, 1, 7200, "s", "one P1 transfer (RTTR..RTTD)")            \
  X(timeout_shutdown_grace, "timeouts", "shutdown_grace", 30, 1, 3600, "s", "in-flight work allowed at SIGTERM")  \
  X(daemon_threads, "daemon", "threads", 2, 1, 64, "threads", "io_context worker threads")                       \
  X(route_checkpoint, "route", "checkpoint", 0, 0, 1048576, "KiB", "RTSE checkpoint size, 0 = none (X.228 7.4)") \
  X(route_window, "route", "window", 3, 1, 1000, "checkpoints", "RTSE window size (X.228 7.4)")                   \
  X(route_concurrency, "route", "concurrency", 10, 1, 1000, "associations", "associations to this peer")

enum class Limit : std::size_t {
#define MIXER_LIMIT_ENUM(id, section, key, def, min, max, unit, help) id,
  MIXER_CONFIG_LIMITS(MIXER_LIMIT_ENUM)
#undef MIXER_LIMIT_ENUM
};

struct LimitSpec {
  Limit id;
  std::string_view section;  // "route" = per [[route]] entry
  std::string_view key;
  std::int64_t default_value;
  std::int64_t min;
  std::int64_t max;
  std::string_view unit;
  std::string_view help;
};

inline constexpr LimitSpec kLimitSpecs[] = {
#define MIXER_LIMIT_SPEC(id, section, key, def, min, max, unit, help) \
  {Limit::id, section, key, def, min, max, unit, help},
    MIXER_CONFIG_LIMITS(MIXER_LIMIT_SPEC)
#undef MIXER_LIMIT_SPEC
};
inline constexpr std::size_t kLimitCount = std::size(kLimitSpecs);

constexpr const LimitSpec& spec_of(Limit l) { return kLimitSpecs[static_cast<std::size_t>(l)]; }
const LimitSpec* find_limit(std::string_view section, std::string_view key);

// The values of every limit; starts at the defaults.
class Limits {
 public:
  Limits() {
    for (std::size_t i = 0; i < kLimitCount; ++i) values_[i] = kLimitSpecs[i].default_value;
  }
  std::int64_t operator[](Limit l) const { return values_[static_cast<std::size_t>(l)]; }
  void set(Limit l, std::int64_t v) { values_[static_cast<std::size_t>(l)] = v; }

 private:
  std::array<std::int64_t, kLimitCount> values_{};
};

}  // namespace mixer::config
