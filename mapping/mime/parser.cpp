#include "mapping/mime/parser.hpp"

#include <cstring>

#include "mapping/mime/content_type.hpp"
#include "mapping/mime/transfer_encoding.hpp"

namespace mixer::mapping::mime {

namespace {

struct Line {
  std::size_t begin;
  std::size_t end;   // content end, before CR LF
  std::size_t next;  // start of the following line (== end when there is no line break)
};

// The line starting at pos inside [pos, limit).
Line line_at(std::string_view s, std::size_t pos, std::size_t limit) {
  const void* nl = std::memchr(s.data() + pos, '\n', limit - pos);
  if (!nl) return {pos, limit, limit};
  auto at = static_cast<std::size_t>(static_cast<const char*>(nl) - s.data());
  std::size_t end = at;
  if (end > pos && s[end - 1] == '\r') --end;
  return {pos, end, at + 1};
}

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

bool valid_field_name(std::string_view n) {
  if (n.empty()) return false;
  for (char c : n) {
    auto u = static_cast<unsigned char>(c);
    if (u < 33 || u > 126 || c == ':') return false;
  }
  return true;
}

struct Parser {
  const BodyRef& in;
  const MimeLimits& lim;
  std::size_t entities = 0;

  std::string_view s() const { return in.bytes; }

  MimeError error(std::string what, const std::string& path, std::size_t off) const {
    return MimeError{std::move(what), path, off};
  }

  // Parses the header of the entity at [begin, end); returns the body start.
  Result<std::size_t, MimeError> parse_header(Entity& e, std::size_t begin, std::size_t end,
                                              const std::string& path) {
    std::size_t pos = begin;
    std::string_view text = s();
    HeaderField* current = nullptr;
    std::vector<HeaderField> fields;
    while (pos < end) {
      Line l = line_at(text, pos, end);
      if (l.end - l.begin > lim.max_header_line)
        return fail(
            error("header line longer than limits.mime_max_header_line (" + std::to_string(lim.max_header_line) + ")",
                  path, pos));
      if (l.begin == l.end) {
        if (l.next == l.end) {  // end of data without a line break: header only
          e.has_separator = false;
          pos = l.next;
          break;
        }
        for (auto& f : fields) e.headers.push_raw(std::move(f));
        return l.next;
      }
      std::string_view content = text.substr(l.begin, l.end - l.begin);
      if (is_wsp(content.front())) {
        if (!current) break;  // not a header: the body starts here
        if (current->raw_value.size() + content.size() + 2 > lim.max_header_field)
          return fail(error("header field '" + current->name + "' longer than limits.mime_max_header_field (" + std::to_string(lim.max_header_field) + ")", path, pos));
        current->raw_value += "\r\n";
        current->raw_value += content;
        pos = l.next;
        continue;
      }
      auto colon = content.find(':');
      if (colon == std::string_view::npos) break;
      std::string_view name = content.substr(0, colon);
      while (!name.empty() && is_wsp(name.back())) name.remove_suffix(1);  // obs-optional WSP before ':'
      if (!valid_field_name(name)) break;
      if (fields.size() >= lim.max_header_fields)
        return fail(
            error("more than limits.mime_max_header_fields (" + std::to_string(lim.max_header_fields) + ") header fields",
                  path, pos));
      fields.push_back(
          HeaderField{std::string(content.substr(0, colon)), std::string(content.substr(colon + 1))});
      current = &fields.back();
      pos = l.next;
    }
    // No blank line: the header ends at `pos` (Python: MissingHeaderBodySeparatorDefect).
    for (auto& f : fields) e.headers.push_raw(std::move(f));
    e.has_separator = false;
    return pos;
  }

  Result<Entity, MimeError> parse_entity(std::size_t begin, std::size_t end, std::size_t depth,
                                         const std::string& path, bool in_digest) {
    if (depth > lim.max_depth)
      return fail(error("entities nested deeper than limits.mime_max_depth (" + std::to_string(lim.max_depth) + ")", path,
                        begin));
    if (++entities > lim.max_entities)
      return fail(
          error("more than limits.mime_max_entities (" + std::to_string(lim.max_entities) + ") entities", path, begin));
    Entity e;
    std::size_t body = MIXER_TRY(parse_header(e, begin, end, path));
    ContentType ct = content_type_of(e.headers, in_digest);
    auto cte_value = e.headers.get("Content-Transfer-Encoding");
    auto cte = parse_transfer_encoding(cte_value ? *cte_value : "");
    bool identity = cte && (*cte == TransferEncoding::seven_bit || *cte == TransferEncoding::eight_bit ||
                            *cte == TransferEncoding::binary);
    if (ct.is_multipart() && identity) {
      const std::string* b = ct.param("boundary");
      if (b && !b->empty()) {
        auto st = parse_multipart(e, *b, body, end, depth, path, ct.subtype == "digest");
        if (!st) return fail(std::move(st).error());
        return e;
      }
    }
    if (ct.type == "message" && (ct.subtype == "rfc822" || ct.subtype == "global") && identity) {
      std::string inner_path = path.empty() ? "1" : path + ".1";
      Entity inner = MIXER_TRY(parse_entity(body, end, depth + 1, inner_path, false));
      e.kind = EntityKind::message;
      e.parts.push_back(std::move(inner));
      return e;
    }
    e.body = in.sub(body, end - body);
    return e;
  }

