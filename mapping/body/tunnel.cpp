#include "mapping/body/tunnel.hpp"

#include "mapping/mime/builder.hpp"
#include "mapping/mime/content_type.hpp"
#include "x400/asn/p22_body_part_codec.hpp"
#include "x400/asn/p22_oids.hpp"

namespace mixer::mapping::body {

namespace p22 = x400::p22;

std::string bp_type_of(const p22::BodyPart& part) {
  return std::visit(
      [](const auto& b) -> std::string {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, p22::Ia5TextBodyPart>) return "0";
        if constexpr (std::is_same_v<T, p22::G3FacsimileBodyPart>) return "3";
        if constexpr (std::is_same_v<T, p22::G4Class1BodyPart>) return "4";
        if constexpr (std::is_same_v<T, p22::TeletexBodyPart>) return "5";
        if constexpr (std::is_same_v<T, p22::VideotexBodyPart>) return "6";
        if constexpr (std::is_same_v<T, p22::NationallyDefinedBodyPart>) return "7";
        if constexpr (std::is_same_v<T, p22::EncryptedBodyPart>) return "8";
        if constexpr (std::is_same_v<T, p22::MessageBodyPart>) return "9";
        if constexpr (std::is_same_v<T, p22::MixedModeBodyPart>) return "11";
        if constexpr (std::is_same_v<T, p22::BilaterallyDefinedBodyPart>) return "14";
        if constexpr (std::is_same_v<T, p22::GeneralTextBodyPart>)
          return p22::oids::kEtGeneralText.to_string();
        if constexpr (std::is_same_v<T, p22::VoiceBodyPart>) return p22::oids::kEtVoice.to_string();
        if constexpr (std::is_same_v<T, p22::FileTransferBodyPart>)
          return p22::oids::kEtFileTransfer.to_string();
        if constexpr (std::is_same_v<T, p22::ExtendedBodyPart>)
          return b.data.direct_reference ? b.data.direct_reference->to_string() : std::string("15");
        if constexpr (std::is_same_v<T, p22::RawBodyPart>) return std::to_string(b.tag);
      },
      part);
}

Result<mime::Entity, MappingFailure> tunnel_to_mime(const p22::BodyPart& part, const std::string& where) {
  auto ber = p22::encode_body_part(part);
  if (!ber)
    return fail(conversion_failure(
        report::NonDeliveryDiagnostic::conversion_impractical,
        "body part cannot be encoded for the x400-bp tunnel: " + ber.error().to_string(), where));
  mime::ContentType ct;
  ct.type = "application";
  ct.subtype = "x400-bp";
  ct.params.push_back({"bp-type", bp_type_of(part)});
  std::string bytes(ber->begin(), ber->end());
  // Always base64: the BER is binary whatever the next hop offers.
  mime::Entity e;
  e.headers.add("Content-Type", mime::format_parameterized(mime::from_content_type(ct)));
  e.headers.add("Content-Transfer-Encoding", "base64");
  e.body = mime::BodyRef::own(mime::base64_encode(bytes));
  return e;
}

Result<p22::BodyPart, MappingFailure> tunnel_from_mime(const mime::Entity& leaf, const std::string& where) {
  auto decoded = mime::decoded_body(leaf);
  if (!decoded)
    return fail(transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error,
                                 "application/x400-bp transfer encoding: " + decoded.error().to_string(),
                                 where));
  auto buffer =
      std::make_shared<const std::vector<std::uint8_t>>(decoded->bytes.begin(), decoded->bytes.end());
  auto part = p22::decode_body_part(buffer);
  if (!part)
    return fail(transfer_failure(
        report::NonDeliveryDiagnostic::content_syntax_error,
        "application/x400-bp does not hold a BER body part: " + part.error().to_string(), where));
  return std::move(part).value();
}

}  // namespace mixer::mapping::body
