// Child processes for integration tests. A ChildProcess is always stopped
// (SIGTERM, then SIGKILL after a grace period) when it goes out of scope, so a
// failing test never leaves a server behind.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace mixer::test {

struct RunResult {
  int exit_code = -1;  // 128+signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs a program to completion (argv[0] is looked up in PATH when it has no '/'),
// with optional stdin text, killing it after `timeout`.
RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(60));

class ChildProcess {
 public:
  // Starts argv; stdout and stderr go to files in `log_dir` (named after argv[0]).
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_dir);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `sig` and waits up to `grace` for the exit; SIGKILL after that.
  // Returns the exit status as in RunResult.
  int stop(int sig = 15, std::chrono::milliseconds grace = std::chrono::seconds(5));
  // Waits for the process to exit by itself; nullopt on timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  std::string stdout_text() const;
  std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::filesystem::path out_path_, err_path_;
};

}  // namespace mixer::test
