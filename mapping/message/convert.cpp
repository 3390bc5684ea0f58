#include "mapping/message/convert.hpp"

#include <functional>

#include "mapping/heading/ipm_heading.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/body/body.hpp"
#include "mapping/message/eits.hpp"
#include "mapping/message/envelope.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"
#include "mapping/address/rfc822.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"
#include "x400/asn/p22_oids.hpp"
#include "x400/ber/reader.hpp"

namespace mixer::mapping::message {

namespace asn = x400::asn;
namespace p22 = x400::p22;
namespace ber = x400::ber;
using mime::iequals;
using report::NonDeliveryDiagnostic;

namespace {

bool is_ipm_content_type(const asn::ContentType& ct) {
  if (ct.extended) return ct.oid == p22::oids::kContentP22 || ct.oid == p22::oids::kContentP2;
  return ct.built_in == asn::ContentType::kInterpersonalMessaging1988 ||
         ct.built_in == asn::ContentType::kInterpersonalMessaging1984;
}

// The Received line of the gateway (RFC 5321 §4.4): "by" our domain, "with"
// X400, "id" the MTS local identifier when it is an atom.
std::string received_value(const asn::MessageTransferEnvelope& env, const ConversionOptions& o) {
  std::string v = "by " + (o.gateway.domain.empty() ? std::string("localhost") : o.gateway.domain);
  v += " (mixer";
  if (!o.gateway.mta_name.empty()) v += " " + o.gateway.mta_name;
  v += ") with X400";
  const auto& id = env.message_identifier.local_identifier;
  bool atom = !id.empty();
  for (char c : id)
    if (!address::is_atext(c, false)) atom = false;
  if (atom) v += " id " + id;
  v += "; " + heading::format_date_time(ber::Time::from_unix(o.now, ber::TimeKind::utc_time));
  return v;
}

// An IPM with no body parts is an empty text/plain message (RFC 2157 has
// no MIME form for "no body"; the reverse gives one empty IA5Text part).
Result<mime::Entity, MappingFailure> empty_text_body(const body::BodyOptions& bo) {
  mime::ContentType ct;
  ct.params.push_back({"charset", "us-ascii"});
  return mime::make_leaf(ct, mime::BodyRef{}, bo.leaf.encoding);
}

}  // namespace

ContentClass classify(const asn::Message& m) {
  if (!is_ipm_content_type(m.envelope.content_type) || m.content.empty()) return ContentClass::unsupported;
  std::uint8_t first = m.content.bytes()[0];
  if (first == 0xa0) return ContentClass::ipm;  // InformationObject ipm [0]
  if (first == 0xa1) return ContentClass::ipn;  // ipn [1]
  return ContentClass::unsupported;
}

Result<InternetMessage, MappingFailure> to_internet(const asn::Message& m, const address::MappingContext& ctx,
                                                    const ConversionOptions& o) {
  if (!is_ipm_content_type(m.envelope.content_type))
    return fail(transfer_failure(NonDeliveryDiagnostic::content_type_not_supported,
                                 "content type is not interpersonal messaging (2 or 22)", "envelope.content-type"));
  // Decode the IPM in place: body data keeps pointing into the P1 content.
  auto owner = std::make_shared<const p22::SharedBytes>(m.content);
  ber::Reader reader(m.content.bytes());
  auto element = reader.next();
  if (!element || !reader.empty())
    return fail(transfer_failure(NonDeliveryDiagnostic::content_syntax_error,
                                 element ? "trailing bytes after the information object" : element.error().to_string(),
                                 "content"));
  auto io = p22::read_information_object(*element, owner);
  if (!io) return fail(transfer_failure(NonDeliveryDiagnostic::content_syntax_error, io.error().to_string(), "content"));
  if (std::holds_alternative<p22::Ipn>(*io))
    return fail(MappingFailure{report::NonDeliveryReason::conversion_not_performed, std::nullopt,
                               "the content is an interpersonal notification (convert it as a report)",
                               std::string(kNotificationWhere)});
  const auto& ipm = std::get<p22::Ipm>(*io);

  auto env = envelope_to_internet(m.envelope, ctx);
  if (!env) return fail(std::move(env).error());
  auto heading = heading::heading_to_internet(ipm.heading, ctx);
  if (!heading) return fail(std::move(heading).error());
  body::BodyOptions bo;
  bo.leaf.conversion_prohibited = env->conversion_prohibited;
  bo.leaf.encoding.peer_8bitmime = o.next_hop_8bit;
  auto body = ipm.body.empty() ? empty_text_body(bo) : body::body_to_mime(ipm.body, bo, ctx);
  if (!body) return fail(std::move(body).error());

  // Header: our Received, the envelope fields, the heading fields, MIME.
  // A heading-list field of the same name as an envelope field wins (it
  // holds the text as the Internet originator wrote it), except for trace.
  std::vector<std::string> listed;
  if (auto list = p22::rfc822_heading_list(ipm.heading); list && *list)
    for (const auto& f : **list) listed.push_back(f.substr(0, f.find(':')));
  auto is_listed = [&](std::string_view name) {
    for (const auto& n : listed)
      if (iequals(n, name)) return true;
    return false;
  };
  mime::HeaderList out;
  out.add("Received", received_value(m.envelope, o));
  for (const auto& [name, value] : env->fields)
    if (iequals(name, "X400-Received") || !is_listed(name)) out.add(name, value);
  for (const auto& f : *heading) out.push_raw(f);
  if (!heading->find("Date")) {
    // Date is the submission time (§5.3): the first trace element's arrival.
    const auto& trace = m.envelope.trace_information;
    out.add("Date", heading::format_date_time(trace.empty() ? ber::Time::from_unix(o.now, ber::TimeKind::utc_time)
                                                             : trace.front().domain_supplied_information.arrival_time));
  }
  out.add("MIME-Version", "1.0");
  for (const auto& f : body->headers) out.push_raw(f);
  body->headers = std::move(out);

  InternetMessage result;
  result.envelope = std::move(env->smtp);
  result.content = mime::print_message(*body, o.eol);
  for (unsigned char c : result.content)
    if (c >= 0x80) {
      result.envelope.eight_bit = true;
      break;
    }
  return result;
}

Result<asn::Message, MappingFailure> to_x400(const SmtpEnvelope& e, std::string_view content,
                                             const address::MappingContext& ctx, const ConversionOptions& o) {
  return to_x400(e, mime::BodyRef::own(std::string(content)), ctx, o);
}

Result<asn::Message, MappingFailure> to_x400(const SmtpEnvelope& e, const mime::BodyRef& content,
                                             const address::MappingContext& ctx, const ConversionOptions& o) {
  auto parsed = mime::parse_message(content, o.mime_limits);
  if (!parsed)
    return fail(transfer_failure(NonDeliveryDiagnostic::content_syntax_error, parsed.error().to_string(), "content"));
  const mime::Entity& msg = *parsed;
  std::string digest;
  if (!msg.headers.find("Message-ID")) digest = std::to_string(std::hash<std::string_view>{}(content.bytes));
  auto in = envelope_from_internet(e, msg.headers, ctx, o, digest);
  if (!in) return fail(std::move(in).error());
  auto heading = heading::heading_from_internet(in->remaining, ctx);
  if (!heading) return fail(std::move(heading).error());
  body::BodyOptions bo;
  bo.attachments_as_bilateral = o.attachments_as_bilateral;
  auto body = body::body_from_mime(msg, bo, ctx);
  if (!body) return fail(std::move(body).error());

  p22::Ipm ipm;
  ipm.heading = std::move(*heading);
  ipm.body = std::move(*body);
  auto& env = in->envelope;
  if (!in->eits_given) env.original_encoded_information_types = encoded_information_types(ipm.body);
  p22::InformationObject io{std::move(ipm)};
  // Content type (§5.1, App. B): 22, or 2 when allowed and the IPM fits X.420 (1984).
  bool want_p2 = in->content_type_given ? (!env.content_type.extended &&
                                           env.content_type.built_in == asn::ContentType::kInterpersonalMessaging1984)
                                        : o.allow_p2;
  bool p2 = want_p2 && p22::check_p2_compatible(io).ok();
  env.content_type = asn::ContentType::builtin(p2 ? asn::ContentType::kInterpersonalMessaging1984
                                                  : asn::ContentType::kInterpersonalMessaging1988);
  auto encoded = p22::encode_information_object(io);
  if (!encoded)
    return fail(conversion_failure(NonDeliveryDiagnostic::conversion_impractical,
                                   "IPM cannot be encoded: " + encoded.error().to_string(), "content"));
  asn::Message out;
  out.envelope = std::move(env);
  out.content = p22::SharedBytes::adopt(std::move(*encoded));
  return out;
}

}  // namespace mixer::mapping::message
