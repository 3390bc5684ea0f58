// X.420 body parts (X.420 (1999) 7.3, 7.4 and the extended body part types
// of Annex A): BodyPart ::= CHOICE { basic CHOICE {...}, extended [15] ... }
// and the IPM that holds them.
#include <cstring>
#include <string>

#include "x400/asn/p22_codec_internal.hpp"
#include "x400/asn/p22_oids.hpp"

namespace mixer::x400::p22::detail {

using ber::BerResult;
using ber::context;
using ber::Element;
using ber::StringKind;
using ber::Tag;
using ber::Writer;
namespace tags = ber::tags;

namespace {

BerResult<BodyPart> within_result(std::string_view name, BerResult<BodyPart> r) {
  if (!r.ok()) return fail(ber::within(std::move(r).error(), name));
  return r;
}

// The two-member SEQUENCE { parameters, data } of the basic body parts:
// returns a reader positioned at the start.
BerResult<ber::Reader> body_sequence(const Element& e) { return e.children(); }

BerResult<SharedBytes> read_ia5_data(const Element& e, const DecodeContext& ctx) {
  auto data = MIXER_TRY(read_shared_octets(e, ctx));
  const auto bytes = data.bytes();
  // Eight octets at a time: any high bit set means some octet is above 0x7f.
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
  }
  for (; i < bytes.size(); ++i)
    if (bytes[i] > 0x7f)
      return fail(ber::unexpected(e.content_offset + (e.constructed ? 0 : i),
                                  "IA5String octet 0x" + std::to_string(bytes[i]) + " above 0x7f"));
  return data;
}

// ---- [0] IA5Text ----
BerResult<Ia5TextBodyPart> read_ia5_text(const Element& e, const DecodeContext& ctx) {
  Ia5TextBodyPart v;
  auto r = MIXER_TRY(body_sequence(e));
  auto params = MIXER_BER_FIELD("parameters", r.expect(tags::kSet));
  auto p = MIXER_BER_FIELD("parameters", params.children());
  while (!p.empty()) {
    auto el = MIXER_BER_FIELD("parameters", p.next());
    if (el.tag != context(0)) return fail(ber::within(unknown_member(el, "IA5TextParameters"), "parameters"));
    if (v.repertoire) return fail(ber::within(duplicate_member(el, "repertoire"), "parameters"));
    v.repertoire = MIXER_BER_FIELD("parameters.repertoire", ber::read_enumerated(el));
  }
  auto data = MIXER_BER_FIELD("data", r.expect(tags::kIa5String));
  v.data = MIXER_BER_FIELD("data", read_ia5_data(data, ctx));
  MIXER_BER_OK(r.finish());
  return v;
}

void write_ia5_text(Writer& w, const Ia5TextBodyPart& v) {
  auto m = w.begin(context(0));
  auto p = w.begin(tags::kSet);
  if (v.repertoire) w.enumerated(*v.repertoire, context(0));
  w.end(p);
  for (auto b : v.data.bytes())
    if (b > 0x7f) {
      w.set_error(ber::within(ber::encode_error("IA5 text octet above 0x7f"), "ia5-text.data"));
      break;
    }
  w.primitive(tags::kIa5String, v.data.bytes());
  w.end(m);
}

// ---- [3] G3Facsimile ----
BerResult<G3FacsimileBodyPart> read_g3(const Element& e) {
  G3FacsimileBodyPart v;
  auto r = MIXER_TRY(body_sequence(e));
  auto params = MIXER_BER_FIELD("parameters", r.expect(tags::kSet));
  auto p = MIXER_BER_FIELD("parameters", params.children());
  while (!p.empty()) {
    auto el = MIXER_BER_FIELD("parameters", p.next());
    if (el.tag == context(0) && !v.number_of_pages) {
      v.number_of_pages = MIXER_BER_FIELD("parameters.number-of-pages", ber::read_integer(el));
    } else if (el.tag == context(1) && !v.non_basic_parameters) {
      v.non_basic_parameters = MIXER_BER_FIELD("parameters.non-basic-parameters", ber::read_bit_string(el));
    } else {
      return fail(ber::within(unknown_member(el, "G3FacsimileParameters"), "parameters"));
    }
  }
  auto data = MIXER_BER_FIELD("data", r.expect(tags::kSequence));
  auto d = MIXER_BER_FIELD("data", data.children());
  for (std::size_t i = 0; !d.empty(); ++i) {
    auto el = MIXER_BER_FIELD("data", d.expect(tags::kBitString));
    auto page = ber::read_bit_string(el);
    if (!page.ok()) return fail(ber::within(ber::within_index(std::move(page).error(), i), "data"));
    v.data.push_back(std::move(page).value());
  }
  MIXER_BER_OK(r.finish());
  return v;
}

void write_g3(Writer& w, const G3FacsimileBodyPart& v) {
  auto m = w.begin(context(3));
  auto p = w.begin(tags::kSet);
  if (v.number_of_pages) w.integer(*v.number_of_pages, context(0));
  if (v.non_basic_parameters) w.bit_string(*v.non_basic_parameters, context(1));
  w.end(p);
  auto d = w.begin(tags::kSequence);
  for (const auto& page : v.data) w.bit_string(page);
  w.end(d);
  w.end(m);
}

// ---- [4] G4Class1 / [11] MixedMode: SEQUENCE OF Interchange-Data-Element ----
BerResult<InterchangeDataElements> read_ide_list(const Element& e) {
  InterchangeDataElements v;
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) v.elements.push_back(raw(MIXER_TRY(r.next())));
  return v;
}

