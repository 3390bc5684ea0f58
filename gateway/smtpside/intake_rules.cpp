#include "gateway/smtpside/intake_rules.hpp"

#include <chrono>

#include "common/log_escape.hpp"
#include "gateway/queue/attr_keys.hpp"
#include "mapping/address/map_address.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/report/date_time.hpp"

namespace mixer::smtpside {
namespace {

namespace addr = mapping::address;

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char a = line[i], b = name[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// Text from the client placed in our own header: printable ASCII only, so a
// hostile HELO cannot break the field (it passed SMTP syntax already).
std::string header_safe(std::string_view s, std::size_t max = 200) {
  std::string out;
  for (char c : s.substr(0, max)) out += (c > ' ' && c < 0x7f && c != '(' && c != ')') ? c : '?';
  return out.empty() ? "unknown" : out;
}

std::string notify_text(const smtp::DsnNotify& n) {
  if (!n.given) return "";
  if (n.never) return "NEVER";
  std::string s;
  auto add = [&s](bool on, const char* w) {
    if (!on) return;
    if (!s.empty()) s += ',';
    s += w;
  };
  add(n.success, "SUCCESS");
  add(n.failure, "FAILURE");
  add(n.delay, "DELAY");
  return s;
}

// RFC 5321 4.1.3 address-literal of the client's IP: "[192.0.2.1]" or
// "[IPv6:2001:db8::1]"; empty when the glue did not know the address.
std::string address_literal(std::string_view ip) {
  if (ip.empty()) return "";
  const std::string safe = header_safe(ip, 64);
  return ip.find(':') != std::string_view::npos ? "[IPv6:" + safe + "]" : "[" + safe + "]";
}

}  // namespace

RcptVerdict check_recipient(const addr::MappingContext& ctx, const RouteCheck& routable, bool queue_full,
                            std::string_view address) {
  using smtp::RcptDecision;
  using smtp::Reply;
  if (queue_full)
    return {RcptDecision::refuse(Reply::make(452, "4.3.1", "Gateway queue is full, try again later")), {}};
  auto mapped = addr::map_822_to_x400(ctx, address);
  if (!mapped) {
    const auto& e = mapped.error();
    if (e.kind == addr::AddressErrorKind::kNonAscii)
      return {RcptDecision::refuse(Reply::make(
                  553, "5.6.7",
                  "Recipient has a non-ASCII local part and no X.400 form: " + log_escape(e.what, 160))),
              {}};
    return {RcptDecision::refuse(Reply::make(
                550, "5.1.1",
                "Recipient address does not map to X.400 (RFC 2156 4.3.4): " + log_escape(e.what, 160))),
            {}};
  }
  if (routable && !routable(mapped->address))
    return {RcptDecision::refuse(
                Reply::make(550, "5.4.4", "No X.400 route for the recipient's O/R address; relaying denied")),
            {}};
  auto text = addr::print_std_or(mapped->address);
  return {RcptDecision::ok(), text ? std::move(text).value() : std::string()};
}

std::size_t count_received(std::string_view content, std::size_t stop_after) {
  std::size_t n = 0, pos = 0;
  while (pos < content.size()) {
    auto eol = content.find('\n', pos);
    std::string_view line =
        content.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (line.empty() || line == "\r") break;  // end of the header section
    if (iequals_prefix(line, "received:") && ++n > stop_after) break;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return n;
}

std::string received_field(const smtp::Envelope& e, const IntakeContext& c) {
  // RFC 5321 4.4 Time-stamp-line; "with" protocol per RFC 3848 / RFC 6531.
  std::string with = e.smtputf8 ? "UTF8SMTP" : e.esmtp ? "ESMTP" : "SMTP";
  if (e.tls) with += 'S';
  // "from" Extended-Domain: the client's EHLO name and, as TCP-info, the
  // address literal of the connection (no reverse lookup: it would cost a DNS
  // query per message and proves nothing the literal does not).
  std::string f = "Received: from " + header_safe(e.helo);
  if (const auto lit = address_literal(e.client_address); !lit.empty()) f += " (" + lit + ")";
  f += "\r\n\tby " + header_safe(c.by_domain) + " (mixer) with " + with + " id " + c.id;
  if (e.recipients.size() == 1 && !e.smtputf8)
    f += "\r\n\tfor <" + header_safe(e.recipients[0].address, 256) + ">";
  f += "; " + mapping::report::format_date_time(mapping::report::Timestamp(std::chrono::seconds(c.now))) +
       "\r\n";
  return f;
}

queue::Record build_record(const smtp::ReceivedMessage& msg, const IntakeContext& c,
                           const std::vector<std::string>& or_addresses) {
  namespace attr = queue::attr;
  const auto& e = msg.envelope;
  queue::Record r;
  r.id = c.id;
  r.arrival = c.now;
  r.direction = queue::Direction::smtp_to_x400;
  r.originator = e.mail_from;
  r.attrs[attr::kFormat] = attr::kFormatRfc5322;
  if (!e.envid.empty()) r.attrs[attr::kEnvid] = e.envid;
  if (e.ret != smtp::DsnRet::kUnspecified)
    r.attrs[attr::kRet] = e.ret == smtp::DsnRet::kFull ? "FULL" : "HDRS";
  if (e.body != smtp::BodyType::kUnspecified)
    r.attrs[attr::kBody] = e.body == smtp::BodyType::k8BitMime ? "8BITMIME" : "7BIT";
  if (e.smtputf8) r.attrs[attr::kSmtpUtf8] = "1";
  std::string from = log_escape(e.helo, 200);
  if (const auto lit = address_literal(e.client_address); !lit.empty()) from += " " + lit;
  r.attrs[attr::kReceivedFrom] = from + " (" + c.session_id + ")";
  r.attrs[attr::kHelo] = e.helo;
  for (std::size_t i = 0; i < e.recipients.size(); ++i) {
    const auto& in = e.recipients[i];
    queue::Recipient out;
    out.address = in.address;
    if (auto n = notify_text(in.notify); !n.empty()) out.attrs[attr::kNotify] = n;
    if (!in.orcpt_type.empty()) out.attrs[attr::kOrcpt] = in.orcpt_type + ";" + in.orcpt_address;
    if (i < or_addresses.size() && !or_addresses[i].empty()) out.attrs[attr::kOrAddress] = or_addresses[i];
    r.recipients.push_back(std::move(out));
  }
  r.content.reserve(msg.content.size() + 256);
  r.content = received_field(e, c);
  r.content += msg.content;
  return r;
}

}  // namespace mixer::smtpside
