// mixer queue hold|release|delete ID: see gateway/queue/admin.hpp for which
// states each accepts and why active/ is left to mixerd.
#include "gateway/cli/cmd_queue_common.hpp"
#include "gateway/queue/admin.hpp"

namespace mixer::cli {

Command queue_hold_command() {
  return single_message_command("queue hold", "Hold a message: no delivery until released", queue::hold_message,
                                "held");
}

Command queue_release_command() {
  return single_message_command("queue release", "Release a held message for delivery at the next scan",
                                queue::release_message, "released");
}

Command queue_delete_command() {
  return single_message_command("queue delete", "Delete a message from the queue (no report is sent)",
                                queue::delete_message, "deleted");
}

}  // namespace mixer::cli
