// The gateway's identity ([gateway] in the configuration) in the shapes the
// mapping and report functions take: mapping::message::GatewayIdentity (C)
// and mapping::report::GatewayReportIdentity (E). One place, so both sides
// of the gateway name themselves the same way. A country or ADMD made of
// digits only is the NumericString alternative (X.411 CountryName /
// AdministrationDomainName: x121-dcc-code / numeric).
#pragma once

#include "config/config.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/report/gateway_reports.hpp"

namespace mixer::daemon {

mapping::message::GatewayIdentity message_identity(const config::GatewaySettings& g);
mapping::report::GatewayReportIdentity report_identity(const config::GatewaySettings& g);

}  // namespace mixer::daemon
