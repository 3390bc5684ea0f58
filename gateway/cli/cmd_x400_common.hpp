// Shared by `mixer x400 dump` and `mixer x400 encode`: whole-file I/O with
// errors that name the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace mixer::cli {

// The file's bytes, or "cannot read FILE: <reason>".
Result<std::vector<std::uint8_t>, std::string> x400_read_file(const std::string& path);
// Writes `bytes` to `path` (replacing it), or "cannot write FILE: <reason>".
Status<std::string> x400_write_file(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace mixer::cli
