// The metrics HTTP endpoint (Boost.Beast): GET /metrics answers 200 with the
// Prometheus text format (Content-Type text/plain; version=0.0.4); any other
// path is 404 and any other method 405. It runs on its own io_context and
// thread so a slow scraper can never delay mail. Limits: request header
// kMaxHeaderBytes, no body accepted, kReadTimeoutSeconds per request,
// kMaxConnections concurrent scrapers (further connections are closed at once).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.hpp"

namespace mixer::metrics {

inline constexpr std::size_t kMaxHeaderBytes = 8192;
inline constexpr int kReadTimeoutSeconds = 10;
inline constexpr std::size_t kMaxConnections = 16;

class HttpEndpoint {
 public:
  using Body = std::function<std::string()>;
  // Binds host:port (port 0 = any free port) and starts serving.
  static Result<std::unique_ptr<HttpEndpoint>> start(const std::string& host, std::uint16_t port, Body body);
  ~HttpEndpoint();  // stops serving and joins its thread
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;
  std::uint16_t port() const;

  struct Impl;
  explicit HttpEndpoint(std::unique_ptr<Impl> impl);  // use start()

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mixer::metrics
