// Typed heading extensions; see p22_extensions.hpp.
#include "x400/asn/p22_extensions.hpp"

#include <algorithm>

namespace mixer::x400::p22 {

using ber::BerResult;
namespace tags = ber::tags;

const IpmsExtension* find_extension(const std::vector<IpmsExtension>& list, const ber::Oid& type) {
  auto it = std::find_if(list.begin(), list.end(), [&](const IpmsExtension& x) {
    return x.type == type || (is_rfc822_field_list(type) && is_rfc822_field_list(x.type));
  });
  return it == list.end() ? nullptr : &*it;
}

bool is_rfc822_field_list(const ber::Oid& type) {
  // What PP on ISODE really sends: str2elem's (unsigned int) atoi() cuts the
  // arc 234219200300 to 32 bits (wrapped 2290966316; ILP32 strtol clamp
  // 2147483647). Accepted on input only (docs/conformance/messages.md).
  static const ber::Oid kIsodeWrapped{0, 9, 2342, 2290966316ull, 200, 1};
  static const ber::Oid kIsodeClamped{0, 9, 2342, 2147483647ull, 200, 1};
  return type == oids::kRfc822FieldList || type == oids::kRfc822FieldListAlt || type == kIsodeWrapped ||
         type == kIsodeClamped;
}

namespace {

// A SEQUENCE OF / SET OF strings of one kind.
BerResult<std::vector<std::string>> decode_strings(const RawBer& value, ber::Tag outer, ber::Tag item,
                                                   ber::StringKind kind) {
  ber::Reader top{ber::Bytes(value)};
  auto e = MIXER_TRY(top.expect(outer));
  MIXER_BER_OK(top.finish());
  auto r = MIXER_TRY(e.children());
  std::vector<std::string> out;
  for (std::size_t i = 0; !r.empty(); ++i) {
    auto s = [&]() -> BerResult<std::string> { return ber::read_string(MIXER_TRY(r.expect(item)), kind); }();
    if (!s.ok()) return fail(ber::within_index(std::move(s).error(), i));
    out.push_back(std::move(s).value());
  }
  return out;
}

}  // namespace

BerResult<std::vector<std::string>> decode_rfc822_field_list(const RawBer& value) {
  auto r = decode_strings(value, tags::kSequence, tags::kIa5String, ber::StringKind::ia5);
  if (!r.ok()) return fail(ber::within(std::move(r).error(), "RFC822FieldList"));
  return r;
}

BerResult<std::vector<std::string>> decode_languages(const RawBer& value) {
  auto r = decode_strings(value, tags::kSet, tags::kPrintableString, ber::StringKind::printable);
  if (!r.ok()) return fail(ber::within(std::move(r).error(), "Languages"));
  return r;
}

BerResult<AutoSubmitted> decode_auto_submitted(const RawBer& value) {
  ber::Reader top{ber::Bytes(value)};
  auto e = MIXER_TRY(top.expect(tags::kEnumerated));
  MIXER_BER_OK(top.finish());
  const auto v = MIXER_TRY(ber::read_enumerated(e));
  if (v < 0 || v > 2)
    return fail(ber::within(
        ber::unexpected(e.offset, "auto-submitted value " + std::to_string(v) + " out of range 0..2"),
        "AutoSubmitted"));
  return static_cast<AutoSubmitted>(v);
}

BerResult<IpmsExtension> make_rfc822_field_list(const std::vector<std::string>& fields) {
  ber::Writer w;
  auto m = w.begin(tags::kSequence);
  for (const auto& f : fields) w.string(f, ber::StringKind::ia5);
  w.end(m);
  auto bytes = std::move(w).finish();
  if (!bytes.ok()) return fail(ber::within(std::move(bytes).error(), "rfc-822-heading-list"));
  return IpmsExtension{oids::kRfc822FieldList, std::move(bytes).value()};
}

BerResult<IpmsExtension> make_languages(const std::vector<std::string>& codes) {
  ber::Writer w;
  auto m = w.begin(tags::kSet);
  for (const auto& c : codes) {
    if (c.size() < 2 || c.size() > 5)
      w.set_error(ber::encode_error("language code \"" + c + "\" is not 2..5 characters"));
    w.string(c, ber::StringKind::printable);
  }
  w.end_set_of_der(m);
  auto bytes = std::move(w).finish();
  if (!bytes.ok()) return fail(ber::within(std::move(bytes).error(), "languages"));
  return IpmsExtension{oids::kHexLanguages, std::move(bytes).value()};
}

IpmsExtension make_auto_submitted(AutoSubmitted v) {
  return IpmsExtension{oids::kHexAutoSubmitted, RawBer{0x0a, 0x01, static_cast<std::uint8_t>(v)}};
}

IpmsExtension make_incomplete_copy() { return IpmsExtension{oids::kHexIncompleteCopy, RawBer{0x05, 0x00}}; }

BerResult<std::optional<std::vector<std::string>>> rfc822_heading_list(const Heading& h) {
  const IpmsExtension* x = find_extension(h.extensions, oids::kRfc822FieldList);
  if (!x) return std::optional<std::vector<std::string>>{};
  if (!x->value)
    return fail(
        ber::within(ber::unexpected(0, "rfc-822-heading-list without a value"), "heading.extensions"));
  auto list = decode_rfc822_field_list(*x->value);
  if (!list.ok()) return fail(ber::within(std::move(list).error(), "heading.extensions"));
  return std::optional<std::vector<std::string>>{std::move(list).value()};
}

}  // namespace mixer::x400::p22
