// Internet -> X.400 half of envelope.hpp.
#include <algorithm>
#include <functional>

#include "mapping/address/map_address.hpp"
#include "mapping/heading/identifiers.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/message/envelope.hpp"
#include "mapping/message/envelope_extensions.hpp"
#include "mapping/message/mixer_fields.hpp"
#include "mapping/report/dsn_params.hpp"

namespace mixer::mapping::message {

namespace asn = x400::asn;
namespace pmi = asn::per_message_indicator;
namespace pri = asn::per_recipient_indicator;
using mime::iequals;
using report::NonDeliveryDiagnostic;

namespace {

// X.411 ub-content-id-length.
constexpr std::size_t kMaxContentIdentifier = 16;

bool is_printable_string(std::string_view s) {
  for (unsigned char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              std::string_view(" '()+,-./:=?").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

MappingFailure address_failure(const address::AddressError& e, std::string where) {
  NonDeliveryDiagnostic d = NonDeliveryDiagnostic::unrecognised_or_name;
  if (e.kind == address::AddressErrorKind::kSyntax) d = NonDeliveryDiagnostic::invalid_arguments;
  if (e.kind == address::AddressErrorKind::kTooLong) d = NonDeliveryDiagnostic::size_constraint_violation;
  if (e.kind == address::AddressErrorKind::kNonAscii) d = NonDeliveryDiagnostic::unable_to_downgrade;
  return transfer_failure(d, e.to_string(), std::move(where));
}

}  // namespace

Result<InboundEnvelope, MappingFailure> envelope_from_internet(const SmtpEnvelope& smtp,
                                                               const mime::HeaderList& headers,
                                                               const address::MappingContext& ctx,
                                                               const ConversionOptions& o,
                                                               std::string_view content_digest) {
  InboundEnvelope in;
  auto& env = in.envelope;
  env.content_type = asn::ContentType::builtin(asn::ContentType::kInterpersonalMessaging1988);
  std::vector<std::string> seen;
  std::vector<asn::TraceInformationElement> trace_newest_first;
  std::optional<bool> gen_delivery_report, prevent_ndr, content_return_header;
  for (const auto& f : headers) {
    std::string v = f.value();
    bool first = std::none_of(seen.begin(), seen.end(), [&](const std::string& s) { return iequals(s, f.name); });
    // nullopt: not an envelope field (or not consumed); else the regenerated text.
    std::optional<std::string> regen;
    auto flag = [&](std::function<void(bool)> set, bool text_is_prohibited) -> std::optional<std::string> {
      auto p = heading::parse_prohibited(v);
      if (!p) return std::nullopt;
      set(text_is_prohibited ? *p : !*p);
      return std::string(heading::prohibited_text(*p));
    };
    if (iequals(f.name, "X400-Received")) {
      if (auto t = parse_trace_element(v)) {
        trace_newest_first.push_back(*t);
        // Trace is always regenerated from the envelope: never kept twice.
        regen = v;
      }
    } else if (iequals(f.name, "X400-Originator") || iequals(f.name, "X400-Recipients")) {
      regen = v;  // descriptive copies of an earlier envelope: the SMTP envelope is authoritative
    } else if (first && iequals(f.name, "X400-MTS-Identifier")) {
      auto id = heading::parse_mts_id(v);
      if (id && id->country && id->admd && !id->local.empty() && id->local.size() <= heading::kMaxMtsLocalIdentifier) {
        auto& g = env.message_identifier.global_domain_identifier;
        g.country_name = {*id->country, !id->country->empty() && std::all_of(id->country->begin(), id->country->end(), ::isdigit)};
        g.administration_domain_name = {*id->admd, false};
        if (id->prmd) g.private_domain_identifier = x400::NumericOrPrintable{*id->prmd, false};
        env.message_identifier.local_identifier = id->local;
        regen = heading::format_mts_id(*id);
      }
    } else if (first && iequals(f.name, "X400-Content-Type")) {
      if (auto ct = heading::parse_content_type(v)) {
        if (const auto* n = std::get_if<std::int64_t>(&*ct))
          env.content_type = asn::ContentType::builtin(*n);
        else
          env.content_type = asn::ContentType::ext(std::get<x400::ber::Oid>(*ct));
        in.content_type_given = true;
        regen = heading::format_content_type(*ct);
      }
    } else if (first && (iequals(f.name, "X400-Content-Identifier") || iequals(f.name, "Content-Identifier")) &&
               !env.content_identifier) {
      if (!v.empty() && v.size() <= kMaxContentIdentifier && is_printable_string(v)) {
        env.content_identifier = v;
        regen = iequals(f.name, "X400-Content-Identifier") ? v : std::string("\x01");
      }
    } else if (first && iequals(f.name, "Priority")) {
      if (auto p = heading::parse_priority(v)) {
        env.priority = static_cast<asn::Priority>(*p);
        regen = std::string(heading::priority_text(*p));
      }
    } else if (first && iequals(f.name, "Original-Encoded-Information-Types")) {
      if (auto e = parse_eits(v)) {
        env.original_encoded_information_types = *e;
        in.eits_given = true;
        regen = format_eits(*e);
      }
    } else if (first && iequals(f.name, "Deferred-Delivery")) {
      if (auto t = heading::parse_date_time(v)) {
        env.deferred_delivery_time = *t;
        regen = heading::format_date_time(*t);
      }
    } else if (first && iequals(f.name, "Latest-Delivery-Time")) {
      if (auto t = heading::parse_date_time(v)) {
        env.extensions.push_back(latest_delivery_time_extension(*t));
        regen = heading::format_date_time(*t);
      }
    } else if (first && iequals(f.name, "DL-Expansion-History")) {
      // 1#( mailbox ";" date-time ";" ): split at ';', entries alternate.
      auto parts = split_list(v, ';');
      std::vector<DlExpansion> history;
      bool ok = !parts.empty() && parts.size() % 2 == 0;
      std::string text;
      for (std::size_t i = 0; ok && i + 1 < parts.size(); i += 2) {
        std::string_view mbox = parts[i];
        if (i > 0) {
          if (mbox.empty() || mbox.front() != ',') ok = false;
          else mbox = trim(mbox.substr(1));
        }
        auto a = address::map_822_to_x400(ctx, mbox);
        auto t = heading::parse_date_time(parts[i + 1]);
        if (!a || !t) {
          ok = false;
          break;
        }
        history.push_back(DlExpansion{x400::ORName{a->address, std::nullopt}, *t});
        text += (text.empty() ? "" : ", ") + std::string(mbox) + " ; " + heading::format_date_time(*t) + " ;";
      }
      if (ok && !history.empty()) {
        env.extensions.push_back(dl_expansion_history_extension(history));
        regen = text;
      }
    } else if (first && iequals(f.name, "Conversion")) {
      regen = flag([&](bool p) { env.per_message_indicators.set(pmi::kImplicitConversionProhibited, p); }, true);
    } else if (first && iequals(f.name, "Conversion-With-Loss")) {
      regen = flag([&](bool p) { if (p) env.extensions.push_back(conversion_with_loss_prohibited_extension(true)); }, true);
    } else if (first && iequals(f.name, "Alternate-Recipient")) {
      regen = flag([&](bool allowed) { env.per_message_indicators.set(pmi::kAlternateRecipientAllowed, allowed); }, false);
    } else if (first && iequals(f.name, "Disclose-Recipients")) {
      regen = flag([&](bool allowed) { env.per_message_indicators.set(pmi::kDisclosureOfOtherRecipients, allowed); }, false);
    } else if (first && (iequals(f.name, "X400-Content-Return") || iequals(f.name, "Content-Return"))) {
      regen = flag([&](bool allowed) { content_return_header = allowed; }, false);
      if (regen && iequals(f.name, "Content-Return")) regen = std::string("\x01");
    } else if (first && iequals(f.name, "Generate-Delivery-Report")) {
      gen_delivery_report = true;
      regen = v;
    } else if (first && iequals(f.name, "Prevent-NonDelivery-Report")) {
      prevent_ndr = true;
      regen = v;
    }
    if (regen) seen.push_back(f.name);
    // Not consumed, or consumed but not regenerated identically: keep it.
    if (!regen || *regen != v) in.remaining.push_raw(f);
  }

  // MTS identifier (RFC 2156 §4.6.3): carried, else derived.
  if (env.message_identifier.local_identifier.empty()) {
    env.message_identifier.global_domain_identifier = gateway_gdi(o.gateway);
    auto msg_id = headers.get("Message-ID");
    env.message_identifier.local_identifier =
        heading::derive_mts_local_id(msg_id ? *msg_id : std::to_string(o.now) + "." + std::string(content_digest));
  }

  // Originator: the reverse-path; a null path is the gateway itself (digest §1.11).
  bool null_path = smtp.mail_from.empty();
  if (null_path) {
    env.originator_name = x400::ORName{ctx.local_or, std::nullopt};
  } else {
    auto a = address::map_822_to_x400(ctx, smtp.mail_from);
    if (!a) return fail(address_failure(a.error(), "envelope.mail-from"));
    env.originator_name = x400::ORName{a->address, std::nullopt};
  }

  // Content return: RET wins over the header.
  std::optional<report::Ret> ret;
  if (!smtp.ret.empty()) {
    auto r = report::parse_ret(smtp.ret);
    if (!r) return fail(transfer_failure(NonDeliveryDiagnostic::invalid_arguments, r.error().to_string(), "envelope.ret"));
    ret = *r;
  }
  bool content_return = ret ? report::ret_to_content_return(ret) : content_return_header.value_or(false);
  if (content_return && !null_path) env.per_message_indicators.set(pmi::kContentReturnRequest);

  if (smtp.recipients.empty())
    return fail(transfer_failure(NonDeliveryDiagnostic::invalid_arguments, "no recipients", "envelope.recipients"));
  for (std::size_t i = 0; i < smtp.recipients.size(); ++i) {
    const auto& r = smtp.recipients[i];
    std::string where = "envelope.recipients[" + std::to_string(i) + "]";
    auto a = address::map_822_to_x400(ctx, r.address);
    if (!a) return fail(address_failure(a.error(), where));
    report::ReportRequest req;  // SMTP default: non-delivery only
    if (!r.notify.empty()) {
      auto n = report::parse_notify(r.notify);
      if (!n) return fail(transfer_failure(NonDeliveryDiagnostic::invalid_arguments, n.error().to_string(), where + ".notify"));
      req = report::notify_to_request(*n);
    } else if (prevent_ndr) {
      req = report::ReportRequest{false, false};
    } else if (gen_delivery_report) {
      req = report::ReportRequest{true, true};
    }
    if (null_path) req = report::ReportRequest{false, false};  // notifications never cause reports
    asn::PerRecipientTransferFields p;
    p.recipient_name = x400::ORName{a->address, std::nullopt};
    p.originally_specified_recipient_number = static_cast<std::int64_t>(i + 1);
    p.per_recipient_indicators.set(pri::kResponsibility);
    // The gateway is the originating MTA: it asks for the same reports the
    // originator asked for, so that it can turn them into DSNs.
    p.per_recipient_indicators.set(pri::kOriginatingMtaReport, req.report);
    p.per_recipient_indicators.set(pri::kOriginatingMtaNonDeliveryReport, req.non_delivery_report);
    p.per_recipient_indicators.set(pri::kOriginatorReport, req.report);
    p.per_recipient_indicators.set(pri::kOriginatorNonDeliveryReport, req.non_delivery_report);
    p.per_recipient_indicators = asn::at_least_8_bits(std::move(p.per_recipient_indicators));
    env.per_recipient_fields.push_back(std::move(p));
  }

  // Trace: chronological in X.400, newest first in the header (§5.1); then our own element.
  for (auto it = trace_newest_first.rbegin(); it != trace_newest_first.rend(); ++it) env.trace_information.push_back(*it);
  asn::TraceInformationElement own;
  own.global_domain_identifier = gateway_gdi(o.gateway);
  own.domain_supplied_information.arrival_time = x400::ber::Time::from_unix(o.now, x400::ber::TimeKind::utc_time);
  own.domain_supplied_information.routing_action = asn::RoutingAction::relayed;
  env.trace_information.push_back(std::move(own));
  env.per_message_indicators.trim_trailing_zeros();  // DEFAULT {} when nothing is set
  return in;
}

}  // namespace mixer::mapping::message
