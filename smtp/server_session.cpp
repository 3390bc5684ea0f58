#include "smtp/server_session.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

namespace mixer::smtp {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return upper(a) == upper(b); }

// Verbs that show the peer is not speaking SMTP (an HTTP client, a proxy probe).
constexpr std::array<std::string_view, 9> kNonSmtpVerbs{"GET",     "POST",  "HEAD",  "PUT",  "CONNECT",
                                                        "OPTIONS", "TRACE", "PATCH", "DELETE"};

}  // namespace

AcceptResult AcceptResult::accepted(std::string_view queue_id) {
  return AcceptResult(Reply::make(250, "2.0.0", "Ok: queued as " + std::string(queue_id)));
}
AcceptResult AcceptResult::storage_failed(std::string_view why) {
  return AcceptResult(Reply::make(451, "4.3.0", "Error: queue file write error: " + std::string(why)));
}
AcceptResult AcceptResult::no_space(std::string_view why) {
  return AcceptResult(Reply::make(452, "4.3.1", "Insufficient system storage: " + std::string(why)));
}
AcceptResult AcceptResult::rejected(std::string_view why) {
  return AcceptResult(Reply::make(554, "5.6.0", "Message refused: " + std::string(why)));
}
AcceptResult AcceptResult::loop_detected(std::string_view why) {
  return AcceptResult(Reply::make(554, "5.4.6", "Routing loop detected: " + std::string(why)));
}

ServerSession::ServerSession(ServerConfig config, RcptCallback rcpt) : config_(std::move(config)), rcpt_(std::move(rcpt)) {
  if (!rcpt_) {
    rcpt_ = [](const Envelope&, const Recipient&) {
      return RcptDecision::refuse(Reply::make(550, "5.7.1", "Relay access denied"));
    };
  }
}

void ServerSession::start(bool over_connection_limit) {
  if (over_connection_limit) {
    close_with(421, "4.7.0", config_.hostname + " Too many connections, try again later");
    return;
  }
  out_ += "220 " + config_.hostname + " ESMTP mixer\r\n";
}

void ServerSession::receive(std::string_view bytes) {
  if (state_ == State::kClosed || state_ == State::kClosing || state_ == State::kTlsPending) return;
  if (pos_ > 0) {
    in_.erase(0, pos_);
    pos_ = 0;
  }
  in_.append(bytes);
}

std::string ServerSession::take_output() {
  std::string out;
  out.swap(out_);
  return out;
}

TimeoutKind ServerSession::timeout_kind() const {
  return (state_ == State::kData || state_ == State::kBdat) ? TimeoutKind::kData : TimeoutKind::kCommand;
}

void ServerSession::on_timeout() {
  if (state_ == State::kClosed || state_ == State::kClosing) return;
  close_with(421, "4.4.2", config_.hostname + " Error: timeout exceeded");
}

void ServerSession::reply(const Reply& r) { out_ += r.to_wire(); }

void ServerSession::reply(int code, std::string_view enhanced, std::string_view text) {
  reply(Reply::make(code, std::string(enhanced), std::string(text)));
}

void ServerSession::client_error(const Reply& r) {
  reply(r);
  if (++errors_ >= config_.limits.max_errors)
    close_with(421, "4.7.0", config_.hostname + " Error: too many errors");
}

void ServerSession::client_error(int code, std::string_view enhanced, std::string_view text) {
  client_error(Reply::make(code, std::string(enhanced), std::string(text)));
}

void ServerSession::close_with(int code, std::string_view enhanced, std::string_view text) {
  reply(code, enhanced, text);
  state_ = State::kClosing;
  in_.clear();
  pos_ = 0;
}

void ServerSession::reset_transaction() {
  message_ = ReceivedMessage{};
  used_bdat_ = bdat_last_ = false;
  bdat_error_.reset();
  bdat_remaining_ = 0;
  line_start_ = prev_line_crlf_ = in_headers_ = true;
  line_len_ = header_bytes_ = content_size_ = 0;
  last_char_ = '\n';
  too_big_ = line_too_long_ = headers_too_big_ = bare_lf_ = false;
  if (state_ != State::kClosing && state_ != State::kClosed)
    state_ = helo_.empty() ? State::kInitial : State::kReady;
}

