#include "mapping/body/leaf.hpp"

#include <algorithm>

#include "mapping/mime/builder.hpp"
#include "mapping/mime/charset.hpp"
#include "mapping/mime/content_type.hpp"

namespace mixer::mapping::body {

namespace p22 = x400::p22;

namespace {

// ISO-IR registrations: 6 = ASCII G0; right halves of ISO 8859 parts. C0/C1
// control sets (1, 77) may be listed and are ignored.
constexpr std::pair<std::int64_t, std::string_view> kRightHalves[] = {
    {100, "iso-8859-1"}, {101, "iso-8859-2"},  {109, "iso-8859-3"}, {110, "iso-8859-4"},
    {144, "iso-8859-5"}, {127, "iso-8859-6"},  {126, "iso-8859-7"}, {138, "iso-8859-8"},
    {148, "iso-8859-9"}, {157, "iso-8859-10"}, {203, "iso-8859-15"}};

mime::BodyRef view_of(const p22::SharedBytes& b, const std::shared_ptr<const void>& keep) {
  return mime::BodyRef{b.text(), keep};
}

// SharedBytes has no accessor for its owner; keep the whole value alive.
std::shared_ptr<const void> hold(const p22::SharedBytes& b) {
  return std::make_shared<const p22::SharedBytes>(b);
}

mime::ContentType text_plain(std::string charset) {
  mime::ContentType ct;
  ct.params.push_back({"charset", std::move(charset)});
  return ct;
}

}  // namespace

p22::SharedBytes shared_of(const mime::BodyRef& r) {
  auto span =
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(r.bytes.data()), r.bytes.size());
  if (!r.owner) return p22::SharedBytes::copy(span);
  return p22::SharedBytes(r.owner, span);
}

std::optional<std::string> charset_of_registrations(const std::vector<std::int64_t>& sets) {
  std::vector<std::int64_t> g;
  for (auto s : sets)
    if (s != 1 && s != 77) g.push_back(s);
  std::sort(g.begin(), g.end());
  if (g == std::vector<std::int64_t>{6}) return "us-ascii";
  if (g.size() == 2 && g[0] == 6)
    for (auto [reg, name] : kRightHalves)
      if (reg == g[1]) return std::string(name);
  return std::nullopt;
}

std::optional<std::vector<std::int64_t>> registrations_of_charset(std::string_view charset) {
  std::string c = mime::canonical_charset(charset);
  if (c == "us-ascii") return std::vector<std::int64_t>{6};
  for (auto [reg, name] : kRightHalves)
    if (c == name) return std::vector<std::int64_t>{6, reg};
  return std::nullopt;
}

Result<mime::Entity, MappingFailure> leaf_to_mime(const p22::BodyPart& part, const LeafOptions& o,
                                                  const std::string& where) {
  if (const auto* ia5 = std::get_if<p22::Ia5TextBodyPart>(&part)) {
    if (!mime::is_ascii(ia5->data.text()))
      return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                   "IA5Text body part holds 8-bit bytes", where));
    return mime::make_leaf(text_plain("us-ascii"), view_of(ia5->data, hold(ia5->data)), o.encoding);
  }
  if (const auto* gt = std::get_if<p22::GeneralTextBodyPart>(&part)) {
    auto cs = charset_of_registrations(gt->character_sets);
    if (!cs)
      return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                     "GeneralText character sets have no MIME charset", where));
    return mime::make_leaf(text_plain(*cs), view_of(gt->data, hold(gt->data)), o.encoding);
  }
  if (const auto* tt = std::get_if<p22::TeletexBodyPart>(&part)) {
    if (o.conversion_prohibited)
      return fail(conversion_failure(report::NonDeliveryDiagnostic::implicit_conversion_prohibited,
                                     "Teletex body part needs conversion to UTF-8", where));
    std::string utf8;
    for (std::size_t i = 0; i < tt->data.size(); ++i) {
      auto s = mime::to_utf8("t.61", tt->data[i]);
      if (!s)
        return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                       "Teletex text: " + s.error().what,
                                       where + ".data[" + std::to_string(i) + "]"));
      utf8 += *s;
    }
    return mime::make_leaf(text_plain("utf-8"), mime::BodyRef::own(std::move(utf8)), o.encoding);
  }
  if (const auto* bd = std::get_if<p22::BilaterallyDefinedBodyPart>(&part)) {
    mime::ContentType ct;
    ct.type = "application";
    ct.subtype = "octet-stream";
    return mime::make_leaf(ct, view_of(bd->data, hold(bd->data)), o.encoding);
  }
  return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                 "body part type not mapped to MIME yet", where));
}

Result<p22::BodyPart, MappingFailure> leaf_from_mime(const mime::Entity& leaf, const std::string& where) {
  auto decoded = mime::decoded_body(leaf);
  if (!decoded)
    return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                 "transfer encoding: " + decoded.error().to_string(), where));
  mime::ContentType ct = mime::content_type_of(leaf);
  if (ct.type == "text" && ct.subtype == "plain") {
    std::string cs = ct.charset();
    if ((cs == "us-ascii" || cs.empty()) && mime::is_ascii(decoded->bytes))
      return p22::BodyPart{p22::Ia5TextBodyPart{std::nullopt, shared_of(*decoded)}};
    if (auto regs = registrations_of_charset(cs))
      return p22::BodyPart{p22::GeneralTextBodyPart{*regs, shared_of(*decoded)}};
  }
  if (ct.type == "application" && ct.subtype == "octet-stream" && leaf.headers.size() <= 2)
    return p22::BodyPart{p22::BilaterallyDefinedBodyPart{shared_of(*decoded)}};
  return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                 "media type " + ct.media_type() + " not mapped to X.400 yet", where));
}

}  // namespace mixer::mapping::body
