// Metrics: the Prometheus text exposition (names, labels, types, histogram
// cumulative buckets) and the HTTP endpoint answering a real HTTP/1.1 GET on
// loopback (plus 404 for other paths, 405 for other methods).
#include "gateway/metrics/metrics.hpp"

#include <algorithm>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "gateway/metrics/http_endpoint.hpp"

namespace mixer::metrics {
namespace {
namespace asio = boost::asio;

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(Metrics, RendersCountersGaugesAndHistogram) {
  Metrics m;
  m.dir[0].received += 3;
  m.dir[1].delivered += 2;
  m.dir[1].failed += 1;
  m.reports += 4;
  m.smtp_rejected_rcpt += 5;
  m.observe_latency(1, 0.07);
  m.observe_latency(1, 3.0);
  m.sample = [] {
    Sample s;
    s.queue_sizes = {{"incoming", 1}, {"deferred", 7}};
    s.in_flight = 2;
    return s;
  };
  const auto t = m.render();
  EXPECT_TRUE(has_line(t, "# TYPE mixer_messages_received_total counter")) << t;
  EXPECT_TRUE(has_line(t, "mixer_messages_received_total{direction=\"smtp_to_x400\"} 3"));
  EXPECT_TRUE(has_line(t, "mixer_messages_received_total{direction=\"x400_to_smtp\"} 0"));
  EXPECT_TRUE(has_line(t, "mixer_recipients_delivered_total{direction=\"x400_to_smtp\"} 2"));
  EXPECT_TRUE(has_line(t, "mixer_recipients_failed_total{direction=\"x400_to_smtp\"} 1"));
  EXPECT_TRUE(has_line(t, "mixer_reports_generated_total 4"));
  EXPECT_TRUE(has_line(t, "mixer_smtp_rejected_total{reason=\"recipient\"} 5"));
  EXPECT_TRUE(has_line(t, "# TYPE mixer_delivery_latency_seconds histogram"));
  EXPECT_TRUE(has_line(t, "mixer_delivery_latency_seconds_bucket{direction=\"x400_to_smtp\",le=\"0.05\"} 0"));
  EXPECT_TRUE(has_line(t, "mixer_delivery_latency_seconds_bucket{direction=\"x400_to_smtp\",le=\"0.1\"} 1"));
  EXPECT_TRUE(has_line(t, "mixer_delivery_latency_seconds_bucket{direction=\"x400_to_smtp\",le=\"10\"} 2"));
  EXPECT_TRUE(has_line(t, "mixer_delivery_latency_seconds_bucket{direction=\"x400_to_smtp\",le=\"+Inf\"} 2"));
  EXPECT_TRUE(has_line(t, "mixer_delivery_latency_seconds_sum{direction=\"x400_to_smtp\"} 3.07"));
  EXPECT_TRUE(has_line(t, "mixer_delivery_latency_seconds_count{direction=\"x400_to_smtp\"} 2"));
  EXPECT_TRUE(has_line(t, "mixer_queue_messages{state=\"deferred\"} 7"));
  EXPECT_TRUE(has_line(t, "mixer_deliveries_in_flight 2"));
  // Every non-comment line is "name[{labels}] value".
  std::size_t pos = 0;
  while (pos < t.size()) {
    auto eol = t.find('\n', pos);
    ASSERT_NE(eol, std::string::npos);
    auto line = t.substr(pos, eol - pos);
    if (line[0] != '#') {
      EXPECT_EQ(line.rfind("mixer_", 0), 0u) << line;
    }
    EXPECT_EQ(std::count(line.begin(), line.end(), ' ') >= 1, true) << line;
    pos = eol + 1;
  }
}

std::string http(std::uint16_t port, const std::string& request) {
  asio::io_context io;
  asio::ip::tcp::socket s(io);
  s.connect({asio::ip::make_address("127.0.0.1"), port});
  asio::write(s, asio::buffer(request));
  std::string out;
  boost::system::error_code ec;
  char buf[4096];
  for (;;) {
    auto n = s.read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

TEST(MetricsHttp, ServesGetAndRefusesTheRest) {
  Metrics m;
  m.dir[0].received += 9;
  auto ep = HttpEndpoint::start("127.0.0.1", 0, [&m] { return m.render(); });
  ASSERT_TRUE(ep) << ep.error();
  const auto port = (*ep)->port();
  auto ok = http(port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(ok.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << ok;
  EXPECT_NE(ok.find("Content-Type: text/plain; version=0.0.4"), std::string::npos) << ok;
  EXPECT_NE(ok.find("mixer_messages_received_total{direction=\"smtp_to_x400\"} 9\n"), std::string::npos);
  auto nf = http(port, "GET /other HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(nf.rfind("HTTP/1.1 404", 0), 0u) << nf;
  auto na = http(port, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(na.rfind("HTTP/1.1 405", 0), 0u) << na;
  // Garbage is answered by closing the connection, and the endpoint keeps serving.
  (void)http(port, std::string(20000, 'A') + "\r\n\r\n");
  EXPECT_EQ(http(port, "GET /metrics HTTP/1.0\r\n\r\n").rfind("HTTP/1.0 200", 0), 0u);
}

TEST(MetricsHttp, BadListenAddressIsAClearError) {
  auto ep = HttpEndpoint::start("not-an-ip", 0, [] { return std::string(); });
  ASSERT_FALSE(ep);
  EXPECT_NE(ep.error().find("not an IP address"), std::string::npos) << ep.error();
}

}  // namespace
}  // namespace mixer::metrics
