// The MIME entity tree (RFC 2045 §2.4, RFC 2046 §5). Bodies are views into
// a shared, immutable buffer (the received message, or a buffer produced by
// decoding/encoding), so parsing a message with a 10 MiB attachment copies
// no body bytes; an entity stays valid while any BodyRef keeps its buffer.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/mime/header.hpp"

namespace mixer::mapping::mime {

// A view plus the owner of the viewed bytes.
struct BodyRef {
  std::string_view bytes;
  std::shared_ptr<const void> owner;  // any storage (a string, a decoded BER buffer)

  // Takes ownership of `s` (moved, not copied) and views all of it.
  static BodyRef own(std::string s) {
    auto p = std::make_shared<const std::string>(std::move(s));
    return BodyRef{std::string_view(*p), p};
  }
  // A sub-view sharing the same owner.
  BodyRef sub(std::size_t pos, std::size_t len) const { return BodyRef{bytes.substr(pos, len), owner}; }
  bool empty() const { return bytes.empty(); }
};

enum class EntityKind {
  leaf,       // body is the (transfer-encoded) content
  multipart,  // parts are the body parts; preamble/epilogue kept
  message,    // message/rfc822 (or global) with 7bit/8bit/binary encoding: parts[0] is the inner message
};

struct Entity {
  HeaderList headers;
  EntityKind kind = EntityKind::leaf;
  BodyRef body;  // leaf only: the body as on the wire
  // multipart only
  std::string boundary;
  bool has_preamble = false;  // there were bytes (maybe one empty line) before the first delimiter
  BodyRef preamble;
  bool has_epilogue = false;  // the close delimiter was followed by a line break
  BodyRef epilogue;
  std::vector<Entity> parts;
  // The blank line between header and body was present (always written for
  // entities with a body or when true).
  bool has_separator = true;
  // As a body part: a line break separates this part from the next
  // delimiter. False only for an empty part whose delimiter line directly
  // follows the previous one ("--b" CRLF "--b").
  bool break_before_delimiter = true;
  // A part of a multipart/digest: its default Content-Type is message/rfc822
  // (RFC 2046 §5.1.5), so content_type_of(Entity) must know where it stood.
  bool in_digest = false;
};

}  // namespace mixer::mapping::mime