void write_ide_list(Writer& w, const InterchangeDataElements& v, Tag t) {
  auto m = w.begin(t);
  for (const auto& x : v.elements) w.raw(x);
  w.end(m);
}

// ---- [5] Teletex ----
BerResult<TeletexBodyPart> read_teletex(const Element& e) {
  TeletexBodyPart v;
  auto r = MIXER_TRY(body_sequence(e));
  auto params = MIXER_BER_FIELD("parameters", r.expect(tags::kSet));
  auto p = MIXER_BER_FIELD("parameters", params.children());
  while (!p.empty()) {
    auto el = MIXER_BER_FIELD("parameters", p.next());
    if (el.tag == context(0) && !v.number_of_pages) {
      v.number_of_pages = MIXER_BER_FIELD("parameters.number-of-pages", ber::read_integer(el));
    } else if (el.tag == context(1) && !v.telex_compatible) {
      v.telex_compatible = MIXER_BER_FIELD("parameters.telex-compatible", ber::read_boolean(el));
    } else if (el.tag == context(2) && !v.non_basic_parameters) {
      v.non_basic_parameters = raw(el);
    } else {
      return fail(ber::within(unknown_member(el, "TeletexParameters"), "parameters"));
    }
  }
  auto data = MIXER_BER_FIELD("data", r.expect(tags::kSequence));
  auto d = MIXER_BER_FIELD("data", data.children());
  for (std::size_t i = 0; !d.empty(); ++i) {
    auto el = MIXER_BER_FIELD("data", d.expect(tags::kTeletexString));
    auto s = ber::read_string(el, StringKind::teletex);
    if (!s.ok()) return fail(ber::within(ber::within_index(std::move(s).error(), i), "data"));
    v.data.push_back(std::move(s).value());
  }
  MIXER_BER_OK(r.finish());
  return v;
}

void write_teletex(Writer& w, const TeletexBodyPart& v) {
  auto m = w.begin(context(5));
  auto p = w.begin(tags::kSet);
  if (v.number_of_pages) w.integer(*v.number_of_pages, context(0));
  if (v.telex_compatible) w.boolean(*v.telex_compatible, context(1));
  if (v.non_basic_parameters) w.raw(*v.non_basic_parameters);
  w.end(p);
  auto d = w.begin(tags::kSequence);
  for (const auto& s : v.data) w.string(s, StringKind::teletex);
  w.end(d);
  w.end(m);
}

// ---- [6] Videotex ----
BerResult<VideotexBodyPart> read_videotex(const Element& e) {
  VideotexBodyPart v;
  auto r = MIXER_TRY(body_sequence(e));
  auto params = MIXER_BER_FIELD("parameters", r.expect(tags::kSet));
  auto p = MIXER_BER_FIELD("parameters", params.children());
  while (!p.empty()) {
    auto el = MIXER_BER_FIELD("parameters", p.next());
    if (el.tag != context(0) || v.syntax)
      return fail(ber::within(unknown_member(el, "VideotexParameters"), "parameters"));
    v.syntax = MIXER_BER_FIELD("parameters.syntax", ber::read_integer(el));
  }
  auto data = MIXER_BER_FIELD("data", r.expect(tags::kVideotexString));
  v.data = MIXER_BER_FIELD("data", ber::read_string(data, StringKind::videotex));
  MIXER_BER_OK(r.finish());
  return v;
}

