// Test harness for ServerSession: feeds a client script in chunks, answers
// every complete message with a chosen AcceptResult, completes STARTTLS at
// once, and records the server's output.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "smtp/server_session.hpp"

namespace mixer::smtp::test {

struct Transcript {
  std::string output;
  std::vector<ReceivedMessage> messages;
  bool closed = false;
  int starttls = 0;
  bool operator==(const Transcript& o) const {
    return output == o.output && closed == o.closed && starttls == o.starttls && messages.size() == o.messages.size() &&
           [&] {
             for (std::size_t i = 0; i < messages.size(); ++i)
               if (messages[i].content != o.messages[i].content ||
                   messages[i].envelope.recipients.size() != o.messages[i].envelope.recipients.size() ||
                   messages[i].envelope.mail_from != o.messages[i].envelope.mail_from)
                 return false;
             return true;
           }();
  }
};

inline RcptDecision accept_all(const Envelope&, const Recipient& r) {
  if (r.address.rfind("bad", 0) == 0) return RcptDecision::refuse(Reply::make(550, "5.1.1", "No such user"));
  return RcptDecision::ok();
}

inline ServerConfig test_config() {
  ServerConfig c;
  c.hostname = "mx.test";
  return c;
}

// Feeds `chunks` one after another; drives the session between chunks.
inline Transcript run_chunks(const std::vector<std::string>& chunks, ServerConfig cfg = test_config(),
                             std::function<AcceptResult(const ReceivedMessage&)> decide = nullptr) {
  ServerSession s(std::move(cfg), accept_all);
  Transcript t;
  s.start();
  t.output += s.take_output();
  auto drive = [&] {
    while (true) {
      const auto ev = s.next_event();
      t.output += s.take_output();
      if (ev == ServerEvent::kNeedMoreData) return;
      if (ev == ServerEvent::kClose) {
        t.closed = true;
        return;
      }
      if (ev == ServerEvent::kMessageReady) {
        t.messages.push_back(s.message());
        s.accept_result(decide ? decide(s.message()) : AcceptResult::accepted("Q" + std::to_string(t.messages.size())));
      } else if (ev == ServerEvent::kStartTls) {
        ++t.starttls;
        s.tls_established();
      }
    }
  };
  for (const auto& c : chunks) {
    if (t.closed) break;
    s.receive(c);
    drive();
  }
  return t;
}

inline Transcript run_script(const std::string& input, ServerConfig cfg = test_config()) {
  return run_chunks({input}, std::move(cfg));
}

// The reply codes in an output, one per reply (continuation lines skipped).
inline std::vector<int> codes(const std::string& output) {
  std::vector<int> out;
  std::size_t p = 0;
  while (p < output.size()) {
    const auto nl = output.find('\n', p);
    const auto line = output.substr(p, nl - p);
    if (line.size() >= 4 && line[3] == ' ') out.push_back(std::stoi(line.substr(0, 3)));
    if (nl == std::string::npos) break;
    p = nl + 1;
  }
  return out;
}

}  // namespace mixer::smtp::test
