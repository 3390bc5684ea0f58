// One queued message as the spool stores it (gateway/queue/spool.hpp writes it).
//
// File format "MIXERQ 1" (text header, raw content, trailer), chosen so that a
// torn or truncated write is always detected rather than misread:
//
//   MIXERQ 1\n
//   id <queue id>\n
//   arrival <unix seconds>\n
//   direction smtp-x400 | x400-smtp\n
//   originator <value>\n
//   attr <key> <value>\n                 (0..n, message-level, opaque to the queue)
//   rcpt <status> <attempts> <next-retry> <flags> <address> <diagnostic>\n   (1..n)
//   rattr <rcpt index> <key> <value>\n   (0..n, per-recipient, opaque)
//   content <length>\n
//   \n
//   <length raw bytes>
//   MIXEREND\n
//
// Values are percent-escaped (%, space, control bytes and bytes >= 0x7F as %XX;
// an empty value is "%"), so every header line splits on single spaces. The
// "attr"/"rattr" key/values carry the DSN (RFC 3461 ENVID, RET, NOTIFY, ORCPT)
// and X.400 report-request data that the mapping layer fills; the queue never
// interprets them. Anything else - unknown keyword, missing trailer, length
// mismatch - is a parse error naming the line, and the spool moves the file
// to corrupt/ (never deletes it).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace mixer::queue {

enum class Direction { smtp_to_x400, x400_to_smtp };

// pending: not yet tried; deferred: a temporary failure, retry at next_retry;
// delivered / failed: final (failed = a report is owed to the originator).
enum class RcptStatus { pending, deferred, delivered, failed };

std::string_view to_string(Direction d);
std::string_view to_string(RcptStatus s);

struct Recipient {
  std::string address;  // RFC 5321 mailbox or std-or O/R address, as the mapping layer wrote it
  RcptStatus status = RcptStatus::pending;
  std::uint32_t attempts = 0;
  std::int64_t next_retry = 0;  // unix seconds; 0 = as soon as possible
  bool delay_warned = false;    // a delay report has been requested already
  bool reported = false;        // the final (failure) report has been requested already
  std::string diagnostic;       // last diagnostic text from the peer or the queue
  std::map<std::string, std::string> attrs;  // opaque: NOTIFY, ORCPT, X.400 report request...
};

struct Record {
  std::string id;
  std::int64_t arrival = 0;  // unix seconds
  Direction direction = Direction::smtp_to_x400;
  std::string originator;
  std::map<std::string, std::string> attrs;  // opaque: ENVID, RET, X.400 MTS identifier...
  std::vector<Recipient> recipients;
  std::string content;  // the message bytes (RFC 5322 text or BER P1 content)
};

struct ParseError {
  std::size_t line = 0;  // header line number (1-based), 0 = trailer/whole file
  std::string message;
  std::string to_string() const;
};

std::string serialize(const Record& r);
Result<Record, ParseError> parse(std::string_view bytes);

// Percent-escaping used for header values; exposed for tests and the CLI.
std::string escape_value(std::string_view v);
Result<std::string, std::string> unescape_value(std::string_view v);

}  // namespace mixer::queue
