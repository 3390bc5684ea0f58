#include "mapping/body/body.hpp"

#include "mapping/body/tunnel.hpp"
#include "mapping/body/walk.hpp"
#include "mapping/heading/ipm_heading.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/printer.hpp"
#include "mapping/mime/transfer_encoding.hpp"

namespace mixer::mapping::body {

namespace p22 = x400::p22;

namespace detail {

namespace {

// Inline text/plain: no attachment disposition and no file name (a named
// .txt file keeps its name as a file transfer body part).
bool is_inline_text(const mime::Entity& e, const mime::ContentType& ct) {
  if (ct.type != "text" || ct.subtype != "plain" || ct.param("name")) return false;
  auto d = e.headers.get("Content-Disposition");
  if (!d) return true;
  auto v = mime::parse_parameterized(*d);
  return v.value != "attachment" && !v.param("filename");
}

// application/octet-stream with nothing but Content-Type and CTE: the form
// body_to_mime writes for BilaterallyDefined.
bool is_plain_octet_stream(const mime::Entity& e) {
  for (const auto& f : e.headers)
    if (heading::is_mime_field(f.name) && !mime::iequals(f.name, "Content-Type") &&
        !mime::iequals(f.name, "Content-Transfer-Encoding") && !mime::iequals(f.name, "MIME-Version"))
      return false;
  return !mime::content_type_of(e).param("name") && !e.headers.find("X400-FTBP-Parameters");
}

}  // namespace

bool is_content_field(std::string_view name) {
  return name.size() >= 8 && mime::iequals(name.substr(0, 8), "Content-");
}

std::string spaced_base64(const std::vector<std::uint8_t>& bytes) {
  std::string b =
      mime::base64_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), "");
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += 64) {
    if (i) out.push_back(' ');
    out.append(b, i, 64);
  }
  return out;
}

Status<MappingFailure> Walk::count(const std::string& where) {
  if (++parts > options.limits.max_parts)
    return fail(transfer_failure(
        report::NonDeliveryDiagnostic::content_too_long,
        "more than " + std::to_string(options.limits.max_parts) + " body parts (limits.body_max_parts)",
        where));
  return Ok{};
}

Status<MappingFailure> Walk::enter(std::size_t depth, const std::string& where) const {
  if (depth > options.limits.max_depth)
    return fail(conversion_failure(
        report::NonDeliveryDiagnostic::conversion_impractical,
        "body nesting deeper than " + std::to_string(options.limits.max_depth) + " (limits.body_max_depth)",
        where));
  return Ok{};
}

Result<mime::Entity, MappingFailure> part_to_mime(const p22::BodyPart& part, Walk& w, std::size_t depth,
                                                  const std::string& where) {
  if (auto s = w.count(where); !s) return fail(std::move(s).error());
  if (const auto* m = std::get_if<p22::MessageBodyPart>(&part)) {
    if (is_structure_wrapper(*m)) return wrapper_to_mime(*m, w, depth, where);
    return message_to_mime(*m, w, depth, where);
  }
  if (const auto* ft = std::get_if<p22::FileTransferBodyPart>(&part)) return ftbp_to_mime(*ft, w, where);
  if (std::holds_alternative<p22::Ia5TextBodyPart>(part) ||
      std::holds_alternative<p22::GeneralTextBodyPart>(part) ||
      std::holds_alternative<p22::TeletexBodyPart>(part) ||
      std::holds_alternative<p22::BilaterallyDefinedBodyPart>(part))
    return leaf_to_mime(part, w.options.leaf, where);
  return tunnel_to_mime(part, where);
}