void write_videotex(Writer& w, const VideotexBodyPart& v) {
  auto m = w.begin(context(6));
  auto p = w.begin(tags::kSet);
  if (v.syntax) w.integer(*v.syntax, context(0));
  w.end(p);
  w.string(v.data, StringKind::videotex);
  w.end(m);
}

// ---- [8] Encrypted ----
BerResult<EncryptedBodyPart> read_encrypted(const Element& e) {
  EncryptedBodyPart v;
  auto r = MIXER_TRY(body_sequence(e));
  v.parameters = raw(MIXER_BER_FIELD("parameters", r.expect(tags::kSet)));
  v.data = MIXER_BER_FIELD("data", ber::read_bit_string(MIXER_BER_FIELD("data", r.expect(tags::kBitString))));
  MIXER_BER_OK(r.finish());
  return v;
}

void write_encrypted(Writer& w, const EncryptedBodyPart& v) {
  auto m = w.begin(context(8));
  if (v.parameters.empty()) {
    auto p = w.begin(tags::kSet);
    w.end(p);
  } else {
    w.raw(v.parameters);
  }
  w.bit_string(v.data);
  w.end(m);
}

// ---- [9] Message (forwarded IPM) ----
BerResult<MessageBodyPart> read_message(const Element& e, const DecodeContext& ctx) {
  MessageBodyPart v;
  auto r = MIXER_TRY(body_sequence(e));
  auto params = MIXER_BER_FIELD("parameters", r.expect(tags::kSet));
  auto p = MIXER_BER_FIELD("parameters", params.children());
  while (!p.empty()) {
    auto el = MIXER_BER_FIELD("parameters", p.next());
    if (el.tag == context(0) && !v.delivery_time) {
      v.delivery_time =
          MIXER_BER_FIELD("parameters.delivery-time", ber::read_time(el, ber::TimeKind::utc_time));
    } else if (el.tag == context(1) && !v.delivery_envelope) {
      if (!el.constructed)
        return fail(ber::within(ber::unexpected(el.offset, "OtherMessageDeliveryFields must be constructed"),
                                "parameters.delivery-envelope"));
      v.delivery_envelope = raw(el);
    } else {
      return fail(ber::within(unknown_member(el, "MessageParameters"), "parameters"));
    }
  }
  auto data = MIXER_BER_FIELD("data", r.expect(tags::kSequence));
  v.data = MIXER_BER_FIELD("data", read_ipm(data, ctx));
  MIXER_BER_OK(r.finish());
  return v;
}

void write_message(Writer& w, const MessageBodyPart& v) {
  auto m = w.begin(context(9));
  auto p = w.begin(tags::kSet);
  if (v.delivery_time) w.time(*v.delivery_time, context(0));
  if (v.delivery_envelope) w.raw(*v.delivery_envelope);
  w.end(p);
  write_ipm(w, *v.data, tags::kSequence);
  w.end(m);
}

// ---- [15] extended body parts ----

// INSTANCE OF TYPE-IDENTIFIER in its X.681 Annex C form: { type-id OID,
// value [0] EXPLICIT }. nullopt when the EXTERNAL uses another form.
struct InstanceOf {
  ber::Oid type;
  Element value;
};
BerResult<std::optional<InstanceOf>> read_instance_of(const Element& e) {
  auto r = MIXER_TRY(e.children());
  if (!r.next_is(tags::kObjectIdentifier)) return std::optional<InstanceOf>{};
  InstanceOf x;
  x.type = MIXER_BER_FIELD("direct-reference", ber::read_oid(MIXER_TRY(r.next())));
  if (!r.next_is(context(0))) return std::optional<InstanceOf>{};
  auto wrapper = MIXER_TRY(r.next());
  if (!r.empty()) return std::optional<InstanceOf>{};
  auto inner = MIXER_BER_FIELD("encoding.single-ASN1-type", wrapper.children());
  x.value = MIXER_BER_FIELD("encoding.single-ASN1-type", inner.next());
  MIXER_BER_CHECK("encoding.single-ASN1-type", inner.finish());
  return std::optional<InstanceOf>{std::move(x)};
}

