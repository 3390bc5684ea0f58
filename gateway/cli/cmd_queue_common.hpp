// What the `mixer queue ...` and `mixer status` commands share: finding the
// spool (--spool DIR, or queue.dir of --config FILE, default
// /etc/mixer/mixer.toml) and opening it without creating anything.
#pragma once

#include <memory>
#include <string>

#include "common/result.hpp"
#include "config/config.hpp"
#include "gateway/cli/args.hpp"
#include "gateway/cli/command.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::cli {

inline constexpr const char* kDefaultConfigPath = "/etc/mixer/mixer.toml";

ArgSpec& add_spool_options(ArgSpec& spec);

struct OpenedSpool {
  std::unique_ptr<queue::Spool> spool;
  std::filesystem::path pid_file;  // empty with --spool
};

// On failure: the text to print (config errors one per line, file:line).
Result<OpenedSpool> open_spool_from_args(const ParsedArgs& args);

// "2026-11-23 12:00:00Z"
std::string format_time(std::int64_t unix_seconds);

}  // namespace mixer::cli

namespace mixer::cli {

// A `mixer queue VERB ID` command that applies `action` to one message.
Command single_message_command(std::string name, std::string summary,
                               Status<std::string> (*action)(queue::Spool&, const std::string&),
                               std::string done_word);

Command queue_list_command();
Command queue_show_command();
Command queue_flush_command();
Command queue_delete_command();
Command queue_hold_command();
Command queue_release_command();
Command status_command();
Command check_config_command();

}  // namespace mixer::cli
