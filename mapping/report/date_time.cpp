#include "mapping/report/date_time.hpp"

#include <array>
#include <cctype>

#include "mapping/report/field_groups.hpp"

namespace mixer::mapping::report {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string two(unsigned v) {
  std::string s = std::to_string(v);
  return v < 10 ? "0" + s : s;
}

struct Cursor {
  std::string_view s;
  std::size_t p = 0;
  void ws() {
    while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
  }
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    ws();
    std::size_t start = p;
    int v = 0;
    while (p < s.size() && p - start < max_digits && std::isdigit(static_cast<unsigned char>(s[p]))) {
      v = v * 10 + (s[p] - '0');
      ++p;
    }
    if (p - start < min_digits) return std::nullopt;
    return v;
  }
  std::string_view word() {
    ws();
    std::size_t start = p;
    while (p < s.size() && std::isalpha(static_cast<unsigned char>(s[p]))) ++p;
    return s.substr(start, p - start);
  }
  bool eat(char c) {
    ws();
    if (p < s.size() && s[p] == c) {
      ++p;
      return true;
    }
    return false;
  }
};

}  // namespace

std::string format_date_time(Timestamp t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::weekday wd{days};
  std::chrono::hh_mm_ss hms{t - days};
  return std::string(kDays[wd.c_encoding()]) + ", " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year())) + " " + two(static_cast<unsigned>(hms.hours().count())) + ":" +
         two(static_cast<unsigned>(hms.minutes().count())) + ":" + two(static_cast<unsigned>(hms.seconds().count())) +
         " +0000";
}

std::optional<Timestamp> parse_date_time(std::string_view text) {
  Cursor c{trim(text)};
  // optional day-of-week ","
  std::size_t save = c.p;
  std::string_view w = c.word();
  if (!w.empty()) {
    if (!c.eat(',')) return std::nullopt;
  } else {
    c.p = save;
  }
  auto day = c.number(1, 2);
  if (!day) return std::nullopt;
  std::string_view mon = c.word();
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (iequal(mon, kMonths[i])) month = static_cast<int>(i) + 1;
  }
  if (month == 0) return std::nullopt;
  auto year = c.number(2, 4);
  if (!year) return std::nullopt;
  if (*year < 50) {
    *year += 2000;  // RFC 5322 §4.3 obsolete 2-digit years
  } else if (*year < 1000) {
    *year += 1900;
  }
  auto hh = c.number(2, 2);
  if (!hh || !c.eat(':')) return std::nullopt;
  auto mm = c.number(2, 2);
  if (!mm) return std::nullopt;
  int ss = 0;
  if (c.eat(':')) {
    auto s2 = c.number(2, 2);
    if (!s2) return std::nullopt;
    ss = *s2;
  }
  if (*hh > 23 || *mm > 59 || ss > 60) return std::nullopt;
  c.ws();
  int offset_min = 0;
  if (c.p < c.s.size() && (c.s[c.p] == '+' || c.s[c.p] == '-')) {
    int sign = c.s[c.p] == '-' ? -1 : 1;
    ++c.p;
    std::size_t start = c.p;
    auto z = c.number(4, 4);
    if (!z || c.p - start != 4) return std::nullopt;
    if (*z % 100 > 59) return std::nullopt;
    offset_min = sign * ((*z / 100) * 60 + *z % 100);
  } else {
    std::string_view zone = c.word();
    struct Z {
      std::string_view n;
      int h;
    };
    static constexpr std::array<Z, 11> kZones = {{{"UT", 0},
                                                  {"GMT", 0},
                                                  {"UTC", 0},
                                                  {"EST", -5},
                                                  {"EDT", -4},
                                                  {"CST", -6},
                                                  {"CDT", -5},
                                                  {"MST", -7},
                                                  {"MDT", -6},
                                                  {"PST", -8},
                                                  {"PDT", -7}}};
    bool found = zone.empty();  // missing zone: treat as UTC
    for (const Z& z : kZones) {
      if (iequal(zone, z.n)) {
        offset_min = z.h * 60;
        found = true;
      }
    }
    if (!found) offset_min = 0;  // RFC 5322 §4.3: other alphabetic zones are "-0000"
  }
  std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = std::chrono::sys_days{ymd} + std::chrono::hours{*hh} + std::chrono::minutes{*mm} + std::chrono::seconds{ss};
  return Timestamp{t - std::chrono::minutes{offset_min}};
}

}  // namespace mixer::mapping::report
