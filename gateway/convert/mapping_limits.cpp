#include "gateway/convert/mapping_limits.hpp"

namespace mixer::convert {

namespace {
std::size_t size_of(const config::Limits& l, config::Limit id) { return static_cast<std::size_t>(l[id]); }
}  // namespace

mapping::mime::MimeLimits mime_limits_of(const config::Limits& l) {
  using config::Limit;
  mapping::mime::MimeLimits m;
  m.max_header_line = size_of(l, Limit::mime_max_header_line);
  m.max_header_field = size_of(l, Limit::mime_max_header_field);
  m.max_header_fields = size_of(l, Limit::mime_max_header_fields);
  m.max_depth = size_of(l, Limit::mime_max_depth);
  m.max_entities = size_of(l, Limit::mime_max_entities);
  m.max_message_size = size_of(l, Limit::mime_max_message_size);
  return m;
}

mapping::body::BodyLimits body_limits_of(const config::Limits& l) {
  using config::Limit;
  mapping::body::BodyLimits b;
  b.max_depth = size_of(l, Limit::body_max_depth);
  b.max_parts = size_of(l, Limit::body_max_parts);
  return b;
}

}  // namespace mixer::convert
