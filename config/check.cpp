#include "config/check.hpp"

#include <memory>
#include <netdb.h>
#include <sys/socket.h>

#include "x400/p1/asio_connection.hpp"

namespace mixer::config {

std::string resolve_error(const std::string& host) {
  if (host.empty()) return "empty host name";
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* raw = nullptr;
  int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &raw);
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(raw, &::freeaddrinfo);
  if (rc != 0) return ::gai_strerror(rc);
  if (!list) return "no address";
  return {};
}

ConfigErrors check_environment(const Config& cfg) {
  ConfigErrors errors;
  auto check = [&](const Endpoint& ep, const std::string& name) {
    std::string why = resolve_error(ep.host);
    if (!why.empty()) errors.push_back({cfg.source, ep.line, name + ": host '" + ep.host + "' does not resolve: " + why});
  };
  check(cfg.smtp.listen, "smtp.listen");
  check(cfg.smtp.next_hop, "smtp.next_hop");
  check(cfg.p1.listen, "p1.listen");
  if (cfg.metrics.enabled) check(cfg.metrics.listen, "metrics.listen");
  for (const auto& r : cfg.routes) check(r.peer, "route '" + r.name + "'.peer");
  // TLS material loaded the way the listeners and the P1 transport load it
  // (OpenSSL via x400/p1/asio_connection): a bad PEM or a key that does not
  // match its certificate is found here, not at the first handshake.
  for (auto [tls, name] : {std::pair{&cfg.smtp.tls, "smtp"}, std::pair{&cfg.p1.tls, "p1"}}) {
    if (!tls->enabled() || tls->key.empty()) continue;
    auto ctx = x400::p1::tls_server_context(tls->cert, tls->key);
    if (!ctx) errors.push_back({cfg.source, 0, std::string(name) + ".tls_cert/tls_key: " + ctx.error()});
  }
  for (const auto& r : cfg.routes) {
    if (!r.tls || r.tls_ca.empty()) continue;
    auto ctx = x400::p1::tls_client_context(r.tls_ca);
    if (!ctx) errors.push_back({cfg.source, r.line, "route '" + r.name + "'.tls_ca: " + ctx.error()});
  }
  return errors;
}

Result<Config, ConfigErrors> load_checked(const std::filesystem::path& path) {
  auto cfg = load_file(path);
  if (!cfg) return cfg;
  auto errors = check_environment(*cfg);
  if (!errors.empty()) return fail(std::move(errors));
  return cfg;
}

}  // namespace mixer::config
