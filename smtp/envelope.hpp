// The SMTP envelope of one transaction as the server received it (or as the
// client is to send it): reverse path, forward paths and the ESMTP parameters
// that travel with them: SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531),
// and the DSN parameters RET/ENVID on MAIL and NOTIFY/ORCPT per recipient
// (RFC 3461 4.1-4.4; xtext already decoded).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mixer::smtp {

enum class BodyType { kUnspecified, k7Bit, k8BitMime };
enum class DsnRet { kUnspecified, kFull, kHeaders };

// RFC 3461 4.1: NEVER, or any of SUCCESS, FAILURE, DELAY; none = not given.
struct DsnNotify {
  bool given = false;
  bool never = false;
  bool success = false;
  bool failure = false;
  bool delay = false;
  bool operator==(const DsnNotify&) const = default;
};

struct Recipient {
  std::string address;       // the forward path without "<>" (may be UTF-8 with SMTPUTF8)
  DsnNotify notify;
  std::string orcpt_type;    // ORCPT addr-type ("rfc822", "utf-8"), empty when absent
  std::string orcpt_address; // ORCPT address, xtext-decoded
};

struct Envelope {
  std::string client_address;             // the client's IP address as text (TCP-info, RFC 5321 4.4); may be empty
  std::string helo;                       // the EHLO/HELO argument
  bool esmtp = false;                     // EHLO (true) or HELO
  bool tls = false;                       // received under STARTTLS
  std::string mail_from;                  // empty for the null reverse path "<>"
  std::optional<std::uint64_t> size;     // SIZE= as declared by the client
  BodyType body = BodyType::kUnspecified;
  bool smtputf8 = false;
  DsnRet ret = DsnRet::kUnspecified;
  std::string envid;                      // ENVID, xtext-decoded, empty when absent
  std::vector<Recipient> recipients;
};

}  // namespace mixer::smtp
