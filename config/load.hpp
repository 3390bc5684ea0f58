// Reads and validates a mixer TOML configuration. Every problem found is
// reported (not just the first) as "FILE:LINE: message", the format shared by
// `mixer check-config` and `mixerd`'s refusal to start.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "config/config.hpp"

namespace mixer::config {

struct ConfigError {
  std::filesystem::path file;
  std::size_t line = 0;  // 0 when the problem is not tied to a line
  std::string message;

  std::string to_string() const;
};

using ConfigErrors = std::vector<ConfigError>;

Result<Config, ConfigErrors> load_file(const std::filesystem::path& path);
Result<Config, ConfigErrors> load_string(std::string_view toml_text, const std::filesystem::path& name);

}  // namespace mixer::config
