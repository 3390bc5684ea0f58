// BER TLV reader: identifier and length octets (X.690 8.1.2, 8.1.3),
// end-of-contents scanning for indefinite lengths (8.1.5), limits.
#include "x400/ber/reader.hpp"

#include <limits>
#include <string>

namespace mixer::x400::ber {
namespace {

struct Header {
  Tag tag;
  bool constructed = false;
  bool indefinite = false;
  std::size_t header_len = 0;
  std::size_t content_len = 0;  // 0 when indefinite
};

bool is_eoc(Bytes d) { return d.size() >= 2 && d[0] == 0 && d[1] == 0; }

// Parses identifier and length octets at the start of `d` (absolute offset `at`).
BerResult<Header> parse_header(Bytes d, std::size_t at) {
  if (d.empty()) return fail(malformed(at, "truncated: identifier octet missing"));
  Header h;
  const std::uint8_t first = d[0];
  h.tag.cls = static_cast<TagClass>(first >> 6);
  h.constructed = (first & 0x20) != 0;
  std::uint32_t number = first & 0x1f;
  std::size_t pos = 1;
  if (number == 0x1f) {  // X.690 8.1.2.4: high tag number form
    number = 0;
    for (bool first_sub = true;; first_sub = false) {
      if (pos >= d.size()) return fail(malformed(at, "truncated: high tag number runs past end"));
      const std::uint8_t c = d[pos++];
      if (first_sub && c == 0x80)  // 8.1.2.4.2 c: bits 7..1 of the first subsequent octet shall not all be 0
        return fail(malformed(at, "high tag number has a leading zero octet (X.690 8.1.2.4.2 c)"));
      if (number > (std::numeric_limits<std::uint32_t>::max() >> 7))
        return fail(limit_exceeded(at, "tag number does not fit in 32 bits"));
      number = (number << 7) | (c & 0x7fu);
      if ((c & 0x80) == 0) break;
    }
    if (number < 31)  // 8.1.2.2 / 8.1.2.4: numbers 0..30 use the low tag form
      return fail(malformed(at, "tag number " + std::to_string(number) + " uses the high tag form (X.690 8.1.2.2)"));
  }
  h.tag.number = number;
  if (h.tag.cls == TagClass::universal && number == 0)
    return fail(malformed(at, "unexpected end-of-contents octets (X.690 8.1.5)"));
  if (pos >= d.size()) return fail(malformed(at, "truncated: length octet missing"));
  const std::uint8_t l = d[pos++];
  if (l == 0x80) {  // 8.1.3.6: indefinite form
    if (!h.constructed)
      return fail(malformed(at, "indefinite length on a primitive encoding (X.690 8.1.3.2 a)"));
    h.indefinite = true;
    h.header_len = pos;
    return h;
  }
  std::size_t len = l;
  if (l & 0x80) {  // 8.1.3.5: long form
    const std::size_t n = l & 0x7fu;
    if (n == 0x7f) return fail(malformed(at, "length octet 0xFF is reserved (X.690 8.1.3.5 c)"));
    if (n > d.size() - pos) return fail(malformed(at, "truncated: long-form length runs past end"));
    len = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (len > (std::numeric_limits<std::size_t>::max() >> 8))
        return fail(limit_exceeded(at, "length does not fit in a size_t"));
      len = (len << 8) | d[pos++];
    }
  }
  if (len > d.size() - pos)
    return fail(malformed(at, "length " + std::to_string(len) + " runs past the end of the enclosing data (" +
                                  std::to_string(d.size() - pos) + " bytes left)"));
  h.header_len = pos;
  h.content_len = len;
  return h;
}

// Length of the contents of an indefinite-length element that starts at `d`
// (just after its length octet), up to and excluding its EOC.
BerResult<std::size_t> find_eoc(Bytes d, std::size_t at, std::size_t depth, const Limits& limits) {
  if (depth > limits.max_depth)
    return fail(limit_exceeded(at, "nesting deeper than max_depth " + std::to_string(limits.max_depth)));
  std::size_t pos = 0;
  for (;;) {
    if (d.size() - pos < 2)
      return fail(malformed(at + pos, "truncated: end-of-contents of an indefinite length missing"));
    if (is_eoc(d.subspan(pos))) return pos;
    auto h = MIXER_TRY(parse_header(d.subspan(pos), at + pos));
    if (h.indefinite) {
      const std::size_t inner_at = pos + h.header_len;
      auto inner = MIXER_TRY(find_eoc(d.subspan(inner_at), at + inner_at, depth + 1, limits));
      pos = inner_at + inner + 2;
    } else {
      pos += h.header_len + h.content_len;
    }
  }
}

}  // namespace

std::string Limits::validate() const {
  if (max_depth < kMinDepth || max_depth > kMaxDepth) return "max_depth must be within 8..1024";
  if (max_elements < kMinElements || max_elements > kMaxElements)
    return "max_elements must be within 16..100000000";
  if (max_total_size < kMinTotalSize || max_total_size > kMaxTotalSize)
    return "max_total_size must be within 1024..4294967296";
  return {};
}

