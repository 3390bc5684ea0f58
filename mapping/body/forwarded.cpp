// Forwarded IPM (X.420 7.4.9 message body part) <-> message/rfc822 (RFC 2157
// §3.1, digest §3.1), and the structure wrapper that keeps a nested or
// non-mixed multipart recoverable (digest §3.1 row "other multipart/*").
//
// Forwarded IPM: the inner heading goes through mapping/heading (the same
// rules as the outer one), the inner body recursively through this module.
// The delivery parameters of the message body part travel as fields of the
// inner message: delivery-time as Delivery-Date (RFC 2156 App. C) and the
// OtherMessageDeliveryFields TLV as X400-Delivery-Envelope (base64, the
// project's reversible form: docs/conformance/x400-p22.md).
//
// Structure wrapper: a message body part with no delivery parameters whose
// heading holds only this-IPM (user-relative-identifier kWrapperId) and an
// rfc-822-heading-list of Content-* fields (the multipart's Content-Type
// without its boundary, Content-ID, Content-Description, ...); its body is
// the multipart's parts, one body part each.
#include <algorithm>

#include "mapping/body/walk.hpp"
#include "mapping/heading/ipm_heading.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "mapping/mime/transfer_encoding.hpp"
#include "x400/asn/p22_extensions.hpp"

namespace mixer::mapping::body::detail {

namespace p22 = x400::p22;

namespace {

constexpr std::string_view kWrapperId = "MIME-structure";
constexpr std::string_view kDeliveryDate = "Delivery-Date";
constexpr std::string_view kDeliveryEnvelope = "X400-Delivery-Envelope";

MappingFailure at(MappingFailure f, const std::string& where) {
  f.where = f.where.empty() ? where : where + "." + f.where;
  return f;
}

}  // namespace

bool is_structure_wrapper(const p22::MessageBodyPart& m) {
  if (m.delivery_time || m.delivery_envelope) return false;
  const p22::Heading& h = m.data->heading;
  p22::Heading bare;
  bare.this_ipm = h.this_ipm;
  bare.extensions = h.extensions;
  if (!(h == bare) || h.this_ipm.user || h.this_ipm.user_relative_identifier != kWrapperId) return false;
  if (h.extensions.size() != 1) return false;
  auto list = p22::rfc822_heading_list(h);
  if (!list || !*list || (*list)->empty()) return false;
  for (const auto& f : **list)
    if (!is_content_field(std::string_view(f).substr(0, f.find(':')))) return false;
  return mime::iequals(std::string_view((*list)->front()).substr(0, 13), "Content-Type:");
}

Result<mime::Entity, MappingFailure> message_to_mime(const p22::MessageBodyPart& m, Walk& w,
                                                     std::size_t depth, const std::string& where) {
  if (auto s = w.enter(depth + 1, where); !s) return fail(std::move(s).error());
  auto heading = heading::heading_to_internet(m.data->heading, w.ctx);
  if (!heading) return fail(at(std::move(heading).error(), where + ".message"));
  auto inner = MIXER_TRY(body_to_entity(m.data->body, w, depth + 1, where + ".message.body"));
  mime::HeaderList headers;
  for (const auto& f : *heading)
    if (!heading::is_mime_field(f.name)) headers.push_raw(f);
  if (m.delivery_time) headers.add(kDeliveryDate, heading::format_date_time(*m.delivery_time));
  if (m.delivery_envelope) headers.add(kDeliveryEnvelope, spaced_base64(*m.delivery_envelope));
  headers.add("MIME-Version", "1.0");
  for (const auto& f : inner.headers) headers.push_raw(f);
  inner.headers = std::move(headers);
  return mime::make_message(std::move(inner));
}

Result<p22::BodyPart, MappingFailure> message_from_mime(const mime::Entity& e, Walk& w, std::size_t depth,
                                                        const std::string& where) {
  if (auto s = w.enter(depth + 1, where); !s) return fail(std::move(s).error());
  const mime::Entity& inner = e.parts.at(0);
  p22::MessageBodyPart m;
  mime::HeaderList headers = inner.headers;
  if (auto d = headers.get(kDeliveryDate)) {
    if (auto t = heading::parse_date_time(*d)) {
      m.delivery_time = *t;
      headers.remove(kDeliveryDate);
    }
  }
  if (auto env = headers.get(kDeliveryEnvelope)) {
    auto bytes = mime::base64_decode(*env);
    if (!bytes)
      return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                   std::string(kDeliveryEnvelope) + ": " + bytes.error().to_string(), where));
    m.delivery_envelope = p22::RawBer(bytes->begin(), bytes->end());
    headers.remove(kDeliveryEnvelope);
  }
  auto h = heading::heading_from_internet(headers, w.ctx);
  if (!h) return fail(at(std::move(h).error(), where + ".message"));
  p22::Ipm ipm;
  ipm.heading = std::move(h).value();
  ipm.body = MIXER_TRY(entity_to_body(inner, w, depth + 1, where + ".message.body"));
  m.data = std::move(ipm);
  return p22::BodyPart{std::move(m)};
}

