#include "mapping/message/body_bridge.hpp"

#include <algorithm>

#include "mapping/heading/ipm_heading.hpp"
#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "x400/asn/p22_oids.hpp"

namespace mixer::mapping::message {

namespace p22 = x400::p22;
namespace asn = x400::asn;
using report::NonDeliveryDiagnostic;

Result<mime::Entity, MappingFailure> body_to_mime(const std::vector<p22::BodyPart>& body,
                                                  const body::LeafOptions& options) {
  if (body.empty()) {
    mime::ContentType ct;
    ct.params.push_back({"charset", "us-ascii"});
    return mime::make_leaf(ct, mime::BodyRef{}, options.encoding);
  }
  if (body.size() == 1) return body::leaf_to_mime(body.front(), options, "body[0]");
  return fail(conversion_failure(NonDeliveryDiagnostic::conversion_impractical,
                                 "a body of " + std::to_string(body.size()) +
                                     " body parts is not mapped to MIME yet (mapping/body sequence mapping)",
                                 "body"));
}

Result<std::vector<p22::BodyPart>, MappingFailure> body_from_mime(const mime::Entity& message) {
  if (message.kind != mime::EntityKind::leaf)
    return fail(conversion_failure(NonDeliveryDiagnostic::conversion_impractical,
                                   "multipart and message/* bodies are not mapped to X.400 yet "
                                   "(mapping/body sequence mapping)",
                                   "body"));
  // The leaf mapping looks at the entity's own (Content-*) fields only.
  mime::Entity leaf;
  leaf.kind = mime::EntityKind::leaf;
  leaf.body = message.body;
  for (const auto& f : message.headers)
    if (heading::is_mime_field(f.name) && !mime::iequals(f.name, "MIME-Version")) leaf.headers.push_raw(f);
  // An empty message body is an empty body part sequence only when it was
  // declared as nothing at all; an empty text part is still a body part.
  auto part = body::leaf_from_mime(leaf, "body");
  if (!part) return fail(std::move(part).error());
  std::vector<p22::BodyPart> out;
  out.push_back(std::move(*part));
  return out;
}

namespace {

void add_eits(const std::vector<p22::BodyPart>& body, asn::EncodedInformationTypes& e) {
  auto ext = [&](const x400::ber::Oid& oid) {
    if (std::find(e.extended.begin(), e.extended.end(), oid) == e.extended.end()) e.extended.push_back(oid);
  };
  using E = asn::EncodedInformationTypes;
  for (const auto& part : body) {
    std::visit(
        [&](const auto& p) {
          using T = std::decay_t<decltype(p)>;
          if constexpr (std::is_same_v<T, p22::Ia5TextBodyPart>) e.built_in.set(E::kIa5Text);
          else if constexpr (std::is_same_v<T, p22::G3FacsimileBodyPart>) e.built_in.set(E::kG3Facsimile);
          else if constexpr (std::is_same_v<T, p22::G4Class1BodyPart>) e.built_in.set(E::kG4Class1);
          else if constexpr (std::is_same_v<T, p22::TeletexBodyPart>) e.built_in.set(E::kTeletex);
          else if constexpr (std::is_same_v<T, p22::VideotexBodyPart>) e.built_in.set(E::kVideotex);
          else if constexpr (std::is_same_v<T, p22::MixedModeBodyPart>) e.built_in.set(E::kMixedMode);
          else if constexpr (std::is_same_v<T, p22::GeneralTextBodyPart>) ext(p22::oids::kEtGeneralText);
          else if constexpr (std::is_same_v<T, p22::FileTransferBodyPart>) ext(p22::oids::kEtFileTransfer);
          else if constexpr (std::is_same_v<T, p22::VoiceBodyPart>) ext(p22::oids::kEtVoice);
          else if constexpr (std::is_same_v<T, p22::MessageBodyPart>) add_eits(p.data->body, e);
          else if constexpr (std::is_same_v<T, p22::ExtendedBodyPart>) {
            if (p.data.direct_reference) ext(*p.data.direct_reference);
            else e.built_in.set(E::kUnknown);
          } else e.built_in.set(E::kUnknown);
        },
        part);
  }
}

}  // namespace

asn::EncodedInformationTypes encoded_information_types(const std::vector<p22::BodyPart>& body) {
  asn::EncodedInformationTypes e;
  add_eits(body, e);
  return e;
}

}  // namespace mixer::mapping::message
