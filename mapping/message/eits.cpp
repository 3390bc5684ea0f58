#include "mapping/message/eits.hpp"

#include <algorithm>

#include "x400/asn/p22_oids.hpp"

namespace mixer::mapping::message {

namespace p22 = x400::p22;
namespace asn = x400::asn;

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