Result<mime::Entity, MappingFailure> wrapper_to_mime(const p22::MessageBodyPart& m, Walk& w,
                                                     std::size_t depth, const std::string& where) {
  if (auto s = w.enter(depth + 1, where); !s) return fail(std::move(s).error());
  auto list = p22::rfc822_heading_list(m.data->heading);  // checked by is_structure_wrapper
  const auto& fields = **list;
  auto colon = fields.front().find(':');
  mime::ContentType ct =
      mime::to_content_type(mime::parse_parameterized(mime::unfold(fields.front().substr(colon + 1))));
  std::vector<mime::Parameter> params;
  for (auto& p : ct.params)
    if (p.name != "boundary") params.push_back(std::move(p));
  std::vector<mime::Entity> parts;
  const auto& body = m.data->body;
  parts.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i)
    parts.push_back(
        MIXER_TRY(part_to_mime(body[i], w, depth + 1, where + ".message.body[" + std::to_string(i) + "]")));
  mime::Entity e = mime::make_multipart(ct.subtype, std::move(parts), std::move(params));
  for (std::size_t i = 1; i < fields.size(); ++i) {
    auto c = fields[i].find(':');
    e.headers.add(std::string_view(fields[i]).substr(0, c),
                  mime::unfold(std::string_view(fields[i]).substr(c + 1)));
  }
  return e;
}

Result<p22::BodyPart, MappingFailure> wrapper_from_mime(const mime::Entity& e, Walk& w, std::size_t depth,
                                                        const std::string& where) {
  if (auto s = w.enter(depth + 1, where); !s) return fail(std::move(s).error());
  mime::ContentType ct = mime::content_type_of(e);
  std::erase_if(ct.params, [](const mime::Parameter& p) { return p.name == "boundary"; });
  std::vector<std::string> fields{"Content-Type: " + mime::format_parameterized(mime::from_content_type(ct))};
  for (const auto& f : e.headers)
    if (is_content_field(f.name) && !mime::iequals(f.name, "Content-Type") &&
        !mime::iequals(f.name, "Content-Transfer-Encoding"))
      fields.push_back(f.name + ": " + f.value());
  auto ext = p22::make_rfc822_field_list(fields);
  if (!ext)
    return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                   "multipart Content-* fields cannot be carried: " + ext.error().to_string(),
                                   where));
  p22::Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = std::string(kWrapperId);
  ipm.heading.extensions.push_back(std::move(ext).value());
  ipm.body.reserve(e.parts.size());
  for (std::size_t i = 0; i < e.parts.size(); ++i)
    ipm.body.push_back(MIXER_TRY(
        entity_to_part(e.parts[i], w, depth + 1, where + ".message.body[" + std::to_string(i) + "]")));
  p22::MessageBodyPart m;
  m.data = std::move(ipm);
  return p22::BodyPart{std::move(m)};
}

}  // namespace mixer::mapping::body::detail
