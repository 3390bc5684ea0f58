// Attachments: any MIME leaf that is not inline text with an X.400 text
// equivalent <-> the file transfer body part (X.420 7.4.12; RFC 2157 leaves
// the MIME form open, project form in ftbp.hpp), or BilaterallyDefined for
// peers configured for it (BodyOptions::attachments_as_bilateral).
//
// MIME -> FTBP: every Content-* field except Content-Transfer-Encoding goes
// into the environment's user-visible-string (restored verbatim on the way
// back); the file name (Content-Disposition filename, else Content-Type
// name), the RFC 2183 creation/modification/read dates and the decoded size
// go into the FTAM file attributes, which X.400 UAs show.
// FTBP -> MIME: the carried Content-* fields (as they were), or, for an FTBP from an X.400
// UA, application/octet-stream with a Content-Disposition built from the file
// attributes. When the reverse would not rebuild the same parameters, their
// TLV travels in X400-FTBP-Parameters (base64) so that X.400 -> MIME -> X.400
// is the identity.
#include "mapping/body/ftbp.hpp"
#include "mapping/body/walk.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"

namespace mixer::mapping::body::detail {

namespace p22 = x400::p22;
namespace ber = x400::ber;

namespace {

constexpr std::string_view kParamsField = "X400-FTBP-Parameters";

std::optional<ber::Time> date_param(const mime::ParameterizedValue& v, std::string_view name) {
  const std::string* s = v.param(name);
  if (!s) return std::nullopt;
  auto t = heading::parse_date_time(*s);
  if (t) t->kind = ber::TimeKind::generalized_time;
  return t;
}

// The FTBP parameters for a MIME leaf whose decoded content has `size` octets.
FileTransferInfo info_of(const mime::Entity& leaf, std::size_t size) {
  FileTransferInfo info;
  for (const auto& f : leaf.headers)
    if (is_content_field(f.name) && !mime::iequals(f.name, "Content-Transfer-Encoding"))
      info.mime_fields.push_back(f.name + ": " + f.value());
  mime::ParameterizedValue disp;
  if (auto d = leaf.headers.get("Content-Disposition")) disp = mime::parse_parameterized(*d);
  mime::ContentType ct = mime::content_type_of(leaf);
  if (const std::string* n = disp.param("filename"))
    info.file_name = *n;
  else if (const std::string* n2 = ct.param("name"))
    info.file_name = *n2;
  info.created = date_param(disp, "creation-date");
  info.modified = date_param(disp, "modification-date");
  info.read = date_param(disp, "read-date");
  info.size = static_cast<std::int64_t>(size);
  return info;
}

}  // namespace

Result<mime::Entity, MappingFailure> ftbp_to_mime(const p22::FileTransferBodyPart& part, const Walk& w,
                                                  const std::string& where) {
  FileTransferInfo info;
  if (part.parameters) {
    auto decoded = decode_ftbp_parameters(*part.parameters);
    if (!decoded)
      return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                   "file transfer parameters: " + decoded.error().to_string(), where));
    info = std::move(decoded).value();
  }
  // The usual FTBP (one octet-aligned EXTERNAL) is encoded straight from the
  // body part's octets: no intermediate copy of the file (issue #7, peak
  // memory). Other forms are joined into `joined` first.
  std::string joined;
  std::string_view bytes;
  if (part.data.size() == 1 && part.data[0].encoding == ber::External::Encoding::octet_aligned) {
    bytes = std::string_view(reinterpret_cast<const char*>(part.data[0].data.data()), part.data[0].data.size());
  } else {
    auto data = ftbp_data(part);
    if (!data)
      return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                     "file transfer data: " + data.error().to_string(), where));
    joined = std::move(data).value();
    bytes = joined;
  }
  mime::ContentType ct;
  ct.type = "application";
  ct.subtype = "octet-stream";
  std::optional<std::string> carried_type;  // the Content-Type value as the MIME side wrote it
  std::vector<std::pair<std::string, std::string>> others;
  for (const auto& f : info.mime_fields) {
    auto c = f.find(':');
    if (c == std::string::npos || c == 0) continue;
    std::string name = f.substr(0, c);
    std::string value = mime::unfold(std::string_view(f).substr(c + 1));
    if (mime::iequals(name, "Content-Type")) {
      ct = mime::to_content_type(mime::parse_parameterized(value));
      carried_type = value;
    } else if (!mime::iequals(name, "Content-Transfer-Encoding"))
      others.emplace_back(std::move(name), std::move(value));
  }
  if (info.mime_fields.empty()) {
    // An FTBP from an X.400 UA: always an attachment (also so that the
    // reverse does not take it for BilaterallyDefined's plain octet-stream).
    mime::ParameterizedValue d{"attachment", {}};
    if (info.file_name) d.set_param("filename", *info.file_name);
    if (info.created) d.set_param("creation-date", heading::format_date_time(*info.created));
    if (info.modified) d.set_param("modification-date", heading::format_date_time(*info.modified));
    if (info.read) d.set_param("read-date", heading::format_date_time(*info.read));
    if (info.size) d.set_param("size", std::to_string(*info.size));
    others.emplace_back("Content-Disposition", mime::format_parameterized(d));
  }
  const std::size_t data_size = bytes.size();
  mime::Entity e = mime::make_leaf(ct, mime::BodyRef{bytes, nullptr}, w.options.leaf.encoding);
  // make_leaf keeps the view itself only when no transfer encoding is
  // needed (7bit/8bit); the entity must then own its bytes, since it may
  // outlive the body part.
  if (!e.body.owner) e.body = mime::BodyRef::own(std::string(bytes));
  if (carried_type) e.headers.set("Content-Type", *carried_type);
  for (const auto& [n, v] : others) e.headers.add(n, v);
  // Would the reverse rebuild these parameters? If not, carry them. (The
  // reverse counts the decoded size, which is data_size: no need to decode
  // the transfer encoding again.)
  std::optional<p22::RawBer> rebuilt;
  if (auto again = encode_ftbp_parameters(info_of(e, data_size))) rebuilt = std::move(again).value();
  if (part.parameters != rebuilt) {
    if (part.parameters)
      e.headers.add(kParamsField, spaced_base64(*part.parameters));
    else
      e.headers.add(kParamsField, "none");
  }
  return e;
}

Result<p22::BodyPart, MappingFailure> attachment_from_mime(const mime::Entity& leaf, const Walk& w,
                                                           const std::string& where) {
  auto decoded = mime::decoded_body(leaf);
  if (!decoded)
    return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                 "transfer encoding: " + decoded.error().to_string(), where));
  if (w.options.attachments_as_bilateral) {
    // Dropping the media type is not a content conversion: the octets are unchanged.
    return p22::BodyPart{p22::BilaterallyDefinedBodyPart{shared_of(*decoded)}};
  }
  std::optional<p22::RawBer> params;
  if (auto carried = leaf.headers.get(kParamsField)) {
    if (*carried != "none") {
      auto bytes = mime::base64_decode(*carried);
      if (!bytes)
        return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                     std::string(kParamsField) + ": " + bytes.error().to_string(), where));
      params = p22::RawBer(bytes->begin(), bytes->end());
    }
  } else {
    auto p = encode_ftbp_parameters(info_of(leaf, decoded->bytes.size()));
    if (!p)
      return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                     "file transfer parameters: " + p.error().to_string(), where));
    params = std::move(p).value();
  }
  return p22::BodyPart{make_ftbp(std::move(params), decoded->bytes)};
}

}  // namespace mixer::mapping::body::detail
