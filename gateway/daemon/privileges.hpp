// Dropping root after binding privileged ports and opening the spool: to the
// configured [daemon] user, with its primary group and no supplementary
// groups. Refuses to continue as root when the user does not exist.
#pragma once

#include <string>

#include "common/result.hpp"

namespace mixer::daemon {

// No-op (Ok) when not running as root or when `user` is empty.
Status<std::string> drop_privileges(const std::string& user);

}  // namespace mixer::daemon
