#include "smtp/client_session.hpp"

#include <algorithm>
#include <cctype>

#include "common/log_escape.hpp"
#include "smtp/xtext.hpp"

namespace mixer::smtp {

namespace {

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string upper_word(std::string_view line) {
  std::string w(line.substr(0, line.find(' ')));
  for (auto& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return w;
}

Reply local(int code, std::string enhanced, std::string text) {
  return Reply::make(code, std::move(enhanced), "(local) " + std::move(text));
}

}  // namespace

bool MessageResult::delivered_all() const {
  if (recipients.empty()) return false;
  return std::all_of(recipients.begin(), recipients.end(), [](const auto& r) { return r.reply.positive(); });
}

std::string dot_stuff(std::string_view content) {
  std::string out;
  out.reserve(content.size() + content.size() / 64 + 8);
  bool line_start = true;
  for (const char c : content) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!content.empty() && !content.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

ClientSession::ClientSession(ClientConfig config) : config_(std::move(config)) {}

void ClientSession::receive(std::string_view bytes) {
  if (state_ == State::kClosed || state_ == State::kFailed) return;
  parser_.receive(bytes);
}

std::string ClientSession::take_output() {
  std::string out;
  out.swap(out_);
  return out;
}

bool ClientSession::offers(std::string_view keyword) const {
  return std::find(keywords_.begin(), keywords_.end(), keyword) != keywords_.end();
}

std::uint64_t ClientSession::timeout_seconds() const {
  const auto& t = config_.timeouts;
  switch (state_) {
    case State::kGreeting: return t.greeting;
    case State::kData: return pipelined_ ? t.command : t.data_init;
    case State::kDataEnd: return t.data_end;
    default: return t.command;
  }
}

ClientEvent ClientSession::next_event() {
  while (true) {
    if (done_) {
      done_ = false;
      return ClientEvent::kMessageDone;
    }
    switch (state_) {
      case State::kFailed: return ClientEvent::kFailed;
      case State::kClosed: return ClientEvent::kClosed;
      case State::kReady: return ClientEvent::kReady;
      case State::kTlsHandshake: return ClientEvent::kStartTls;
      default: break;
    }
    auto r = parser_.next();
    if (!r) {
      fail_session(r.error());
      continue;
    }
    if (!*r) return ClientEvent::kNeedMoreData;
    if (auto ev = on_reply(**r)) return *ev;
  }
}

void ClientSession::fail_session(std::string why) {
  if (state_ == State::kFailed || state_ == State::kClosed) return;
  error_ = std::move(why);
  fail_pending(local(451, "4.4.2", error_));
  state_ = State::kFailed;
}

// Gives every recipient of the message in flight (if any) the reply `r`,
// unless it already has a final answer (refused at RCPT or delivered).
void ClientSession::fail_pending(const Reply& r) {
  if (!msg_ || !result_) return;
  auto& res = result();
  if (res.mail_reply.code == 0) res.mail_reply = r;
  for (auto& rr : res.recipients)
    if (rr.reply.code == 0 || (rr.reply.positive() && !res.data_reply)) rr.reply = r;
  msg_.reset();
  done_ = true;
}

std::optional<ClientEvent> ClientSession::on_reply(const Reply& r) {
  if (r.code == 421 && state_ != State::kQuit) {  // RFC 5321 3.8: the server is closing
    fail_session("server closing: " + std::to_string(r.code) + " " + log_escape(r.text()));
    return std::nullopt;
  }
  switch (state_) {
    case State::kGreeting:
      if (r.code != 220) {
        fail_session("greeting refused: " + std::to_string(r.code) + " " + log_escape(r.text()));
        return std::nullopt;
      }
      out_ += "EHLO " + config_.helo_name + "\r\n";
      state_ = State::kEhlo;
      return std::nullopt;
    case State::kEhlo:
      if (r.code != 250) {
        if (r.code >= 500) {  // RFC 5321 3.2: fall back to HELO
          out_ += "HELO " + config_.helo_name + "\r\n";
          state_ = State::kHelo;
        } else {
          fail_session("EHLO refused: " + std::to_string(r.code) + " " + log_escape(r.text()));
        }
        return std::nullopt;
      }
      esmtp_ = true;
      keywords_.clear();
      size_limit_.reset();
      for (std::size_t i = 1; i < r.lines.size(); ++i) {
        keywords_.push_back(upper_word(r.lines[i]));
        if (keywords_.back() == "SIZE" && r.lines[i].size() > 5) {
          std::uint64_t n = 0;
          bool ok = true;
          for (const char c : r.lines[i].substr(5)) {
            if (!std::isdigit(static_cast<unsigned char>(c)) || n > (UINT64_MAX - 9) / 10) {
              ok = false;
              break;
            }
            n = n * 10 + static_cast<std::uint64_t>(c - '0');
          }
          if (ok && n > 0) size_limit_ = n;  // RFC 1870 4: 0 means no fixed limit
        }
      }
      if (!tls_ && config_.tls != TlsMode::kOff && offers("STARTTLS")) {
        out_ += "STARTTLS\r\n";
        state_ = State::kStartTls;
        return std::nullopt;
      }
      [[fallthrough]];
    case State::kHelo:
      if (state_ == State::kHelo && r.code != 250) {
        fail_session("HELO refused: " + std::to_string(r.code) + " " + log_escape(r.text()));
        return std::nullopt;
      }
      if (!tls_ && config_.tls == TlsMode::kRequired) {
        out_ += "QUIT\r\n";
        fail_session("TLS required but the server does not offer STARTTLS");
        return std::nullopt;
      }
      state_ = State::kReady;
      return ClientEvent::kReady;
    case State::kStartTls:
      if (r.code == 220) {
        if (parser_.buffered() > 0) {  // RFC 3207 5: nothing may follow the 220 in plaintext
          fail_session("server sent data after its STARTTLS reply");
          return std::nullopt;
        }
        state_ = State::kTlsHandshake;
        return ClientEvent::kStartTls;
      }
      if (config_.tls == TlsMode::kRequired) {
        out_ += "QUIT\r\n";
        fail_session("STARTTLS refused: " + std::to_string(r.code) + " " + log_escape(r.text()));
        return std::nullopt;
      }
      state_ = State::kReady;  // opportunistic: go on in plaintext
      return ClientEvent::kReady;
    case State::kRset:
      if (r.code != 250) {
        fail_session("RSET refused: " + std::to_string(r.code) + " " + log_escape(r.text()));
        return std::nullopt;
      }
      rset_needed_ = false;
      start_transaction();
      return std::nullopt;
    case State::kMail:
      result().mail_reply = r;
      if (!r.positive()) {
        for (auto& rr : result().recipients) rr.reply = r;
        if (!pipelined_) {
          msg_.reset();
          done_ = true;
          state_ = State::kReady;
          return std::nullopt;
        }
      } else {
        rset_needed_ = true;  // until the transaction completes
        if (!pipelined_) out_ += pending_rcpts_.front();
      }
      state_ = State::kRcpt;
      return std::nullopt;
    case State::kRcpt: {
      auto& res = result();
      const std::size_t i = rcpt_replies_++;
      const bool mail_ok = res.mail_reply.positive();
      if (i < res.recipients.size()) res.recipients[i].reply = mail_ok ? r : res.mail_reply;
      if (mail_ok && r.positive()) ++rcpt_accepted_;
      if (rcpt_replies_ < res.recipients.size()) {
        if (!pipelined_) out_ += pending_rcpts_[rcpt_replies_];
        return std::nullopt;
      }
      if (pipelined_) {
        state_ = State::kData;  // DATA's reply comes next
        return std::nullopt;
      }
      if (rcpt_accepted_ == 0) {  // nobody to send to; RSET before the next message
        msg_.reset();
        done_ = true;
        state_ = State::kReady;
        return std::nullopt;
      }
      out_ += "DATA\r\n";
      state_ = State::kData;
      return std::nullopt;
    }
    case State::kData: {
      auto& res = result();
      if (r.code == 354) {
        if (rcpt_accepted_ == 0 || !res.mail_reply.positive()) {
          out_ += ".\r\n";  // RFC 2920 3.1: DATA accepted anyway; end it empty, ignore the answer
          state_ = State::kDataEnd;
          discard_end_ = true;
          return std::nullopt;
        }
        out_ += dot_stuff(msg_->content);
        res.content_sent = true;
        state_ = State::kDataEnd;
        return std::nullopt;
      }
      res.data_reply = r;
      for (auto& rr : res.recipients)
        if (rr.reply.positive()) rr.reply = r;
      msg_.reset();
      done_ = true;
      state_ = State::kReady;
      return std::nullopt;
    }
    case State::kDataEnd: {
      auto& res = result();
      if (!discard_end_) {
        res.data_reply = r;
        for (auto& rr : res.recipients)
          if (rr.reply.positive()) rr.reply = r;
        rset_needed_ = false;  // the transaction is over either way (RFC 5321 4.1.1.4)
      }
      discard_end_ = false;
      msg_.reset();
      done_ = true;
      state_ = State::kReady;
      return std::nullopt;
    }
    case State::kQuit:
      state_ = State::kClosed;
      return ClientEvent::kClosed;
    default:
      fail_session("unexpected reply " + std::to_string(r.code) + " " + log_escape(r.text()));
      return std::nullopt;
  }
}

void ClientSession::send(OutgoingMessage message) {
  if (state_ != State::kReady) return;
  result_ = MessageResult{};
  auto& res = result();
  for (const auto& rc : message.envelope.recipients) res.recipients.push_back({rc.address, Reply{}});
  const auto& env = message.envelope;
  bool needs_utf8 = env.smtputf8 || has_non_ascii(env.mail_from);
  for (const auto& rc : env.recipients) needs_utf8 = needs_utf8 || has_non_ascii(rc.address);
  const bool eight_bit = env.body == BodyType::k8BitMime || has_non_ascii(message.content);
  std::optional<Reply> refuse;
  if (env.recipients.empty()) refuse = local(554, "5.5.1", "no recipients");
  else if (needs_utf8 && !offers("SMTPUTF8"))  // RFC 6531 3.2: no downgrade here
    refuse = local(553, "5.6.7", "non-ASCII address but the server does not offer SMTPUTF8");
  else if (eight_bit && !offers("8BITMIME"))
    refuse = local(554, "5.6.3", "8-bit content but the server does not offer 8BITMIME");
  else if (size_limit_ && message.content.size() > *size_limit_)
    refuse = local(552, "5.3.4", "message size " + std::to_string(message.content.size()) +
                                     " exceeds the server's SIZE " + std::to_string(*size_limit_));
  if (refuse) {
    res.mail_reply = *refuse;
    for (auto& rr : res.recipients) rr.reply = *refuse;
    done_ = true;
    return;
  }
  msg_ = std::move(message);
  smtputf8_ = needs_utf8;
  eight_bit_ = eight_bit;
  if (rset_needed_) {
    out_ += "RSET\r\n";
    state_ = State::kRset;
    return;
  }
  start_transaction();
}

void ClientSession::start_transaction() {
  const auto& env = msg_->envelope;
  const bool dsn = offers("DSN");
  std::string mail = "MAIL FROM:<" + env.mail_from + ">";
  if (offers("SIZE")) mail += " SIZE=" + std::to_string(msg_->content.size());
  if (eight_bit_) mail += " BODY=8BITMIME";
  else if (env.body == BodyType::k7Bit && offers("8BITMIME")) mail += " BODY=7BIT";
  if (smtputf8_) mail += " SMTPUTF8";
  if (dsn) {
    if (env.ret == DsnRet::kFull) mail += " RET=FULL";
    if (env.ret == DsnRet::kHeaders) mail += " RET=HDRS";
    if (!env.envid.empty()) mail += " ENVID=" + xtext_encode(env.envid);
  }
  mail += "\r\n";
  pending_rcpts_.clear();
  for (const auto& rc : env.recipients) {
    std::string line = "RCPT TO:<" + rc.address + ">";
    if (dsn && rc.notify.given) {
      std::string n;
      auto add = [&](const char* w) { n += (n.empty() ? "" : ",") + std::string(w); };
      if (rc.notify.never) add("NEVER");
      if (rc.notify.success) add("SUCCESS");
      if (rc.notify.failure) add("FAILURE");
      if (rc.notify.delay) add("DELAY");
      if (!n.empty()) line += " NOTIFY=" + n;
    }
    if (dsn && !rc.orcpt_type.empty() && !rc.orcpt_address.empty())
      line += " ORCPT=" + rc.orcpt_type + ";" + xtext_encode(rc.orcpt_address);
    pending_rcpts_.push_back(line + "\r\n");
  }
  result().dsn_passed_on = dsn;
  pipelined_ = offers("PIPELINING");
  rcpt_replies_ = rcpt_accepted_ = 0;
  discard_end_ = false;
  out_ += mail;
  if (pipelined_) {  // RFC 2920 3.1: MAIL, RCPTs and DATA in one group
    for (const auto& l : pending_rcpts_) out_ += l;
    out_ += "DATA\r\n";
  }
  state_ = State::kMail;
}

MessageResult ClientSession::take_result() {
  MessageResult r = result_ ? std::move(*result_) : MessageResult{};
  result_.reset();
  return r;
}

void ClientSession::quit() {
  if (state_ != State::kReady) return;
  out_ += "QUIT\r\n";
  state_ = State::kQuit;
}

void ClientSession::tls_established() {
  if (state_ != State::kTlsHandshake) return;
  tls_ = true;
  keywords_.clear();  // RFC 3207 4.2: forget what the server said before TLS
  out_ += "EHLO " + config_.helo_name + "\r\n";
  state_ = State::kEhlo;
}

void ClientSession::tls_failed(std::string_view why) { fail_session("TLS handshake failed: " + std::string(why)); }

void ClientSession::on_timeout() {
  if (state_ == State::kQuit) {
    state_ = State::kClosed;
    return;
  }
  fail_session("timeout after " + std::to_string(timeout_seconds()) + " s");
}

void ClientSession::on_connection_lost() {
  if (state_ == State::kQuit) {
    state_ = State::kClosed;
    return;
  }
  fail_session("connection lost");
}

}  // namespace mixer::smtp
