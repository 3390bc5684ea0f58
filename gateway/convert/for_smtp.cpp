#include "gateway/convert/for_smtp.hpp"

#include <chrono>

#include "gateway/daemon/identity.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "smtp/xtext.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::convert {
namespace attr = queue::attr;
namespace {

std::string attr_of(const std::map<std::string, std::string>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

smtp::DsnNotify parse_notify(std::string_view s) {
  smtp::DsnNotify n;
  if (s.empty()) return n;
  n.given = true;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    auto comma = s.find(',', pos);
    auto w = s.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (w == "NEVER") n.never = true;
    else if (w == "SUCCESS") n.success = true;
    else if (w == "FAILURE") n.failure = true;
    else if (w == "DELAY") n.delay = true;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return n;
}

// Every due recipient fails with the same diagnostic.
SmtpConversion fail_all(const std::vector<std::size_t>& due, queue::AttemptResult how, const std::string& why) {
  SmtpConversion c;
  for (auto i : due) c.failed.push_back({i, how, why});
  return c;
}

// Envelope from the record: the due recipients with their DSN parameters.
SmtpConversion from_record(const queue::Record& r, const std::vector<std::size_t>& due, std::string mail_from,
                           std::string content) {
  SmtpConversion c;
  smtp::OutgoingMessage m;
  m.envelope.mail_from = std::move(mail_from);
  m.envelope.envid = attr_of(r.attrs, attr::kEnvid);
  const auto ret = attr_of(r.attrs, attr::kRet);
  m.envelope.ret = ret == "FULL" ? smtp::DsnRet::kFull : ret == "HDRS" ? smtp::DsnRet::kHeaders : smtp::DsnRet::kUnspecified;
  m.envelope.smtputf8 = attr_of(r.attrs, attr::kSmtpUtf8) == "1";
  const auto body = attr_of(r.attrs, attr::kBody);
  m.envelope.body = body == "8BITMIME" ? smtp::BodyType::k8BitMime
                    : body == "7BIT"   ? smtp::BodyType::k7Bit
                                       : smtp::BodyType::kUnspecified;
  for (auto i : due) {
    if (i >= r.recipients.size()) continue;
    m.envelope.recipients.push_back(smtp_recipient(r.recipients[i]));
    c.rcpt_index.push_back(i);
  }
  m.content = std::move(content);
  if (!c.rcpt_index.empty()) c.message = std::move(m);
  return c;
}

bool has_8bit(std::string_view s) {
  for (unsigned char ch : s)
    if (ch >= 0x80) return true;
  return false;
}

std::string mapping_text(const mapping::MappingFailure& f) { return f.to_string(); }

}  // namespace

smtp::Recipient smtp_recipient(const queue::Recipient& r) {
  smtp::Recipient out;
  out.address = r.address;
  out.notify = parse_notify(attr_of(r.attrs, attr::kNotify));
  if (auto o = attr_of(r.attrs, attr::kOrcpt); !o.empty()) {
    auto semi = o.find(';');
    if (semi != std::string::npos) {
      out.orcpt_type = o.substr(0, semi);
      out.orcpt_address = o.substr(semi + 1);
    }
  }
  return out;
}

SmtpConversion for_smtp(const queue::Record& r, const std::vector<std::size_t>& due, const ForSmtpOptions& o) {
  const auto format = attr_of(r.attrs, attr::kFormat);
  if (format == attr::kFormatRfc5322 || format.empty()) return from_record(r, due, r.originator, r.content);
  if (format != attr::kFormatP1Apdu)
    return fail_all(due, queue::AttemptResult::permanent_failure, "queue record has unknown format '" + format + "'");
  if (!o.ctx || !o.gateway)
    return fail_all(due, queue::AttemptResult::temporary_failure, "for_smtp: no mapping context configured");

  auto apdu = x400::asn::decode_mts_apdu(x400::ber::Bytes(reinterpret_cast<const std::uint8_t*>(r.content.data()),
                                                         r.content.size()));
  if (!apdu)
    return fail_all(due, queue::AttemptResult::permanent_failure,
                    "stored MTS-APDU does not decode: " + apdu.error().to_string());
  const auto now = mapping::report::Timestamp(std::chrono::seconds(o.now));
  const auto gw = daemon::report_identity(*o.gateway);
  mapping::report::ToSmtpOptions ro;
  ro.now = now;
  ro.unique = r.id;

  if (auto* rep = std::get_if<x400::asn::Report>(&*apdu)) {
    auto dsn = mapping::report::report_apdu_to_dsn(*rep, *o.ctx, gw, ro);
    if (!dsn) return fail_all(due, queue::AttemptResult::permanent_failure, dsn.error().to_string());
    return from_record(r, due, "", std::move(dsn->content));
  }
  if (std::holds_alternative<x400::asn::Probe>(*apdu))
    return fail_all(due, queue::AttemptResult::permanent_failure,
                    "a probe cannot be delivered by SMTP (probes are answered at P1 intake, RFC 2156 5.3.9)");
  const auto& msg = std::get<x400::asn::Message>(*apdu);
  if (mapping::message::classify(msg) == mapping::message::ContentClass::ipn) {
    auto mdn = mapping::report::ipn_message_to_mdn(msg, *o.ctx, gw, ro);
    if (!mdn) return fail_all(due, queue::AttemptResult::permanent_failure, mdn.error().to_string());
    return from_record(r, due, "", std::move(mdn->content));
  }
  mapping::message::ConversionOptions co;
  co.gateway = daemon::message_identity(*o.gateway);
  co.now = o.now;
  co.next_hop_8bit = o.next_hop_8bit;
  auto im = mapping::message::to_internet(msg, *o.ctx, co);
  if (!im) return fail_all(due, queue::AttemptResult::permanent_failure, mapping_text(im.error()));
  auto c = from_record(r, due, im->envelope.mail_from, std::move(im->content));
  if (c.message) {
    auto& e = c.message->envelope;
    // RFC 3461 parameters derived by the mapping (ENVID from the MTS
    // identifier, RET, NOTIFY from the report requests) win over none.
    if (e.envid.empty()) e.envid = smtp::xtext_decode(im->envelope.envid).value_or(im->envelope.envid);
    if (e.ret == smtp::DsnRet::kUnspecified)
      e.ret = im->envelope.ret == "FULL" ? smtp::DsnRet::kFull
              : im->envelope.ret == "HDRS" ? smtp::DsnRet::kHeaders
                                           : smtp::DsnRet::kUnspecified;
    for (auto& rc : e.recipients) {
      for (const auto& mr : im->envelope.recipients) {
        if (mr.address != rc.address) continue;
        if (!rc.notify.given) rc.notify = parse_notify(mr.notify);
        if (rc.orcpt_type.empty() && !mr.orcpt.empty()) {
          auto semi = mr.orcpt.find(';');
          if (semi != std::string::npos) {
            rc.orcpt_type = mr.orcpt.substr(0, semi);
            rc.orcpt_address = smtp::xtext_decode(mr.orcpt.substr(semi + 1)).value_or(mr.orcpt.substr(semi + 1));
          }
        }
        break;
      }
    }
    e.smtputf8 = e.smtputf8 || im->envelope.smtputf8;
    if (im->envelope.eight_bit || has_8bit(c.message->content)) e.body = smtp::BodyType::k8BitMime;
  }
  return c;
}

}  // namespace mixer::convert
