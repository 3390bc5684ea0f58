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

// ReportingMTAName ::= SEQUENCE { domain GlobalDomainIdentifier, mta-name MTAName,
//   mta-directory-name [0] Name OPTIONAL }   (the Name kept as its TLV)
std::optional<json::Value> reporting_mta_name_view(const ber::Element& e) {
  if (e.tag != ber::tags::kSequence) return std::nullopt;
  auto r = e.children();
  if (!r.ok()) return std::nullopt;
  auto g = r->expect(ber::application(3));
  if (!g.ok()) return std::nullopt;
  auto gdi = decode_gdi(*g);
  auto n = r->expect(ber::tags::kIa5String);
  if (!gdi.ok() || !n.ok()) return std::nullopt;
  auto name = ber::read_string(*n, ber::StringKind::ia5);
  auto dir = r->optional(ber::context(0));
  if (!name.ok() || !dir.ok() || !r->finish().ok()) return std::nullopt;
  json::Value o = json::Value::object();
  o.set("domain", to_json(*gdi));
  o.set("mta-name", *name);
  if (*dir) o.set("mta-directory-name", ber_tlv((*dir)->encoding));
  return o;
}

// DLExpansionHistory ::= SEQUENCE OF DLExpansion; DLExpansion ::= SEQUENCE {
//   address ORAddressAndOptionalDirectoryName (= ORName), dl-expansion-time Time }
std::optional<json::Value> dl_expansion_history_view(const ber::Element& e) {
  if (e.tag != ber::tags::kSequence) return std::nullopt;
  auto r = e.children();
  if (!r.ok()) return std::nullopt;
  json::Value list = json::Value::array();
  while (!r->empty()) {
    auto item = r->expect(ber::tags::kSequence);
    if (!item.ok()) return std::nullopt;
    auto c = item->children();
    if (!c.ok()) return std::nullopt;
    auto a = c->expect(ber::application(0));
    if (!a.ok()) return std::nullopt;
    auto name = decode_or_name(*a);
    auto t = c->expect(ber::tags::kUtcTime);
    if (!name.ok() || !t.ok()) return std::nullopt;
    auto time = decode_p1_time(*t);
    if (!time.ok() || !c->finish().ok()) return std::nullopt;
    json::Value o = json::Value::object();
    o.set("address", to_json(*name));
    o.set("dl-expansion-time", time_value(*time));
    list.push(std::move(o));
  }
  return list;
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
    case std_ext::kReportingMtaName: return reporting_mta_name_view(*e);
    case std_ext::kDlExpansionHistory: return dl_expansion_history_view(*e);
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
    case std_ext::kReportingMtaName: {
      MIXER_XJSON_CHECK(expect_object(decoded, path, {"domain", "mta-name", "mta-directory-name"}));
      auto m = w.begin(ber::tags::kSequence);
      encode_gdi(w, MIXER_TRY(gdi_from_json(*MIXER_TRY(required_member(decoded, "domain", path)),
                                            join_path(path, "domain"))));
      w.string(MIXER_TRY(read_restricted(*MIXER_TRY(required_member(decoded, "mta-name", path)),
                                         join_path(path, "mta-name"), ber::StringKind::ia5)),
               ber::StringKind::ia5);
      if (auto* d = optional_member(decoded, "mta-directory-name")) {
        const std::string dp = join_path(path, "mta-directory-name");
        auto tlv = MIXER_TRY(read_ber_tlv(*d, dp));
        if (tlv[0] != 0xa0) return error(dp, "expected the [0] TLV of a directory Name (first octet a0)");
        w.raw(tlv);
      }
      w.end(m);
      break;
    }
    case std_ext::kDlExpansionHistory: {
      const auto* arr = MIXER_TRY(read_array(decoded, path));
      auto seq = w.begin(ber::tags::kSequence);
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string ip = index_path(path, i);
        const json::Value& item = (*arr)[i];
        MIXER_XJSON_CHECK(expect_object(item, ip, {"address", "dl-expansion-time"}));
        auto one = w.begin(ber::tags::kSequence);
        encode_or_name(w, MIXER_TRY(or_name_from_json(*MIXER_TRY(required_member(item, "address", ip)),
                                                      join_path(ip, "address"))));
        w.time(MIXER_TRY(read_time(*MIXER_TRY(required_member(item, "dl-expansion-time", ip)),
                                   join_path(ip, "dl-expansion-time"), ber::TimeKind::utc_time)),
               ber::tags::kUtcTime);
        w.end(one);
      }
      w.end(seq);
      break;
    }
    default:
      return error(path, "no typed form for this extension type: give its value as \"value\": {\"ber\": ...}");
  }
  return finish(std::move(w), path);
}

}  // namespace mixer::x400::xjson
