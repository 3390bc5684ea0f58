#include "config/check.hpp"

#include <memory>
#include <netdb.h>
#include <sys/socket.h>

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