void write_instance_of(Writer& w, const ber::Oid& type, Tag t, auto&& write_value) {
  auto m = w.begin(t);
  w.oid(type);
  auto v = w.begin(context(0));
  write_value();
  w.end(v);
  w.end(m);
}

BerResult<GeneralTextBodyPart> read_general_text(const std::optional<InstanceOf>& params,
                                                 const InstanceOf& data, const DecodeContext& ctx) {
  GeneralTextBodyPart v;
  if (params) {
    if (params->value.tag != tags::kSet)
      return fail(ber::within(ber::unexpected(params->value.offset, "GeneralTextParameters must be a SET OF"),
                              "parameters"));
    auto r = MIXER_BER_FIELD("parameters", params->value.children());
    while (!r.empty()) {
      auto el = MIXER_BER_FIELD("parameters", r.expect(tags::kInteger));
      const auto cs = MIXER_BER_FIELD("parameters", ber::read_integer(el));
      if (cs < 1 || cs > 32767)  // CharacterSetRegistration ::= INTEGER (1..32767)
        return fail(ber::within(
            ber::unexpected(el.offset, "character set registration " + std::to_string(cs) + " outside 1..32767"),
            "parameters"));
      v.character_sets.push_back(cs);
    }
  }
  if (data.value.tag != tags::kGeneralString)
    return fail(
        ber::within(ber::unexpected(data.value.offset, "GeneralTextData must be a GeneralString"), "data"));
  v.data = MIXER_BER_FIELD("data", read_shared_octets(data.value, ctx));
  return v;
}

BerResult<VoiceBodyPart> read_voice(const InstanceOf& params, const InstanceOf& data,
                                    const DecodeContext& ctx) {
  VoiceBodyPart v;
  if (params.value.tag != tags::kSequence)
    return fail(ber::within(ber::unexpected(params.value.offset, "VoiceParameters must be a SEQUENCE"),
                            "parameters"));
  auto r = MIXER_BER_FIELD("parameters", params.value.children());
  if (auto el = MIXER_BER_FIELD("parameters", r.optional(context(0))))
    v.duration_seconds = MIXER_BER_FIELD("parameters.voice-message-duration", ber::read_integer(*el));
  v.encoding_type =
      MIXER_BER_FIELD("parameters.voice-encoding-type",
                      ber::read_oid(MIXER_BER_FIELD("parameters.voice-encoding-type", r.expect(context(1)))));
  if (auto el = MIXER_BER_FIELD("parameters", r.optional(context(2))))
    v.supplementary_information =
        MIXER_BER_FIELD("parameters.supplementary-information", ber::read_string(*el, StringKind::ia5));
  MIXER_BER_CHECK("parameters", r.finish());
  if (data.value.tag != tags::kOctetString)
    return fail(ber::within(ber::unexpected(data.value.offset, "VoiceData must be an OCTET STRING"), "data"));
  v.data = MIXER_BER_FIELD("data", read_shared_octets(data.value, ctx));
  return v;
}

BerResult<FileTransferBodyPart> read_file_transfer(const std::optional<InstanceOf>& params,
                                                   const InstanceOf& data) {
  FileTransferBodyPart v;
  if (params) v.parameters = raw(params->value);
  if (data.value.tag != tags::kSequence)
    return fail(ber::within(
        ber::unexpected(data.value.offset, "FileTransferData must be a SEQUENCE OF EXTERNAL"), "data"));
  auto r = MIXER_BER_FIELD("data", data.value.children());
  for (std::size_t i = 0; !r.empty(); ++i) {
    auto el = MIXER_BER_FIELD("data", r.expect(tags::kExternal));
    auto x = ber::read_external(el);
    if (!x.ok()) return fail(ber::within(ber::within_index(std::move(x).error(), i), "data"));
    v.data.push_back(std::move(x).value());
  }
  return v;
}

