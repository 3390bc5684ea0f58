// OID, BIT STRING, time and character-set helpers (X.680 41, 46, 47; X.690 8.6, 8.19).
#include "x400/ber/types.hpp"

#include <charconv>
#include <cstdio>

namespace mixer::x400::ber {

std::optional<Oid> Oid::parse(std::string_view dotted) {
  Oid oid;
  while (!dotted.empty()) {
    const auto dot = dotted.find('.');
    const auto part = dotted.substr(0, dot);
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || p != part.data() + part.size()) return std::nullopt;
    oid.arcs.push_back(v);
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
    if (dotted.empty()) return std::nullopt;
  }
  if (oid.arcs.empty()) return std::nullopt;
  return oid;
}

std::string Oid::to_string() const {
  std::string s;
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    if (i) s.push_back('.');
    s += std::to_string(arcs[i]);
  }
  return s;
}

void BitString::set(std::size_t bit, bool value) {
  if (bit >= bit_count) {
    if (!value) return;
    bit_count = bit + 1;
    bytes.resize((bit_count + 7) / 8, 0);
  }
  const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
  if (value)
    bytes[bit / 8] |= mask;
  else
    bytes[bit / 8] &= static_cast<std::uint8_t>(~mask);
}

void BitString::trim_trailing_zeros() {
  while (bit_count > 0 && !test(bit_count - 1)) --bit_count;
  bytes.resize((bit_count + 7) / 8);
}

namespace {

std::optional<int> digits(std::string_view t, std::size_t& pos, std::size_t n) {
  if (t.size() - pos < n) return std::nullopt;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = t[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::optional<Time> Time::parse(TimeKind kind, std::string_view t) {
  Time v;
  v.kind = kind;
  std::size_t pos = 0;
  if (kind == TimeKind::utc_time) {  // X.680 47.3: YYMMDDhhmm[ss](Z|+hhmm|-hhmm)
    auto yy = digits(t, pos, 2);
    if (!yy) return std::nullopt;
    v.year = *yy >= 50 ? 1900 + *yy : 2000 + *yy;
  } else {  // X.680 46.3, ISO 8601 basic: YYYYMMDDHH[MM[SS[.f]]][Z|+hh[mm]|-hh[mm]]
    auto y = digits(t, pos, 4);
    if (!y) return std::nullopt;
    v.year = *y;
  }
  auto mo = digits(t, pos, 2), d = digits(t, pos, 2), h = digits(t, pos, 2);
  if (!mo || !d || !h) return std::nullopt;
  v.month = *mo, v.day = *d, v.hour = *h;
  v.minute.reset();
  if (auto mi = digits(t, pos, 2)) {
    v.minute = *mi;
    if (auto s = digits(t, pos, 2)) v.second = *s;
  }
  if (kind == TimeKind::utc_time && !v.minute) return std::nullopt;
  if (kind == TimeKind::generalized_time && v.second && pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
    ++pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') v.fraction.push_back(t[pos++]);
    if (v.fraction.empty()) return std::nullopt;
  }
  if (v.month < 1 || v.month > 12 || v.day < 1 || v.day > days_in_month(v.year, v.month) || v.hour > 23 ||
      (v.minute && *v.minute > 59) || (v.second && *v.second > 60))
    return std::nullopt;
  v.utc_z = false;
  v.offset_minutes.reset();
  if (pos == t.size()) {
    if (kind == TimeKind::utc_time) return std::nullopt;  // UTCTime always has a zone
    return v;
  }
  if (t[pos] == 'Z') {
    ++pos;
    v.utc_z = true;
    v.offset_minutes = 0;
  } else if (t[pos] == '+' || t[pos] == '-') {
    const int sign = t[pos++] == '-' ? -1 : 1;
    auto oh = digits(t, pos, 2);
    if (!oh) return std::nullopt;
    int om = 0;
    if (pos < t.size()) {
      auto m = digits(t, pos, 2);
      if (!m) return std::nullopt;
      om = *m;
    } else if (kind == TimeKind::utc_time) {
      return std::nullopt;
    }
    if (*oh > 23 || om > 59) return std::nullopt;
    v.offset_minutes = sign * (*oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;
  return v;
}

std::string Time::to_string() const {
  char buf[64];
  std::string s;
  if (kind == TimeKind::utc_time)
    std::snprintf(buf, sizeof buf, "%02d", year % 100);
  else
    std::snprintf(buf, sizeof buf, "%04d", year);
  s += buf;
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", month, day, hour);
  s += buf;
  if (minute) {
    std::snprintf(buf, sizeof buf, "%02d", *minute);
    s += buf;
    if (second) {
      std::snprintf(buf, sizeof buf, "%02d", *second);
      s += buf;
      if (!fraction.empty()) s += "." + fraction;
    }
  }
  if (utc_z) {
    s += 'Z';
  } else if (offset_minutes) {
    const int off = *offset_minutes < 0 ? -*offset_minutes : *offset_minutes;
    std::snprintf(buf, sizeof buf, "%c%02d%02d", *offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    s += buf;
  }
  return s;
}

std::int64_t Time::to_unix() const {
  std::int64_t secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute.value_or(0) * 60 +
                      second.value_or(0);
  return secs - std::int64_t{offset_minutes.value_or(0)} * 60;
}

Time Time::from_unix(std::int64_t seconds, TimeKind kind) {
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  std::int64_t rem = seconds - days * 86400;
  // civil_from_days (H. Hinnant)
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  Time t;
  t.kind = kind;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
  t.hour = static_cast<int>(rem / 3600);
  t.minute = static_cast<int>((rem / 60) % 60);
  t.second = static_cast<int>(rem % 60);
  t.offset_minutes = 0;
  t.utc_z = true;
  return t;
}

const char* to_string(StringKind k) {
  switch (k) {
    case StringKind::numeric: return "NumericString";
    case StringKind::printable: return "PrintableString";
    case StringKind::teletex: return "TeletexString";
    case StringKind::videotex: return "VideotexString";
    case StringKind::ia5: return "IA5String";
    case StringKind::graphic: return "GraphicString";
    case StringKind::visible: return "VisibleString";
    case StringKind::general: return "GeneralString";
    case StringKind::universal: return "UniversalString";
    case StringKind::bmp: return "BMPString";
    case StringKind::utf8: return "UTF8String";
  }
  return "?";
}

bool valid_string(StringKind k, std::string_view s) {
  auto all = [&](auto pred) {
    for (char ch : s)
      if (!pred(static_cast<unsigned char>(ch))) return false;
    return true;
  };
  switch (k) {
    case StringKind::numeric: return all([](unsigned char c) { return (c >= '0' && c <= '9') || c == ' '; });
    case StringKind::printable:  // X.680 41.4 Table 10
      return all([](unsigned char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' ||
               c == '\'' || c == '(' || c == ')' || c == '+' || c == ',' || c == '-' || c == '.' || c == '/' ||
               c == ':' || c == '=' || c == '?';
      });
    case StringKind::ia5: return all([](unsigned char c) { return c < 0x80; });
    case StringKind::visible: return all([](unsigned char c) { return c >= 0x20 && c < 0x7f; });
    case StringKind::universal:
    case StringKind::bmp:
    case StringKind::utf8: return valid_utf8(s);
    case StringKind::teletex:
    case StringKind::videotex:
    case StringKind::graphic:
    case StringKind::general: return true;
  }
  return false;
}

}  // namespace mixer::x400::ber
