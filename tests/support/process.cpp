#include "tests/support/process.hpp"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "tests/support/temp_dir.hpp"

extern char** environ;

namespace mixer::test {
namespace {

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

pid_t spawn(const std::vector<std::string>& argv, int in_fd, int out_fd, int err_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  return pid;
}

// Polls waitpid until the child exits or the deadline passes.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return decode_status(status);
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text,
              std::chrono::milliseconds timeout) {
  TempDir dir("mixer-run");
  write_file(dir / "in", stdin_text);
  int in_fd = ::open((dir / "in").c_str(), O_RDONLY | O_CLOEXEC);
  int out_fd = ::open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = ::open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  RunResult result;
  try {
    pid_t pid = spawn(argv, in_fd, out_fd, err_fd);
    auto code = wait_until(pid, std::chrono::steady_clock::now() + timeout);
    if (!code) {
      ::kill(pid, SIGKILL);
      code = wait_until(pid, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    }
    result.exit_code = code.value_or(-1);
  } catch (...) {
    ::close(in_fd), ::close(out_fd), ::close(err_fd);
    throw;
  }
  ::close(in_fd), ::close(out_fd), ::close(err_fd);
  result.out = read_file(dir / "out");
  result.err = read_file(dir / "err");
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_dir) {
  static int counter = 0;
  std::string base = std::filesystem::path(argv.at(0)).filename().string() + "." + std::to_string(++counter);
  out_path_ = log_dir / (base + ".out");
  err_path_ = log_dir / (base + ".err");
  int out_fd = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  try {
    pid_ = spawn(argv, in_fd, out_fd, err_fd);
  } catch (...) {
    ::close(in_fd), ::close(out_fd), ::close(err_fd);
    throw;
  }
  ::close(in_fd), ::close(out_fd), ::close(err_fd);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) stop(SIGTERM, std::chrono::seconds(5));
}

bool ChildProcess::running() {
  if (status_) return false;
  auto r = wait_until(pid_, std::chrono::steady_clock::now());
  if (r) status_ = r;
  return !status_;
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  status_ = wait_until(pid_, std::chrono::steady_clock::now() + timeout);
  return status_;
}

int ChildProcess::stop(int sig, std::chrono::milliseconds grace) {
  if (status_) return *status_;
  ::kill(pid_, sig);
  status_ = wait_until(pid_, std::chrono::steady_clock::now() + grace);
  if (!status_) {
    ::kill(pid_, SIGKILL);
    status_ = wait_until(pid_, std::chrono::steady_clock::now() + std::chrono::seconds(10));
  }
  return status_.value_or(-1);
}

std::string ChildProcess::stdout_text() const { return read_file(out_path_); }
std::string ChildProcess::stderr_text() const { return read_file(err_path_); }

}  // namespace mixer::test
