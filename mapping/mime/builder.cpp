#include "mapping/mime/builder.hpp"

#include <atomic>
#include <cstdint>

#include "mapping/mime/printer.hpp"

namespace mixer::mapping::mime {

namespace {

bool contains(const Entity& e, std::string_view needle) {
  for (const auto& f : e.headers)
    if (f.raw_value.find(needle) != std::string::npos) return true;
  if (e.body.bytes.find(needle) != std::string_view::npos) return true;
  if (e.preamble.bytes.find(needle) != std::string_view::npos) return true;
  if (e.epilogue.bytes.find(needle) != std::string_view::npos) return true;
  if (e.boundary.find(needle) != std::string::npos) return true;
  for (const auto& p : e.parts)
    if (contains(p, needle)) return true;
  return false;
}

bool has_8bit(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

bool has_8bit(const Entity& e) {
  for (const auto& f : e.headers)
    if (has_8bit(f.name) || has_8bit(f.raw_value)) return true;
  if (has_8bit(e.body.bytes) || has_8bit(e.preamble.bytes) || has_8bit(e.epilogue.bytes)) return true;
  for (const auto& p : e.parts)
    if (has_8bit(p)) return true;
  return false;
}

std::string candidate_boundary(std::uint64_t n) {
  // "=_" cannot occur in base64 or in quoted-printable output (RFC 2045
  // §6.7 encodes '=' as =3D, and "=_" is not a valid escape), so most
  // bodies need no scan hit at all.
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
  std::string b = "=_mixer_";
  for (int i = 0; i < 13; ++i) {
    b.push_back(kDigits[n & 31]);
    n >>= 5;
  }
  return b;
}

}  // namespace

Entity make_leaf(const ContentType& ct, const BodyRef& decoded, const EncodingPolicy& policy,
                 std::string_view eol) {
  Entity e;
  e.headers.add("Content-Type", format_parameterized(from_content_type(ct)));
  bool text = ct.is_text();
  TransferEncoding te = choose_encoding(decoded.bytes, text, policy);
  if (te != TransferEncoding::seven_bit) e.headers.add("Content-Transfer-Encoding", to_string(te));
  if (te == TransferEncoding::seven_bit || te == TransferEncoding::eight_bit ||
      te == TransferEncoding::binary)
    e.body = decoded;
  else
    e.body = BodyRef::own(encode_body(te, decoded.bytes, text, eol));
  return e;
}

Entity make_multipart(std::string_view subtype, std::vector<Entity> parts,
                      std::vector<Parameter> extra_params) {
  static std::atomic<std::uint64_t> counter{0x5deece66dULL};
  Entity e;
  e.kind = EntityKind::multipart;
  e.parts = std::move(parts);
  std::string boundary;
  while (true) {
    // splitmix64 over a process-wide counter: distinct, well-spread names.
    std::uint64_t n = counter.fetch_add(0x9E3779B97F4A7C15ULL);
    n = (n ^ (n >> 30)) * 0xBF58476D1CE4E5B9ULL;
    n = (n ^ (n >> 27)) * 0x94D049BB133111EBULL;
    n ^= n >> 31;
    boundary = candidate_boundary(n);
    bool clash = false;
    for (const auto& p : e.parts)
      if (contains(p, "--" + boundary)) clash = true;
    if (!clash) break;
  }
  e.boundary = boundary;
  ParameterizedValue v{"multipart/" + std::string(subtype), std::move(extra_params)};
  v.set_param("boundary", boundary);
  e.headers.add("Content-Type", format_parameterized(v));
  e.has_epilogue = true;  // close delimiter followed by a line break
  return e;
}

Entity make_message(Entity inner) {
  Entity e;
  bool eight = has_8bit(inner);
  e.headers.add("Content-Type", "message/rfc822");
  if (eight) e.headers.add("Content-Transfer-Encoding", "8bit");
  e.kind = EntityKind::message;
  e.parts.push_back(std::move(inner));
  return e;
}

Result<BodyRef, MimeError> decoded_body(const Entity& leaf) {
  auto cte = parse_transfer_encoding(leaf.headers.get("Content-Transfer-Encoding").value_or(""));
  if (!cte) return leaf.body;  // unknown encoding: the bytes as they are (RFC 2045 §6.4)
  if (*cte == TransferEncoding::base64 || *cte == TransferEncoding::quoted_printable) {
    auto d = decode_body(*cte, leaf.body.bytes);
    if (!d) return fail(std::move(d).error());
    return BodyRef::own(std::move(d).value());
  }
  return leaf.body;
}

}  // namespace mixer::mapping::mime
