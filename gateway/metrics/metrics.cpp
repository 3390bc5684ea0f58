#include "gateway/metrics/metrics.hpp"

#include <cstdio>

namespace mixer::metrics {
namespace {

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void line(std::string& out, const std::string& series, std::uint64_t v) {
  out += series;
  out += ' ';
  out += std::to_string(v);
  out += '\n';
}

std::string num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

using Field = std::atomic<std::uint64_t> PerDirection::*;

void per_direction(std::string& out, const Metrics& m, const char* name, const char* help, Field f) {
  header(out, name, "counter", help);
  for (int d = 0; d < 2; ++d)
    line(out, std::string(name) + "{direction=\"" + kDirectionLabels[d] + "\"}", (m.dir[d].*f).load());
}

}  // namespace

void Metrics::observe_latency(int direction, double seconds) {
  auto& d = dir[direction & 1];
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i)
    if (seconds <= kLatencyBuckets[i]) d.latency_le[i].fetch_add(1, std::memory_order_relaxed);
  d.latency_count.fetch_add(1, std::memory_order_relaxed);
  d.latency_sum_ms.fetch_add(static_cast<std::uint64_t>(seconds * 1000.0), std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out;
  per_direction(out, *this, "mixer_messages_received_total", "Messages accepted into the spool.",
                &PerDirection::received);
  per_direction(out, *this, "mixer_recipients_delivered_total", "Recipients delivered to the next hop.",
                &PerDirection::delivered);
  per_direction(out, *this, "mixer_recipients_deferred_total", "Recipient attempts that failed temporarily.",
                &PerDirection::deferred);
  per_direction(out, *this, "mixer_recipients_failed_total", "Recipients failed permanently (reported).",
                &PerDirection::failed);
  header(out, "mixer_reports_generated_total", "counter", "Delivery/non-delivery reports generated.");
  line(out, "mixer_reports_generated_total", reports.load());
  header(out, "mixer_smtp_transactions_total", "counter", "Inbound SMTP transactions that reached end of data.");
  line(out, "mixer_smtp_transactions_total", smtp_transactions.load());
  header(out, "mixer_smtp_outbound_sessions_total", "counter", "SMTP sessions opened to the next hop.");
  line(out, "mixer_smtp_outbound_sessions_total", smtp_out_sessions.load());
  header(out, "mixer_smtp_rejected_total", "counter", "SMTP refusals by reason.");
  line(out, "mixer_smtp_rejected_total{reason=\"recipient\"}", smtp_rejected_rcpt.load());
  line(out, "mixer_smtp_rejected_total{reason=\"message\"}", smtp_rejected_msg.load());
  header(out, "mixer_conversion_failures_total", "counter", "Messages that could not be converted.");
  line(out, "mixer_conversion_failures_total", conversion_failures.load());

  header(out, "mixer_delivery_latency_seconds", "histogram", "Time from acceptance to delivery.");
  for (int d = 0; d < 2; ++d) {
    const std::string lbl = std::string("direction=\"") + kDirectionLabels[d] + "\"";
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i)
      line(out, "mixer_delivery_latency_seconds_bucket{" + lbl + ",le=\"" + num(kLatencyBuckets[i]) + "\"}",
           dir[d].latency_le[i].load());
    line(out, "mixer_delivery_latency_seconds_bucket{" + lbl + ",le=\"+Inf\"}", dir[d].latency_count.load());
    out += "mixer_delivery_latency_seconds_sum{" + lbl + "} " +
           num(static_cast<double>(dir[d].latency_sum_ms.load()) / 1000.0) + "\n";
    line(out, "mixer_delivery_latency_seconds_count{" + lbl + "}", dir[d].latency_count.load());
  }
  if (sample) {
    const Sample s = sample();
    header(out, "mixer_queue_messages", "gauge", "Queue files per spool state.");
    for (const auto& [state, n] : s.queue_sizes) line(out, "mixer_queue_messages{state=\"" + state + "\"}", n);
    header(out, "mixer_deliveries_in_flight", "gauge", "Delivery attempts under way.");
    line(out, "mixer_deliveries_in_flight", s.in_flight);
    header(out, "mixer_p1_associations_total", "counter", "P1 associations, inbound accepted and outbound opened.");
    line(out, "mixer_p1_associations_total{side=\"inbound\"}", s.p1_in_total);
    line(out, "mixer_p1_associations_total{side=\"outbound\"}", s.p1_out_total);
    header(out, "mixer_p1_associations_active", "gauge", "Inbound P1 associations open now.");
    line(out, "mixer_p1_associations_active", s.p1_in_active);
  }
  return out;
}

}  // namespace mixer::metrics
