// mixerd's logger from [logging]: stderr, a file (appended) or syslog (mail
// facility, as MTAs log). Lines about a message start with its queue id
// (the callers' job; see gateway/daemon/queue_manager.cpp).
#pragma once

#include <memory>
#include <spdlog/logger.h>

#include "common/result.hpp"
#include "config/config.hpp"

namespace mixer::daemon {

Result<std::shared_ptr<spdlog::logger>> make_logger(const config::LoggingSettings& settings);

}  // namespace mixer::daemon
