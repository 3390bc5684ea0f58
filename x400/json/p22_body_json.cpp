// X.420 body parts and EXTERNAL <-> JSON; see p22_json.hpp. Each body part is
// {"<alternative>": {...}} with the X.420 alternative name.
#include <array>

#include "x400/json/p22_json.hpp"
#include "x400/json/p22_json_internal.hpp"

namespace mixer::x400::xjson::detail {

using namespace p22;

namespace {

constexpr std::array<std::string_view, 6> kRepertoire = {"", "", "ita2", "", "", "ia5"};

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

json::Value shared_text(const SharedBytes& b) { return octet_text(b.text()); }

JsonResult<SharedBytes> read_shared_text(const json::Value& v, std::string_view path) {
  return SharedBytes::copy(MIXER_TRY(read_octet_text(v, path)));
}

JsonResult<SharedBytes> read_shared_hex(const json::Value& v, std::string_view path) {
  return SharedBytes::adopt(MIXER_TRY(read_hex_bytes(v, path)));
}

json::Value raw_list_json(const std::vector<RawBer>& list) {
  json::Value a = json::Value::array();
  for (const auto& x : list) a.push(ber_tlv(x));
  return a;
}

JsonResult<std::vector<RawBer>> raw_list_from(const json::Value& v, std::string_view path) {
  const auto* arr = MIXER_TRY(read_array(v, path));
  std::vector<RawBer> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(MIXER_TRY(read_ber_tlv((*arr)[i], index_path(path, i))));
  return out;
}

}  // namespace

json::Value external_to_json(const ber::External& x) {
  json::Value o = json::Value::object();
  if (x.direct_reference) o.set("direct-reference", x.direct_reference->to_string());
  if (x.indirect_reference) o.set("indirect-reference", static_cast<long long>(*x.indirect_reference));
  if (x.data_value_descriptor) o.set("data-value-descriptor", octet_text(*x.data_value_descriptor));
  switch (x.encoding) {
    case ber::External::Encoding::single_asn1_type:
      o.set("single-ASN1-type", ber_tlv(x.data));
      break;
    case ber::External::Encoding::octet_aligned:
      o.set("octet-aligned", hex_bytes(x.data));
      break;
    case ber::External::Encoding::arbitrary:
      o.set("arbitrary", bit_string(x.bits));
      break;
  }
  return o;
}

JsonResult<ber::External> external_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path,
                                  {"direct-reference", "indirect-reference", "data-value-descriptor",
                                   "single-ASN1-type", "octet-aligned", "arbitrary"}));
  ber::External x;
  if (auto* d = optional_member(v, "direct-reference"))
    x.direct_reference = MIXER_TRY(read_oid(*d, join_path(path, "direct-reference")));
  if (auto* i = optional_member(v, "indirect-reference"))
    x.indirect_reference = MIXER_TRY(read_int(*i, join_path(path, "indirect-reference")));
  if (auto* d = optional_member(v, "data-value-descriptor"))
    x.data_value_descriptor = MIXER_TRY(read_octet_text(*d, join_path(path, "data-value-descriptor")));
  int encodings = 0;
  if (auto* s = optional_member(v, "single-ASN1-type")) {
    x.encoding = ber::External::Encoding::single_asn1_type;
    x.data = MIXER_TRY(read_ber_tlv(*s, join_path(path, "single-ASN1-type")));
    ++encodings;
  }
  if (auto* s = optional_member(v, "octet-aligned")) {
    x.encoding = ber::External::Encoding::octet_aligned;
    x.data = MIXER_TRY(read_hex_bytes(*s, join_path(path, "octet-aligned")));
    ++encodings;
  }
  if (auto* s = optional_member(v, "arbitrary")) {
    x.encoding = ber::External::Encoding::arbitrary;
    x.bits = MIXER_TRY(read_bit_string(*s, join_path(path, "arbitrary")));
    ++encodings;
  }
  if (encodings != 1)
    return error(path, "expected exactly one of single-ASN1-type, octet-aligned, arbitrary");
  return x;
}

