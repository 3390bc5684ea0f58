#include "gateway/daemon/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <syslog.h>

namespace mixer::daemon {

Result<std::shared_ptr<spdlog::logger>> make_logger(const config::LoggingSettings& s) {
  std::shared_ptr<spdlog::sinks::sink> sink;
  try {
    switch (s.target) {
      case config::LogTarget::stderr_: sink = std::make_shared<spdlog::sinks::stderr_sink_mt>(); break;
      case config::LogTarget::file: sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(s.file.string()); break;
      case config::LogTarget::syslog:
        sink = std::make_shared<spdlog::sinks::syslog_sink_mt>("mixerd", LOG_PID, LOG_MAIL, false);
        break;
    }
  } catch (const spdlog::spdlog_ex& e) {
    return fail(std::string("logging: ") + e.what());
  }
  auto logger = std::make_shared<spdlog::logger>("mixerd", sink);
  logger->set_level(spdlog::level::from_str(s.level));
  if (s.target != config::LogTarget::syslog) logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l mixerd[%P]: %v");
  else logger->set_pattern("%v");
  logger->flush_on(spdlog::level::info);
  return logger;
}

}  // namespace mixer::daemon
