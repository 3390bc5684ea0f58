#include "mapping/body/ftbp.hpp"

namespace mixer::mapping::body {

namespace ber = x400::ber;
namespace p22 = x400::p22;
using ber::context;
namespace tags = ber::tags;

const ber::Oid& ftam3_document_type() {
  static const ber::Oid kFtam3{1, 0, 8571, 5, 3};
  return kFtam3;
}

namespace {

// Date-and-Time-Attribute ::= CHOICE { no-value-available [0] NULL,
// actual-values [1] GeneralizedTime }, under an EXPLICIT [n] (a CHOICE).
void write_date(ber::Writer& w, std::uint32_t tag, const std::optional<ber::Time>& t) {
  if (!t) return;
  auto m = w.begin(context(tag));
  ber::Time g = *t;
  g.kind = ber::TimeKind::generalized_time;
  w.time(g, context(1));
  w.end(m);
}

ber::BerResult<std::optional<ber::Time>> read_date(const ber::Element& e) {
  auto r = MIXER_TRY(e.children());
  auto v = MIXER_TRY(r.next());
  MIXER_BER_OK(r.finish());
  if (v.tag == context(0)) return std::optional<ber::Time>{};  // no-value-available
  if (v.tag != context(1))
    return fail(ber::unexpected(v.offset, "Date-and-Time-Attribute: expected [0] or [1]"));
  return std::optional<ber::Time>(MIXER_TRY(ber::read_time(v, ber::TimeKind::generalized_time)));
}

ber::BerStatus read_file_attributes(const ber::Element& e, FileTransferInfo& info) {
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag.cls != ber::TagClass::context) continue;
    switch (el.tag.number) {
      case 0:     // incomplete-pathname [0] Pathname
      case 23: {  // complete-pathname [23] Pathname ::= SEQUENCE OF GraphicString
        auto pr = MIXER_BER_FIELD("pathname", el.children());
        while (!pr.empty()) {
          auto c = MIXER_BER_FIELD("pathname", pr.next());
          info.file_name = MIXER_BER_FIELD("pathname", ber::read_string(c, ber::StringKind::graphic));
        }
        break;
      }
      case 4:
        info.created = MIXER_BER_FIELD("date-and-time-of-creation", read_date(el));
        break;
      case 5:
        info.modified = MIXER_BER_FIELD("date-and-time-of-last-modification", read_date(el));
        break;
      case 6:
        info.read = MIXER_BER_FIELD("date-and-time-of-last-read-access", read_date(el));
        break;
      case 13: {  // Object-Size-Attribute ::= CHOICE { no-value-available [0], actual-values [1] INTEGER }
        auto sr = MIXER_BER_FIELD("object-size", el.children());
        auto v = MIXER_BER_FIELD("object-size", sr.next());
        if (v.tag == context(1)) info.size = MIXER_BER_FIELD("object-size", ber::read_integer(v));
        break;
      }
      default:
        break;  // other FTAM attributes: not mapped (kept by the caller's TLV)
    }
  }
  return Ok{};
}

ber::BerStatus read_environment(const ber::Element& e, FileTransferInfo& info) {
  auto r = MIXER_TRY(e.children());
  while (!r.empty()) {
    auto el = MIXER_TRY(r.next());
    if (el.tag != context(3)) continue;
    auto sr = MIXER_BER_FIELD("user-visible-string", el.children());
    while (!sr.empty()) {
      auto s = MIXER_BER_FIELD("user-visible-string", sr.expect(tags::kGraphicString));
      info.mime_fields.push_back(
          MIXER_BER_FIELD("user-visible-string", ber::read_string(s, ber::StringKind::graphic)));
    }
  }
  return Ok{};
}

}  // namespace

ber::BerResult<p22::RawBer> encode_ftbp_parameters(const FileTransferInfo& info) {
  ber::Writer w;
  auto top = w.begin(tags::kSequence);
  {
    auto ct = w.begin(context(1));  // contents-type (EXPLICIT: a CHOICE)
    auto dt = w.begin(context(0));  // document-type
    w.oid(ftam3_document_type());
    w.end(dt);
    w.end(ct);
  }
  if (!info.mime_fields.empty()) {
    auto env = w.begin(context(2));
    auto uvs = w.begin(context(3));
    for (const auto& f : info.mime_fields) w.string(f, ber::StringKind::graphic);
    w.end(uvs);
    w.end(env);
  }
  if (info.file_name || info.created || info.modified || info.read || info.size) {
    auto fa = w.begin(context(4));
    if (info.file_name) {
      auto pn = w.begin(context(0));
      w.string(*info.file_name, ber::StringKind::graphic);
      w.end(pn);
    }
    write_date(w, 4, info.created);
    write_date(w, 5, info.modified);
    write_date(w, 6, info.read);
    if (info.size) {
      auto os = w.begin(context(13));
      w.integer(*info.size, context(1));
      w.end(os);
    }
    w.end(fa);
  }
  w.end(top);
  return std::move(w).finish();
}

ber::BerResult<FileTransferInfo> decode_ftbp_parameters(const p22::RawBer& tlv) {
  FileTransferInfo info;
  ber::Reader top(ber::Bytes(tlv.data(), tlv.size()));
  auto seq = MIXER_BER_FIELD("FileTransferParameters", top.expect(tags::kSequence));
  MIXER_BER_CHECK("FileTransferParameters", top.finish());
  auto r = MIXER_BER_FIELD("FileTransferParameters", seq.children());
  while (!r.empty()) {
    auto el = MIXER_BER_FIELD("FileTransferParameters", r.next());
    if (el.tag == context(2))
      MIXER_BER_CHECK("FileTransferParameters.environment", read_environment(el, info));
    if (el.tag == context(4))
      MIXER_BER_CHECK("FileTransferParameters.file-attributes", read_file_attributes(el, info));
  }
  return info;
}

p22::FileTransferBodyPart make_ftbp(std::optional<p22::RawBer> parameters, std::string_view data) {
  p22::FileTransferBodyPart part;
  part.parameters = std::move(parameters);
  ber::External x;
  x.direct_reference = ftam3_document_type();
  x.encoding = ber::External::Encoding::octet_aligned;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  x.data.assign(bytes, bytes + data.size());  // one memcpy (char -> uint8_t iterators would copy octet by octet)
  part.data.push_back(std::move(x));
  return part;
}

ber::BerResult<std::string> ftbp_data(const p22::FileTransferBodyPart& part) {
  std::string out;
  std::size_t total = 0;
  for (const auto& x : part.data) total += x.data.size();
  out.reserve(total);
  for (std::size_t i = 0; i < part.data.size(); ++i) {
    const auto& x = part.data[i];
    if (x.encoding == ber::External::Encoding::octet_aligned) {
      out.append(reinterpret_cast<const char*>(x.data.data()), x.data.size());
      continue;
    }
    if (x.encoding == ber::External::Encoding::single_asn1_type) {
      // A single OCTET STRING value (some UAs write the file this way).
      ber::Reader r(ber::Bytes(x.data.data(), x.data.size()));
      auto el = r.expect(tags::kOctetString);
      if (el.ok() && r.finish().ok()) {
        auto bytes = ber::read_octets_copy(*el);
        if (bytes.ok()) {
          out.append(reinterpret_cast<const char*>(bytes->data()), bytes->size());
          continue;
        }
      }
    }
    return fail(ber::within(
        ber::within_index(ber::unexpected(0, "file data must be octet-aligned or an OCTET STRING"), i),
        "data"));
  }
  return out;
}

}  // namespace mixer::mapping::body