json::Value body_part_to_json(const BodyPart& part) {
  json::Value o = json::Value::object();
  json::Value f = json::Value::object();
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Ia5TextBodyPart>) {
          if (b.repertoire) f.set("repertoire", enum_value(*b.repertoire, kRepertoire));
          f.set("data", shared_text(b.data));
          o.set("ia5-text", std::move(f));
        } else if constexpr (std::is_same_v<T, G3FacsimileBodyPart>) {
          if (b.number_of_pages) f.set("number-of-pages", static_cast<long long>(*b.number_of_pages));
          if (b.non_basic_parameters) f.set("non-basic-parameters", bit_string(*b.non_basic_parameters));
          json::Value pages = json::Value::array();
          for (const auto& p : b.data) pages.push(bit_string(p));
          f.set("data", std::move(pages));
          o.set("g3-facsimile", std::move(f));
        } else if constexpr (std::is_same_v<T, G4Class1BodyPart>) {
          o.set("g4-class1", raw_list_json(b.elements));
        } else if constexpr (std::is_same_v<T, MixedModeBodyPart>) {
          o.set("mixed-mode", raw_list_json(b.elements));
        } else if constexpr (std::is_same_v<T, TeletexBodyPart>) {
          if (b.number_of_pages) f.set("number-of-pages", static_cast<long long>(*b.number_of_pages));
          if (b.telex_compatible) f.set("telex-compatible", *b.telex_compatible);
          if (b.non_basic_parameters) f.set("non-basic-parameters", ber_tlv(*b.non_basic_parameters));
          json::Value lines = json::Value::array();
          for (const auto& s : b.data) lines.push(octet_text(s));
          f.set("data", std::move(lines));
          o.set("teletex", std::move(f));
        } else if constexpr (std::is_same_v<T, VideotexBodyPart>) {
          if (b.syntax) f.set("syntax", static_cast<long long>(*b.syntax));
          f.set("data", octet_text(b.data));
          o.set("videotex", std::move(f));
        } else if constexpr (std::is_same_v<T, EncryptedBodyPart>) {
          f.set("parameters", ber_tlv(b.parameters));
          f.set("data", bit_string(b.data));
          o.set("encrypted", std::move(f));
        } else if constexpr (std::is_same_v<T, MessageBodyPart>) {
          if (b.delivery_time) f.set("delivery-time", time_value(*b.delivery_time));
          if (b.delivery_envelope) f.set("delivery-envelope", ber_tlv(*b.delivery_envelope));
          f.set("data", to_json(*b.data));
          o.set("message", std::move(f));
        } else if constexpr (std::is_same_v<T, NationallyDefinedBodyPart>) {
          o.set("nationally-defined", ber_tlv(b.value));
        } else if constexpr (std::is_same_v<T, BilaterallyDefinedBodyPart>) {
          o.set("bilaterally-defined", hex_bytes(b.data.bytes()));
        } else if constexpr (std::is_same_v<T, GeneralTextBodyPart>) {
          json::Value cs = json::Value::array();
          for (auto c : b.character_sets) cs.push(static_cast<long long>(c));
          f.set("character-sets", std::move(cs));
          f.set("data", shared_text(b.data));
          o.set("general-text", std::move(f));
        } else if constexpr (std::is_same_v<T, VoiceBodyPart>) {
          if (b.duration_seconds)
            f.set("voice-message-duration", static_cast<long long>(*b.duration_seconds));
          f.set("voice-encoding-type", b.encoding_type.to_string());
          if (b.supplementary_information)
            f.set("supplementary-information", octet_text(*b.supplementary_information));
          f.set("data", hex_bytes(b.data.bytes()));
          o.set("voice", std::move(f));
        } else if constexpr (std::is_same_v<T, FileTransferBodyPart>) {
          if (b.parameters) f.set("parameters", ber_tlv(*b.parameters));
          json::Value data = json::Value::array();
          for (const auto& x : b.data) data.push(external_to_json(x));
          f.set("data", std::move(data));
          o.set("file-transfer", std::move(f));
        } else if constexpr (std::is_same_v<T, ExtendedBodyPart>) {
          if (b.parameters) f.set("parameters", external_to_json(*b.parameters));
          f.set("data", external_to_json(b.data));
          o.set("extended", std::move(f));
        } else if constexpr (std::is_same_v<T, RawBodyPart>) {
          f.set("tag", static_cast<long long>(b.tag));
          f.set("encoding", ber_tlv(b.encoding));
          o.set("other-basic", std::move(f));
        }
      },
      part);
  return o;
}

