// BER/DER writer (X.690 clauses 8, 10, 11): appends TLVs to one growing
// buffer, back-patching the length of each constructed element when it is
// closed (like BoringSSL's CBB). Output is always definite-length with
// minimal length octets and minimal integers, so it is deterministic and is
// DER whenever the caller writes DER-ordered values (SET components in tag
// order; end_set_of_der() sorts SET OF; BOOLEAN TRUE is 0xFF; named-bit
// BIT STRINGs trimmed with BitString::trim_trailing_zeros()).
//
// Errors (an unencodable value, closing elements out of order) are sticky:
// the first one is kept and returned by finish().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "x400/ber/error.hpp"
#include "x400/ber/reader.hpp"
#include "x400/ber/tag.hpp"
#include "x400/ber/types.hpp"

namespace mixer::x400::ber {

class Writer {
 public:
  // An open constructed element, closed by end().
  struct Mark {
    std::size_t start = 0;      // of the identifier octets
    std::size_t length_at = 0;  // of the placeholder length octet
  };

  Writer() = default;
  // Pre-size the buffer when the output size is roughly known.
  void reserve(std::size_t n) { out_.reserve(n); }

  Mark begin(Tag t);  // identifier (constructed) + placeholder length
  void end(Mark m);   // back-patches the length (X.690 8.1.3, minimal form)
  // Closes `m` and drops it if it has no contents (an empty OPTIONAL SET OF).
  void end_or_drop_if_empty(Mark m);
  // Closes a SET OF with its components sorted as DER requires (X.690 11.6).
  void end_set_of_der(Mark m);

  void boolean(bool v, Tag t = tags::kBoolean);  // TRUE as 0xFF (X.690 11.1)
  void integer(std::int64_t v, Tag t = tags::kInteger);
  // INTEGER from its two's-complement octets (non-empty; re-minimised).
  void big_integer(Bytes twos_complement, Tag t = tags::kInteger);
  void enumerated(std::int64_t v, Tag t = tags::kEnumerated) { integer(v, t); }
  void null(Tag t = tags::kNull);
  void oid(const Oid& v, Tag t = tags::kObjectIdentifier);
  void relative_oid(const Oid& v, Tag t = tags::kRelativeOid);
  void octets(Bytes v, Tag t = tags::kOctetString);
  void octets(std::string_view v, Tag t = tags::kOctetString);
  void bit_string(const BitString& v, Tag t = tags::kBitString);
  // A character string; `v` in memory form (UTF-8 for BMP/Universal/UTF8).
  // Characters outside the kind's set are an error.
  void string(std::string_view v, StringKind kind, Tag t);
  void string(std::string_view v, StringKind kind);  // with the kind's universal tag
  void time(const Time& v, Tag t);
  void time(const Time& v);  // UTCTime or GeneralizedTime tag by v.kind
  // A primitive element with the given contents octets.
  void primitive(Tag t, Bytes contents);
  // A complete TLV encoded elsewhere (open types, kept unknown extensions).
  void raw(Bytes tlv);

  void set_error(BerError e);
  bool ok() const { return !failed_; }
  std::size_t size() const { return out_.size(); }
  const std::vector<std::uint8_t>& bytes() const { return out_; }
  // The encoding, or the first error; every begin() must have been closed.
  BerResult<std::vector<std::uint8_t>> finish() &&;

 private:
  void identifier(Tag t, bool constructed);
  void length(std::size_t n);

  std::vector<std::uint8_t> out_;
  std::vector<std::size_t> open_;
  bool failed_ = false;
  BerError error_;
};

// The universal tag of a string kind (X.680 8.4 Table 1).
Tag tag_of(StringKind kind);

}  // namespace mixer::x400::ber
