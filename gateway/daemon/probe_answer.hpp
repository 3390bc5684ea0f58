// The P1 listener's probe answerer (x400side::P1Listener::ProbeAnswerer):
// a probe is never turned into mail (RFC 2156 5.3.9); the gateway answers
// it with the report mapping::report::answer_probe_apdu builds (delivery
// report "would be deliverable" per recipient that maps to RFC 822 and has
// an SMTP route - always, the next hop takes any domain - and fits the size
// limit; non-delivery otherwise) and stores that report as an arrival towards
// X.400: direction smtp_to_x400, format p1-apdu, one recipient = the probe's
// originator (std-or, attr or-address), is-report=1. When no recipient asked
// for a report there is nothing to send: that is returned as an error, the
// listener refuses the probe and the sending MTA keeps responsibility.
#pragma once

#include <string>

#include "common/result.hpp"
#include "config/config.hpp"
#include "gateway/queue/record.hpp"
#include "gateway/x400side/p1_intake.hpp"
#include "mapping/address/context.hpp"

namespace mixer::daemon {

Result<queue::Record, std::string> answer_probe(const x400side::Intake& probe,
                                                const mapping::address::MappingContext& ctx,
                                                const config::Config& cfg, std::int64_t now);

}  // namespace mixer::daemon
