// Errors of the MIME layer: what went wrong, where (entity path such as
// "1.2" for the second part of the first part, and the header name when one
// is involved) and the byte offset in the input.
#pragma once

#include <cstddef>
#include <string>

namespace mixer::mapping::mime {

struct MimeError {
  std::string what;
  std::string path;        // entity path, "" for the top-level entity
  std::size_t offset = 0;  // byte offset in the parsed input, 0 when not applicable

  std::string to_string() const {
    std::string s = "mime: " + what;
    s +=
        " (entity " + (path.empty() ? std::string("top") : path) + ", offset " + std::to_string(offset) + ")";
    return s;
  }
};

}  // namespace mixer::mapping::mime
