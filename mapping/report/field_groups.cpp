#include "mapping/report/field_groups.hpp"

#include <algorithm>

#include "mapping/mime/header.hpp"

namespace mixer::mapping::report {

bool iequal(std::string_view a, std::string_view b) noexcept { return mime::iequals(a, b); }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Result<std::vector<FieldGroup>, ReportError> parse_field_groups(std::string_view text, const ReportLimits& limits,
                                                                std::size_t first_line) {
  if (text.size() > limits.max_input) {
    return fail(ReportError{"input of " + std::to_string(text.size()) + " octets exceeds max_input " +
                                std::to_string(limits.max_input),
                            "", 0});
  }
  std::vector<FieldGroup> groups;
  FieldGroup current;
  std::size_t line_no = first_line;
  std::size_t pos = 0;
  auto close_group = [&]() -> Status<ReportError> {
    if (current.empty()) return Ok{};
    current.back().value = std::string(trim(current.back().value));
    groups.push_back(std::move(current));
    current.clear();
    // groups = 1 per-message + recipients
    if (groups.size() > limits.max_recipients + 1) {
      return fail(ReportError{"more than max_recipients " + std::to_string(limits.max_recipients) + " groups", "",
                              line_no});
    }
    return Ok{};
  };
  for (; pos < text.size(); ++line_no) {
    std::size_t eol = text.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, (eol == std::string_view::npos ? text.size() : eol) - pos);
    pos = next;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > limits.max_line) {
      return fail(ReportError{"line of " + std::to_string(line.size()) + " octets exceeds max_line " +
                                  std::to_string(limits.max_line),
                              "", line_no});
    }
    for (char c : line) {
      if (c == '\0' || c == '\r') return fail(ReportError{"NUL or bare CR in field text", "", line_no});
    }
    if (trim(line).empty()) {
      // A whitespace-only line ends the group too: RFC 3464 requires an empty
      // line, but tolerating WSP costs nothing and loses nothing.
      auto st = close_group();
      if (!st) return fail(std::move(st).error());
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (current.empty()) return fail(ReportError{"continuation line without a field", "", line_no});
      Field& f = current.back();
      if (f.value.size() + line.size() > limits.max_field) {
        return fail(ReportError{"field exceeds max_field " + std::to_string(limits.max_field), f.name, line_no});
      }
      // RFC 5322 §2.2.3: unfolding removes the CRLF only; the white space stays.
      f.value.append(line);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return fail(ReportError{"line is neither a field nor a continuation", "", line_no});
    }
    std::string_view name = line.substr(0, colon);
    for (char c : name) {
      auto u = static_cast<unsigned char>(c);
      if (u < 33 || u > 126) {
        return fail(ReportError{"invalid character in field name", std::string(trim(name)), line_no});
      }
    }
    if (current.size() >= limits.max_fields_per_group) {
      return fail(ReportError{"more than max_fields_per_group " + std::to_string(limits.max_fields_per_group) +
                                  " fields in one group",
                              std::string(name), line_no});
    }
    if (!current.empty()) current.back().value = std::string(trim(current.back().value));
    current.push_back(Field{std::string(name), std::string(line.substr(colon + 1)), line_no});
  }
  if (!current.empty()) current.back().value = std::string(trim(current.back().value));
  auto st = close_group();
  if (!st) return fail(std::move(st).error());
  return groups;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  // Folds before a run of spaces, so that unfolding (which removes only the
  // CRLF) gives back exactly `value`.
  out.append(name).append(":");
  std::size_t col = name.size() + 1;
  std::size_t i = 0;
  bool first = true;
  while (i < value.size()) {
    std::size_t word_start = value.find_first_not_of(' ', i);
    std::size_t spaces = (word_start == std::string_view::npos ? value.size() : word_start) - i;
    if (first) spaces = std::max<std::size_t>(spaces, 1);  // "Name: value"
    if (word_start == std::string_view::npos) {
      out.append(spaces, ' ');  // trailing spaces (never produced by the parser)
      break;
    }
    std::size_t word_end = value.find(' ', word_start);
    if (word_end == std::string_view::npos) word_end = value.size();
    std::string_view word = value.substr(word_start, word_end - word_start);
    if (!first && col + spaces + word.size() > 78) {
      out.append("\r\n");
      col = 0;
    }
    out.append(spaces, ' ');
    out.append(word);
    col += spaces + word.size();
    first = false;
    i = word_end;
  }
  out.append("\r\n");
}

}  // namespace mixer::mapping::report
