#include "config/limits.hpp"

namespace mixer::config {

static_assert(
    [] {
      for (std::size_t i = 0; i < kLimitCount; ++i) {
        const auto& s = kLimitSpecs[i];
        if (static_cast<std::size_t>(s.id) != i || s.min > s.max || s.default_value < s.min ||
            s.default_value > s.max)
          return false;
      }
      return true;
    }(),
    "every limit's default lies within its range");

const LimitSpec* find_limit(std::string_view section, std::string_view key) {
  for (const auto& s : kLimitSpecs)
    if (s.section == section && s.key == key) return &s;
  return nullptr;
}

}  // namespace mixer::config
