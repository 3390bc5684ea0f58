#include "gateway/daemon/identity.hpp"

#include <algorithm>

namespace mixer::daemon {
namespace {

x400::NumericOrPrintable value_of(const std::string& s) {
  const bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  return x400::NumericOrPrintable{s, digits};
}

}  // namespace

mapping::message::GatewayIdentity message_identity(const config::GatewaySettings& g) {
  return {g.mta_name, g.global_domain.country, g.global_domain.admd, g.global_domain.prmd, g.domain};
}

mapping::report::GatewayReportIdentity report_identity(const config::GatewaySettings& g) {
  mapping::report::GatewayReportIdentity id;
  id.mta_name = g.mta_name;
  id.domain = g.domain;
  id.gdi.country_name = value_of(g.global_domain.country);
  id.gdi.administration_domain_name = value_of(g.global_domain.admd);
  if (!g.global_domain.prmd.empty()) id.gdi.private_domain_identifier = value_of(g.global_domain.prmd);
  return id;
}

}  // namespace mixer::daemon
