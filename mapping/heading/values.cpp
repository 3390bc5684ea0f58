#include "mapping/heading/values.hpp"

#include <array>
#include <cctype>
#include <cstdio>

#include "mapping/mime/header.hpp"

namespace mixer::mapping::heading {

namespace {

using mime::iequals;

// The years a UTCTime can carry (X.680 47.3 two-digit year; decoder window).
constexpr int kUtcTimeFirstYear = 1950;
constexpr int kUtcTimeLastYear = 2049;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Removes RFC 5322 comments: "high (urgent!)" -> "high".
std::string strip_comments(std::string_view s) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && depth > 0) {
      ++i;
      continue;
    }
    if (c == '(') {
      ++depth;
      continue;
    }
    if (c == ')' && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) out.push_back(c);
  }
  return std::string(trim(out));
}

template <std::size_t N>
std::optional<int> lookup(std::string_view v, const std::array<std::string_view, N>& names, int first) {
  std::string t = strip_comments(v);
  for (std::size_t i = 0; i < N; ++i)
    if (iequals(t, names[i])) return first + static_cast<int>(i);
  return std::nullopt;
}

template <std::size_t N>
std::string_view name_of(int v, const std::array<std::string_view, N>& names, int first) {
  if (v < first || v >= first + static_cast<int>(N)) return "";
  return names[static_cast<std::size_t>(v - first)];
}

constexpr std::array<std::string_view, 3> kImportance{"low", "normal", "high"};
constexpr std::array<std::string_view, 3> kSensitivity{"Personal", "Private", "Company-Confidential"};
constexpr std::array<std::string_view, 3> kPriority{"normal", "non-urgent", "urgent"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// Days since 1970-01-01 (Howard Hinnant's civil algorithm).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDaysIn[m - 1];
}

struct Tokenizer {
  std::string_view s;
  std::size_t i = 0;
  void skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  }
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    skip();
    std::size_t b = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - b < max_digits) v = v * 10 + (s[i++] - '0');
    if (i - b < min_digits) return std::nullopt;
    return v;
  }
  std::string_view word() {
    skip();
    std::size_t b = i;
    while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) ++i;
    return s.substr(b, i - b);
  }
  bool eat(char c) {
    skip();
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
};

}  // namespace

std::optional<int> parse_importance(std::string_view v) { return lookup(v, kImportance, 0); }
std::string_view importance_text(int v) { return name_of(v, kImportance, 0); }
std::optional<int> parse_sensitivity(std::string_view v) { return lookup(v, kSensitivity, 1); }
std::string_view sensitivity_text(int v) { return name_of(v, kSensitivity, 1); }
std::optional<int> parse_priority(std::string_view v) { return lookup(v, kPriority, 0); }
std::string_view priority_text(int v) { return name_of(v, kPriority, 0); }

std::optional<bool> parse_prohibited(std::string_view v) {
  std::string t = strip_comments(v);
  if (iequals(t, "Allowed")) return false;
  if (iequals(t, "Prohibited")) return true;
  return std::nullopt;
}
std::string_view prohibited_text(bool prohibited) { return prohibited ? "Prohibited" : "Allowed"; }

std::optional<bool> parse_boolean(std::string_view v) {
  std::string t = strip_comments(v);
  if (iequals(t, "TRUE") || iequals(t, "yes")) return true;
  if (iequals(t, "FALSE") || iequals(t, "no")) return false;
  return std::nullopt;
}
std::string_view boolean_text(bool v) { return v ? "TRUE" : "FALSE"; }