Reader::Reader(Bytes data, const Limits& limits)
    : data_(data), budget_(std::make_shared<ReadBudget>(ReadBudget{limits, 0})) {
  oversize_ = data.size() > limits.max_total_size;
}

Reader::Reader(Bytes data, std::size_t base, std::size_t depth, std::shared_ptr<ReadBudget> budget)
    : data_(data), base_(base), depth_(depth), budget_(std::move(budget)) {}

BerResult<Element> Reader::next() {
  if (oversize_)
    return fail(limit_exceeded(0, "encoding of " + std::to_string(data_.size()) +
                                      " bytes exceeds max_total_size " +
                                      std::to_string(budget_->limits.max_total_size)));
  if (data_.empty()) return fail(unexpected(base_, "expected another element, found the end of the contents"));
  auto h = MIXER_TRY(parse_header(data_, base_));
  if (++budget_->elements > budget_->limits.max_elements)
    return fail(limit_exceeded(base_, "more than max_elements " + std::to_string(budget_->limits.max_elements) +
                                          " elements"));
  std::size_t total = h.header_len + h.content_len;
  std::size_t content_len = h.content_len;
  if (h.indefinite) {
    content_len = MIXER_TRY(find_eoc(data_.subspan(h.header_len), base_ + h.header_len, depth_ + 1, budget_->limits));
    total = h.header_len + content_len + 2;
  }
  Element e;
  e.tag = h.tag;
  e.constructed = h.constructed;
  e.indefinite = h.indefinite;
  e.offset = base_;
  e.content_offset = base_ + h.header_len;
  e.content = data_.subspan(h.header_len, content_len);
  e.encoding = data_.first(total);
  e.budget_ = budget_;
  e.depth_ = depth_;
  data_ = data_.subspan(total);
  base_ += total;
  return e;
}

BerResult<std::optional<Tag>> Reader::peek_tag() const {
  if (data_.empty()) return std::optional<Tag>{};
  auto h = MIXER_TRY(parse_header(data_, base_));
  return std::optional<Tag>{h.tag};
}

bool Reader::next_is(Tag t) const {
  auto p = peek_tag();
  return p.ok() && p->has_value() && **p == t;
}

BerResult<Element> Reader::expect(Tag t) {
  if (data_.empty()) return fail(unexpected(base_, "missing element " + t.to_string()));
  auto e = MIXER_TRY(next());
  if (e.tag != t)
    return fail(unexpected(e.offset, "expected " + t.to_string() + ", found " + e.tag.to_string()));
  return e;
}

BerResult<std::optional<Element>> Reader::optional(Tag t) {
  if (data_.empty()) return std::optional<Element>{};
  auto tag = MIXER_TRY(peek_tag());
  if (!tag || *tag != t) return std::optional<Element>{};
  auto e = MIXER_TRY(next());
  return std::optional<Element>{std::move(e)};
}

BerStatus Reader::finish() const {
  if (!data_.empty()) {
    auto tag = peek_tag();
    std::string what = tag.ok() && tag->has_value() ? (*tag)->to_string() : std::string("bytes");
    return fail(unexpected(base_, "unexpected trailing " + what + " (" + std::to_string(data_.size()) +
                                      " bytes left)"));
  }
  return Ok{};
}

BerResult<Reader> Element::children() const {
  if (!constructed) return fail(unexpected(offset, tag.to_string() + ": expected a constructed encoding"));
  if (depth_ + 1 > budget_->limits.max_depth)
    return fail(limit_exceeded(offset, "nesting deeper than max_depth " + std::to_string(budget_->limits.max_depth)));
  return Reader(content, content_offset, depth_ + 1, budget_);
}

std::string Tag::to_string() const {
  switch (cls) {
    case TagClass::universal: return "[UNIVERSAL " + std::to_string(number) + "]";
    case TagClass::application: return "[APPLICATION " + std::to_string(number) + "]";
    case TagClass::context: return "[" + std::to_string(number) + "]";
    case TagClass::private_: return "[PRIVATE " + std::to_string(number) + "]";
  }
  return "[?]";
}

const char* to_string(BerErrorKind kind) {
  switch (kind) {
    case BerErrorKind::malformed: return "malformed";
    case BerErrorKind::unexpected: return "unexpected";
    case BerErrorKind::limit: return "limit";
    case BerErrorKind::encode: return "encode";
  }
  return "?";
}

std::string BerError::to_string() const {
  std::string s = "ber: ";
  s += ber::to_string(kind);
  s += ": ";
  s += path.empty() ? std::string("(top)") : path;
  s += " at offset " + std::to_string(offset) + ": " + message;
  return s;
}

BerError within(BerError e, std::string_view segment) {
  if (e.path.empty() || e.path.front() == '[')
    e.path.insert(0, segment);
  else
    e.path.insert(0, std::string(segment) + ".");
  return e;
}

BerError within_index(BerError e, std::size_t index) {
  return within(std::move(e), "[" + std::to_string(index) + "]");
}

}  // namespace mixer::x400::ber
