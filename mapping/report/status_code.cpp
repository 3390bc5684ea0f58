#include "mapping/report/status_code.hpp"

#include <cctype>

namespace mixer::mapping::report {
namespace {

// Reads 1..3 digits at s[pos]; advances pos.
std::optional<int> read_number(std::string_view s, std::size_t& pos) {
  std::size_t start = pos;
  int v = 0;
  while (pos < s.size() && pos - start < 4 && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    v = v * 10 + (s[pos] - '0');
    ++pos;
  }
  std::size_t n = pos - start;
  if (n == 0 || n > 3) return std::nullopt;
  return v;
}

}  // namespace

std::string StatusCode::to_string() const {
  return std::to_string(klass) + "." + std::to_string(subject) + "." + std::to_string(detail);
}

std::optional<StatusCode> parse_status_code(std::string_view s) {
  std::size_t pos = 0;
  auto k = read_number(s, pos);
  if (!k || pos - 0 != 1 || (*k != 2 && *k != 4 && *k != 5)) return std::nullopt;
  if (pos >= s.size() || s[pos] != '.') return std::nullopt;
  ++pos;
  auto sub = read_number(s, pos);
  if (!sub || pos >= s.size() || s[pos] != '.') return std::nullopt;
  ++pos;
  auto det = read_number(s, pos);
  if (!det || pos != s.size()) return std::nullopt;
  return StatusCode{*k, *sub, *det};
}

std::optional<StatusCode> status_from_smtp_reply(int reply_code, std::string_view reply_text) {
  int klass = reply_code / 100;
  if (klass != 2 && klass != 4 && klass != 5) return std::nullopt;
  // RFC 2034: the enhanced code follows the reply code and a space, and its
  // class equals the reply's class.
  std::size_t end = reply_text.find(' ');
  auto first = parse_status_code(reply_text.substr(0, end));
  if (first && first->klass == klass) return first;
  // No enhanced code: RFC 5321 §4.2.3 reply meanings mapped to the closest
  // RFC 3463 code. 421/451 local/remote trouble, 450/550 mailbox unavailable,
  // 452/552 storage, 551 user not local, 553 mailbox name not allowed, 554
  // transaction failed.
  switch (reply_code) {
    case 421: return StatusCode{4, 4, 2};
    case 450: return StatusCode{4, 2, 1};
    case 451: return StatusCode{4, 3, 0};
    case 452: return StatusCode{4, 3, 1};
    case 550: return StatusCode{5, 1, 1};
    case 551: return StatusCode{5, 1, 6};
    case 552: return StatusCode{5, 2, 2};
    case 553: return StatusCode{5, 1, 3};
    case 554: return StatusCode{5, 0, 0};
    default: return StatusCode{klass, 0, 0};
  }
}

}  // namespace mixer::mapping::report
