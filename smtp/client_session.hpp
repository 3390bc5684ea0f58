// The ESMTP client as a sans-I/O state machine (RFC 5321 3.3, 4.5.3.2 timeouts;
// PIPELINING RFC 2920, SIZE RFC 1870, 8BITMIME RFC 6152, DSN RFC 3461,
// STARTTLS RFC 3207, SMTPUTF8 RFC 6531, ENHANCEDSTATUSCODES RFC 2034).
//
// Contract: the glue connects, then loops: next_event(); write take_output();
// on kNeedMoreData read bytes and receive() them (arming the timeout named by
// timeout_seconds(); on expiry call on_timeout()); on kStartTls run the TLS
// handshake (verifying as configured) and call tls_established() or
// tls_failed(); on kReady hand over the next message with send() or call
// quit(); on kMessageDone collect take_result(). The session is reusable for
// consecutive messages (RSET in between when a transaction was left open).
// Every recipient gets its own result: the RCPT reply when refused, else the
// reply to the end of data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "smtp/envelope.hpp"
#include "smtp/reply.hpp"

namespace mixer::smtp {

enum class TlsMode { kOff, kOpportunistic, kRequired };
enum class EightBitPolicy { kReport };  // 8-bit content to a server without 8BITMIME: fail with 5.6.3

// RFC 5321 4.5.3.2 client timeouts (seconds), each a named setting.
struct ClientTimeouts {
  std::uint64_t connect = 30;     // [1, 600]
  std::uint64_t greeting = 300;   // 4.5.3.2.1 initial 220
  std::uint64_t command = 300;    // 4.5.3.2.2/3 MAIL, RCPT, EHLO, RSET, QUIT, STARTTLS
  std::uint64_t data_init = 120;  // 4.5.3.2.4 DATA -> 354
  std::uint64_t data_block = 180; // 4.5.3.2.5 each write of content
  std::uint64_t data_end = 600;   // 4.5.3.2.6 "." -> final reply
};

struct ClientConfig {
  std::string helo_name = "localhost";
  TlsMode tls = TlsMode::kOpportunistic;
  EightBitPolicy eight_bit = EightBitPolicy::kReport;
  ClientTimeouts timeouts;
};

struct OutgoingMessage {
  Envelope envelope;    // mail_from, recipients (with DSN params), ret, envid
  std::string content;  // header + body with CRLF lines, not dot-stuffed
};

struct RecipientResult {
  std::string address;
  Reply reply;
};

struct MessageResult {
  Reply mail_reply;                        // the reply to MAIL (or a local failure)
  std::vector<RecipientResult> recipients; // one per envelope recipient, in order
  std::optional<Reply> data_reply;         // the final reply to the content, if it was sent
  bool dsn_passed_on = false;              // the server offered DSN and got our parameters
  bool content_sent = false;               // the content went out: the server may hold the message
  bool delivered_all() const;
};

enum class ClientEvent { kNeedMoreData, kStartTls, kReady, kMessageDone, kClosed, kFailed };

class ClientSession {
 public:
  explicit ClientSession(ClientConfig config);

  void receive(std::string_view bytes);
  ClientEvent next_event();
  std::string take_output();

  void send(OutgoingMessage message);  // only at kReady
  MessageResult take_result();         // after kMessageDone
  void quit();                         // at kReady: QUIT, then kClosed
  void tls_established();
  void tls_failed(std::string_view why);
  void on_timeout();
  void on_connection_lost();
  std::uint64_t timeout_seconds() const;

  const std::string& error() const { return error_; }  // after kFailed
  bool tls_active() const { return tls_; }
  bool offers(std::string_view keyword) const;  // EHLO keyword (upper case)
  std::optional<std::uint64_t> size_limit() const { return size_limit_; }

 private:
  enum class State {
    kGreeting, kEhlo, kHelo, kStartTls, kTlsHandshake, kReady, kRset, kMail, kRcpt, kData, kDataEnd, kQuit,
    kClosed, kFailed
  };
  std::optional<ClientEvent> on_reply(const Reply& r);
  void start_transaction();
  void send_content();
  void fail_session(std::string why);
  void fail_pending(const Reply& r);
  MessageResult& result() { return *result_; }

  ClientConfig config_;
  State state_ = State::kGreeting;
  ReplyParser parser_;
  std::string out_;
  std::string error_;
  bool tls_ = false;
  bool esmtp_ = false;
  std::vector<std::string> keywords_;
  std::optional<std::uint64_t> size_limit_;
  bool rset_needed_ = false;
  std::optional<OutgoingMessage> msg_;
  std::optional<MessageResult> result_;
  std::size_t rcpt_replies_ = 0;   // RCPT replies received so far
  std::size_t rcpt_accepted_ = 0;
  std::vector<std::string> pending_rcpts_;  // RCPT lines of the message in flight
  bool smtputf8_ = false;
  bool eight_bit_ = false;
  bool discard_end_ = false;       // ending an unwanted DATA: ignore the final reply
  bool pipelined_ = false;
  bool data_sent_ = false;         // DATA was pipelined after the RCPTs
  bool done_ = false;              // kMessageDone pending
};

// Dot-stuffing (RFC 5321 4.5.2) plus the end-of-data line; adds a final CRLF
// when the content does not end with one.
std::string dot_stuff(std::string_view content);

}  // namespace mixer::smtp
