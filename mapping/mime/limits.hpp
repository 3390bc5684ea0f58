// Limits of the MIME parser (RFC 5322 / RFC 2045-2049 input from SMTP peers).
// Every limit has a default (here) and an allowed range; config/limits.hpp
// exposes them as [limits] mime_* settings. A message that exceeds a limit is rejected with a
// MimeError naming the limit, never truncated silently.
#pragma once

#include <cstddef>

namespace mixer::mapping::mime {

struct MimeLimits {
  // Longest physical header line accepted. RFC 5322 §2.1.1 says 998 octets;
  // real mail exceeds it, so the default is generous. Range 998 .. 1 MiB.
  std::size_t max_header_line = 64 * 1024;
  // Longest unfolded header field. Range 998 .. 4 MiB.
  std::size_t max_header_field = 256 * 1024;
  // Header fields per entity. Range 16 .. 100000.
  std::size_t max_header_fields = 2000;
  // Nesting of multipart/* and message/rfc822 entities. Range 1 .. 200.
  std::size_t max_depth = 32;
  // Entities in one message (all levels). Range 1 .. 1000000.
  std::size_t max_entities = 10000;
  // Whole message size. Range 1 KiB .. 4 GiB.
  std::size_t max_message_size = 256u * 1024 * 1024;
};

inline constexpr std::size_t kMinHeaderLine = 998;
inline constexpr std::size_t kMaxHeaderLineCeiling = 1024 * 1024;
inline constexpr std::size_t kMaxDepthCeiling = 200;

}  // namespace mixer::mapping::mime
