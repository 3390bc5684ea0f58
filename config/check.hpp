// The checks of a loaded configuration that look outside the file itself and
// are too slow or too environment-bound for load_string() (which the fuzzer
// and the queue commands use): every host named in the file must resolve
// (getaddrinfo, RFC 1123 2.1 names or address literals): the SMTP next hop,
// each [[route]] peer, and the listen addresses; and the TLS files must load
// (certificate chain + matching key for [smtp]/[p1], CA file of a route with
// tls = true), as OpenSSL will load them at start. The table files and the
// routing table are checked by building them (config/tables, gateway/routing)
// the way mixerd does at start; `mixer check-config` and `mixerd` (start,
// --check and SIGHUP reload) run load_checked() and then those builds, so
// they refuse a file with the same "FILE:LINE: message" lines.
//
// A name that does not resolve *now* is an error even when the cause may be
// temporary (EAI_AGAIN): a gateway that starts with a peer it cannot reach
// defers every message to it; the operator sees it at once instead
// (docs/gateway.md "Configuration checks").
#pragma once

#include <filesystem>
#include <string>

#include "config/load.hpp"

namespace mixer::config {

// "" when `host` resolves to at least one address for TCP, else why not
// (the resolver's text).
std::string resolve_error(const std::string& host);

// Every endpoint of `cfg` resolves and its TLS files load; errors carry the
// line of the key where the model keeps it.
ConfigErrors check_environment(const Config& cfg);

// load_file() followed by check_environment(): the validation mixerd and
// check-config share.
Result<Config, ConfigErrors> load_checked(const std::filesystem::path& path);

}  // namespace mixer::config