  // RFC 2046 §5.1.1: delimiter = CRLF "--" boundary; the CRLF belongs to it.
  Status<MimeError> parse_multipart(Entity& e, const std::string& boundary, std::size_t begin,
                                    std::size_t end, std::size_t depth, const std::string& path,
                                    bool digest) {
    std::string_view text = s();
    std::string delim = "--" + boundary;
    std::size_t pos = begin;
    std::size_t prev_content_end = begin;  // where the line break before the current line starts
    bool first_line = true;
    bool seen_first = false;
    std::size_t part_begin = 0;
    struct Span {
      std::size_t begin, end;
      bool break_before;
    };
    std::vector<Span> spans;
    bool closed = false;
    while (pos < end) {
      Line l = line_at(text, pos, end);
      std::string_view content = text.substr(l.begin, l.end - l.begin);
      bool is_delim = false;
      bool is_close = false;
      if (content.size() >= delim.size() && content.compare(0, delim.size(), delim) == 0) {
        std::string_view rest = content.substr(delim.size());
        if (rest.size() >= 2 && rest[0] == '-' && rest[1] == '-') {
          is_close = true;
          rest.remove_prefix(2);
        }
        is_delim = true;
        for (char c : rest)
          if (!is_wsp(c)) is_delim = false;
        if (!is_delim) is_close = false;
      }
      if (is_delim) {
        std::size_t stop = first_line ? l.begin : prev_content_end;
        if (!seen_first) {
          if (!first_line) {
            e.has_preamble = true;
            e.preamble = in.sub(begin, stop - begin);
          }
        } else {
          spans.push_back({part_begin, std::max(part_begin, stop), stop >= part_begin});
        }
        seen_first = true;
        part_begin = l.next;
        if (is_close) {
          closed = true;
          if (l.next > l.end) {
            e.has_epilogue = true;
            e.epilogue = in.sub(l.next, end - l.next);
          }
          break;
        }
      }
      first_line = false;
      prev_content_end = l.end;
      pos = l.next;
      if (l.next == l.end) break;
    }
    if (!seen_first) {
      // No delimiter at all: keep the body as opaque text (Python:
      // NoBoundaryInMultipartDefect).
      e.body = in.sub(begin, end - begin);
      return Ok{};
    }
    if (!closed) spans.push_back({part_begin, std::max(part_begin, end), true});  // CloseBoundaryNotFound
    e.kind = EntityKind::multipart;
    e.boundary = boundary;
    std::size_t n = 0;
    for (const auto& span : spans) {
      std::string child_path = path.empty() ? std::to_string(++n) : path + "." + std::to_string(++n);
      Entity child = MIXER_TRY(parse_entity(span.begin, span.end, depth + 1, child_path, digest));
      child.break_before_delimiter = span.break_before;
      child.in_digest = digest;
      e.parts.push_back(std::move(child));
    }
    return Ok{};
  }
};

}  // namespace

std::string_view detect_eol(std::string_view text) noexcept {
  auto nl = text.find('\n');
  if (nl == std::string_view::npos || (nl > 0 && text[nl - 1] == '\r')) return "\r\n";
  return "\n";
}

Result<Entity, MimeError> parse_message(const BodyRef& input, const MimeLimits& limits) {
  if (input.bytes.size() > limits.max_message_size)
    return fail(MimeError{
        "message larger than limits.mime_max_message_size (" + std::to_string(limits.max_message_size) + ")", "", 0});
  Parser p{input, limits};
  return p.parse_entity(0, input.bytes.size(), 0, "", false);
}

Result<Entity, MimeError> parse_message(std::string input, const MimeLimits& limits) {
  return parse_message(BodyRef::own(std::move(input)), limits);
}

}  // namespace mixer::mapping::mime
