// BER reader (X.690 clause 8): a non-owning view over encoded bytes that hands
// out one Element per TLV. Modelled on BoringSSL's CBS: no allocation, no copy,
// child readers are views into the parent's bytes.
//
// Rules implemented (X.690 clause in brackets):
//  - identifier octets, all four classes, high tag numbers [8.1.2.4], with
//    minimal high-tag encoding required [8.1.2.4.2 c];
//  - definite lengths, short and long form [8.1.3.3-5], length overflow
//    checked against the remaining bytes; the reserved 0xFF length rejected
//    [8.1.3.5 c];
//  - indefinite length only for constructed encodings [8.1.3.2 a], ended by
//    end-of-contents [8.1.5]; Element::content excludes the EOC octets;
//  - every read is bounded by Limits (depth, element count, total size).
//
// Offsets in errors and in Element are from the start of the outermost buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "x400/ber/error.hpp"
#include "x400/ber/limits.hpp"
#include "x400/ber/tag.hpp"

namespace mixer::x400::ber {

using Bytes = std::span<const std::uint8_t>;

class Reader;
struct ReadBudget;

// One TLV. `content` is the contents octets (for an indefinite length: up to,
// not including, the end-of-contents); `encoding` is the whole TLV including
// identifier, length and EOC octets, for keeping open types and unknown
// extensions as raw bytes.
struct Element {
  Tag tag;
  bool constructed = false;
  bool indefinite = false;
  std::size_t offset = 0;          // of the identifier octet
  std::size_t content_offset = 0;  // of the first contents octet
  Bytes content;
  Bytes encoding;

  // A reader over the children of a constructed element (one level deeper).
  // An error if the element is primitive or the depth limit is reached.
  BerResult<Reader> children() const;

 private:
  friend class Reader;
  std::shared_ptr<ReadBudget> budget_;
  std::size_t depth_ = 0;
};

struct ReadBudget {
  Limits limits;
  std::size_t elements = 0;
};

class Reader {
 public:
  // The outermost reader over a whole encoding.
  explicit Reader(Bytes data, const Limits& limits = {});

  bool empty() const { return data_.empty(); }
  std::size_t offset() const { return base_; }  // absolute offset of the next byte
  std::size_t depth() const { return depth_; }
  const Limits& limits() const { return budget_->limits; }

  // Reads the next TLV, whatever its tag.
  BerResult<Element> next();
  // The tag of the next TLV without consuming it (nullopt when empty).
  BerResult<std::optional<Tag>> peek_tag() const;
  // True when the next TLV has tag `t` (false when empty or malformed: the
  // following next()/expect() reports the error).
  bool next_is(Tag t) const;
  // Reads the next TLV and requires tag `t`.
  BerResult<Element> expect(Tag t);
  // Reads the next TLV if it has tag `t`; nullopt (nothing consumed) otherwise.
  BerResult<std::optional<Element>> optional(Tag t);
  // Requires that every byte was read (no trailing data in a SEQUENCE).
  BerStatus finish() const;

 private:
  friend struct Element;
  Reader(Bytes data, std::size_t base, std::size_t depth, std::shared_ptr<ReadBudget> budget);

  Bytes data_;
  std::size_t base_ = 0;
  std::size_t depth_ = 0;
  std::shared_ptr<ReadBudget> budget_;
  bool oversize_ = false;
};

}  // namespace mixer::x400::ber
