// The ESMTP server as a sans-I/O state machine (RFC 5321 with PIPELINING
// RFC 2920, SIZE RFC 1870, 8BITMIME RFC 6152, ENHANCEDSTATUSCODES RFC 2034/3463,
// DSN RFC 3461, STARTTLS RFC 3207, SMTPUTF8 RFC 6531, CHUNKING/BDAT RFC 3030).
//
// Contract: the glue calls start() once, then feeds received bytes with
// receive() and calls next_event() until it returns kNeedMoreData (or another
// event); after each call it writes take_output() to the peer. Replies to
// pipelined commands accumulate and are flushed together (RFC 2920 3.1).
// Events:
//   kNeedMoreData    all input consumed; read more (arm the timeout named by
//                    timeout_kind(); on expiry call on_timeout()).
//   kMessageReady    a message is complete (message()); the machine writes no
//                    reply until accept_result() says whether it is durably
//                    stored: only an "accepted" result yields 250. It may be
//                    called later (group commit); until then next_event()
//                    returns kAwaitingAcceptance and reads no further input.
//   kStartTls        the 220 to STARTTLS is in the output: flush it, run the TLS
//                    handshake, then call tls_established() (or on failure close).
//                    Plaintext input received after the command is discarded
//                    (RFC 3207 5, the STARTTLS command-injection attack).
//   kClose           flush the output, then close the connection.
// No sockets, no clocks, no threads: timeouts are delivered by the glue.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "smtp/command_args.hpp"
#include "smtp/envelope.hpp"
#include "smtp/limits.hpp"
#include "smtp/reply.hpp"

namespace mixer::smtp {

// The gateway's answer to one RCPT: accept, or a 4xx/5xx reply.
struct RcptDecision {
  bool accept = false;
  Reply reply;  // used when !accept
  static RcptDecision ok() { return {true, {}}; }
  static RcptDecision refuse(Reply r) { return {false, std::move(r)}; }
};

// Called for each syntactically valid RCPT (envelope so far, new recipient).
// The default refuses every recipient: no open relay unless the gateway says so.
using RcptCallback = std::function<RcptDecision(const Envelope&, const Recipient&)>;

// The gateway's answer to a complete message.
class AcceptResult {
 public:
  // Durably stored (fsynced): the only way to get a 250.
  static AcceptResult accepted(std::string_view queue_id);
  static AcceptResult storage_failed(std::string_view why);  // 451 4.3.0
  static AcceptResult no_space(std::string_view why);        // 452 4.3.1
  static AcceptResult rejected(std::string_view why);        // 554 5.6.0 (e.g. content refused)
  static AcceptResult loop_detected(std::string_view why);   // 554 5.4.6 (RFC 3463; RFC 5321 6.3)
  const Reply& reply() const { return reply_; }

 private:
  explicit AcceptResult(Reply r) : reply_(std::move(r)) {}
  Reply reply_;
};

struct ServerConfig {
  std::string hostname = "localhost";  // in the greeting and the EHLO reply
  ServerLimits limits;
  bool tls_available = false;  // offer STARTTLS (glue has a certificate)
  bool require_tls = false;    // 530 5.7.0 to MAIL before STARTTLS
};

struct ReceivedMessage {
  Envelope envelope;
  std::string content;  // header + body, CRLF lines, dot-unstuffed
};

enum class ServerEvent { kNeedMoreData, kMessageReady, kAwaitingAcceptance, kStartTls, kClose };
enum class TimeoutKind { kCommand, kData };

class ServerSession {
 public:
  ServerSession(ServerConfig config, RcptCallback rcpt);

  // Writes the 220 greeting, or, when the glue's connection limit is reached,
  // 421 4.7.0 and kClose follows.
  void start(bool over_connection_limit = false);
  void receive(std::string_view bytes);
  ServerEvent next_event();
  std::string take_output();

  const ReceivedMessage& message() const { return message_; }
  void accept_result(const AcceptResult& result);
  void tls_established();
  void on_timeout();  // 421 4.4.2, then kClose
  // The client's IP address (the glue knows it); copied into each envelope.
  void set_client_address(std::string address) { client_address_ = std::move(address); }
  TimeoutKind timeout_kind() const;
  bool closed() const { return state_ == State::kClosed; }
  bool tls_active() const { return tls_; }
  std::uint64_t errors() const { return errors_; }

 private:
  enum class State {
    kInitial,     // greeting sent, no EHLO/HELO yet
    kReady,       // after EHLO/HELO, no transaction
    kMail,        // MAIL accepted
    kData,        // reading DATA content
    kBdat,        // reading a BDAT chunk
    kAwaiting,    // message complete, waiting for accept_result
    kTlsPending,  // 220 to STARTTLS sent, waiting for tls_established
    kClosing,     // kClose to be returned
    kClosed,
  };

  std::optional<ServerEvent> step_command();
  std::optional<ServerEvent> step_data();
  std::optional<ServerEvent> step_bdat();
  void handle_command(std::string_view line);
  void cmd_ehlo(std::string_view arg, bool extended);
  void cmd_mail(std::string_view rest);
  void cmd_rcpt(std::string_view rest);
  void cmd_data(std::string_view arg);
  void cmd_bdat(std::string_view arg);
  void cmd_starttls(std::string_view arg);
  void reply(const Reply& r);
  void reply(int code, std::string_view enhanced, std::string_view text);
  void client_error(int code, std::string_view enhanced, std::string_view text);
  void client_error(const Reply& r);
  void close_with(int code, std::string_view enhanced, std::string_view text);
  void reset_transaction();
  void append_content(std::string_view bytes);
  std::optional<Reply> content_verdict() const;
  void finish_message();

  ServerConfig config_;
  RcptCallback rcpt_;
  State state_ = State::kInitial;
  std::string in_;
  std::size_t pos_ = 0;
  std::string out_;
  bool tls_ = false;
  bool skipping_line_ = false;  // discarding the rest of an over-long command line
  std::uint64_t errors_ = 0;
  std::string helo_;
  std::string client_address_;
  bool esmtp_ = false;
  ReceivedMessage message_;
  bool used_bdat_ = false;
  std::optional<Reply> bdat_error_;  // this chunk is read and then refused
  State bdat_return_ = State::kReady;
  bool bdat_last_ = false;
  std::uint64_t bdat_remaining_ = 0;
  // Content checks, streaming across DATA lines and BDAT chunks.
  bool line_start_ = true;          // DATA: the next byte starts a line
  bool prev_line_crlf_ = true;      // DATA: the previous line ended with CRLF
  std::uint64_t line_len_ = 0;      // octets in the current content line
  char last_char_ = '\n';
  bool in_headers_ = true;
  std::uint64_t header_bytes_ = 0;
  std::uint64_t content_size_ = 0;  // stored or not (after overflow we stop storing)
  bool too_big_ = false, line_too_long_ = false, headers_too_big_ = false, bare_lf_ = false;
};

}  // namespace mixer::smtp
