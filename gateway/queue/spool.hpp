// The durable spool: one file per message under DIR/{incoming,active,deferred,
// hold,corrupt}/<queue id> in the format of gateway/queue/record.hpp.
//
// Acceptance (submit/store) is durable before the caller hears "accepted":
// the file is created exclusively (O_CREAT|O_EXCL, mode 0600) as
// incoming/.<id>.tmp, written, fdatasync'ed, renamed to incoming/<id>, and the
// directory fsync'ed. Only then does the completion callback run, so an SMTP
// 250 or an RTSE transfer confirmation sent from it covers a message that a
// crash (kill -9, power loss) cannot lose. A crash before the callback leaves
// at most a ".tmp" file, which recover() removes: it was never acknowledged.
//
// Group commit (SpoolOptions::group_commit): each arrival's own file is
// written and fdatasync'ed by the thread handling it, concurrently with the
// others (the filesystem journal merges concurrent syncs into one commit);
// the directory fsync that makes the renames durable is shared: one sync at
// a time covers every rename completed before it began; arrivals renamed
// meanwhile wait and are covered by the next one (leader/follower).
// Measured on ext4 (tests/bench/queue_spool.cpp): the journal already merges
// concurrent fsyncs of independent writers, so this saves fsync calls (about
// 1.1 per message instead of 2 at 50 writers) rather than wall time.
// submit() hands arrivals to a pool of `committers` threads so that the
// Asio threads of the SMTP server / P1 responder never block on the disk.
// A single committer thread doing the fdatasyncs one after another would be
// slower than no grouping at all (measured: tests/bench/queue_spool.cpp).
// Postfix's model is one fsync per message from each cleanup process
// (global/mail_stream.c); sharing the directory sync is the improvement.
//
// State changes are atomic renames followed by an fsync of the destination
// directory. A crash can at worst undo the last move (the file is seen in its
// previous state), which only causes a retry: delivery is at-least-once.
// Moves whose undoing is harmless (incoming -> active at the start of a
// delivery, active -> incoming in recover()) and the removal of a delivered
// message may skip that fsync (Durability::deferred): the rename/unlink is
// immediately visible and survives a process crash (kill -9); only a power
// loss before the next fsync of that directory (sync_state(), which the
// queue manager runs once per batch of completions) could undo it, and an
// undone removal or start means one more delivery, never a lost message.
// Status updates rewrite the whole file (temp + fdatasync + rename + dir fsync)
// rather than appending to a log: the file is always one self-consistent
// record that the parser fully checks, at the price of copying the content on
// each delivery attempt (a few per message); see docs/conformance/gateway.md.
//
// A file that does not parse is moved to corrupt/ and never deleted.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/result.hpp"
#include "gateway/queue/record.hpp"

namespace mixer::queue {

enum class State { incoming, active, deferred, hold, corrupt };
inline constexpr State kAllStates[] = {State::incoming, State::active, State::deferred, State::hold,
                                       State::corrupt};
std::string_view to_string(State s);
std::optional<State> state_from_string(std::string_view s);

struct SpoolError {
  std::string id;         // queue id, may be empty
  std::string operation;  // "create", "fdatasync", "rename", "parse", ...
  std::string path;
  std::string message;    // strerror text or parse error
  std::string to_string() const;
};

template <typename T>
using SpoolResult = Result<T, SpoolError>;

struct SpoolOptions {
  std::filesystem::path dir;
  bool group_commit = true;
  std::size_t committers = 16;  // threads serving submit() (config limit queue.committers)
  bool create = true;           // create the directory tree; false: it must exist (operator tools)
};

// Whether a move/remove fsyncs the directory before returning (see above).
enum class Durability { now, deferred };

struct SpoolStats {
  std::uint64_t accepted = 0;
  std::uint64_t file_syncs = 0;  // fdatasync on message files
  std::uint64_t dir_syncs = 0;   // fsync on directories
  std::uint64_t batches = 0;     // shared directory syncs (group commit)
};

// A new Postfix-style queue id: 13 hex digits of microseconds since the epoch
// (so ids sort by arrival), 4 of a per-process sequence, 5 of the pid.
std::string make_queue_id();
bool valid_queue_id(std::string_view id);

class Spool {
 public:
  using Accepted = std::function<void(SpoolResult<std::string>)>;

  // Creates the directory tree if needed and starts the committers.
  static SpoolResult<std::unique_ptr<Spool>> open(SpoolOptions options);
  ~Spool();  // drains pending arrivals, then stops the committers
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Assigns an id (if r.id is empty) and arrival (if 0), stores r durably in
  // incoming/ and calls `done` with the id - from a committer thread with
  // group commit, inline without. `done` is always called exactly once.
  void submit(Record r, Accepted done);
  // submit() and wait for the result.
  SpoolResult<std::string> store(Record r);

  SpoolResult<Record> load(const std::string& id, State state) const;
  // Durably replaces the file of r.id in `state` with r.
  Status<SpoolError> rewrite(const Record& r, State state);
  // Atomic rename from -> to, destination directory fsync'ed (unless deferred).
  Status<SpoolError> move(const std::string& id, State from, State to, Durability d = Durability::now);
  Status<SpoolError> remove(const std::string& id, State state, Durability d = Durability::now);
  // fsyncs the directory of `state`: makes every earlier deferred move into
  // it / removal from it durable.
  Status<SpoolError> sync_state(State state) { return sync_dir(state); }

  // Called with the queue id after every successful store (submit or
  // store), before the caller's own callback, from the thread that stored
  // it. mixerd wakes its queue manager with it, so that a new arrival is
  // dispatched at once instead of at the next scan. Set it before the first
  // submit (it is read without a lock).
  void set_stored_hook(std::function<void(const std::string& id)> hook) { stored_hook_ = std::move(hook); }
  // Queue ids in `state`, sorted (= by arrival).
  std::vector<std::string> list(State state) const;
  std::optional<State> find(const std::string& id) const;

  // After a crash or at start: removes unacknowledged ".tmp" files and moves
  // active/ back to incoming/ (those deliveries were cut short and are retried),
  // with one directory fsync for all of them. Returns the number of files moved.
  SpoolResult<std::size_t> recover();

  std::filesystem::path path_of(const std::string& id, State state) const;
  const std::filesystem::path& dir() const { return options_.dir; }
  SpoolStats stats() const;

 private:
  explicit Spool(SpoolOptions options);
  struct Pending {
    Record record;
    Accepted done;
  };
  SpoolResult<std::string> write_file(const Record& r, State state, bool sync_dir, std::string* tmp_out);
  Status<SpoolError> sync_dir(State state);
  SpoolResult<std::string> store_now(Record& r);
  Status<SpoolError> group_sync_incoming();
  void committer_loop();

  SpoolOptions options_;
  std::function<void(const std::string&)> stored_hook_;
  int dir_fds_[5] = {-1, -1, -1, -1, -1};
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> pending_;
  bool stopping_ = false;
  std::vector<std::thread> committers_;
  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::uint64_t renamed_seq_ = 0;  // renames done in incoming/
  std::uint64_t synced_seq_ = 0;   // highest rename covered by a completed sync
  bool sync_running_ = false;
  std::atomic<std::uint64_t> accepted_{0}, file_syncs_{0}, dir_syncs_{0}, batches_{0};
};

}  // namespace mixer::queue