JsonResult<BodyPart> body_part_from_json(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(
      expect_object(v, path,
                    {"ia5-text", "g3-facsimile", "g4-class1", "teletex", "videotex", "encrypted", "message",
                     "mixed-mode", "nationally-defined", "bilaterally-defined", "general-text", "voice",
                     "file-transfer", "extended", "other-basic"}));
  if (v.size() != 1) return error(path, "expected exactly one body part alternative");
  const auto& m = v.as_object().front();
  const json::Value& b = m.value;
  const std::string p = join_path(path, m.key);
  auto at = [&](std::string_view key) { return join_path(p, key); };
  if (m.key == "ia5-text") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"repertoire", "data"}));
    Ia5TextBodyPart t;
    if (auto* r = optional_member(b, "repertoire"))
      t.repertoire = MIXER_TRY(read_enum(*r, at("repertoire"), kRepertoire));
    t.data = MIXER_TRY(read_shared_text(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    for (auto c : t.data.bytes())
      if (c > 0x7f) return error(at("data"), "IA5 text must be 7-bit");
    return BodyPart(std::move(t));
  }
  if (m.key == "g3-facsimile") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"number-of-pages", "non-basic-parameters", "data"}));
    G3FacsimileBodyPart g;
    if (auto* x = optional_member(b, "number-of-pages"))
      g.number_of_pages = MIXER_TRY(read_int(*x, at("number-of-pages")));
    if (auto* x = optional_member(b, "non-basic-parameters"))
      g.non_basic_parameters = MIXER_TRY(read_bit_string(*x, at("non-basic-parameters")));
    const auto* pages = MIXER_TRY(read_array(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    for (std::size_t i = 0; i < pages->size(); ++i)
      g.data.push_back(MIXER_TRY(read_bit_string((*pages)[i], index_path(at("data"), i))));
    return BodyPart(std::move(g));
  }
  if (m.key == "g4-class1") return BodyPart(G4Class1BodyPart{{MIXER_TRY(raw_list_from(b, p))}});
  if (m.key == "mixed-mode") return BodyPart(MixedModeBodyPart{{MIXER_TRY(raw_list_from(b, p))}});
  if (m.key == "teletex") {
    MIXER_XJSON_CHECK(
        expect_object(b, p, {"number-of-pages", "telex-compatible", "non-basic-parameters", "data"}));
    TeletexBodyPart t;
    if (auto* x = optional_member(b, "number-of-pages"))
      t.number_of_pages = MIXER_TRY(read_int(*x, at("number-of-pages")));
    if (auto* x = optional_member(b, "telex-compatible"))
      t.telex_compatible = MIXER_TRY(read_bool(*x, at("telex-compatible")));
    if (auto* x = optional_member(b, "non-basic-parameters"))
      t.non_basic_parameters = MIXER_TRY(read_ber_tlv(*x, at("non-basic-parameters")));
    const auto* lines = MIXER_TRY(read_array(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    for (std::size_t i = 0; i < lines->size(); ++i)
      t.data.push_back(MIXER_TRY(read_octet_text((*lines)[i], index_path(at("data"), i))));
    return BodyPart(std::move(t));
  }
  if (m.key == "videotex") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"syntax", "data"}));
    VideotexBodyPart t;
    if (auto* x = optional_member(b, "syntax")) t.syntax = MIXER_TRY(read_int(*x, at("syntax")));
    t.data = MIXER_TRY(read_octet_text(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    return BodyPart(std::move(t));
  }
  if (m.key == "encrypted") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"parameters", "data"}));
    EncryptedBodyPart e;
    e.parameters = MIXER_TRY(read_ber_tlv(*MIXER_TRY(required_member(b, "parameters", p)), at("parameters")));
    if (e.parameters.empty() || e.parameters[0] != 0x31)
      return error(at("parameters"), "expected the BER of a SET (31 ...)");
    e.data = MIXER_TRY(read_bit_string(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    return BodyPart(std::move(e));
  }
  if (m.key == "message") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"delivery-time", "delivery-envelope", "data"}));
    MessageBodyPart mb;
    if (auto* x = optional_member(b, "delivery-time"))
      mb.delivery_time = MIXER_TRY(read_time(*x, at("delivery-time"), ber::TimeKind::utc_time));
    if (auto* x = optional_member(b, "delivery-envelope")) {
      mb.delivery_envelope = MIXER_TRY(read_ber_tlv(*x, at("delivery-envelope")));
      if ((*mb.delivery_envelope)[0] != 0xa1)
        return error(at("delivery-envelope"), "expected the BER of a [1] SET (a1 ...)");
    }
    mb.data = Box<Ipm>(MIXER_TRY(ipm_from_json(*MIXER_TRY(required_member(b, "data", p)), at("data"))));
    return BodyPart(std::move(mb));
  }
  if (m.key == "nationally-defined")
    return BodyPart(NationallyDefinedBodyPart{MIXER_TRY(read_ber_tlv(b, p))});
  if (m.key == "bilaterally-defined")
    return BodyPart(BilaterallyDefinedBodyPart{MIXER_TRY(read_shared_hex(b, p))});
  if (m.key == "general-text") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"character-sets", "data"}));
    GeneralTextBodyPart g;
    if (auto* x = optional_member(b, "character-sets")) {
      const auto* arr = MIXER_TRY(read_array(*x, at("character-sets")));
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const auto c = MIXER_TRY(read_int((*arr)[i], index_path(at("character-sets"), i)));
        if (c < 1 || c > 32767)
          return error(index_path(at("character-sets"), i), "CharacterSetRegistration out of range 1..32767");
        g.character_sets.push_back(c);
      }
    }
    g.data = MIXER_TRY(read_shared_text(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    return BodyPart(std::move(g));
  }
  if (m.key == "voice") {
    MIXER_XJSON_CHECK(expect_object(
        b, p, {"voice-message-duration", "voice-encoding-type", "supplementary-information", "data"}));
    VoiceBodyPart vb;
    if (auto* x = optional_member(b, "voice-message-duration"))
      vb.duration_seconds = MIXER_TRY(read_int(*x, at("voice-message-duration")));
    vb.encoding_type = MIXER_TRY(
        read_oid(*MIXER_TRY(required_member(b, "voice-encoding-type", p)), at("voice-encoding-type")));
    if (auto* x = optional_member(b, "supplementary-information"))
      vb.supplementary_information =
          MIXER_TRY(read_restricted(*x, at("supplementary-information"), ber::StringKind::ia5));
    vb.data = MIXER_TRY(read_shared_hex(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    return BodyPart(std::move(vb));
  }
  if (m.key == "file-transfer") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"parameters", "data"}));
    FileTransferBodyPart ft;
    if (auto* x = optional_member(b, "parameters"))
      ft.parameters = MIXER_TRY(read_ber_tlv(*x, at("parameters")));
    const auto* arr = MIXER_TRY(read_array(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    for (std::size_t i = 0; i < arr->size(); ++i)
      ft.data.push_back(MIXER_TRY(external_from_json((*arr)[i], index_path(at("data"), i))));
    return BodyPart(std::move(ft));
  }
  if (m.key == "extended") {
    MIXER_XJSON_CHECK(expect_object(b, p, {"parameters", "data"}));
    ExtendedBodyPart e;
    if (auto* x = optional_member(b, "parameters"))
      e.parameters = MIXER_TRY(external_from_json(*x, at("parameters")));
    e.data = MIXER_TRY(external_from_json(*MIXER_TRY(required_member(b, "data", p)), at("data")));
    return BodyPart(std::move(e));
  }
  // other-basic
  MIXER_XJSON_CHECK(expect_object(b, p, {"tag", "encoding"}));
  RawBodyPart r;
  const auto tag = MIXER_TRY(read_int(*MIXER_TRY(required_member(b, "tag", p)), at("tag")));
  if (tag < 0 || tag > 30) return error(at("tag"), "out of range 0..30");
  r.tag = static_cast<std::uint32_t>(tag);
  r.encoding = MIXER_TRY(read_ber_tlv(*MIXER_TRY(required_member(b, "encoding", p)), at("encoding")));
  if ((r.encoding[0] & 0xdf) != (0x80 | tag))
    return error(at("encoding"), "does not start with the context tag [" + std::to_string(tag) + "]");
  return BodyPart(std::move(r));
}

}  // namespace mixer::x400::xjson::detail
