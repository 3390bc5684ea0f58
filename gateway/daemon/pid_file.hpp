// mixerd's pid file, also its single-instance lock: the daemon holds an
// exclusive flock(2) on it for its lifetime, so a stale file left by kill -9
// never blocks a restart, and `mixer status` tells "running" from "stale" by
// trying the lock rather than trusting the number in the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

#include "common/result.hpp"

namespace mixer::daemon {

class PidFile {
 public:
  // Creates/locks `path` and writes our pid; fails if another process holds it.
  static Result<PidFile> acquire(const std::filesystem::path& path);
  PidFile(PidFile&& other) noexcept;
  PidFile& operator=(PidFile&&) = delete;
  PidFile(const PidFile&) = delete;
  ~PidFile();  // removes the file and releases the lock

 private:
  PidFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::filesystem::path path_;
  int fd_ = -1;
};

// The pid of the daemon holding `path`, or nullopt when none holds it.
std::optional<pid_t> running_daemon(const std::filesystem::path& path);

}  // namespace mixer::daemon
