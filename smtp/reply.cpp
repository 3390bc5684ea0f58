#include "smtp/reply.hpp"

#include <cctype>

#include "common/log_escape.hpp"

namespace mixer::smtp {

namespace {
bool is_enhanced(std::string_view s) {
  // class "." subject "." detail, RFC 3463 2: class 2/4/5, 1-3 digits, 1-3 digits.
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  std::size_t i = 2, n = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++n;
  if (n < 1 || n > 3 || i >= s.size() || s[i] != '.') return false;
  ++i;
  n = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++n;
  return n >= 1 && n <= 3 && i == s.size();
}
}  // namespace

std::string Reply::text() const {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

std::string Reply::to_wire() const {
  std::string out;
  const std::string code_s = std::to_string(code);
  const std::size_t n = lines.empty() ? 1 : lines.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += code_s;
    out += (i + 1 == n) ? ' ' : '-';
    if (!enhanced.empty()) {
      out += enhanced;
      out += ' ';
    }
    if (i < lines.size()) out += lines[i];
    out += "\r\n";
  }
  return out;
}

Result<std::optional<Reply>> ReplyParser::next() {
  while (true) {
    const auto nl = buf_.find('\n', pos_);
    if (nl == std::string::npos) {
      if (buf_.size() - pos_ > max_line_) return fail(std::string("smtp client: reply line longer than ") +
                                                     std::to_string(max_line_) + " octets");
      if (pos_ > 0 && pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
      }
      return std::optional<Reply>{};
    }
    std::string_view line(buf_.data() + pos_, nl - pos_);
    pos_ = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > max_line_) return fail(std::string("smtp client: reply line too long"));
    if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
        !std::isdigit(static_cast<unsigned char>(line[1])) || !std::isdigit(static_cast<unsigned char>(line[2])) ||
        (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
      return fail("smtp client: malformed reply line '" + log_escape(line) + "'");
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (code < 200 || code > 599) return fail("smtp client: reply code out of range: " + log_escape(line));
    const bool last = line.size() == 3 || line[3] == ' ';
    std::string_view text = line.size() > 4 ? line.substr(4) : std::string_view{};
    std::string enhanced;
    // Enhanced code: the first word, when it has the class of the reply code.
    const auto sp = text.find(' ');
    const auto word = text.substr(0, sp);
    if (is_enhanced(word) && word[0] == line[0]) {
      enhanced = std::string(word);
      text = sp == std::string_view::npos ? std::string_view{} : text.substr(sp + 1);
    }
    if (!partial_) {
      partial_ = Reply{code, enhanced, {}};
    } else if (partial_->code != code) {
      return fail("smtp client: reply lines disagree on the code (" + std::to_string(partial_->code) + " then " +
                  std::to_string(code) + ")");
    }
    if (partial_->enhanced.empty()) partial_->enhanced = enhanced;
    partial_->lines.emplace_back(text);
    if (partial_->lines.size() > max_lines_) return fail(std::string("smtp client: reply has too many lines"));
    if (last) {
      auto r = std::move(*partial_);
      partial_.reset();
      if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
      }
      return std::optional<Reply>{std::move(r)};
    }
  }
}

}  // namespace mixer::smtp
