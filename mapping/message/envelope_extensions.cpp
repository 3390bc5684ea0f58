#include "mapping/message/envelope_extensions.hpp"

#include "x400/asn/or_address_codec.hpp"
#include "x400/ber/decode.hpp"
#include "x400/ber/reader.hpp"
#include "x400/ber/writer.hpp"

namespace mixer::mapping::message {

namespace asn = x400::asn;
namespace ber = x400::ber;

namespace {

// The single TLV of `value`, with nothing after it.
std::optional<ber::Element> single(ber::Reader& r) {
  auto e = r.next();
  if (!e || !r.empty()) return std::nullopt;
  return *e;
}

asn::ExtensionField standard(std::int64_t number, ber::Writer&& w) {
  asn::ExtensionField f;
  f.standard = number;
  auto bytes = std::move(w).finish();
  if (bytes) f.value = std::move(*bytes);
  return f;
}

}  // namespace

const asn::ExtensionField* find_standard(const asn::Extensions& exts, std::int64_t number) {
  for (const auto& e : exts)
    if (e.standard && *e.standard == number) return &e;
  return nullptr;
}

std::optional<bool> decode_conversion_with_loss_prohibited(const asn::RawBer& value) {
  ber::Reader r(ber::Bytes(value.data(), value.size()));
  auto e = single(r);
  if (!e || e->tag != ber::tags::kEnumerated) return std::nullopt;
  auto v = ber::read_enumerated(*e);
  if (!v || (*v != 0 && *v != 1)) return std::nullopt;
  return *v == 1;
}

asn::ExtensionField conversion_with_loss_prohibited_extension(bool prohibited) {
  ber::Writer w;
  w.enumerated(prohibited ? 1 : 0);
  return standard(asn::std_ext::kConversionWithLossProhibited, std::move(w));
}

std::optional<ber::Time> decode_latest_delivery_time(const asn::RawBer& value) {
  ber::Reader r(ber::Bytes(value.data(), value.size()));
  auto e = single(r);
  if (!e || e->tag != ber::tags::kUtcTime) return std::nullopt;
  auto t = ber::read_time(*e, ber::TimeKind::utc_time);
  if (!t) return std::nullopt;
  return *t;
}

asn::ExtensionField latest_delivery_time_extension(const ber::Time& t) {
  ber::Writer w;
  w.time(t, ber::tags::kUtcTime);
  return standard(asn::std_ext::kLatestDeliveryTime, std::move(w));
}

std::optional<std::vector<DlExpansion>> decode_dl_expansion_history(const asn::RawBer& value) {
  ber::Reader r(ber::Bytes(value.data(), value.size()));
  auto e = single(r);
  if (!e || e->tag != ber::tags::kSequence) return std::nullopt;
  auto items = e->children();
  if (!items) return std::nullopt;
  std::vector<DlExpansion> out;
  while (!items->empty()) {
    auto item = items->expect(ber::tags::kSequence);
    if (!item) return std::nullopt;
    auto fields = item->children();
    if (!fields) return std::nullopt;
    auto name_el = fields->expect(ber::application(0));
    if (!name_el) return std::nullopt;
    auto name = asn::decode_or_name(*name_el);
    auto time_el = fields->expect(ber::tags::kUtcTime);
    if (!name || !time_el || !fields->empty()) return std::nullopt;
    auto t = ber::read_time(*time_el, ber::TimeKind::utc_time);
    if (!t) return std::nullopt;
    out.push_back(DlExpansion{std::move(*name), *t});
  }
  if (out.empty()) return std::nullopt;  // SIZE (1..ub-dl-expansions)
  return out;
}

asn::ExtensionField dl_expansion_history_extension(const std::vector<DlExpansion>& history) {
  ber::Writer w;
  auto seq = w.begin(ber::tags::kSequence);
  for (const auto& d : history) {
    auto item = w.begin(ber::tags::kSequence);
    asn::encode_or_name(w, d.address);
    w.time(d.time, ber::tags::kUtcTime);
    w.end(item);
  }
  w.end(seq);
  return standard(asn::std_ext::kDlExpansionHistory, std::move(w));
}

}  // namespace mixer::mapping::message
