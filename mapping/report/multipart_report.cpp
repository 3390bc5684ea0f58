#include "mapping/report/multipart_report.hpp"

#include <cstdint>

#include "mapping/mime/transfer_encoding.hpp"

namespace mixer::mapping::report {
namespace {

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out.append("\r\n");
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out.append("\r\n");
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)) out.append("\r\n");
  return out;
}

std::string hex64(std::uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kHex[v & 0xf];
  return s;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

bool is_8bit(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

struct Split {
  std::string_view headers;
  std::string_view body;
  std::size_t body_line = 1;
};

Split split_entity(std::string_view entity, std::size_t first_line) {
  std::size_t line = first_line;
  std::size_t pos = 0;
  while (pos < entity.size()) {
    std::size_t eol = entity.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? entity.size() : eol;
    std::string_view l = entity.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty()) {
      std::size_t body_start = eol == std::string_view::npos ? entity.size() : eol + 1;
      return Split{entity.substr(0, pos), entity.substr(body_start), line + 1};
    }
    ++line;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return Split{entity, {}, line};
}

std::optional<std::string> header_value(const std::vector<Field>& fs, std::string_view name) {
  for (const Field& f : fs) {
    if (iequal(f.name, name)) return f.value;
  }
  return std::nullopt;
}

Result<std::vector<Field>, ReportError> parse_headers(std::string_view block, const ReportLimits& limits,
                                                      std::size_t first_line) {
  auto groups = MIXER_TRY(parse_field_groups(block, limits, first_line));
  if (groups.empty()) return std::vector<Field>{};
  return std::move(groups.front());
}

}  // namespace

std::string media_type(std::string_view ct) {
  std::string_view t = trim(ct.substr(0, ct.find(';')));
  std::string out(t);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<std::string> media_parameter(std::string_view ct, std::string_view name) {
  std::size_t pos = ct.find(';');
  while (pos != std::string_view::npos && pos < ct.size()) {
    ++pos;
    std::size_t eq = ct.find('=', pos);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = trim(ct.substr(pos, eq - pos));
    std::size_t v = eq + 1;
    while (v < ct.size() && (ct[v] == ' ' || ct[v] == '\t')) ++v;
    std::string value;
    std::size_t next;
    if (v < ct.size() && ct[v] == '"') {
      std::size_t i = v + 1;
      for (; i < ct.size() && ct[i] != '"'; ++i) {
        if (ct[i] == '\\' && i + 1 < ct.size()) ++i;
        value.push_back(ct[i]);
      }
      next = ct.find(';', i);
    } else {
      next = ct.find(';', v);
      value = std::string(trim(ct.substr(v, next == std::string_view::npos ? std::string_view::npos : next - v)));
    }
    if (iequal(key, name)) return value;
    pos = next;
  }
  return std::nullopt;
}

std::string_view header_block(std::string_view message) {
  Split s = split_entity(message, 1);
  return s.headers;
}

std::string build_report(const ReportParts& p) {
  std::string human = to_crlf(p.human_text);
  std::string machine = to_crlf(p.machine_body);
  std::string returned = p.returned == ReturnedKind::none ? std::string() : to_crlf(p.returned_content);
  std::uint64_t h = fnv1a(returned, fnv1a(machine, fnv1a(human)));
  std::string boundary;
  for (int attempt = 0;; ++attempt) {
    boundary = "=_mixer_report_" + hex64(h + static_cast<std::uint64_t>(attempt));
    std::string dash = "--" + boundary;
    if (human.find(dash) == std::string::npos && machine.find(dash) == std::string::npos &&
        returned.find(dash) == std::string::npos) {
      break;
    }
  }
  std::string out;
  for (const auto& [name, value] : p.headers) append_field(out, name, value);
  append_field(out, "Auto-Submitted", "auto-replied");
  append_field(out, "MIME-Version", "1.0");
  append_field(out, "Content-Type",
               "multipart/report; report-type=" + p.report_type + "; boundary=\"" + boundary + "\"");
  out.append("\r\nThis is a MIME-encapsulated report.\r\n\r\n");
  out.append("--").append(boundary).append("\r\n");
  bool human8 = is_8bit(human);
  append_field(out, "Content-Type", human8 ? "text/plain; charset=utf-8" : "text/plain; charset=us-ascii");
  append_field(out, "Content-Transfer-Encoding", human8 ? "8bit" : "7bit");
  out.append("\r\n").append(human);
  out.append("\r\n--").append(boundary).append("\r\n");
  append_field(out, "Content-Type", p.machine_type);
  out.append("\r\n").append(machine);
  if (p.returned != ReturnedKind::none) {
    out.append("\r\n--").append(boundary).append("\r\n");
    append_field(out, "Content-Type", p.returned == ReturnedKind::full_message ? "message/rfc822" : "text/rfc822-headers");
    // RFC 2046 §5.2.1: message/rfc822 takes only 7bit, 8bit or binary.
    if (is_8bit(returned)) append_field(out, "Content-Transfer-Encoding", "8bit");
    out.append("\r\n").append(returned);
  }
  out.append("\r\n--").append(boundary).append("--\r\n");
  return out;
}

Result<ReceivedReport, ReportError> parse_report(std::string_view message, const ReportLimits& limits) {
  if (message.size() > limits.max_input) {
    return fail(ReportError{"message of " + std::to_string(message.size()) + " octets exceeds max_input", "", 0});
  }
  ReceivedReport rr;
  Split top = split_entity(message, 1);
  rr.headers = MIXER_TRY(parse_headers(top.headers, limits, 1));
  auto ct = header_value(rr.headers, "Content-Type");
  if (!ct || media_type(*ct) != "multipart/report") {
    return fail(ReportError{"not a multipart/report message", "Content-Type", 0});
  }
  auto rt = media_parameter(*ct, "report-type");
  if (!rt) return fail(ReportError{"multipart/report without report-type (RFC 6522 §3)", "Content-Type", 0});
  rr.report_type = media_type(*rt);
  auto boundary = media_parameter(*ct, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) {
    return fail(ReportError{"missing or invalid boundary parameter (RFC 2046 §5.1.1)", "Content-Type", 0});
  }
  const std::string dash = "--" + *boundary;
  // Walk the body line by line; a delimiter line is "--boundary" optionally
  // followed by "--" and transport padding.
  std::string_view body = top.body;
  std::size_t line = top.body_line;
  std::size_t pos = 0;
  std::optional<std::size_t> part_start;
  std::size_t part_line = 0;
  bool closed = false;
  auto finish_part = [&](std::size_t end) -> Status<ReportError> {
    if (!part_start) return Ok{};
    std::string_view entity = body.substr(*part_start, end - *part_start);
    // The CRLF before the delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    if (!entity.empty() && entity.back() == '\n') entity.remove_suffix(1);
    if (!entity.empty() && entity.back() == '\r') entity.remove_suffix(1);
    if (rr.parts.size() >= limits.max_parts) {
      return fail(ReportError{"more than max_parts " + std::to_string(limits.max_parts) + " body parts", "", part_line});
    }
    Split s = split_entity(entity, part_line);
    ReceivedPart part;
    part.headers = MIXER_TRY(parse_headers(s.headers, limits, part_line));
    auto pct = header_value(part.headers, "Content-Type");
    part.content_type = pct ? media_type(*pct) : "text/plain";  // RFC 2045 §5.2 default
    // The MIME layer's codecs (RFC 2045 §6); an unknown encoding leaves the
    // body as it is (§6.4), and the machine-part parser then judges it.
    auto cte = header_value(part.headers, "Content-Transfer-Encoding");
    auto te = cte ? mime::parse_transfer_encoding(*cte) : mime::TransferEncoding::seven_bit;
    if (te) {
      auto decoded = mime::decode_body(*te, s.body);
      if (!decoded) {
        return fail(ReportError{"body part: " + decoded.error().what, "Content-Transfer-Encoding", s.body_line});
      }
      part.body = std::move(*decoded);
    } else {
      part.body = std::string(s.body);
    }
    part.body_line = s.body_line;
    rr.parts.push_back(std::move(part));
    return Ok{};
  };
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? body.size() : eol;
    std::string_view l = body.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.size() > limits.max_line) {
      return fail(ReportError{"line exceeds max_line " + std::to_string(limits.max_line), "", line});
    }
    std::size_t next = eol == std::string_view::npos ? body.size() : eol + 1;
    if (l.substr(0, dash.size()) == dash) {
      std::string_view tail = l.substr(dash.size());
      bool last = tail.substr(0, 2) == "--";
      if (last) tail.remove_prefix(2);
      if (trim(tail).empty()) {
        MIXER_REPORT_CHECK(finish_part(pos));
        if (last) {
          closed = true;
          part_start.reset();
          break;
        }
        part_start = next;
        part_line = line + 1;
      }
    }
    pos = next;
    ++line;
  }
  if (!closed) return fail(ReportError{"multipart/report lacks its closing boundary", "", line});
  for (std::size_t i = 0; i < rr.parts.size(); ++i) {
    const std::string& t = rr.parts[i].content_type;
    if (!rr.machine_index && (t == "message/delivery-status" || t == "message/global-delivery-status" ||
                              t == "message/disposition-notification" ||
                              t == "message/global-disposition-notification")) {
      rr.machine_index = i;
    } else if (rr.machine_index && !rr.returned_index &&
               (t == "message/rfc822" || t == "text/rfc822-headers" || t == "message/global" ||
                t == "message/global-headers")) {
      rr.returned_index = i;
    }
  }
  return rr;
}

}  // namespace mixer::mapping::report