BerResult<BodyPart> read_extended(const Element& e, const DecodeContext& ctx) {
  auto r = MIXER_TRY(e.children());
  std::optional<Element> params_el = MIXER_BER_FIELD("parameters", r.optional(context(0)));
  auto data_el = MIXER_BER_FIELD("data", r.expect(tags::kExternal));
  MIXER_BER_OK(r.finish());

  std::optional<InstanceOf> params, data;
  if (params_el) params = MIXER_BER_FIELD("parameters", read_instance_of(*params_el));
  data = MIXER_BER_FIELD("data", read_instance_of(data_el));
  const bool params_ok = !params_el || params;
  if (data && params_ok) {
    const ber::Oid& t = data->type;
    if (t == oids::kEtGeneralText && (!params || params->type == oids::kEpGeneralText))
      return BodyPart(MIXER_TRY(read_general_text(params, *data, ctx)));
    if (t == oids::kEtVoice && params && params->type == oids::kEpVoice)
      return BodyPart(MIXER_TRY(read_voice(*params, *data, ctx)));
    if (t == oids::kEtFileTransfer && (!params || params->type == oids::kEpFileTransfer))
      return BodyPart(MIXER_TRY(read_file_transfer(params, *data)));
  }
  ExtendedBodyPart v;
  if (params_el) v.parameters = MIXER_BER_FIELD("parameters", ber::read_external(*params_el));
  v.data = MIXER_BER_FIELD("data", ber::read_external(data_el));
  return BodyPart(std::move(v));
}

void write_extended_generic(Writer& w, const ExtendedBodyPart& v) {
  auto m = w.begin(context(15));
  if (v.parameters) ber::write_external(w, *v.parameters, context(0));
  ber::write_external(w, v.data, tags::kExternal);
  w.end(m);
}

void write_general_text(Writer& w, const GeneralTextBodyPart& v) {
  auto m = w.begin(context(15));
  write_instance_of(w, oids::kEpGeneralText, context(0), [&] {
    auto s = w.begin(tags::kSet);
    for (auto cs : v.character_sets) w.integer(cs);
    w.end(s);  // SET OF kept in the order given, so that a relayed value is unchanged
  });
  write_instance_of(w, oids::kEtGeneralText, tags::kExternal,
                    [&] { w.primitive(tags::kGeneralString, v.data.bytes()); });
  w.end(m);
}

void write_voice(Writer& w, const VoiceBodyPart& v) {
  auto m = w.begin(context(15));
  write_instance_of(w, oids::kEpVoice, context(0), [&] {
    auto s = w.begin(tags::kSequence);
    if (v.duration_seconds) w.integer(*v.duration_seconds, context(0));
    w.oid(v.encoding_type, context(1));
    if (v.supplementary_information) w.string(*v.supplementary_information, StringKind::ia5, context(2));
    w.end(s);
  });
  write_instance_of(w, oids::kEtVoice, tags::kExternal, [&] { w.octets(v.data.bytes()); });
  w.end(m);
}

void write_file_transfer(Writer& w, const FileTransferBodyPart& v) {
  auto m = w.begin(context(15));
  if (v.parameters) write_instance_of(w, oids::kEpFileTransfer, context(0), [&] { w.raw(*v.parameters); });
  write_instance_of(w, oids::kEtFileTransfer, tags::kExternal, [&] {
    auto s = w.begin(tags::kSequence);
    for (const auto& x : v.data) ber::write_external(w, x);
    w.end(s);
  });
  w.end(m);
}

template <typename T>
BerResult<BodyPart> as_body_part(BerResult<T> r) {
  if (!r.ok()) return fail(std::move(r).error());
  return BodyPart(std::move(r).value());
}

}  // namespace

