// Durable storage of received messages for `mixer smtp-sink` and tests: each
// message becomes DIR/<id>.eml (the content as received, CRLF lines) and
// DIR/<id>.json (the envelope: reverse path, recipients with their DSN
// parameters, ESMTP parameters, HELO, TLS). Each file is written to a
// temporary name, fsynced, renamed, and the directory fsynced; the .json is
// written last, so its presence means the message is complete (the same
// "durable before acknowledged" rule as the spool, design.md "The spool").
#pragma once

#include <filesystem>
#include <string>

#include "common/json.hpp"
#include "common/result.hpp"
#include "smtp/server_session.hpp"

namespace mixer::smtp {

json::Value envelope_to_json(const Envelope& env);

// Returns the new message id. `sync` false skips the fsyncs (benchmarks only).
Result<std::string> store_message(const std::filesystem::path& dir, const ReceivedMessage& msg, bool sync = true);

}  // namespace mixer::smtp
