#include "mapping/heading/mailbox_list.hpp"

#include "mapping/mime/encoded_word.hpp"

namespace mixer::mapping::heading {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Splits one mailbox text into display name, addr-spec and comment.
std::optional<Mailbox> parse_one(std::string_view item) {
  Mailbox m;
  std::string phrase;   // display-name text, quotes removed
  std::string outside;  // text outside quotes/comments/brackets
  std::string angle;
  std::vector<std::string> quoted;  // quoted-strings outside <>, in order
  bool has_angle = false;
  std::size_t i = 0;
  while (i < item.size()) {
    char c = item[i];
    if (c == '"') {
      ++i;
      std::string word;
      while (i < item.size() && item[i] != '"') {
        if (item[i] == '\\' && i + 1 < item.size()) ++i;
        word.push_back(item[i++]);
      }
      if (i >= item.size()) return std::nullopt;
      ++i;
      if (!has_angle) {
        phrase += word;
        quoted.push_back(std::move(word));
        outside += '\x01';  // marks a quoted word
      }
      continue;
    }
    if (c == '(') {
      int depth = 0;
      std::string text;
      while (i < item.size()) {
        if (item[i] == '\\' && i + 1 < item.size()) {
          text.push_back(item[i + 1]);
          i += 2;
          continue;
        }
        if (item[i] == '(') {
          if (depth++ > 0) text.push_back('(');
        } else if (item[i] == ')') {
          if (--depth == 0) {
            ++i;
            break;
          }
          text.push_back(')');
        } else {
          text.push_back(item[i]);
        }
        ++i;
      }
      if (depth != 0) return std::nullopt;
      if (!m.comment.empty()) m.comment += ' ';
      m.comment += text;
      continue;
    }
    if (c == '<') {
      auto close = item.find('>', i);
      if (close == std::string_view::npos || has_angle) return std::nullopt;
      angle = trim(item.substr(i + 1, close - i - 1));
      has_angle = true;
      i = close + 1;
      continue;
    }
    if (!has_angle) {
      outside.push_back(c);
      if (c != ' ' && c != '\t')
        phrase.push_back(c);
      else if (!phrase.empty() && phrase.back() != ' ')
        phrase.push_back(' ');
    }
    ++i;
  }
  if (has_angle) {
    // Obsolete route "<@a,@b:user@c>": keep the addr-spec after the colon.
    if (!angle.empty() && angle.front() == '@') {
      auto colon = angle.find(':');
      if (colon != std::string::npos) angle = angle.substr(colon + 1);
    }
    m.addr_spec = angle;
    m.display_name = mime::decode_header_text(trim(phrase));
  } else {
    // Quoted words of a quoted local part are put back as quoted-strings.
    std::string addr;
    std::size_t q = 0;
    for (char c : outside) {
      if (c == '\x01' &&
          q < quoted.size()) {  // a raw 0x01 in the input is not a marker (fuzz: was out of bounds)
        std::string w = "\"";
        for (char ch : quoted[q]) {
          if (ch == '"' || ch == '\\') w.push_back('\\');
          w.push_back(ch);
        }
        addr += w + "\"";
        ++q;
      } else if (c != ' ' && c != '\t') {
        addr.push_back(c);
      }
    }
    m.addr_spec = addr;
    // Old style "addr (Full Name)": the comment is the display name.
    m.display_name = mime::decode_header_text(trim(m.comment));
    m.comment.clear();
  }
  if (m.addr_spec.empty()) return std::nullopt;
  return m;
}

}  // namespace

std::optional<MailboxList> parse_mailbox_list(std::string_view s) {
  MailboxList out;
  std::size_t i = 0;
  std::size_t start = 0;
  int depth = 0;
  bool in_quote = false;
  bool in_angle = false;
  auto flush = [&](std::size_t end) -> bool {
    std::string item = trim(s.substr(start, end - start));
    start = end + 1;
    if (item.empty()) return true;  // RFC 5322 §4.4 obs-mbox-list empty elements
    auto m = parse_one(item);
    if (!m) return false;
    out.mailboxes.push_back(std::move(*m));
    return true;
  };
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (in_quote) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_quote = false;
      continue;
    }
    if (depth > 0) {
      if (c == '\\')
        ++i;
      else if (c == '(')
        ++depth;
      else if (c == ')')
        --depth;
      continue;
    }
    if (c == '"')
      in_quote = true;
    else if (c == '(')
      depth = 1;
    else if (c == '<')
      in_angle = true;
    else if (c == '>')
      in_angle = false;
    else if (!in_angle && c == ':') {  // group start: "name:" — the name is dropped
      out.had_group = true;
      start = i + 1;
    } else if (!in_angle && (c == ',' || c == ';')) {
      if (c == ';') out.had_group = true;
      if (!flush(i)) return std::nullopt;
    }
  }
  if (in_quote || depth > 0 || in_angle) return std::nullopt;
  if (!flush(s.size())) return std::nullopt;
  return out;
}

std::string format_mailbox(const Mailbox& m) {
  std::string out;
  if (!m.display_name.empty())
    out = mime::encode_phrase(m.display_name) + " <" + m.addr_spec + ">";
  else
    out = m.addr_spec;
  if (!m.comment.empty()) {
    std::string c;
    for (char ch : m.comment) {
      if (ch == '(' || ch == ')' || ch == '\\') c.push_back('\\');
      c.push_back(ch);
    }
    out += " (" + c + ")";
  }
  return out;
}

std::string format_mailbox_list(const std::vector<Mailbox>& list) {
  std::string out;
  for (const auto& m : list) {
    if (!out.empty()) out += ", ";
    out += format_mailbox(m);
  }
  return out;
}

}  // namespace mixer::mapping::heading