Result<mime::Entity, MappingFailure> body_to_entity(const Body& body, Walk& w, std::size_t depth,
                                                    const std::string& where) {
  if (auto s = w.enter(depth, where); !s) return fail(std::move(s).error());
  if (body.empty()) {
    // An empty X.420 body is an empty text/plain entity (and back).
    mime::ContentType ct;
    ct.params.push_back({"charset", "us-ascii"});
    return mime::make_leaf(ct, mime::BodyRef{}, w.options.leaf.encoding);
  }
  if (body.size() == 1) return part_to_mime(body[0], w, depth, where + "[0]");
  std::vector<mime::Entity> parts;
  parts.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i)
    parts.push_back(MIXER_TRY(part_to_mime(body[i], w, depth, where + "[" + std::to_string(i) + "]")));
  return mime::make_multipart("mixed", std::move(parts));
}

Result<p22::BodyPart, MappingFailure> entity_to_part(const mime::Entity& e, Walk& w, std::size_t depth,
                                                     const std::string& where) {
  if (auto s = w.count(where); !s) return fail(std::move(s).error());
  mime::ContentType ct = mime::content_type_of(e);
  if (e.kind == mime::EntityKind::multipart) return wrapper_from_mime(e, w, depth, where);
  if (e.kind == mime::EntityKind::message && !e.parts.empty() && ct.subtype == "rfc822")
    return message_from_mime(e, w, depth, where);
  if (e.kind == mime::EntityKind::message) {
    // message/global and other encapsulations: the inner message as an attachment.
    mime::Entity leaf;
    for (const auto& f : e.headers) leaf.headers.push_raw(f);
    leaf.body = mime::BodyRef::own(mime::print_message(e.parts.at(0)));
    return attachment_from_mime(leaf, w, where);
  }
  if (ct.media_type() == kTunnelMediaType) return tunnel_from_mime(e, where);
  if (is_inline_text(e, ct)) {
    auto text = leaf_from_mime(e, where);
    if (text) return text;
    // A transfer encoding error is the input's fault; a charset without an
    // X.400 text equivalent goes as an attachment (MIME-in-X.400).
    if (text.error().reason == report::NonDeliveryReason::unable_to_transfer) return text;
  }
  if (ct.media_type() == "application/octet-stream" && is_plain_octet_stream(e)) {
    auto decoded = mime::decoded_body(e);  // RFC 2157 equivalence: BilaterallyDefined
    if (!decoded)
      return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                   "transfer encoding: " + decoded.error().to_string(), where));
    return p22::BodyPart{p22::BilaterallyDefinedBodyPart{shared_of(*decoded)}};
  }
  return attachment_from_mime(e, w, where);
}

Result<Body, MappingFailure> entity_to_body(const mime::Entity& e, Walk& w, std::size_t depth,
                                            const std::string& where) {
  if (auto s = w.enter(depth, where); !s) return fail(std::move(s).error());
  Body body;
  // A multipart/mixed without parts ("--b--" only) is not an empty body: it
  // goes as a structure wrapper with no parts, so that it comes back as such.
  if (e.kind == mime::EntityKind::multipart && mime::content_type_of(e).subtype == "mixed" && !e.parts.empty()) {
    body.reserve(e.parts.size());
    for (std::size_t i = 0; i < e.parts.size(); ++i)
      body.push_back(MIXER_TRY(entity_to_part(e.parts[i], w, depth, where + "[" + std::to_string(i) + "]")));
    return body;
  }
  if (e.kind == mime::EntityKind::leaf && e.body.empty()) {
    mime::ContentType ct = mime::content_type_of(e);
    if (ct.type == "text" && ct.subtype == "plain") return body;  // empty body (see body_to_entity)
  }
  body.push_back(MIXER_TRY(entity_to_part(e, w, depth, where + "[0]")));
  return body;
}

}  // namespace detail

Result<mime::Entity, MappingFailure> body_to_mime(const Body& body, const BodyOptions& o,
                                                  const address::MappingContext& ctx) {
  detail::Walk w{o, ctx};
  return detail::body_to_entity(body, w, 0, "body");
}

Result<Body, MappingFailure> body_from_mime(const mime::Entity& e, const BodyOptions& o,
                                            const address::MappingContext& ctx) {
  detail::Walk w{o, ctx};
  return detail::entity_to_body(e, w, 0, "body");
}

}  // namespace mixer::mapping::body
