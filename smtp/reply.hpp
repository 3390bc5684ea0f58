// An SMTP reply (RFC 5321 4.2): a three-digit code, an optional enhanced status
// code (RFC 3463 / RFC 2034 ENHANCEDSTATUSCODES) and one or more text lines.
// to_wire() renders "250-..." continuation lines and a final "250 ..." line;
// ReplyParser does the reverse for the client, with a line-length and a
// line-count limit so a hostile server cannot make it buffer without end.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace mixer::smtp {

struct Reply {
  int code = 0;              // 200..599
  std::string enhanced;      // "2.1.0", empty when none
  std::vector<std::string> lines;  // at least one (may be empty text)

  static Reply make(int code, std::string enhanced, std::string text) {
    return Reply{code, std::move(enhanced), {std::move(text)}};
  }
  bool positive() const { return code >= 200 && code < 400; }
  bool transient() const { return code >= 400 && code < 500; }
  bool permanent() const { return code >= 500; }
  // The text lines joined with "\n", enhanced code stripped (for logs/reports).
  std::string text() const;
  std::string to_wire() const;
};

// Incremental parser of server replies (client side).
class ReplyParser {
 public:
  static constexpr std::size_t kMaxLineDefault = 4096;
  static constexpr std::size_t kMaxLinesDefault = 200;
  explicit ReplyParser(std::size_t max_line = kMaxLineDefault, std::size_t max_lines = kMaxLinesDefault)
      : max_line_(max_line), max_lines_(max_lines) {}

  void receive(std::string_view bytes) { buf_.append(bytes); }
  // The next complete reply, nullopt when more data is needed, or an error
  // (malformed line, code mismatch between lines, limits exceeded).
  Result<std::optional<Reply>> next();
  // Bytes received but not yet consumed (after STARTTLS they must be none).
  std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t max_line_, max_lines_;
  std::optional<Reply> partial_;
};

}  // namespace mixer::smtp
