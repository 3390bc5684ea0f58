#include "gateway/convert/for_x400.hpp"

#include <memory>

#include "gateway/queue/attr_keys.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::convert {

namespace address = mapping::address;
namespace attr = queue::attr;
using queue::AttemptResult;
using x400::asn::per_recipient_indicator::kResponsibility;

namespace {

std::string attr_or(const std::map<std::string, std::string>& m, const char* key, std::string dflt = {}) {
  auto it = m.find(key);
  return it == m.end() ? dflt : it->second;
}

void settle(X400Outbound& out, std::size_t index, AttemptResult r, std::string diagnostic) {
  out.outcomes.push_back(queue::RecipientOutcome{index, r, std::move(diagnostic)});
}

void fail_all(X400Outbound& out, const std::vector<std::size_t>& due, const std::string& diagnostic) {
  for (auto i : due) settle(out, i, AttemptResult::permanent_failure, diagnostic);
}

mapping::report::GatewayReportIdentity report_identity(const config::GatewaySettings& g) {
  mapping::report::GatewayReportIdentity id;
  id.mta_name = g.mta_name;
  id.domain = g.domain;
  id.gdi.country_name.value = g.global_domain.country;
  id.gdi.administration_domain_name.value = g.global_domain.admd;
  if (!g.global_domain.prmd.empty())
    id.gdi.private_domain_identifier = x400::NumericOrPrintable{g.global_domain.prmd, false};
  return id;
}

// The per-recipient fields of a Message/Probe APDU, or nullptr for a report.
const std::vector<x400::asn::PerRecipientTransferFields>* per_recipient_fields(const x400::asn::MtsApdu& a) {
  if (auto* m = std::get_if<x400::asn::Message>(&a)) return &m->envelope.per_recipient_fields;
  if (auto* p = std::get_if<x400::asn::Probe>(&a)) return &p->envelope.per_recipient_fields;
  return nullptr;
}

// A generated APDU (p1-apdu record): sent as is, recipients by std-or.
void from_apdu(const queue::Record& r, const std::vector<std::size_t>& due, X400Outbound& out) {
  auto buffer = std::make_shared<const std::vector<std::uint8_t>>(r.content.begin(), r.content.end());
  auto decoded = x400::asn::decode_mts_apdu(buffer);
  if (!decoded)
    return fail_all(out, due, "generated MTS-APDU does not decode: " + decoded.error().to_string());
  out.apdus.push_back(std::move(decoded).value());
  const auto* fields = per_recipient_fields(out.apdus.back());
  for (auto i : due) {
    const auto& rc = r.recipients[i];
    auto a = address::parse_std_or(attr_or(rc.attrs, attr::kOrAddress, rc.address));
    if (!a) {
      settle(out, i, AttemptResult::permanent_failure,
             "recipient is not a valid O/R address: " + a.error().to_string());
      continue;
    }
    X400Target t{i, std::move(a).value(), 0, std::nullopt};
    if (fields) {
      const std::string number = attr_or(rc.attrs, attr::kRecipientNumber);
      for (std::size_t k = 0; k < fields->size(); ++k) {
        const auto& f = (*fields)[k];
        if ((!number.empty() && std::to_string(f.originally_specified_recipient_number) == number) ||
            (number.empty() && f.recipient_name.address == t.address)) {
          t.per_recipient = k;
          break;
        }
      }
      if (!t.per_recipient) {
        settle(out, i, AttemptResult::permanent_failure, "recipient is not in the generated APDU's envelope");
        continue;
      }
    }
    out.targets.push_back(std::move(t));
  }
}

// A DSN/MDN from the Internet for X.400 users: one APDU per recipient
// (each is correlated with its own subject, RFC 2156 5.1).
void from_report_mail(const queue::Record& r, const std::vector<std::size_t>& due,
                      const address::MappingContext& ctx, const ForX400Settings& s, X400Outbound& out) {
  const auto gw = report_identity(s.gateway);
  for (auto i : due) {
    const auto& rc = r.recipients[i];
    auto a = address::map_822_to_x400(ctx, rc.address);
    if (!a) {
      settle(out, i, AttemptResult::permanent_failure, "unmappable recipient: " + a.error().to_string());
      continue;
    }
    mapping::report::ToX400Options o;
    o.now = mapping::report::Timestamp(std::chrono::seconds(s.now));
    o.unique = r.id + "-" + std::to_string(i);
    auto apdu = mapping::report::report_mail_to_x400(r.content, rc.address, ctx, gw, o);
    if (!apdu) {
      settle(out, i, AttemptResult::permanent_failure,
             "report not convertible to X.400: " + apdu.error().to_string());
      continue;
    }
    if (!*apdu) {
      settle(out, i, AttemptResult::delivered,
             "report needs no X.400 counterpart (RFC 2156 5.1): not forwarded");
      continue;
    }
    out.apdus.push_back(std::move(**apdu));
    const auto* fields = per_recipient_fields(out.apdus.back());
    std::optional<std::size_t> k;
    if (fields && !fields->empty()) k = 0;
    out.targets.push_back(X400Target{i, a->address, out.apdus.size() - 1, k});
  }
}

void from_rfc5322(const queue::Record& r, const std::vector<std::size_t>& due,
                  const address::MappingContext& ctx, const ForX400Settings& s, X400Outbound& out) {
  if (mapping::report::is_report_message(r.content)) return from_report_mail(r, due, ctx, s, out);
  mapping::message::SmtpEnvelope env;
  env.mail_from = r.originator;
  env.envid = attr_or(r.attrs, attr::kEnvid);
  env.ret = attr_or(r.attrs, attr::kRet);
  env.eight_bit =
      attr_or(r.attrs, attr::kBody) == "8BITMIME" || attr_or(r.attrs, attr::kBody) == "BINARYMIME";
  env.smtputf8 = attr_or(r.attrs, attr::kSmtpUtf8) == "1";
  std::vector<X400Target> pending;
  for (auto i : due) {
    const auto& rc = r.recipients[i];
    // Mapped one by one first, so an unmappable recipient fails alone
    // (to_x400 refuses the whole message for one bad address).
    auto a = address::map_822_to_x400(ctx, rc.address);
    if (!a) {
      settle(out, i, AttemptResult::permanent_failure, "unmappable recipient: " + a.error().to_string());
      continue;
    }
    env.recipients.push_back({rc.address, attr_or(rc.attrs, attr::kNotify), attr_or(rc.attrs, attr::kOrcpt)});
    pending.push_back(X400Target{i, a->address, 0, env.recipients.size() - 1});
  }
  if (pending.empty()) return;
  mapping::message::ConversionOptions o;
  o.gateway.mta_name = s.gateway.mta_name;
  o.gateway.country = s.gateway.global_domain.country;
  o.gateway.admd = s.gateway.global_domain.admd;
  o.gateway.prmd = s.gateway.global_domain.prmd;
  o.gateway.domain = s.gateway.domain;
  o.now = s.now;
  auto m = mapping::message::to_x400(env, r.content, ctx, o);
  if (!m) {
    for (const auto& t : pending)
      settle(out, t.index, AttemptResult::permanent_failure, m.error().to_string());
    return;
  }
  if (m->envelope.per_recipient_fields.size() != env.recipients.size()) {
    for (const auto& t : pending)
      settle(out, t.index, AttemptResult::permanent_failure,
             "mapping produced " + std::to_string(m->envelope.per_recipient_fields.size()) +
                 " recipients for " + std::to_string(env.recipients.size()));
    return;
  }
  out.apdus.emplace_back(std::move(m).value());
  for (auto& t : pending) {
    // The envelope holds the address as the mapping wrote it (same rules).
    t.address = std::get<x400::asn::Message>(out.apdus.back())
                    .envelope.per_recipient_fields[*t.per_recipient]
                    .recipient_name.address;
    out.targets.push_back(std::move(t));
  }
}

}  // namespace

