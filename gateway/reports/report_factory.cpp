#include "gateway/reports/report_factory.hpp"

#include <cctype>

#include "gateway/queue/attr_keys.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/report/gateway_outcome.hpp"
#include "mapping/report/multipart_report.hpp"
#include "mapping/report/p1_adapter.hpp"
#include "x400/asn/p1_apdu.hpp"

namespace mixer::reports {

namespace rep = mapping::report;
namespace asn = x400::asn;

namespace {

std::string attr(const std::map<std::string, std::string>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

rep::Timestamp ts(std::int64_t unix_seconds) { return rep::Timestamp{std::chrono::seconds{unix_seconds}}; }

bool starts_with_reply_code(std::string_view d) {
  return d.size() >= 3 && (d[0] == '2' || d[0] == '4' || d[0] == '5') &&
         std::isdigit(static_cast<unsigned char>(d[1])) && std::isdigit(static_cast<unsigned char>(d[2])) &&
         (d.size() == 3 || d[3] == ' ' || d[3] == '-');
}

bool contains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool eq = true;
    for (std::size_t j = 0; j < needle.size() && eq; ++j)
      eq = std::tolower(static_cast<unsigned char>(hay[i + j])) == needle[j];
    if (eq) return true;
  }
  return false;
}

// The skeleton every generated report shares: a null originator (never a
// report about it), marked as a report, pointing back at its subject.
queue::Record report_record(const queue::Record& subject, std::int64_t now, queue::Direction direction,
                            const char* format) {
  queue::Record r;
  r.arrival = now;
  r.direction = direction;
  r.originator = "";
  r.attrs[queue::attr::kFormat] = format;
  r.attrs[queue::attr::kIsReport] = "1";
  r.attrs[queue::attr::kSubjectId] = subject.id;
  return r;
}

}  // namespace

// The queue's per-recipient diagnostic (written by the transports and by
// expiry) -> the gateway failure reason (reports.md §"Factory diagnostics").
rep::GatewayFailure classify_diagnostic(rep::TypedValue recipient, std::optional<rep::TypedValue> original,
                                        std::string_view diagnostic) {
  rep::GatewayFailure f;
  f.recipient = std::move(recipient);
  f.original_recipient = std::move(original);
  std::string_view d = diagnostic;
  // The SMTP transport writes RFC 3464 diagnostic-code form ("smtp; 550 5.1.1
  // text"): the reply code after the type is what classifies it.
  if (d.size() >= 5 && (d.substr(0, 5) == "smtp;" || d.substr(0, 5) == "SMTP;")) {
    d.remove_prefix(5);
    while (!d.empty() && d.front() == ' ') d.remove_prefix(1);
  }
  if (d.starts_with("expired:")) {
    f.reason = rep::GatewayReason::expired;
    f.text = std::string(d);
    return f;
  }
  if (starts_with_reply_code(d)) {
    f.reason = rep::GatewayReason::peer_refused;
    f.smtp_reply_code = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
    f.text = std::string(d.size() > 4 ? d.substr(4) : std::string_view());
    return f;
  }
  if (d.size() >= 5 && (d[0] == '4' || d[0] == '5') && d[1] == '.' &&
      rep::parse_status_code(d.substr(0, d.find(' ')))) {
    // A bare enhanced code: read it as the reply its class implies.
    f.reason = rep::GatewayReason::peer_refused;
    f.smtp_reply_code = d[0] == '5' ? 550 : 450;
    f.text = std::string(d);
    return f;
  }
  f.text = std::string(d);
  if (contains(d, "unmappable") || contains(d, "no mapping") || contains(d, "does not map"))
    f.reason = rep::GatewayReason::unmappable_address;
  else if (contains(d, "too large") || contains(d, "too long") || contains(d, "size limit"))
    f.reason = rep::GatewayReason::too_large;
  else if (contains(d, "loop"))
    f.reason = rep::GatewayReason::loop_detected;
  else if (contains(d, "no route"))
    f.reason = rep::GatewayReason::no_route;
  else if (contains(d, "conversion prohibited"))
    f.reason = rep::GatewayReason::conversion_prohibited;
  else if (contains(d, "conversion"))
    f.reason = rep::GatewayReason::conversion_impossible;
  else if (contains(d, "critical"))
    f.reason = rep::GatewayReason::unsupported_critical_function;
  else
    f.reason = rep::GatewayReason::peer_refused;
  return f;
}

