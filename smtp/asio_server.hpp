// Thin Boost.Asio glue around ServerSession: a TCP listener, one coroutine per
// connection, STARTTLS with boost::asio::ssl (RFC 3207), the command/data
// timeouts of ServerLimits, and the connection limits (ConnectionLimiter).
// All protocol decisions stay in ServerSession. Each session gets an id
// ("S1a2b..."), and untrusted text is escaped (log_escape) before logging.
// The io_context is expected to run on one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "common/result.hpp"
#include "smtp/server_session.hpp"

namespace mixer::smtp {

struct TlsFiles {
  std::string cert_chain_file;  // PEM
  std::string private_key_file; // PEM
};

// Called with a complete message; `done` must be called exactly once, from any
// thread, when the message is durably stored (or storing failed).
using MessageHandler = std::function<void(const std::string& session_id, const ReceivedMessage&,
                                          std::function<void(AcceptResult)> done)>;
using LogFn = std::function<void(std::string_view line)>;

class AsioServer {
 public:
  // Validates the limits and loads the certificate (when tls is given).
  static Result<std::unique_ptr<AsioServer>> create(boost::asio::io_context& io, ServerConfig config,
                                                    RcptCallback rcpt, MessageHandler on_message, LogFn log,
                                                    std::optional<TlsFiles> tls = std::nullopt);
  ~AsioServer();
  AsioServer(const AsioServer&) = delete;
  AsioServer& operator=(const AsioServer&) = delete;

  // Binds and starts accepting. port 0 picks a free port (see port()).
  Result<void> listen(const std::string& address, std::uint16_t port);
  std::uint16_t port() const;
  void stop();  // stops accepting; sessions end when the io_context stops

  struct Impl;

 private:
  explicit AsioServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace mixer::smtp