std::optional<x400::ber::Time> parse_date_time(std::string_view v) {
  std::string text = strip_comments(v);
  Tokenizer t{text};
  // Optional day-of-week.
  std::size_t save = t.i;
  std::string_view dow = t.word();
  if (!dow.empty()) {
    if (!t.eat(',')) return std::nullopt;
  } else {
    t.i = save;
  }
  auto day = t.number(1, 2);
  std::string_view mon = t.word();
  auto year = t.number(2, 4);
  auto hour = t.number(2, 2);
  if (!day || !year || !hour || !t.eat(':')) return std::nullopt;
  auto minute = t.number(2, 2);
  if (!minute) return std::nullopt;
  std::optional<int> second;
  if (t.eat(':')) {
    second = t.number(2, 2);
    if (!second) return std::nullopt;
  }
  int month = 0;
  for (std::size_t k = 0; k < kMonths.size(); ++k)
    if (iequals(mon, kMonths[k])) month = static_cast<int>(k) + 1;
  if (month == 0) return std::nullopt;
  int y = *year;
  if (y < 100)
    y += y < 50 ? 2000 : 1900;  // RFC 5322 §4.3
  else if (y < 1000)
    y += 1900;
  // UTCTime carries only YY, read back in the 1950..2049 window (x400/ber
  // Time::parse, as RFC 5280 4.1.2.5.1): a year outside it would come back
  // as another century (2726 -> 2026). Such a date-time has no UTCTime
  // (RFC 2156 §3.3.5 maps date-time to UTCTime only), so it is not mapped.
  if (y < kUtcTimeFirstYear || y > kUtcTimeLastYear) return std::nullopt;
  if (*day < 1 || *day > days_in_month(y, month) || *hour > 23 || *minute > 59 || (second && *second > 60))
    return std::nullopt;
  x400::ber::Time out;
  out.kind = x400::ber::TimeKind::utc_time;
  out.year = y;
  out.month = month;
  out.day = *day;
  out.hour = *hour;
  out.minute = *minute;
  out.second = second;
  // Zone.
  t.skip();
  if (t.i < text.size() && (text[t.i] == '+' || text[t.i] == '-')) {
    bool neg = text[t.i] == '-';
    ++t.i;
    std::size_t b = t.i;
    auto hhmm = t.number(4, 4);
    if (!hhmm || t.i - b != 4) return std::nullopt;
    int off = (*hhmm / 100) * 60 + *hhmm % 100;
    if (*hhmm % 100 > 59) return std::nullopt;
    if (off == 0) {  // "-0000" too: the time is UTC, the local zone unknown (RFC 5322 §3.3)
      (void)neg;
      out.utc_z = true;
      out.offset_minutes = 0;
    } else {
      out.utc_z = false;
      out.offset_minutes = neg ? -off : off;
    }
  } else {
    std::string_view zone = t.word();
    static constexpr std::pair<std::string_view, int> kZones[] = {
        {"UT", 0},        {"GMT", 0},       {"Z", 0},         {"EST", -5 * 60},
        {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60}, {"MST", -7 * 60},
        {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
    bool found = false;
    for (auto [name, off] : kZones) {
      if (iequals(zone, name)) {
        found = true;
        out.utc_z = off == 0;
        out.offset_minutes = off;
      }
    }
    if (!found) {  // military or unknown zones (or none): RFC 5322 §4.3 says treat as -0000,
      // i.e. UTC. A UTCTime must carry a zone (X.680 47.3): a zone-less value
      // would be invalid BER (found by fuzz target message_to_x400).
      out.utc_z = true;
      out.offset_minutes = 0;
    }
  }
  t.skip();
  if (t.i != text.size()) return std::nullopt;
  return out;
}

std::string format_date_time(const x400::ber::Time& t) {
  std::int64_t days = days_from_civil(t.year, t.month, t.day);
  auto dow = static_cast<std::size_t>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  char buf[96];
  int month = (t.month >= 1 && t.month <= 12) ? t.month : 1;
  std::string zone;
  if (t.utc_z) {
    zone = "+0000";
  } else if (t.offset_minutes) {
    int off = *t.offset_minutes < 0 ? -*t.offset_minutes : *t.offset_minutes;
    char z[16];
    std::snprintf(z, sizeof z, "%c%02d%02d", *t.offset_minutes < 0 ? '-' : '+', off / 60 % 100, off % 60);
    zone = z;
  } else {
    zone = "-0000";
  }
  if (t.second)
    std::snprintf(buf, sizeof buf, "%s, %d %s %04d %02d:%02d:%02d %s", std::string(kDays[dow]).c_str(), t.day,
                  std::string(kMonths[static_cast<std::size_t>(month - 1)]).c_str(), t.year, t.hour,
                  t.minute.value_or(0), *t.second, zone.c_str());
  else
    std::snprintf(buf, sizeof buf, "%s, %d %s %04d %02d:%02d %s", std::string(kDays[dow]).c_str(), t.day,
                  std::string(kMonths[static_cast<std::size_t>(month - 1)]).c_str(), t.year, t.hour,
                  t.minute.value_or(0), zone.c_str());
  return buf;
}

std::optional<std::vector<std::string>> parse_languages(std::string_view v) {
  std::string t = strip_comments(v);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= t.size()) {
    auto comma = t.find(',', start);
    std::string_view item = trim(
        std::string_view(t).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    // "en" or "en description": the code is the first two letters.
    std::string_view code = item.substr(0, item.find_first_of(" \t"));
    if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
        !std::isalpha(static_cast<unsigned char>(code[1])))
      return std::nullopt;
    std::string c(code);
    for (char& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.push_back(std::move(c));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string format_languages(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

std::optional<ContentTypeValue> parse_content_type(std::string_view v) {
  std::string_view t = trim(v);
  auto open = t.find('(');
  if (open != std::string_view::npos) {  // labelled-integer: [key-string] "(" digits ")"
    auto close = t.find(')', open);
    if (close == std::string_view::npos || !trim(t.substr(close + 1)).empty()) return std::nullopt;
    t = trim(t.substr(open + 1, close - open - 1));
  }
  if (t.empty()) return std::nullopt;
  if (t.find('.') != std::string_view::npos) {
    auto oid = x400::ber::Oid::parse(t);
    if (!oid) return std::nullopt;
    return std::optional<ContentTypeValue>(std::in_place, std::in_place_index<1>, std::move(*oid));
  }
  std::int64_t n = 0;
  for (char c : t) {
    if (c < '0' || c > '9' || n > 100000000) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return std::optional<ContentTypeValue>(std::in_place, std::in_place_index<0>, n);
}

std::string format_content_type(const ContentTypeValue& v) {
  if (const auto* oid = std::get_if<x400::ber::Oid>(&v)) return oid->to_string();
  std::int64_t n = std::get<std::int64_t>(v);
  if (n == 22) return "P2-1988 (22)";
  if (n == 2) return "P2-1984 (2)";
  return "(" + std::to_string(n) + ")";
}

}  // namespace mixer::mapping::heading
