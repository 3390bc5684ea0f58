// RFC 5322 §3.4 address lists in header fields (From, To, Cc, Reply-To,
// ...): mailboxes with display names, groups, comments. Parsing yields the
// display name decoded (RFC 2047) to UTF-8 and the addr-spec text; printing
// encodes the display name (RFC 2047 §5 (3)) when needed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mixer::mapping::heading {

struct Mailbox {
  std::string display_name;  // UTF-8, "" when none
  std::string addr_spec;     // as written, without angle brackets
  std::string comment;       // text of a trailing comment, "" when none
  friend bool operator==(const Mailbox&, const Mailbox&) = default;
};

struct MailboxList {
  std::vector<Mailbox> mailboxes;  // group members flattened, in order
  bool had_group = false;          // group syntax was present (not kept by the X.400 side)
};

// nullopt when the text is not an address list (unbalanced quotes, brackets).
std::optional<MailboxList> parse_mailbox_list(std::string_view unfolded);
std::string format_mailbox(const Mailbox& m);
std::string format_mailbox_list(const std::vector<Mailbox>& list);

}  // namespace mixer::mapping::heading
