// BER decoding errors (x400/ber): what was wrong, where (a field path such as
// "MessageTransferEnvelope.per-recipient-fields[2].recipient-name") and at which
// byte offset of the outermost buffer. Errors are values, never exceptions.
//
// Decoders build the path bottom-up: the innermost failure has an empty path
// and each enclosing decoder prefixes its field name with within() (or the
// MIXER_BER_FIELD / MIXER_BER_CHECK macros below).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace mixer::x400::ber {

enum class BerErrorKind {
  malformed,   // the bytes break X.690 (bad length, bad tag, truncated, ...)
  unexpected,  // well-formed BER that does not match the ASN.1 type (wrong tag, missing field, bad value)
  limit,       // a configured limit (depth, element count, size) was exceeded
  encode,      // the caller asked the encoder for a value the type cannot carry
};

const char* to_string(BerErrorKind kind);

struct BerError {
  BerErrorKind kind = BerErrorKind::malformed;
  std::string path;  // "" at the failing element; prefixed by each enclosing decoder
  std::size_t offset = 0;
  std::string message;

  // "ber: malformed: MTS-APDU.message.envelope at offset 12: length runs past end"
  std::string to_string() const;
};

inline BerError malformed(std::size_t offset, std::string msg) {
  return BerError{BerErrorKind::malformed, {}, offset, std::move(msg)};
}
inline BerError unexpected(std::size_t offset, std::string msg) {
  return BerError{BerErrorKind::unexpected, {}, offset, std::move(msg)};
}
inline BerError limit_exceeded(std::size_t offset, std::string msg) {
  return BerError{BerErrorKind::limit, {}, offset, std::move(msg)};
}
inline BerError encode_error(std::string msg) { return BerError{BerErrorKind::encode, {}, 0, std::move(msg)}; }

// Prefixes `segment` ("recipient-name", "[2]", "MTS-APDU") to the error's path.
BerError within(BerError e, std::string_view segment);
// Same, with an index: within_index(e, 2) -> "[2]..."
BerError within_index(BerError e, std::size_t index);

template <typename T>
using BerResult = Result<T, BerError>;
using BerStatus = Status<BerError>;

}  // namespace mixer::x400::ber

// auto v = MIXER_BER_FIELD("recipient-name", decode_or_name(r));
// Yields the value, or returns the error with "recipient-name" prefixed to its path.
#define MIXER_BER_FIELD(name, expr)                                                              \
  __extension__({                                                                                \
    auto&& mixer_ber_r_ = (expr);                                                                \
    if (!mixer_ber_r_.ok())                                                                      \
      return ::mixer::fail(::mixer::x400::ber::within(std::move(mixer_ber_r_).error(), (name))); \
    std::move(mixer_ber_r_).value();                                                             \
  })

// MIXER_BER_CHECK("content", r.finish());  for BerStatus (no value).
#define MIXER_BER_CHECK(name, expr)                                                              \
  do {                                                                                           \
    auto mixer_ber_s_ = (expr);                                                                  \
    if (!mixer_ber_s_.ok())                                                                      \
      return ::mixer::fail(::mixer::x400::ber::within(std::move(mixer_ber_s_).error(), (name))); \
  } while (0)

// MIXER_BER_OK(r.finish());  propagates a failed BerStatus unchanged.
#define MIXER_BER_OK(expr)                                                \
  do {                                                                    \
    auto mixer_ber_s_ = (expr);                                           \
    if (!mixer_ber_s_.ok()) return ::mixer::fail(std::move(mixer_ber_s_).error()); \
  } while (0)