ServerEvent ServerSession::next_event() {
  while (true) {
    switch (state_) {
      case State::kClosing:
        state_ = State::kClosed;
        return ServerEvent::kClose;
      case State::kClosed:
        return ServerEvent::kClose;
      case State::kAwaiting:
        return ServerEvent::kAwaitingAcceptance;
      case State::kTlsPending:
        return ServerEvent::kStartTls;
      default:
        break;
    }
    std::optional<ServerEvent> ev;
    if (state_ == State::kData) ev = step_data();
    else if (state_ == State::kBdat) ev = step_bdat();
    else ev = step_command();
    if (ev) return *ev;
  }
}

// Handles one command line (nullopt: go on), or kNeedMoreData when none is
// complete.
std::optional<ServerEvent> ServerSession::step_command() {
  const auto max = config_.limits.max_command_line;
  if (skipping_line_) {
    const auto nl = in_.find('\n', pos_);
    if (nl == std::string::npos) {
      pos_ = in_.size();
      return ServerEvent::kNeedMoreData;
    }
    pos_ = nl + 1;
    skipping_line_ = false;
  }
  const auto nl = in_.find('\n', pos_);
  if (nl == std::string::npos) {
    if (in_.size() - pos_ > max) {  // RFC 5321 4.5.3.1.4, 4.5.3.1.10: "500 Line too long"
      pos_ = in_.size();
      skipping_line_ = true;
      client_error(500, "5.5.2", "Error: command line too long (limit " + std::to_string(max) + " octets)");
    }
    return ServerEvent::kNeedMoreData;
  }
  std::string_view line(in_.data() + pos_, nl - pos_);
  pos_ = nl + 1;
  if (line.size() + 1 > max) {
    client_error(500, "5.5.2", "Error: command line too long (limit " + std::to_string(max) + " octets)");
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Copy: handlers may clear in_ (STARTTLS, close).
  const std::string copy(line);
  handle_command(copy);
  if (state_ == State::kTlsPending) return ServerEvent::kStartTls;
  return std::nullopt;
}

void ServerSession::handle_command(std::string_view line) {
  for (const char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0 || u == '\r' || u == 127 || (u < 32 && u != '\t')) {
      client_error(500, "5.5.2", "Error: control character in command");
      return;
    }
  }
  const auto sp = line.find(' ');
  const std::string verb = upper(line.substr(0, sp));
  const std::string_view rest = sp == std::string_view::npos ? std::string_view{} : line.substr(sp);
  std::string_view arg = rest;
  while (!arg.empty() && arg.front() == ' ') arg.remove_prefix(1);
  while (!arg.empty() && (arg.back() == ' ' || arg.back() == '\t')) arg.remove_suffix(1);

  if (std::find(kNonSmtpVerbs.begin(), kNonSmtpVerbs.end(), verb) != kNonSmtpVerbs.end() ||
      (!verb.empty() && verb.back() == ':')) {
    close_with(554, "5.7.0", "Error: non-SMTP command received, closing connection");
    return;
  }
  if (verb == "EHLO" || verb == "HELO") return cmd_ehlo(arg, verb == "EHLO");
  if (verb == "MAIL") return cmd_mail(rest);
  if (verb == "RCPT") return cmd_rcpt(rest);
  if (verb == "DATA") return cmd_data(arg);
  if (verb == "BDAT") return cmd_bdat(arg);
  if (verb == "STARTTLS") return cmd_starttls(arg);
  if (verb == "RSET") {
    if (!arg.empty()) return client_error(501, "5.5.4", "Syntax: RSET");
    reset_transaction();
    return reply(250, "2.0.0", "Ok");
  }
  if (verb == "NOOP") return reply(250, "2.0.0", "Ok");
  if (verb == "QUIT") {
    reply(221, "2.0.0", "Bye");
    state_ = State::kClosing;
    in_.clear();
    pos_ = 0;
    return;
  }
  if (verb == "VRFY") {  // RFC 5321 3.5.3, 7.3: 252 without disclosing anything
    if (arg.empty()) return client_error(501, "5.5.4", "Syntax: VRFY address");
    return reply(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");
  }
  if (verb == "HELP")
    return reply(Reply{214, "2.0.0",
                       {"Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS",
                        "See RFC 5321"}});
  if (verb == "EXPN") return client_error(502, "5.5.1", "Error: command not implemented");
  client_error(500, "5.5.2", "Error: command not recognized");
}

void ServerSession::cmd_ehlo(std::string_view arg, bool extended) {
  if (arg.empty()) return client_error(501, "5.5.4", extended ? "Syntax: EHLO hostname" : "Syntax: HELO hostname");
  if (state_ == State::kData || state_ == State::kBdat) return;  // unreachable: content states read no commands
  helo_ = std::string(arg);
  esmtp_ = extended;
  reset_transaction();  // RFC 5321 4.1.4: EHLO implies RSET
  state_ = State::kReady;
  if (!extended) return reply(250, "", config_.hostname);
  Reply r{250, "", {config_.hostname}};
  r.lines.emplace_back("PIPELINING");
  r.lines.emplace_back("SIZE " + std::to_string(config_.limits.max_message_size));
  r.lines.emplace_back("8BITMIME");
  r.lines.emplace_back("ENHANCEDSTATUSCODES");
  r.lines.emplace_back("DSN");
  if (config_.tls_available && !tls_) r.lines.emplace_back("STARTTLS");
  r.lines.emplace_back("SMTPUTF8");
  r.lines.emplace_back("CHUNKING");
  reply(r);
}

void ServerSession::cmd_mail(std::string_view rest) {
  if (state_ == State::kInitial) return client_error(503, "5.5.1", "Error: send HELO/EHLO first");
  if (state_ == State::kMail) return client_error(503, "5.5.1", "Error: nested MAIL command");
  if (config_.require_tls && !tls_) return client_error(530, "5.7.0", "Must issue a STARTTLS command first");
  const ArgLimits lim{config_.limits.max_path_length, esmtp_};
  auto parsed = parse_mail_args(rest, lim);
  if (auto* r = std::get_if<Reply>(&parsed)) return client_error(*r);
  auto& args = std::get<MailArgs>(parsed);
  if (args.size && *args.size > config_.limits.max_message_size)  // RFC 1870 6.1
    return client_error(552, "5.3.4", "Message size exceeds fixed maximum message size");
  auto& env = message_.envelope;
  env = Envelope{};
  env.client_address = client_address_;
  env.helo = helo_;
  env.esmtp = esmtp_;
  env.tls = tls_;
  env.mail_from = std::move(args.reverse_path);
  env.size = args.size;
  env.body = args.body;
  env.smtputf8 = args.smtputf8;
  env.ret = args.ret;
  env.envid = std::move(args.envid);
  state_ = State::kMail;
  reply(250, "2.1.0", "Ok");
}

void ServerSession::cmd_rcpt(std::string_view rest) {
  if (state_ != State::kMail) return client_error(503, "5.5.1", "Error: need MAIL command");
  if (used_bdat_) return client_error(503, "5.5.1", "Error: RCPT after BDAT");
  auto& env = message_.envelope;
  if (env.recipients.size() >= config_.limits.max_recipients)  // RFC 5321 4.5.3.1.10
    return reply(452, "4.5.3", "Error: too many recipients");
  const ArgLimits lim{config_.limits.max_path_length, esmtp_};
  auto parsed = parse_rcpt_args(rest, lim, env.smtputf8);
  if (auto* r = std::get_if<Reply>(&parsed)) return client_error(*r);
  auto& rcpt = std::get<Recipient>(parsed);
  const auto decision = rcpt_(env, rcpt);
  if (!decision.accept) return client_error(decision.reply);
  env.recipients.push_back(std::move(rcpt));
  reply(250, "2.1.5", "Ok");
}

void ServerSession::cmd_data(std::string_view arg) {
  if (!arg.empty()) return client_error(501, "5.5.4", "Syntax: DATA");
  if (state_ != State::kMail) return client_error(503, "5.5.1", "Error: need RCPT command");
  if (used_bdat_) return client_error(503, "5.5.1", "Error: DATA after BDAT");
  if (message_.envelope.recipients.empty()) return client_error(554, "5.5.1", "Error: no valid recipients");
  state_ = State::kData;
  reply(354, "", "End data with <CR><LF>.<CR><LF>");
}

void ServerSession::cmd_bdat(std::string_view arg) {
  // RFC 3030 2: "BDAT" SP chunk-size [SP end-marker]
  const auto sp = arg.find(' ');
  const auto size_s = arg.substr(0, sp);
  const auto marker = sp == std::string_view::npos ? std::string_view{} : arg.substr(sp + 1);
  std::uint64_t n = 0;
  const auto* end = size_s.data() + size_s.size();
  if (size_s.empty() || size_s.size() > 20 || std::from_chars(size_s.data(), end, n).ptr != end ||
      (!marker.empty() && !iequals(marker, "LAST")))
    return client_error(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]");
  bdat_remaining_ = n;
  bdat_last_ = !marker.empty();
  bdat_error_.reset();
  bdat_return_ = state_;
  // Without a transaction the chunk is still read (and dropped), so the
  // stream stays in step, and then refused.
  if (state_ != State::kMail) bdat_error_ = Reply::make(503, "5.5.1", "Error: need MAIL command");
  else if (message_.envelope.recipients.empty()) bdat_error_ = Reply::make(554, "5.5.1", "Error: no valid recipients");
  else used_bdat_ = true;
  state_ = State::kBdat;
}

void ServerSession::cmd_starttls(std::string_view arg) {
  if (!arg.empty()) return client_error(501, "5.5.4", "Syntax: STARTTLS");
  if (tls_) return client_error(503, "5.5.1", "Error: TLS already active");
  if (!config_.tls_available) return client_error(502, "5.5.1", "Error: command not implemented");
  if (state_ == State::kMail) return client_error(503, "5.5.1", "Error: MAIL transaction in progress");
  reply(220, "2.0.0", "Ready to start TLS");
  // RFC 3207 5: anything pipelined after STARTTLS in plaintext must not be
  // executed under TLS (CVE-2011-0411).
  in_.clear();
  pos_ = 0;
  state_ = State::kTlsPending;
}

void ServerSession::tls_established() {
  if (state_ != State::kTlsPending) return;
  tls_ = true;
  // RFC 3207 4.2: discard all knowledge from the client; EHLO again.
  helo_.clear();
  esmtp_ = false;
  state_ = State::kInitial;
  reset_transaction();
}

void ServerSession::append_content(std::string_view bytes) {
  const auto& lim = config_.limits;
  const bool normalize = lim.bare_lf == BareLfPolicy::kNormalize;
  // Works a segment at a time (up to and including each LF), so long lines
  // and big bodies cost a memchr and an append, not a call per octet.
  while (!bytes.empty()) {
    const void* nlp = std::memchr(bytes.data(), '\n', bytes.size());
    const std::size_t seg = nlp ? static_cast<std::size_t>(static_cast<const char*>(nlp) - bytes.data()) : bytes.size();
    // The octets before the LF (or to the end).
    if (seg > 0) {
      line_len_ += seg;
      if (line_len_ > lim.max_text_line) line_too_long_ = true;
      if (in_headers_ && (header_bytes_ += seg) > lim.max_header_size) headers_too_big_ = true;
      last_char_ = bytes[seg - 1];
      content_size_ += seg;
      if (!too_big_) message_.content.append(bytes.data(), seg);
    }
    if (!nlp) break;
    // The LF itself.
    std::uint64_t add = 1;
    if (last_char_ != '\r') {
      if (normalize) {
        add = 2;
        if (!too_big_) message_.content.push_back('\r');
        last_char_ = '\r';
      } else {
        bare_lf_ = true;
      }
    }
    const bool empty_line = line_len_ == 0 || (line_len_ == 1 && last_char_ == '\r');
    if (line_len_ + add > lim.max_text_line) line_too_long_ = true;
    if (in_headers_ && (header_bytes_ += add) > lim.max_header_size) headers_too_big_ = true;
    if (in_headers_ && empty_line) in_headers_ = false;
    line_len_ = 0;
    content_size_ += add;
    if (!too_big_) message_.content.push_back('\n');
    last_char_ = '\n';
    bytes.remove_prefix(seg + 1);
  }
  if (content_size_ > lim.max_message_size && !too_big_) {
    too_big_ = true;
    std::string().swap(message_.content);  // stop holding what we will refuse
  }
  if (too_big_ && !message_.content.empty()) std::string().swap(message_.content);
}

std::optional<Reply> ServerSession::content_verdict() const {
  const auto& lim = config_.limits;
  if (too_big_) return Reply::make(552, "5.3.4", "Message size exceeds fixed maximum message size");
  if (headers_too_big_)
    return Reply::make(552, "5.3.4", "Message header section too large (limit " + std::to_string(lim.max_header_size) + ")");
  if (line_too_long_)  // RFC 5321 4.5.3.1.10: "500 Line too long"
    return Reply::make(500, "5.6.0", "Line too long (limit " + std::to_string(lim.max_text_line) + " octets)");
  if (bare_lf_ && lim.bare_lf == BareLfPolicy::kReject)
    return Reply::make(550, "5.5.2", "Bare LF in message content; lines must end with CRLF (RFC 5321 2.3.8)");
  return std::nullopt;
}

// Called when the content is complete: refuse it (a reply, transaction
// reset) or hand it to the gateway (kAwaiting).
void ServerSession::finish_message() {
  if (auto v = content_verdict()) {
    client_error(*v);
    reset_transaction();
    return;
  }
  state_ = State::kAwaiting;
}

void ServerSession::accept_result(const AcceptResult& result) {
  if (state_ != State::kAwaiting) return;
  reply(result.reply());
  reset_transaction();
}

std::optional<ServerEvent> ServerSession::step_data() {
  const std::uint64_t cap = config_.limits.max_text_line + 2;
  while (pos_ < in_.size()) {
    const std::size_t avail = in_.size() - pos_;
    const std::size_t window = static_cast<std::size_t>(std::min<std::uint64_t>(avail, cap));
    const char* begin = in_.data() + pos_;
    const void* nlp = std::memchr(begin, '\n', window);
    if (nlp == nullptr) {
      if (avail < cap) return ServerEvent::kNeedMoreData;  // wait for the rest of the line
      // Longer than any allowed line: consume it now so buffering stays bounded.
      std::string_view chunk(begin, window);
      if (line_start_ && chunk.front() == '.') chunk.remove_prefix(1);
      append_content(chunk);
      pos_ += window;
      line_start_ = false;
      continue;
    }
    const std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nlp) - begin) + 1;
    std::string_view line(begin, len);
    pos_ += len;
    const bool crlf = len >= 2 ? line[len - 2] == '\r' : (!line_start_ && last_char_ == '\r');
    if (line_start_) {
      // RFC 5321 4.1.1.4: the end is <CRLF>.<CRLF> exactly; ".<LF>" or a
      // preceding bare LF never ends the data (SMTP smuggling).
      if (line == ".\r\n" && prev_line_crlf_) {
        finish_message();
        if (state_ == State::kAwaiting) return ServerEvent::kMessageReady;
        return std::nullopt;
      }
      if (line.front() == '.') line.remove_prefix(1);  // 4.5.2 transparency
    }
    append_content(line);
    prev_line_crlf_ = crlf;
    line_start_ = true;
  }
  return ServerEvent::kNeedMoreData;
}

std::optional<ServerEvent> ServerSession::step_bdat() {
  const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(bdat_remaining_, in_.size() - pos_));
  if (take > 0) {
    if (!bdat_error_) append_content(std::string_view(in_.data() + pos_, take));
    pos_ += take;
    bdat_remaining_ -= take;
  }
  if (bdat_remaining_ > 0) return ServerEvent::kNeedMoreData;
  if (bdat_error_) {
    state_ = bdat_return_;
    client_error(*bdat_error_);
    return std::nullopt;
  }
  if (auto v = content_verdict(); v && (too_big_ || bdat_last_)) {
    // RFC 3030 2: a failed chunk fails the transaction; later chunks get the
    // same answer, and LAST (or RSET) ends it.
    state_ = State::kMail;
    client_error(*v);
    if (bdat_last_) reset_transaction();
    return std::nullopt;
  }
  if (!bdat_last_) {
    state_ = State::kMail;
    reply(250, "2.0.0", std::to_string(content_size_) + " octets received");
    return std::nullopt;
  }
  state_ = State::kAwaiting;
  return ServerEvent::kMessageReady;
}

}  // namespace mixer::smtp
