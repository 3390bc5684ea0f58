// Limits of the body mapping (RFC 2157 body parts <-> MIME entities). The
// defaults live here; config/limits.hpp exposes them as [limits] body_max_depth
// and body_max_parts with their ranges. A body beyond a limit is refused with a
// MappingFailure naming the limit (never truncated).
#pragma once

#include <cstddef>

namespace mixer::mapping::body {

struct BodyLimits {
  // Nesting of forwarded IPMs / multiparts / structure wrappers. Range 1 .. 64.
  std::size_t max_depth = 16;
  // Body parts (all levels) in one message. Range 1 .. 100000.
  std::size_t max_parts = 10000;
};

}  // namespace mixer::mapping::body
