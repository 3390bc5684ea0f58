#include "mapping/message/envelope_text.hpp"

#include "mapping/message/mixer_fields.hpp"
#include "mapping/mime/header.hpp"

namespace mixer::mapping::message {

using mime::iequals;

std::string format_envelope_text(const SmtpEnvelope& e) {
  std::string out = "MAIL FROM:<" + e.mail_from + ">";
  if (!e.ret.empty()) out += " RET=" + e.ret;
  if (!e.envid.empty()) out += " ENVID=" + e.envid;
  if (e.eight_bit) out += " BODY=8BITMIME";
  if (e.smtputf8) out += " SMTPUTF8";
  out += "\n";
  for (const auto& r : e.recipients) {
    out += "RCPT TO:<" + r.address + ">";
    if (!r.notify.empty()) out += " NOTIFY=" + r.notify;
    if (!r.orcpt.empty()) out += " ORCPT=" + r.orcpt;
    out += "\n";
  }
  return out;
}

namespace {

// "<path>" then space-separated parameters.
Result<std::pair<std::string, std::vector<std::string>>, std::string> path_and_params(std::string_view rest,
                                                                                      std::size_t line) {
  if (rest.empty() || rest.front() != '<')
    return fail("line " + std::to_string(line) + ": expected '<' before the path");
  auto close = rest.find('>');
  if (close == std::string_view::npos) return fail("line " + std::to_string(line) + ": missing '>'");
  std::string path(rest.substr(1, close - 1));
  auto params = split_list(rest.substr(close + 1), ' ');
  return std::make_pair(std::move(path), std::move(params));
}

}  // namespace

Result<SmtpEnvelope, std::string> parse_envelope_text(std::string_view text) {
  SmtpEnvelope e;
  bool have_from = false;
  std::size_t line_no = 0;
  for (const auto& raw : split_list(text, '\n')) {
    ++line_no;
    std::string_view line = trim(raw);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto where = "line " + std::to_string(line_no) + ": ";
    if (line.size() > 10 && iequals(line.substr(0, 10), "MAIL FROM:")) {
      if (have_from) return fail(where + "second MAIL FROM");
      auto pp = path_and_params(trim(line.substr(10)), line_no);
      if (!pp) return fail(pp.error());
      e.mail_from = pp->first;
      for (const auto& p : pp->second) {
        if (p.size() > 4 && iequals(std::string_view(p).substr(0, 4), "RET=")) e.ret = p.substr(4);
        else if (p.size() > 6 && iequals(std::string_view(p).substr(0, 6), "ENVID=")) e.envid = p.substr(6);
        else if (iequals(p, "BODY=8BITMIME")) e.eight_bit = true;
        else if (iequals(p, "BODY=7BIT")) e.eight_bit = false;
        else if (iequals(p, "SMTPUTF8")) e.smtputf8 = true;
        else return fail(where + "unknown MAIL parameter '" + p + "'");
      }
      have_from = true;
    } else if (line.size() > 8 && iequals(line.substr(0, 8), "RCPT TO:")) {
      if (!have_from) return fail(where + "RCPT TO before MAIL FROM");
      auto pp = path_and_params(trim(line.substr(8)), line_no);
      if (!pp) return fail(pp.error());
      if (pp->first.empty()) return fail(where + "empty recipient");
      SmtpRecipient r;
      r.address = pp->first;
      for (const auto& p : pp->second) {
        if (p.size() > 7 && iequals(std::string_view(p).substr(0, 7), "NOTIFY=")) r.notify = p.substr(7);
        else if (p.size() > 6 && iequals(std::string_view(p).substr(0, 6), "ORCPT=")) r.orcpt = p.substr(6);
        else return fail(where + "unknown RCPT parameter '" + p + "'");
      }
      e.recipients.push_back(std::move(r));
    } else {
      return fail(where + "expected MAIL FROM: or RCPT TO:");
    }
  }
  if (!have_from) return fail(std::string("no MAIL FROM line"));
  if (e.recipients.empty()) return fail(std::string("no RCPT TO line"));
  return e;
}

}  // namespace mixer::mapping::message
