// Limits applied to every BER decode (x400/ber). One struct, passed down by the
// Reader to every child reader, so no recursion or allocation is unbounded.
// Each limit has a default and an allowed range; config/ exposes them as
// x400.ber.* settings and calls validate().
#pragma once

#include <cstddef>
#include <string>

namespace mixer::x400::ber {

struct Limits {
  // Maximum nesting of constructed elements (X.690 8.1.3.2 lets indefinite
  // lengths nest without bound; we do not). Range 8..1024.
  std::size_t max_depth = 64;
  static constexpr std::size_t kMinDepth = 8, kMaxDepth = 1024;

  // Maximum number of TLV elements read in one decode (counts every
  // element, including constructed-string segments). Range 16..100,000,000.
  std::size_t max_elements = 4'000'000;
  static constexpr std::size_t kMinElements = 16, kMaxElements = 100'000'000;

  // Maximum size of the outermost buffer in bytes. Range 1 KiB..4 GiB.
  std::size_t max_total_size = 256u * 1024u * 1024u;
  static constexpr std::size_t kMinTotalSize = 1024, kMaxTotalSize = std::size_t{4} * 1024u * 1024u * 1024u;

  // Empty when every field is within its range, else a message naming the field.
  std::string validate() const;
};

}  // namespace mixer::x400::ber
