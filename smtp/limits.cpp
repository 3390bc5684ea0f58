#include "smtp/limits.hpp"

namespace mixer::smtp {

namespace {
std::string range_error(const LimitSpec& s, std::uint64_t v) {
  return "smtp: limit " + std::string(s.name) + " = " + std::to_string(v) + " is outside [" +
         std::to_string(s.min) + ", " + std::to_string(s.max) + "]";
}
}  // namespace

Result<void> validate(const ServerLimits& limits) {
  for (const auto& s : kServerLimitSpecs) {
    const auto v = limits.*(s.field);
    if (v < s.min || v > s.max) return fail(range_error(s, v));
  }
  return Ok{};
}

Result<void> set_limit(ServerLimits& limits, std::string_view name, std::uint64_t value) {
  for (const auto& s : kServerLimitSpecs) {
    if (s.name != name) continue;
    if (value < s.min || value > s.max) return fail(range_error(s, value));
    limits.*(s.field) = value;
    return Ok{};
  }
  return fail("smtp: unknown limit '" + std::string(name) + "'");
}

}  // namespace mixer::smtp
