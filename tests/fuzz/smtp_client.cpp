// Fuzz target: server replies into the SMTP client state machine
// (smtp/client_session.hpp), sending one message whenever it is ready.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "smtp/client_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mixer::smtp;
  if (size == 0) return 0;
  ClientConfig cfg;
  cfg.tls = static_cast<TlsMode>(data[0] % 3);
  const std::size_t chunk = (data[0] >> 2) + 1;
  ClientSession c(cfg);
  OutgoingMessage m;
  m.envelope.mail_from = "a@x.test";
  m.envelope.recipients = {Recipient{"b@y.test", {}, "", ""}, Recipient{"c@y.test", {true, false, true, false, false}, "rfc822", "c@y.test"}};
  m.content = "Subject: f\r\n\r\n.x\r\n";
  int sent = 0;
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  for (std::size_t off = 0; off < in.size(); off += chunk) {
    c.receive(in.substr(off, chunk));
    for (int guard = 0; guard < 1000; ++guard) {
      const auto ev = c.next_event();
      (void)c.take_output();
      if (ev == ClientEvent::kReady) {
        if (sent++ < 3) c.send(m);
        else c.quit();
      } else if (ev == ClientEvent::kMessageDone) {
        (void)c.take_result();
      } else if (ev == ClientEvent::kStartTls) {
        c.tls_established();
      } else {
        break;
      }
    }
  }
  c.on_connection_lost();
  while (c.next_event() == ClientEvent::kMessageDone) (void)c.take_result();
  return 0;
}
