// Typed views of X.411 standard extension values; see p1_extension_json.hpp.
#include "x400/json/p1_extension_json.hpp"

#include <array>

#include "x400/asn/or_address_codec.hpp"
#include "x400/ber/ber.hpp"
#include "x400/json/or_address_json.hpp"
#include "x400/json/p1_common_json.hpp"

namespace mixer::x400::xjson {

using namespace asn;

namespace {

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  return fail(std::string(path) + ": " + std::string(what));
}

// The ENUMERATED { x-allowed (0), x-prohibited (1) } extensions.
constexpr std::array<std::string_view, 2> kReassignment = {"recipient-reassignment-allowed",
                                                           "recipient-reassignment-prohibited"};
constexpr std::array<std::string_view, 2> kDlExpansion = {"dl-expansion-allowed", "dl-expansion-prohibited"};
constexpr std::array<std::string_view, 2> kConversionWithLoss = {"conversion-with-loss-allowed",
                                                                 "conversion-with-loss-prohibited"};

std::span<const std::string_view> prohibition_names(std::int64_t type) {
  switch (type) {
    case std_ext::kRecipientReassignmentProhibited: return kReassignment;
    case std_ext::kDlExpansionProhibited: return kDlExpansion;
    case std_ext::kConversionWithLossProhibited: return kConversionWithLoss;
    default: return {};
  }
}

// One whole TLV, nothing after it.
std::optional<ber::Element> single_element(ber::Reader& r) {
  auto e = r.next();
  if (!e.ok() || !r.finish().ok()) return std::nullopt;
  return *e;
}

std::optional<json::Value> typed_view(std::int64_t type, const RawBer& tlv) {
  ber::Reader r(tlv);
  auto e = single_element(r);
  if (!e) return std::nullopt;
  switch (type) {
    case std_ext::kRecipientReassignmentProhibited:
    case std_ext::kDlExpansionProhibited:
    case std_ext::kConversionWithLossProhibited: {
      if (e->tag != ber::tags::kEnumerated) return std::nullopt;
      auto v = ber::read_enumerated(*e);
      if (!v.ok() || *v < 0 || *v > 1) return std::nullopt;
      return enum_value(*v, prohibition_names(type));
    }
    case std_ext::kLatestDeliveryTime: {
      if (e->tag != ber::tags::kUtcTime) return std::nullopt;
      auto t = decode_p1_time(*e);
      if (!t.ok()) return std::nullopt;
      return time_value(*t);
    }
    case std_ext::kOriginatorReturnAddress: {
      if (e->tag != ber::tags::kSequence) return std::nullopt;
      auto a = decode_or_address(*e);
      if (!a.ok()) return std::nullopt;
      return to_json(*a);
    }
    case std_ext::kContentCorrelator: {
      json::Value o = json::Value::object();
      if (e->tag == ber::tags::kIa5String) {
        auto s = ber::read_string(*e, ber::StringKind::ia5);
        if (!s.ok()) return std::nullopt;
        o.set("ia5text", *s);
      } else if (e->tag == ber::tags::kOctetString) {
        auto b = ber::read_octets_copy(*e);
        if (!b.ok()) return std::nullopt;
        o.set("octets", hex_bytes(*b));
      } else {
        return std::nullopt;
      }
      return o;
    }
    case std_ext::kTraceInformation: {
      if (e->tag != ber::application(9)) return std::nullopt;
      auto t = decode_trace_information(*e);
      if (!t.ok()) return std::nullopt;
      return to_json(*t);
    }
    case std_ext::kInternalTraceInformation: {
      if (e->tag != ber::tags::kSequence) return std::nullopt;
      auto t = decode_internal_trace_information(*e);
      if (!t.ok()) return std::nullopt;
      return to_json(*t);
    }
    default: return std::nullopt;
  }
}

JsonResult<RawBer> finish(ber::Writer w, std::string_view path) {
  auto out = std::move(w).finish();
  if (!out.ok()) return error(path, out.error().to_string());
  return std::move(out).value();
}

}  // namespace

std::optional<json::Value> extension_value_to_json(const ExtensionField& x) {
  if (!x.standard || x.private_oid || !x.value) return std::nullopt;
  return typed_view(*x.standard, *x.value);
}

JsonResult<RawBer> extension_value_from_json(const ExtensionField& x, const json::Value& decoded,
                                             std::string_view path) {
  const std::int64_t type = x.standard && !x.private_oid ? *x.standard : -1;
  ber::Writer w;
  switch (type) {
    case std_ext::kRecipientReassignmentProhibited:
    case std_ext::kDlExpansionProhibited:
    case std_ext::kConversionWithLossProhibited: {
      const auto v = MIXER_TRY(read_enum(decoded, path, prohibition_names(type)));
      if (v < 0 || v > 1) return error(path, "out of range 0..1");
      w.enumerated(v);
      break;
    }
    case std_ext::kLatestDeliveryTime:
      w.time(MIXER_TRY(read_time(decoded, path, ber::TimeKind::utc_time)), ber::tags::kUtcTime);
      break;
    case std_ext::kOriginatorReturnAddress:
      encode_or_address(w, MIXER_TRY(or_address_from_json(decoded, path)));
      break;
    case std_ext::kContentCorrelator: {
      MIXER_XJSON_CHECK(expect_object(decoded, path, {"ia5text", "octets"}));
      if (decoded.size() != 1) return error(path, "expected exactly one of \"ia5text\" and \"octets\"");
      if (auto* s = optional_member(decoded, "ia5text"))
        w.string(MIXER_TRY(read_restricted(*s, join_path(path, "ia5text"), ber::StringKind::ia5)),
                 ber::StringKind::ia5);
      else
        w.octets(ber::Bytes(MIXER_TRY(read_hex_bytes(*MIXER_TRY(required_member(decoded, "octets", path)),
                                                     join_path(path, "octets")))));
      break;
    }
    case std_ext::kTraceInformation: encode_trace_information(w, MIXER_TRY(trace_from_json(decoded, path))); break;
    case std_ext::kInternalTraceInformation:
      encode_internal_trace_information(w, MIXER_TRY(internal_trace_from_json(decoded, path)));
      break;
    default:
      return error(path, "no typed form for this extension type: give its value as \"value\": {\"ber\": ...}");
  }
  return finish(std::move(w), path);
}

}  // namespace mixer::x400::xjson