BerResult<BodyPart> read_body_part(const Element& e, const DecodeContext& ctx) {
  if (e.tag.cls != ber::TagClass::context)
    return fail(
        ber::unexpected(e.offset, "expected a body part (a context tag), found " + e.tag.to_string()));
  constexpr std::uint32_t kConstructed =
      1u << 0 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 9 | 1u << 11 | 1u << 15;
  if (!e.constructed && e.tag.number < 16 && (kConstructed >> e.tag.number & 1u))
    return fail(ber::unexpected(e.offset, "body part " + e.tag.to_string() + " must be constructed"));
  switch (e.tag.number) {
    case 0:
      return within_result("ia5-text", as_body_part(read_ia5_text(e, ctx)));
    case 3:
      return within_result("g3-facsimile", as_body_part(read_g3(e)));
    case 4: {
      auto v = MIXER_BER_FIELD("g4-class1", read_ide_list(e));
      return BodyPart(G4Class1BodyPart{std::move(v)});
    }
    case 5:
      return within_result("teletex", as_body_part(read_teletex(e)));
    case 6:
      return within_result("videotex", as_body_part(read_videotex(e)));
    case 7: {  // [7] EXPLICIT open type (X.680 31.2.7)
      auto r = MIXER_BER_FIELD("nationally-defined", e.children());
      auto v = MIXER_BER_FIELD("nationally-defined", r.next());
      MIXER_BER_CHECK("nationally-defined", r.finish());
      return BodyPart(NationallyDefinedBodyPart{raw(v)});
    }
    case 8:
      return within_result("encrypted", as_body_part(read_encrypted(e)));
    case 9:
      return within_result("message", as_body_part(read_message(e, ctx)));
    case 11: {
      auto v = MIXER_BER_FIELD("mixed-mode", read_ide_list(e));
      return BodyPart(MixedModeBodyPart{std::move(v)});
    }
    case 14:
      return BodyPart(
          BilaterallyDefinedBodyPart{MIXER_BER_FIELD("bilaterally-defined", read_shared_octets(e, ctx))});
    case 15:
      return within_result("extended", read_extended(e, ctx));
    default:
      return BodyPart(RawBodyPart{e.tag.number, raw(e)});
  }
}

void write_body_part(Writer& w, const BodyPart& v) {
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Ia5TextBodyPart>)
          write_ia5_text(w, b);
        else if constexpr (std::is_same_v<T, G3FacsimileBodyPart>)
          write_g3(w, b);
        else if constexpr (std::is_same_v<T, G4Class1BodyPart>)
          write_ide_list(w, b, context(4));
        else if constexpr (std::is_same_v<T, TeletexBodyPart>)
          write_teletex(w, b);
        else if constexpr (std::is_same_v<T, VideotexBodyPart>)
          write_videotex(w, b);
        else if constexpr (std::is_same_v<T, EncryptedBodyPart>)
          write_encrypted(w, b);
        else if constexpr (std::is_same_v<T, MessageBodyPart>)
          write_message(w, b);
        else if constexpr (std::is_same_v<T, MixedModeBodyPart>)
          write_ide_list(w, b, context(11));
        else if constexpr (std::is_same_v<T, NationallyDefinedBodyPart>) {
          auto m = w.begin(context(7));
          w.raw(b.value);
          w.end(m);
        } else if constexpr (std::is_same_v<T, BilaterallyDefinedBodyPart>)
          w.octets(b.data.bytes(), context(14));
        else if constexpr (std::is_same_v<T, GeneralTextBodyPart>)
          write_general_text(w, b);
        else if constexpr (std::is_same_v<T, VoiceBodyPart>)
          write_voice(w, b);
        else if constexpr (std::is_same_v<T, FileTransferBodyPart>)
          write_file_transfer(w, b);
        else if constexpr (std::is_same_v<T, ExtendedBodyPart>)
          write_extended_generic(w, b);
        else if constexpr (std::is_same_v<T, RawBodyPart>)
          w.raw(b.encoding);
      },
      v);
}

// IPM ::= SEQUENCE { heading Heading, body Body }, Body ::= SEQUENCE OF BodyPart
BerResult<Ipm> read_ipm(const Element& e, const DecodeContext& ctx) {
  Ipm v;
  auto r = MIXER_TRY(e.children());
  auto heading = MIXER_BER_FIELD("heading", r.expect(tags::kSet));
  v.heading = MIXER_BER_FIELD("heading", read_heading(heading));
  auto body = MIXER_BER_FIELD("body", r.expect(tags::kSequence));
  MIXER_BER_OK(r.finish());
  auto b = MIXER_BER_FIELD("body", body.children());
  for (std::size_t i = 0; !b.empty(); ++i) {
    auto el = MIXER_BER_FIELD("body", b.next());
    auto part = read_body_part(el, ctx);
    if (!part.ok()) return fail(ber::within(ber::within_index(std::move(part).error(), i), "body"));
    v.body.push_back(std::move(part).value());
  }
  return v;
}

void write_ipm(Writer& w, const Ipm& v, Tag t) {
  auto m = w.begin(t);
  write_heading(w, v.heading);
  auto b = w.begin(tags::kSequence);
  for (const auto& part : v.body) write_body_part(w, part);
  w.end(b);
  w.end(m);
}

}  // namespace mixer::x400::p22::detail
