// Fuzz target: byte streams into the SMTP server state machine
// (smtp/server_session.hpp). The first byte picks the chunk size, so the same
// stream is also explored split at different offsets; messages are answered
// alternately accepted / storage-failed, STARTTLS is "completed" at once.
// Only our own replies may come out: no crash, no hang, bounded buffering.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "smtp/server_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::smtp;
  if (size == 0) return 0;
  ServerConfig cfg;
  cfg.hostname = "fuzz.test";
  cfg.tls_available = (data[0] & 0x80) != 0;
  cfg.limits.max_message_size = 4096;
  cfg.limits.max_header_size = 1024;
  cfg.limits.max_recipients = 5;
  cfg.limits.max_command_line = 512;
  cfg.limits.bare_lf = (data[0] & 0x40) ? BareLfPolicy::kNormalize : BareLfPolicy::kReject;
  const std::size_t chunk = (data[0] & 0x3f) + 1;
  ServerSession s(cfg, [](const Envelope&, const Recipient& r) {
    return r.address.size() % 3 == 0 ? RcptDecision::refuse(Reply::make(550, "5.1.1", "no")) : RcptDecision::ok();
  });
  s.start();
  std::size_t messages = 0;
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  for (std::size_t off = 0; off < in.size() && !s.closed(); off += chunk) {
    s.receive(in.substr(off, chunk));
    for (int guard = 0; guard < 100000; ++guard) {
      const auto ev = s.next_event();
      const auto out = s.take_output();
      if (out.size() > 1'000'000) std::abort();  // replies stay bounded by the input
      if (ev == ServerEvent::kMessageReady) {
        if (s.message().content.size() > cfg.limits.max_message_size) std::abort();
        s.accept_result(++messages % 2 ? AcceptResult::accepted("F") : AcceptResult::storage_failed("fuzz"));
      } else if (ev == ServerEvent::kStartTls) {
        s.tls_established();
      } else {
        break;
      }
    }
  }
  s.on_timeout();
  (void)s.next_event();
  return 0;
}
