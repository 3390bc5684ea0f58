#include "gateway/queue/spool.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mixer::queue {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) { return std::strerror(e); }

SpoolError io_error(const std::string& id, std::string op, const fs::path& p, int e) {
  return SpoolError{id, std::move(op), p.string(), errno_text(e)};
}

// write(2) until done, retrying on EINTR and short writes.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release_close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

std::atomic<std::uint32_t> g_sequence{0};

}  // namespace

std::string_view to_string(State s) {
  switch (s) {
    case State::incoming: return "incoming";
    case State::active: return "active";
    case State::deferred: return "deferred";
    case State::hold: return "hold";
    case State::corrupt: return "corrupt";
  }
  return "?";
}

std::optional<State> state_from_string(std::string_view s) {
  for (auto st : kAllStates)
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::string SpoolError::to_string() const {
  std::string s = id.empty() ? std::string("spool") : id;
  s += ": " + operation;
  if (!path.empty()) s += " " + path;
  return s + ": " + message;
}

std::string make_queue_id() {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%013llX%04X%05X", static_cast<unsigned long long>(us),
                static_cast<unsigned>(g_sequence.fetch_add(1) & 0xFFFF),
                static_cast<unsigned>(::getpid()) & 0xFFFFF);
  return buf;
}

bool valid_queue_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

Spool::Spool(SpoolOptions options) : options_(std::move(options)) {}

SpoolResult<std::unique_ptr<Spool>> Spool::open(SpoolOptions options) {
  std::unique_ptr<Spool> s(new Spool(std::move(options)));  // private constructor; owned at once
  std::error_code ec;
  if (!s->options_.create && !fs::is_directory(s->options_.dir / "incoming", ec))
    return fail(SpoolError{"", "open", s->options_.dir.string(), "not a mixer spool (no incoming/ directory)"});
  fs::create_directories(s->options_.dir, ec);
  if (ec) return fail(SpoolError{"", "mkdir", s->options_.dir.string(), ec.message()});
  for (auto st : kAllStates) {
    fs::path d = s->options_.dir / std::string(to_string(st));
    if (::mkdir(d.c_str(), 0700) != 0 && errno != EEXIST) return fail(io_error("", "mkdir", d, errno));
    int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return fail(io_error("", "open", d, errno));
    s->dir_fds_[static_cast<int>(st)] = fd;
  }
  // The top directory too: a freshly created state directory must itself be durable.
  int top = ::open(s->options_.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (top >= 0) {
    ::fsync(top);
    ::close(top);
  }
  if (s->options_.group_commit)
    for (std::size_t i = 0; i < s->options_.committers; ++i)
      s->committers_.emplace_back([p = s.get()] { p->committer_loop(); });
  return s;
}

Spool::~Spool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : committers_) t.join();
  for (int fd : dir_fds_)
    if (fd >= 0) ::close(fd);
}

fs::path Spool::path_of(const std::string& id, State state) const {
  return options_.dir / std::string(to_string(state)) / id;
}

SpoolStats Spool::stats() const {
  return SpoolStats{accepted_.load(), file_syncs_.load(), dir_syncs_.load(), batches_.load()};
}

Status<SpoolError> Spool::sync_dir(State state) {
  if (::fsync(dir_fds_[static_cast<int>(state)]) != 0)
    return fail(io_error("", "fsync", options_.dir / std::string(to_string(state)), errno));
  dir_syncs_.fetch_add(1);
  return Ok{};
}

// Writes r as state/.<id>.tmp (exclusive), fdatasyncs it and renames it to
// state/<id>. The directory sync is left to the caller when !sync_dir.
SpoolResult<std::string> Spool::write_file(const Record& r, State state, bool sync_directory,
                                           std::string* tmp_out) {
  fs::path dir = options_.dir / std::string(to_string(state));
  fs::path tmp = dir / ("." + r.id + ".tmp");
  fs::path final_path = dir / r.id;
  std::string bytes = serialize(r);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) return fail(io_error(r.id, "create", tmp, errno));
  auto cleanup = [&] { ::unlink(tmp.c_str()); };
  if (int e = write_all(fd.get(), bytes)) {
    cleanup();
    return fail(io_error(r.id, "write", tmp, e));
  }
  if (::fdatasync(fd.get()) != 0) {
    int e = errno;
    cleanup();
    return fail(io_error(r.id, "fdatasync", tmp, e));
  }
  file_syncs_.fetch_add(1);
  if (fd.release_close() != 0) {
    int e = errno;
    cleanup();
    return fail(io_error(r.id, "close", tmp, e));
  }
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    int e = errno;
    cleanup();
    return fail(io_error(r.id, "rename", final_path, e));
  }
  if (tmp_out) *tmp_out = final_path.string();
  if (sync_directory) {
    auto st = sync_dir(state);
    if (!st) return fail(SpoolError{r.id, st.error().operation, st.error().path, st.error().message});
  }
  return r.id;
}

