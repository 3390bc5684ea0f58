#include "gateway/queue/admin.hpp"

#include <filesystem>

namespace mixer::queue {
namespace {

std::string not_found(const std::string& id) { return id + ": not in the queue"; }

// A failed rename right after find(): the daemon moved it in between.
std::string raced(const std::string& id, const SpoolError& e) {
  return id + ": " + e.message + " (the message changed state meanwhile; try again)";
}

Status<std::string> move_from(Spool& spool, const std::string& id, std::initializer_list<State> allowed, State to,
                              std::string_view verb) {
  auto st = spool.find(id);
  if (!st) return fail(not_found(id));
  if (*st == to) return fail(id + ": already " + std::string(to_string(to)));
  if (*st == State::active) return fail(id + ": being delivered (active); try again when it is deferred");
  bool ok = false;
  for (auto a : allowed) ok = ok || a == *st;
  if (!ok) return fail(id + ": cannot " + std::string(verb) + " a message in " + std::string(to_string(*st)));
  auto moved = spool.move(id, *st, to);
  if (!moved) return fail(raced(id, moved.error()));
  return Ok{};
}

}  // namespace

std::size_t QueueCounts::total() const {
  std::size_t n = 0;
  for (auto c : by_state) n += c;
  return n;
}

std::optional<QueueEntry> inspect(const Spool& spool, const std::string& id) {
  auto st = spool.find(id);
  if (!st) return std::nullopt;
  QueueEntry e;
  e.id = id;
  e.state = *st;
  std::error_code ec;
  e.size = std::filesystem::file_size(spool.path_of(id, *st), ec);
  auto rec = spool.load(id, *st);
  if (rec) e.record = std::move(rec).value();
  else e.error = rec.error().message;
  return e;
}

std::vector<QueueEntry> list_queue(const Spool& spool) {
  std::vector<QueueEntry> out;
  for (auto st : kAllStates)
    for (const auto& id : spool.list(st))
      if (auto e = inspect(spool, id)) out.push_back(std::move(*e));
  return out;
}

QueueCounts count_queue(const Spool& spool) {
  QueueCounts c;
  for (auto st : kAllStates) c.by_state[static_cast<int>(st)] = spool.list(st).size();
  return c;
}

Status<std::string> hold_message(Spool& spool, const std::string& id) {
  return move_from(spool, id, {State::incoming, State::deferred}, State::hold, "hold");
}

Status<std::string> release_message(Spool& spool, const std::string& id) {
  auto st = spool.find(id);
  if (st && *st != State::hold) return fail(id + ": not held (it is " + std::string(to_string(*st)) + ")");
  return move_from(spool, id, {State::hold}, State::incoming, "release");
}

Status<std::string> delete_message(Spool& spool, const std::string& id) {
  auto st = spool.find(id);
  if (!st) return fail(not_found(id));
  if (*st == State::active) return fail(id + ": being delivered (active); hold or delete it when it is deferred");
  auto r = spool.remove(id, *st);
  if (!r) return fail(raced(id, r.error()));
  return Ok{};
}

Result<std::size_t, std::string> flush_queue(Spool& spool, const std::optional<std::string>& id) {
  if (id) {
    auto st = spool.find(*id);
    if (!st) return fail(not_found(*id));
    if (*st == State::incoming) return std::size_t{0};  // already due
    auto r = move_from(spool, *id, {State::deferred}, State::incoming, "flush");
    if (!r) return fail(std::move(r).error());
    return std::size_t{1};
  }
  std::size_t n = 0;
  for (const auto& qid : spool.list(State::deferred))
    if (spool.move(qid, State::deferred, State::incoming)) ++n;  // a lost race means mixerd took it: fine
  return n;
}

}  // namespace mixer::queue
