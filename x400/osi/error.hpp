// Errors of the OSI upper-layer machines (x400/osi): which layer, which PDU
// or field, at which byte offset of the unit being parsed, and whether the
// peer broke the protocol or the caller misused the API.
#pragma once

#include <cstddef>
#include <string>

namespace mixer::x400::osi {

enum class OsiErrorKind {
  peer_protocol,  // the peer sent something the standard forbids
  limit,          // a configured limit was exceeded (size, count)
  api_misuse,     // the local caller asked for something illegal in this state
};

struct OsiError {
  OsiErrorKind kind = OsiErrorKind::peer_protocol;
  std::string layer;   // "tpkt", "x224", "session", "presentation", "acse", "rtse", "p1"
  std::string where;   // PDU / field path, e.g. "CR.variable-part.c0"
  std::size_t offset = 0;
  std::string message;

  std::string to_string() const {
    return layer + ": " + where + " at offset " + std::to_string(offset) + ": " + message;
  }
};

inline OsiError peer_error(std::string layer, std::string where, std::size_t offset, std::string msg) {
  return OsiError{OsiErrorKind::peer_protocol, std::move(layer), std::move(where), offset, std::move(msg)};
}
inline OsiError misuse_error(std::string layer, std::string where, std::string msg) {
  return OsiError{OsiErrorKind::api_misuse, std::move(layer), std::move(where), 0, std::move(msg)};
}
inline OsiError limit_error(std::string layer, std::string where, std::size_t offset, std::string msg) {
  return OsiError{OsiErrorKind::limit, std::move(layer), std::move(where), offset, std::move(msg)};
}

}  // namespace mixer::x400::osi

// Propagates the error of a Status<OsiError> expression (MIXER_TRY needs a value).
#define MIXER_OSI_CHECK(expr)                            \
  do {                                                   \
    auto mixer_osi_r_ = (expr);                          \
    if (!mixer_osi_r_.ok()) return ::mixer::fail(std::move(mixer_osi_r_).error()); \
  } while (0)