X400Outbound for_x400(const queue::Record& record, const std::vector<std::size_t>& due,
                      const address::MappingContext& ctx, const ForX400Settings& settings) {
  X400Outbound out;
  for (auto i : due) {
    if (i >= record.recipients.size()) {
      // A caller bug, not the message's fault: keep it retryable.
      settle(out, i, AttemptResult::temporary_failure, "internal: recipient index out of range");
    }
  }
  std::vector<std::size_t> valid;
  for (auto i : due)
    if (i < record.recipients.size()) valid.push_back(i);
  const std::string format = attr_or(record.attrs, attr::kFormat, attr::kFormatRfc5322);
  if (format == attr::kFormatP1Apdu) {
    from_apdu(record, valid, out);
  } else if (format == attr::kFormatRfc5322) {
    from_rfc5322(record, valid, ctx, settings, out);
  } else {
    fail_all(out, valid, "unknown record format '" + format + "'");
  }
  return out;
}

Result<std::vector<std::uint8_t>, std::string> encode_for_route(const X400Outbound& out,
                                                                const std::vector<std::size_t>& chosen) {
  if (chosen.empty()) return fail(std::string("encode_for_route: no target chosen"));
  const std::size_t apdu = out.targets.at(chosen.front()).apdu;
  x400::asn::MtsApdu copy = out.apdus.at(apdu);
  auto set_responsibility = [&](auto& fields) -> Result<Ok, std::string> {
    for (auto& f : fields) f.per_recipient_indicators.set(kResponsibility, false);
    for (auto c : chosen) {
      const auto& t = out.targets.at(c);
      if (t.apdu != apdu) return fail(std::string("encode_for_route: targets of different APDUs"));
      if (!t.per_recipient || *t.per_recipient >= fields.size())
        return fail(std::string("encode_for_route: target without a per-recipient field"));
      fields[*t.per_recipient].per_recipient_indicators.set(kResponsibility, true);
    }
    for (auto& f : fields)
      f.per_recipient_indicators = x400::asn::at_least_8_bits(std::move(f.per_recipient_indicators));
    return Ok{};
  };
  if (auto* m = std::get_if<x400::asn::Message>(&copy))
    MIXER_TRY(set_responsibility(m->envelope.per_recipient_fields));
  if (auto* p = std::get_if<x400::asn::Probe>(&copy))
    MIXER_TRY(set_responsibility(p->envelope.per_recipient_fields));
  auto bytes = x400::asn::encode_mts_apdu(copy);
  if (!bytes) return fail("cannot encode the MTS-APDU: " + bytes.error().to_string());
  return std::move(bytes).value();
}

Result<x400::ORAddress, std::string> recipient_or_address(const queue::Record& record, std::size_t index,
                                                          const address::MappingContext& ctx) {
  if (index >= record.recipients.size()) return fail(std::string("recipient index out of range"));
  const auto& rc = record.recipients[index];
  if (attr_or(record.attrs, attr::kFormat, attr::kFormatRfc5322) == attr::kFormatP1Apdu) {
    auto a = address::parse_std_or(attr_or(rc.attrs, attr::kOrAddress, rc.address));
    if (!a) return fail(a.error().to_string());
    return std::move(a).value();
  }
  auto a = address::map_822_to_x400(ctx, rc.address);
  if (!a) return fail(a.error().to_string());
  return std::move(a->address);
}

}  // namespace mixer::convert
