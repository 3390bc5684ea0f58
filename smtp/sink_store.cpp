#include "smtp/sink_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace mixer::smtp {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

Result<void> write_durable(const fs::path& path, std::string_view data, bool sync) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return fail("smtp sink: create " + tmp.string() + ": " + errno_text());
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t w = ::write(fd, data.data() + off, data.size() - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      const auto why = errno_text();
      ::close(fd);
      ::unlink(tmp.c_str());
      return fail("smtp sink: write " + tmp.string() + ": " + why);
    }
    off += static_cast<std::size_t>(w);
  }
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    const auto why = errno_text();
    ::unlink(tmp.c_str());
    return fail("smtp sink: fsync " + tmp.string() + ": " + why);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const auto why = errno_text();
    ::unlink(tmp.c_str());
    return fail("smtp sink: rename " + path.string() + ": " + why);
  }
  return Ok{};
}

Result<void> sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return fail("smtp sink: open " + dir.string() + ": " + errno_text());
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return fail("smtp sink: fsync " + dir.string() + ": " + errno_text());
  return Ok{};
}

std::string new_id() {
  static std::atomic<std::uint64_t> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%llx.%d.%llu", static_cast<unsigned long long>(us), static_cast<int>(::getpid()),
                static_cast<unsigned long long>(++counter));
  return buf;
}

}  // namespace

json::Value envelope_to_json(const Envelope& env) {
  auto v = json::Value::object();
  v.set("helo", env.helo);
  v.set("esmtp", env.esmtp);
  v.set("tls", env.tls);
  v.set("mail_from", env.mail_from);
  v.set("size", env.size ? json::Value(static_cast<long long>(*env.size)) : json::Value());
  v.set("body", env.body == BodyType::k7Bit ? "7BIT" : env.body == BodyType::k8BitMime ? "8BITMIME" : "");
  v.set("smtputf8", env.smtputf8);
  v.set("ret", env.ret == DsnRet::kFull ? "FULL" : env.ret == DsnRet::kHeaders ? "HDRS" : "");
  v.set("envid", env.envid);
  auto rcpts = json::Value::array();
  for (const auto& r : env.recipients) {
    auto o = json::Value::object();
    o.set("address", r.address);
    auto notify = json::Value::array();
    if (r.notify.never) notify.push("NEVER");
    if (r.notify.success) notify.push("SUCCESS");
    if (r.notify.failure) notify.push("FAILURE");
    if (r.notify.delay) notify.push("DELAY");
    o.set("notify", std::move(notify));
    o.set("orcpt_type", r.orcpt_type);
    o.set("orcpt", r.orcpt_address);
    rcpts.push(std::move(o));
  }
  v.set("recipients", std::move(rcpts));
  return v;
}

Result<std::string> store_message(const fs::path& dir, const ReceivedMessage& msg, bool sync) {
  const auto id = new_id();
  if (auto r = write_durable(dir / (id + ".eml"), msg.content, sync); !r) return fail(r.error());
  auto env = envelope_to_json(msg.envelope);
  env.set("id", id);
  if (auto r = write_durable(dir / (id + ".json"), json::write(env) + "\n", sync); !r) return fail(r.error());
  if (sync) {
    if (auto r = sync_dir(dir); !r) return fail(r.error());
  }
  return id;
}

}  // namespace mixer::smtp
