#include "gateway/daemon/privileges.hpp"

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace mixer::daemon {

Status<std::string> drop_privileges(const std::string& user) {
  if (::geteuid() != 0 || user.empty()) return Ok{};
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found)
    return fail("daemon.user '" + user + "' does not exist; refusing to run as root");
  if (::setgroups(0, nullptr) != 0 || ::setgid(pw.pw_gid) != 0 || ::setuid(pw.pw_uid) != 0)
    return fail("cannot switch to user '" + user + "': " + std::strerror(errno));
  if (::setuid(0) == 0) return fail("privileges were not dropped (setuid(0) succeeded again)");
  return Ok{};
}

}  // namespace mixer::daemon
