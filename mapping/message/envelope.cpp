#include "mapping/message/envelope.hpp"

#include <algorithm>

#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/heading/identifiers.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/message/envelope_extensions.hpp"
#include "mapping/message/mixer_fields.hpp"
#include "mapping/report/dsn_params.hpp"
#include "mapping/report/xtext.hpp"

namespace mixer::mapping::message {

namespace asn = x400::asn;
namespace pmi = asn::per_message_indicator;
namespace pri = asn::per_recipient_indicator;
using mime::iequals;
using report::NonDeliveryDiagnostic;

namespace {

// Extensions the gateway implements (or whose meaning ends at the gateway),
// so their criticality never refuses a message.
bool implemented(const asn::ExtensionField& e) {
  if (!e.standard) return false;
  switch (*e.standard) {
    case asn::std_ext::kRecipientReassignmentProhibited:  // the gateway never reassigns
    case asn::std_ext::kDlExpansionProhibited:            // nor expands lists
    case asn::std_ext::kConversionWithLossProhibited:
    case asn::std_ext::kLatestDeliveryTime:
    case asn::std_ext::kDlExpansionHistory:
    case asn::std_ext::kInternalTraceInformation:
    case asn::std_ext::kTraceInformation:
      return true;
    default:
      return false;
  }
}

bool critical_here(const asn::ExtensionField& e) {
  return e.criticality.test(asn::criticality::kForTransfer) || e.criticality.test(asn::criticality::kForDelivery);
}

MappingFailure address_failure(const address::AddressError& e, std::string where) {
  NonDeliveryDiagnostic d = NonDeliveryDiagnostic::unrecognised_or_name;
  switch (e.kind) {
    case address::AddressErrorKind::kSyntax: d = NonDeliveryDiagnostic::invalid_arguments; break;
    case address::AddressErrorKind::kTooLong: d = NonDeliveryDiagnostic::size_constraint_violation; break;
    case address::AddressErrorKind::kNonAscii: d = NonDeliveryDiagnostic::unable_to_downgrade; break;
    default: break;
  }
  return transfer_failure(d, e.to_string(), std::move(where));
}

std::string mts_id_text(const asn::MtsIdentifier& id) {
  heading::MtsIdText t;
  const auto& g = id.global_domain_identifier;
  t.country = g.country_name.value;
  t.admd = g.administration_domain_name.value;
  if (g.private_domain_identifier) t.prmd = g.private_domain_identifier->value;
  t.local = id.local_identifier;
  return heading::format_mts_id(t);
}

x400::NumericOrPrintable nop(const std::string& v) {
  bool numeric = !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  return {v, numeric};
}

}  // namespace

asn::GlobalDomainIdentifier gateway_gdi(const GatewayIdentity& g) {
  asn::GlobalDomainIdentifier gdi;
  gdi.country_name = nop(g.country);
  gdi.administration_domain_name = nop(g.admd.empty() ? std::string(" ") : g.admd);
  if (!g.prmd.empty()) gdi.private_domain_identifier = nop(g.prmd);
  return gdi;
}

Result<OutboundEnvelope, MappingFailure> envelope_to_internet(const asn::MessageTransferEnvelope& env,
                                                              const address::MappingContext& ctx) {
  OutboundEnvelope out;
  auto add = [&](std::string name, std::string value) { out.fields.emplace_back(std::move(name), std::move(value)); };
  const auto& pm = env.per_message_indicators;
  out.conversion_prohibited = pm.test(pmi::kImplicitConversionProhibited);

  // Extensions: refuse unknown critical ones first (digest §2.5).
  std::vector<std::string> discarded;
  std::optional<x400::ber::Time> latest;
  std::optional<std::vector<DlExpansion>> dl_history;
  for (std::size_t i = 0; i < env.extensions.size(); ++i) {
    const auto& e = env.extensions[i];
    std::string name = e.standard ? asn::std_ext::name(*e.standard) : e.private_oid ? e.private_oid->to_string() : "?";
    if (critical_here(e) && !implemented(e))
      return fail(transfer_failure(NonDeliveryDiagnostic::unsupported_critical_function,
                                   "critical MTS extension " + name + " is not supported by the gateway",
                                   "envelope.extensions[" + std::to_string(i) + "]"));
    bool used = false;
    if (e.standard && e.value) {
      if (*e.standard == asn::std_ext::kConversionWithLossProhibited) {
        auto v = decode_conversion_with_loss_prohibited(*e.value);
        if (v) out.conversion_with_loss_prohibited = *v, used = true;
      } else if (*e.standard == asn::std_ext::kLatestDeliveryTime) {
        latest = decode_latest_delivery_time(*e.value);
        used = latest.has_value();
      } else if (*e.standard == asn::std_ext::kDlExpansionHistory) {
        dl_history = decode_dl_expansion_history(*e.value);
        used = dl_history.has_value();
      }
    }
    if (e.standard && (*e.standard == asn::std_ext::kInternalTraceInformation ||
                       *e.standard == asn::std_ext::kRecipientReassignmentProhibited ||
                       *e.standard == asn::std_ext::kDlExpansionProhibited))
      used = true;  // meaningful inside the X.400 MTS only
    if (!used) discarded.push_back(name);
  }

  // SMTP envelope.
  auto from = address::map_x400_to_822(ctx, env.originator_name.address);
  if (!from) return fail(address_failure(from.error(), "envelope.originator-name"));
  out.smtp.mail_from = from->address;
  auto envid = report::envid_from_mts_id(mts_id_text(env.message_identifier));
  if (envid) out.smtp.envid = *envid;
  out.smtp.ret = std::string(report::format_ret(report::content_return_to_ret(pm.test(pmi::kContentReturnRequest))));
  std::vector<std::string> all_recipients;
  for (std::size_t i = 0; i < env.per_recipient_fields.size(); ++i) {
    const auto& r = env.per_recipient_fields[i];
    std::string where = "envelope.per-recipient-fields[" + std::to_string(i) + "].recipient-name";
    auto to = address::map_x400_to_822(ctx, r.recipient_name.address);
    if (!to) return fail(address_failure(to.error(), where));
    all_recipients.push_back(to->address);
    if (!r.per_recipient_indicators.test(pri::kResponsibility)) continue;
    SmtpRecipient rcpt;
    rcpt.address = to->address;
    report::ReportRequest req{r.per_recipient_indicators.test(pri::kOriginatorReport),
                              r.per_recipient_indicators.test(pri::kOriginatorNonDeliveryReport)};
    rcpt.notify = report::format_notify(report::request_to_notify(req));
    if (auto stdor = address::print_std_or(r.recipient_name.address))
      rcpt.orcpt = report::format_orcpt(report::TypedValue{"x400", *stdor});
    out.smtp.recipients.push_back(std::move(rcpt));
  }
  if (out.smtp.recipients.empty())
    return fail(transfer_failure(NonDeliveryDiagnostic::invalid_arguments,
                                 "no recipient of the message is the gateway's responsibility",
                                 "envelope.per-recipient-fields"));

  // MIXER header fields.
  for (auto it = env.trace_information.rbegin(); it != env.trace_information.rend(); ++it)
    add("X400-Received", format_trace_element(*it));
  add("X400-MTS-Identifier", mts_id_text(env.message_identifier));
  add("X400-Originator", out.smtp.mail_from);
  if (pm.test(pmi::kDisclosureOfOtherRecipients)) {
    std::string list;
    for (const auto& a : all_recipients) list += (list.empty() ? "" : ", ") + a;
    add("X400-Recipients", list);
  }
  const auto& ct = env.content_type;
  add("X400-Content-Type", heading::format_content_type(ct.extended ? heading::ContentTypeValue(ct.oid)
                                                                     : heading::ContentTypeValue(ct.built_in)));
  if (env.content_identifier) add("X400-Content-Identifier", *env.content_identifier);
  if (env.priority) add("Priority", std::string(heading::priority_text(static_cast<int>(*env.priority))));
  if (env.original_encoded_information_types)
    add("Original-Encoded-Information-Types", format_eits(*env.original_encoded_information_types));
  if (env.deferred_delivery_time) add("Deferred-Delivery", heading::format_date_time(*env.deferred_delivery_time));
  if (latest) add("Latest-Delivery-Time", heading::format_date_time(*latest));
  if (dl_history) {
    std::string v;
    for (std::size_t i = 0; i < dl_history->size(); ++i) {
      const auto& d = (*dl_history)[i];
      auto a = address::map_x400_to_822(ctx, d.address.address);
      if (!a) return fail(address_failure(a.error(), "envelope.extensions.dl-expansion-history[" + std::to_string(i) + "]"));
      v += (v.empty() ? "" : ", ") + a->address + " ; " + heading::format_date_time(d.time) + " ;";
    }
    add("DL-Expansion-History", v);
  }
  if (out.conversion_prohibited) add("Conversion", std::string(heading::prohibited_text(true)));
  if (out.conversion_with_loss_prohibited) add("Conversion-With-Loss", std::string(heading::prohibited_text(true)));
  if (pm.test(pmi::kAlternateRecipientAllowed)) add("Alternate-Recipient", std::string(heading::prohibited_text(false)));
  if (pm.test(pmi::kDisclosureOfOtherRecipients))
    add("Disclose-Recipients", std::string(heading::prohibited_text(false)));
  if (pm.test(pmi::kContentReturnRequest)) add("X400-Content-Return", std::string(heading::prohibited_text(false)));
  if (!discarded.empty()) {
    std::string v;
    for (const auto& d : discarded) v += (v.empty() ? "" : ", ") + d;
    add("Discarded-X400-MTS-Extensions", v);
  }
  return out;
}

}  // namespace mixer::mapping::message