SpoolResult<std::string> Spool::store_now(Record& r) {
  if (r.id.empty()) r.id = make_queue_id();
  if (r.arrival == 0)
    r.arrival = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                    .count();
  if (!valid_queue_id(r.id)) return fail(SpoolError{r.id, "submit", "", "invalid queue id"});
  auto res = write_file(r, State::incoming, !options_.group_commit, nullptr);
  if (res && options_.group_commit) {
    auto st = group_sync_incoming();
    // Not durable: nobody may be told "accepted". The file stays and is
    // delivered after a restart at worst (at-least-once), never lost.
    if (!st) return fail(SpoolError{r.id, st.error().operation, st.error().path, st.error().message});
  }
  if (res) {
    accepted_.fetch_add(1);
    if (stored_hook_) stored_hook_(*res);
  }
  return res;
}

// Leader/follower: the caller's rename is done; it returns once a directory
// fsync that began after that rename has completed, running it itself when
// no sync is in progress. One sync at a time, each covering every rename
// made while the previous one ran.
Status<SpoolError> Spool::group_sync_incoming() {
  std::unique_lock lock(group_mu_);
  const std::uint64_t mine = ++renamed_seq_;
  while (synced_seq_ < mine) {
    if (sync_running_) {
      group_cv_.wait(lock);
      continue;
    }
    sync_running_ = true;
    const std::uint64_t target = renamed_seq_;
    lock.unlock();
    auto st = sync_dir(State::incoming);
    lock.lock();
    sync_running_ = false;
    if (st) {
      synced_seq_ = std::max(synced_seq_, target);
      batches_.fetch_add(1);
    }
    group_cv_.notify_all();
    if (!st) return st;  // the waiters try again themselves
  }
  return Ok{};
}

void Spool::submit(Record r, Accepted done) {
  if (committers_.empty()) {
    done(store_now(r));
    return;
  }
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      done(fail(SpoolError{r.id, "submit", "", "spool is shutting down"}));
      return;
    }
    pending_.push_back(Pending{std::move(r), std::move(done)});
  }
  cv_.notify_one();
}

SpoolResult<std::string> Spool::store(Record r) { return store_now(r); }

void Spool::committer_loop() {
  for (;;) {
    std::optional<Pending> p;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping and drained
      p.emplace(std::move(pending_.front()));
      pending_.pop_front();
    }
    p->done(store_now(p->record));
  }
}

SpoolResult<Record> Spool::load(const std::string& id, State state) const {
  fs::path p = path_of(id, state);
  Fd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fail(io_error(id, "open", p, errno));
  std::string bytes;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(io_error(id, "read", p, errno));
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  auto rec = parse(bytes);
  if (!rec) return fail(SpoolError{id, "parse", p.string(), rec.error().to_string()});
  if (rec->id != id) return fail(SpoolError{id, "parse", p.string(), "file names queue id '" + rec->id + "'"});
  return std::move(rec).value();
}

Status<SpoolError> Spool::rewrite(const Record& r, State state) {
  // The temp name is exclusive; a leftover from a crash is stale by definition.
  fs::path tmp = options_.dir / std::string(to_string(state)) / ("." + r.id + ".tmp");
  ::unlink(tmp.c_str());
  auto res = write_file(r, state, true, nullptr);
  if (!res) return fail(std::move(res).error());
  return Ok{};
}

Status<SpoolError> Spool::move(const std::string& id, State from, State to, Durability d) {
  fs::path a = path_of(id, from), b = path_of(id, to);
  // link+unlink would refuse to overwrite; rename is atomic, and ids are unique.
  if (::rename(a.c_str(), b.c_str()) != 0) return fail(io_error(id, "rename", a, errno));
  if (d == Durability::deferred) return Ok{};
  auto st = sync_dir(to);
  if (!st) return fail(SpoolError{id, st.error().operation, st.error().path, st.error().message});
  return Ok{};
}

Status<SpoolError> Spool::remove(const std::string& id, State state, Durability d) {
  fs::path p = path_of(id, state);
  if (::unlink(p.c_str()) != 0) return fail(io_error(id, "unlink", p, errno));
  if (d == Durability::deferred) return Ok{};
  auto st = sync_dir(state);
  if (!st) return fail(SpoolError{id, st.error().operation, st.error().path, st.error().message});
  return Ok{};
}

std::vector<std::string> Spool::list(State state) const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(options_.dir / std::string(to_string(state)), ec)) {
    std::string name = e.path().filename().string();
    if (!name.empty() && name[0] != '.') ids.push_back(std::move(name));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::optional<State> Spool::find(const std::string& id) const {
  if (!valid_queue_id(id)) return std::nullopt;
  for (auto st : kAllStates) {
    struct stat sb {};
    if (::stat(path_of(id, st).c_str(), &sb) == 0) return st;
  }
  return std::nullopt;
}

SpoolResult<std::size_t> Spool::recover() {
  std::size_t moved = 0;
  for (auto st : kAllStates) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(options_.dir / std::string(to_string(st)), ec)) {
      std::string name = e.path().filename().string();
      if (name.size() > 5 && name[0] == '.' && name.ends_with(".tmp")) ::unlink(e.path().c_str());
    }
  }
  for (const auto& id : list(State::active)) {
    auto st = move(id, State::active, State::incoming, Durability::deferred);
    if (!st) return fail(std::move(st).error());
    ++moved;
  }
  if (moved) {
    auto st = sync_dir(State::incoming);
    if (!st) return fail(std::move(st).error());
  }
  return moved;
}

}  // namespace mixer::queue