GatewayReportFactory::GatewayReportFactory(ReportFactoryConfig cfg,
                                           std::shared_ptr<const mapping::address::MappingContext> ctx,
                                           Clock clock)
    : cfg_(std::move(cfg)), ctx_(std::move(ctx)), clock_(std::move(clock)) {
  if (!clock_)
    clock_ = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

void GatewayReportFactory::set_context(std::shared_ptr<const mapping::address::MappingContext> ctx) {
  std::lock_guard lock(mu_);
  ctx_ = std::move(ctx);
}

Result<queue::Record, std::string> GatewayReportFactory::make_report(const queue::Record& subject,
                                                                     const queue::ReportNeeded& need) {
  return build(subject, need.recipients, need.kind == queue::ReportKind::delay ? Kind::delay : Kind::failure);
}

Result<queue::Record, std::string> GatewayReportFactory::make_success_report(
    const queue::Record& subject, const std::vector<std::size_t>& indices) {
  return build(subject, indices, Kind::success);
}

Result<queue::Record, std::string> GatewayReportFactory::build(const queue::Record& subject,
                                                               const std::vector<std::size_t>& indices,
                                                               Kind kind) {
  queue::Record none;  // no recipients: nothing owed
  // Never a report about a report (RFC 3461 §6.2, X.411): loop-safe.
  if (attr(subject.attrs, queue::attr::kIsReport) == "1") return none;
  for (std::size_t i : indices)
    if (i >= subject.recipients.size())
      return fail(subject.id + ": report: recipient index " + std::to_string(i) + " out of range");
  std::shared_ptr<const mapping::address::MappingContext> ctx;
  {
    std::lock_guard lock(mu_);
    ctx = ctx_;
  }
  if (!ctx) return fail(subject.id + ": report: no mapping context");
  const std::int64_t now = clock_();
  if (subject.direction == queue::Direction::smtp_to_x400) return to_smtp(subject, indices, kind, now);
  return to_x400(subject, indices, kind, now, *ctx);
}

Result<queue::Record, std::string> GatewayReportFactory::to_smtp(const queue::Record& subject,
                                                                 const std::vector<std::size_t>& indices,
                                                                 Kind kind, std::int64_t now) {
  queue::Record none;
  // RFC 3461 §6.2 / RFC 5321 §4.5.5: no DSN to the null reverse-path.
  if (subject.originator.empty()) return none;
  // Handed to X.400 with NOTIFY=SUCCESS mapped to the report request bit
  // (RFC 2156 App. A §3.1): X.400's own delivery report comes back as the
  // "delivered" DSN, so no "relayed" DSN here (RFC 3461 §6.2.4.3 applies to
  // systems that cannot report).
  if (kind == Kind::success) return none;
  std::vector<rep::SmtpOutcome> outcomes;
  for (std::size_t i : indices) {
    const queue::Recipient& rc = subject.recipients[i];
    std::optional<rep::Notify> notify;
    if (auto n = attr(rc.attrs, queue::attr::kNotify); !n.empty()) {
      auto parsed = rep::parse_notify(n);
      if (parsed) notify = parsed.value();  // a bad stored value reads as absent (SMTP default)
    }
    std::optional<rep::TypedValue> orcpt;
    if (auto o = attr(rc.attrs, queue::attr::kOrcpt); !o.empty()) {
      if (auto t = rep::parse_typed(o)) orcpt = *t;
    }
    rep::TypedValue who{"rfc822", rc.address};
    switch (kind) {
      case Kind::delay:
        outcomes.push_back(rep::smtp_delayed(who, orcpt, notify, rep::StatusCode{4, 4, 7},
                                             rc.diagnostic.empty() ? "still trying" : rc.diagnostic, ts(now),
                                             ts(subject.arrival + cfg_.give_up_seconds)));
        break;
      case Kind::success:
        break;  // not reached: see above
      case Kind::failure: {
        auto f = classify_diagnostic(who, orcpt, rc.diagnostic);
        auto o = rep::smtp_failed(f, notify, ts(now));
        if (auto codes = rep::parse_x400_diagnostic(rc.diagnostic)) {
          // The X.400 side refused with X.411 codes: keep them (digest §4.1).
          o.dsn.status = rep::x400_to_status(*codes);
          o.dsn.diagnostic_code =
              rep::TypedValue{std::string(rep::kX400DiagnosticType), rep::printable_ascii(rc.diagnostic)};
        }
        outcomes.push_back(std::move(o));
        break;
      }
    }
  }
  rep::DsnEnvelope env;
  env.gateway_domain = cfg_.gateway.domain;
  env.from = "MIXER gateway <postmaster@" + cfg_.gateway.domain + ">";
  env.to = subject.originator;
  env.message_id = "<dsn." + subject.id + "." + std::to_string(now) + "@" + cfg_.gateway.domain + ">";
  env.date = ts(now);
  if (auto e = attr(subject.attrs, queue::attr::kEnvid); !e.empty()) env.original_envelope_id = e;
  std::string_view headers = rep::header_block(subject.content);
  env.original_headers = std::string(headers);
  std::optional<rep::Ret> ret;
  if (auto r = attr(subject.attrs, queue::attr::kRet); !r.empty()) {
    auto parsed = rep::parse_ret(r);
    if (parsed) ret = parsed.value();
  }
  // Over the returned-content limit: headers only (RFC 3461 §4.3 allows it).
  if (ret && *ret == rep::Ret::full && subject.content.size() > cfg_.max_returned_content)
    ret = rep::Ret::hdrs;
  auto dsn = rep::build_gateway_dsn(outcomes, env, ret, subject.content);
  if (!dsn) return none;
  queue::Record r = report_record(subject, now, queue::Direction::x400_to_smtp, queue::attr::kFormatRfc5322);
  queue::Recipient to;
  to.address = subject.originator;
  to.attrs[queue::attr::kNotify] = "NEVER";
  r.recipients.push_back(std::move(to));
  r.content = std::move(*dsn);
  return r;
}

Result<queue::Record, std::string> GatewayReportFactory::to_x400(
    const queue::Record& subject, const std::vector<std::size_t>& indices, Kind kind, std::int64_t now,
    const mapping::address::MappingContext& ctx) {
  queue::Record none;
  // X.411 has no delay report: the originator hears at the end.
  if (kind == Kind::delay) return none;
  if (attr(subject.attrs, queue::attr::kFormat) != queue::attr::kFormatP1Apdu)
    return fail(subject.id + ": report: an X.400 originator's record must hold a p1-apdu");
  auto apdu = asn::decode_mts_apdu(x400::ber::Bytes(
      reinterpret_cast<const std::uint8_t*>(subject.content.data()), subject.content.size()));
  if (!apdu) return fail(subject.id + ": report: subject does not decode: " + apdu.error().to_string());
  const auto* msg = std::get_if<asn::Message>(&apdu.value());
  if (msg == nullptr)
    return fail(subject.id + ": report: subject is a " + asn::kind_name(apdu.value()) + ", not a message");
  const auto& env = msg->envelope;

  std::vector<rep::X400Outcome> outcomes;
  for (std::size_t i : indices) {
    const queue::Recipient& rc = subject.recipients[i];
    std::string or_text = attr(rc.attrs, queue::attr::kOrAddress);
    std::int64_t number = 0;
    if (auto n = attr(rc.attrs, queue::attr::kRecipientNumber); !n.empty()) {
      number = 0;
      for (char c : n) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || number > 1'000'000) {
          number = 0;
          break;
        }
        number = number * 10 + (c - '0');
      }
    }
    // The subject envelope's field for this recipient: by number, else by position.
    const asn::PerRecipientTransferFields* field = nullptr;
    for (const auto& f : env.per_recipient_fields)
      if (number > 0 && f.originally_specified_recipient_number == number) field = &f;
    if (field == nullptr && i < env.per_recipient_fields.size()) field = &env.per_recipient_fields[i];
    if (or_text.empty() && field != nullptr) {
      auto t = rep::typed_from_or_name(field->recipient_name, "recipient-name");
      if (t) or_text = t.value().value;
    }
    if (or_text.empty())
      return fail(subject.id + ": report: recipient " + std::to_string(i) + " has no O/R address");
    if (number == 0 && field != nullptr) number = field->originally_specified_recipient_number;
    rep::ReportRequest request = field != nullptr
                                     ? rep::report_request_from_indicators(field->per_recipient_indicators)
                                     : rep::ReportRequest{};
    // originally-intended-recipient-name travels in an envelope extension
    // the P1 model keeps raw: not reported (X.411: OPTIONAL).
    std::optional<rep::TypedValue> original;
    rep::TypedValue who{"x400", or_text};
    rep::X400Outcome o;
    if (kind == Kind::success) {
      o = rep::x400_delivered(who, original, request, ts(now), "delivered to " + rc.address + " by SMTP");
    } else {
      auto f = classify_diagnostic(who, original, rc.diagnostic);
      o = rep::x400_failed(f, request);
      if (auto codes = rep::parse_x400_diagnostic(rc.diagnostic)) o.recipient.codes = *codes;
    }
    o.recipient.recipient_number = number;
    outcomes.push_back(std::move(o));
  }
  rep::X400Subject s;
  s.mts_id = attr(subject.attrs, queue::attr::kMtsId);
  if (s.mts_id.empty()) s.mts_id = rep::mts_id_text(env.message_identifier);
  s.content_return_request =
      env.per_message_indicators.test(asn::per_message_indicator::kContentReturnRequest);
  s.content_stored = msg->content.size() <= cfg_.max_returned_content;
  s.content_identifier = env.content_identifier;
  s.arrival_time = ts(subject.arrival);
  auto report = rep::build_gateway_x400_report(outcomes, s, cfg_.gateway.mta_name);
  if (!report) return none;

  rep::P1ReportWire wire;
  wire.report_identifier = rep::new_mts_identifier(cfg_.gateway, "R" + subject.id + std::to_string(now));
  wire.destination = env.originator_name;
  wire.reporting_domain = cfg_.gateway.gdi;
  wire.now = ts(now);
  wire.content_type = env.content_type;
  if (report->return_stored_content) wire.returned_content = msg->content;
  wire.ctx = &ctx;
  auto p1 = rep::report_to_p1(*report, wire);
  if (!p1) return fail(subject.id + ": report: " + p1.error().to_string());
  auto ber = asn::encode_mts_apdu(asn::MtsApdu{std::move(p1).value()});
  if (!ber) return fail(subject.id + ": report: encoding: " + ber.error().to_string());
  auto dest = mapping::address::print_std_or(env.originator_name.address);
  if (!dest) return fail(subject.id + ": report: originator has no std-or form: " + dest.error().to_string());

  queue::Record r = report_record(subject, now, queue::Direction::smtp_to_x400, queue::attr::kFormatP1Apdu);
  r.attrs[queue::attr::kMtsId] = rep::mts_id_text(wire.report_identifier);
  queue::Recipient to;
  to.address = dest.value();
  to.attrs[queue::attr::kOrAddress] = dest.value();
  r.recipients.push_back(std::move(to));
  r.content.assign(ber.value().begin(), ber.value().end());
  return r;
}

}  // namespace mixer::reports
