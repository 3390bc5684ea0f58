#include "gateway/queue/record.hpp"

#include <charconv>

namespace mixer::queue {
namespace {

constexpr std::string_view kMagic = "MIXERQ 1";
constexpr std::string_view kTrailer = "MIXEREND\n";
// A header is small; anything larger is a damaged file, not a message.
constexpr std::size_t kMaxHeaderLines = 200000;

std::vector<std::string_view> split_spaces(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    auto sp = line.find(' ', pos);
    if (sp == std::string_view::npos) sp = line.size();
    out.push_back(line.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

template <typename T>
bool to_int(std::string_view s, T& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parse_status(std::string_view s, RcptStatus& out) {
  for (auto st : {RcptStatus::pending, RcptStatus::deferred, RcptStatus::delivered, RcptStatus::failed}) {
    if (s == to_string(st)) {
      out = st;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(Direction d) { return d == Direction::smtp_to_x400 ? "smtp-x400" : "x400-smtp"; }

std::string_view to_string(RcptStatus s) {
  switch (s) {
    case RcptStatus::pending: return "pending";
    case RcptStatus::deferred: return "deferred";
    case RcptStatus::delivered: return "delivered";
    case RcptStatus::failed: return "failed";
  }
  return "?";
}

std::string ParseError::to_string() const {
  return line ? "line " + std::to_string(line) + ": " + message : message;
}

std::string escape_value(std::string_view v) {
  if (v.empty()) return "%";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(v.size());
  for (unsigned char c : v) {
    if (c <= 0x20 || c >= 0x7F || c == '%') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Result<std::string, std::string> unescape_value(std::string_view v) {
  if (v == "%") return std::string();
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '%') {
      out += v[i];
      continue;
    }
    if (i + 2 >= v.size()) return fail(std::string("truncated %XX escape"));
    unsigned byte = 0;
    auto [p, ec] = std::from_chars(v.data() + i + 1, v.data() + i + 3, byte, 16);
    if (ec != std::errc() || p != v.data() + i + 3) return fail(std::string("bad %XX escape"));
    out += static_cast<char>(byte);
    i += 2;
  }
  return out;
}

std::string serialize(const Record& r) {
  std::string s;
  s.reserve(r.content.size() + 256 + 96 * r.recipients.size());
  s += kMagic;
  s += "\nid " + escape_value(r.id) + "\narrival " + std::to_string(r.arrival) + "\ndirection ";
  s += to_string(r.direction);
  s += "\noriginator " + escape_value(r.originator) + "\n";
  for (const auto& [k, v] : r.attrs) s += "attr " + escape_value(k) + " " + escape_value(v) + "\n";
  for (const auto& rc : r.recipients) {
    s += "rcpt ";
    s += to_string(rc.status);
    s += " " + std::to_string(rc.attempts) + " " + std::to_string(rc.next_retry) + " ";
    std::string flags;
    if (rc.delay_warned) flags += 'w';
    if (rc.reported) flags += 'r';
    s += flags.empty() ? "-" : flags;
    s += " " + escape_value(rc.address) + " " + escape_value(rc.diagnostic) + "\n";
  }
  for (std::size_t i = 0; i < r.recipients.size(); ++i)
    for (const auto& [k, v] : r.recipients[i].attrs)
      s += "rattr " + std::to_string(i) + " " + escape_value(k) + " " + escape_value(v) + "\n";
  s += "content " + std::to_string(r.content.size()) + "\n\n";
  s += r.content;
  s += kTrailer;
  return s;
}

Result<Record, ParseError> parse(std::string_view bytes) {
  Record r;
  std::size_t pos = 0, line_no = 0;
  bool have_id = false, have_arrival = false, have_direction = false, have_originator = false;
  auto err = [&](std::string m) { return fail(ParseError{line_no, std::move(m)}); };
  for (;;) {
    ++line_no;
    if (line_no > kMaxHeaderLines) return err("header too long");
    auto nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) return err("truncated header (no newline)");
    std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    if (line_no == 1) {
      if (line != kMagic) return err("not a mixer queue file (bad magic)");
      continue;
    }
    auto f = split_spaces(line);
    auto value = [&](std::size_t i) -> Result<std::string, ParseError> {
      auto v = unescape_value(f[i]);
      if (!v) return fail(ParseError{line_no, f[0].empty() ? v.error() : std::string(f[0]) + ": " + v.error()});
      return std::move(v).value();
    };
    const std::string_view kw = f[0];
    if (kw == "id" && f.size() == 2) {
      r.id = MIXER_TRY(value(1));
      have_id = !r.id.empty();
    } else if (kw == "arrival" && f.size() == 2) {
      if (!to_int(f[1], r.arrival)) return err("bad arrival time");
      have_arrival = true;
    } else if (kw == "direction" && f.size() == 2) {
      if (f[1] == "smtp-x400") r.direction = Direction::smtp_to_x400;
      else if (f[1] == "x400-smtp") r.direction = Direction::x400_to_smtp;
      else return err("bad direction '" + std::string(f[1]) + "'");
      have_direction = true;
    } else if (kw == "originator" && f.size() == 2) {
      r.originator = MIXER_TRY(value(1));
      have_originator = true;
    } else if (kw == "attr" && f.size() == 3) {
      r.attrs[MIXER_TRY(value(1))] = MIXER_TRY(value(2));
    } else if (kw == "rcpt" && f.size() == 7) {
      Recipient rc;
      if (!parse_status(f[1], rc.status)) return err("bad recipient status");
      if (!to_int(f[2], rc.attempts) || !to_int(f[3], rc.next_retry)) return err("bad recipient counters");
      if (f[4] != "-")
        for (char c : f[4]) {
          if (c == 'w') rc.delay_warned = true;
          else if (c == 'r') rc.reported = true;
          else return err("bad recipient flags");
        }
      rc.address = MIXER_TRY(value(5));
      rc.diagnostic = MIXER_TRY(value(6));
      r.recipients.push_back(std::move(rc));
    } else if (kw == "rattr" && f.size() == 4) {
      std::size_t idx = 0;
      if (!to_int(f[1], idx) || idx >= r.recipients.size()) return err("rattr names no recipient");
      r.recipients[idx].attrs[MIXER_TRY(value(2))] = MIXER_TRY(value(3));
    } else if (kw == "content" && f.size() == 2) {
      std::size_t len = 0;
      if (!to_int(f[1], len)) return err("bad content length");
      ++line_no;
      if (pos >= bytes.size() || bytes[pos] != '\n') return err("missing blank line after content length");
      ++pos;
      if (bytes.size() - pos < len || bytes.size() - pos - len != kTrailer.size())
        return fail(ParseError{0, "content length " + std::to_string(len) + " does not match the file size (torn write?)"});
      if (bytes.substr(pos + len) != kTrailer) return fail(ParseError{0, "missing end marker (torn write?)"});
      r.content.assign(bytes.substr(pos, len));
      break;
    } else {
      return err("unexpected header line '" + std::string(line.substr(0, 40)) + "'");
    }
  }
  if (!have_id || !have_arrival || !have_direction || !have_originator)
    return fail(ParseError{0, "header lacks id, arrival, direction or originator"});
  if (r.recipients.empty()) return fail(ParseError{0, "no recipients"});
  return r;
}

}  // namespace mixer::queue
