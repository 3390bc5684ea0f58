// Operator actions on a spool, shared by `mixer queue ...` and `mixer status`
// (like Postfix's postqueue/postsuper, which also work on the queue
// directories directly rather than through the daemon).
//
// Ownership rule that makes this safe while mixerd runs: the queue manager
// owns active/ (a message it is delivering); everyone may rename between the
// other states. A rename is atomic, so when mixerd moves deferred/ID to
// active/ID at the same moment as an operator holds it, exactly one rename
// wins and the other sees ENOENT and says so. Files in incoming/ are tried at
// the next scan regardless of their retry times: flush and release move there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::queue {

struct QueueEntry {
  std::string id;
  State state = State::incoming;
  std::optional<Record> record;  // empty when the file does not parse
  std::string error;             // why it does not parse
  std::uintmax_t size = 0;       // file size in bytes
};

// Every message in every state, by state then id (= arrival).
std::vector<QueueEntry> list_queue(const Spool& spool);
std::optional<QueueEntry> inspect(const Spool& spool, const std::string& id);

struct QueueCounts {
  std::size_t by_state[std::size(kAllStates)] = {};
  std::size_t total() const;
};
QueueCounts count_queue(const Spool& spool);

// Each returns a message for the operator on failure ("ID: not in the queue",
// "ID: being delivered (active); try again", ...).
Status<std::string> hold_message(Spool& spool, const std::string& id);
Status<std::string> release_message(Spool& spool, const std::string& id);
Status<std::string> delete_message(Spool& spool, const std::string& id);
// One message (deferred or incoming), or with no id every deferred message:
// tried at the next scan. Returns how many were moved.
Result<std::size_t, std::string> flush_queue(Spool& spool, const std::optional<std::string>& id);

}  // namespace mixer::queue
