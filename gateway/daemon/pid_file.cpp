#include "gateway/daemon/pid_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>

namespace mixer::daemon {

Result<PidFile> PidFile::acquire(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return fail("pid file " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd);
    if (e == EWOULDBLOCK) {
      auto pid = running_daemon(path);
      return fail("another mixerd (pid " + (pid ? std::to_string(*pid) : std::string("?")) + ") holds " + path.string());
    }
    return fail("pid file " + path.string() + ": " + std::strerror(e));
  }
  std::string text = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    int e = errno;
    ::close(fd);
    return fail("pid file " + path.string() + ": " + std::strerror(e));
  }
  return PidFile(path, fd);
}

PidFile::PidFile(PidFile&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) { other.fd_ = -1; }

PidFile::~PidFile() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());  // before unlocking, so a new daemon never loses its file
  ::close(fd_);
}

std::optional<pid_t> running_daemon(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<pid_t> result;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    result = n > 0 ? static_cast<pid_t>(std::atol(buf)) : pid_t{0};
  }
  ::close(fd);
  return result;
}

}  // namespace mixer::daemon
