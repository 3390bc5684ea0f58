#include "mapping/heading/identifiers.hpp"

#include <openssl/sha.h>

#include "mapping/address/or_values.hpp"
#include "mapping/address/ps_encoding.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::mapping::heading {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Base-32 (RFC 4648 alphabet, lower case: PrintableString and IA5 safe) of
// the first `chars` * 5 bits of SHA-256(text).
std::string digest32(std::string_view text, std::size_t chars) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), md);
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string out;
  std::size_t bit = 0;
  while (out.size() < chars) {
    unsigned v = 0;
    for (int k = 0; k < 5; ++k, ++bit) v = (v << 1) | ((md[bit / 8] >> (7 - bit % 8)) & 1);
    out.push_back(kAlphabet[v]);
  }
  return out;
}

std::string_view strip_brackets(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return trim(v);
}

}  // namespace

std::vector<std::string> split_msg_ids(std::string_view v) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < v.size()) {
    auto lt = v.find('<', i);
    if (lt == std::string_view::npos) break;
    auto gt = v.find('>', lt);
    if (gt == std::string_view::npos) break;
    out.emplace_back(v.substr(lt, gt - lt + 1));
    i = gt + 1;
  }
  return out;
}

Result<IpmIdParts, std::string> msg_id_to_ipm_id(std::string_view msg_id) {
  std::string_view id = strip_brackets(msg_id);
  if (id.empty()) return fail(std::string("empty msg-id"));
  IpmIdParts out;
  // <URI*std-or@MHS>: an id generated from X.400 (§4.7.3).
  auto at = id.rfind('@');
  if (at != std::string_view::npos && address::iequals(id.substr(at + 1), "MHS")) {
    std::string_view local = id.substr(0, at);
    auto star = local.find('*');
    if (star != std::string_view::npos) {
      std::string_view uri = local.substr(0, star);
      std::string_view std_or = local.substr(star + 1);
      bool ok = true;
      std::optional<x400::ORAddress> user;
      if (!std_or.empty()) {
        auto parsed = address::parse_std_or(std_or);
        if (parsed)
          user = std::move(parsed).value();
        else
          ok = false;
      }
      auto enc = address::ps_encode(uri);
      if (ok && enc && enc->size() <= kMaxLocalIpmIdentifier) {
        out.user = std::move(user);
        out.uri = std::move(enc).value();
        return out;
      }
    }
  }
  auto enc = address::ps_encode(id);
  if (enc && enc->size() <= kMaxLocalIpmIdentifier) {
    out.uri = std::move(enc).value();
    return out;
  }
  // Not reversible: a unique PrintableString derived from the id.
  out.uri = "MIXER-" + digest32(id, 40);
  out.keep_original = true;
  return out;
}

std::string ipm_id_to_msg_id(const std::optional<x400::ORAddress>& user, std::string_view uri) {
  auto decoded = address::ps_decode(uri);
  if (!user && decoded) {
    // Reversible case: the decoded URI is addr-spec shaped.
    const std::string& d = *decoded;
    auto at = d.rfind('@');
    bool ok = at != std::string::npos && at > 0 && at + 1 < d.size();
    for (char c : d)
      if (c == '<' || c == '>' || c == ' ' || c == '\t' || static_cast<unsigned char>(c) < 33) ok = false;
    if (ok) return "<" + d + ">";
  }
  std::string local = decoded ? *decoded : std::string(uri);
  std::string or_text;
  if (user) {
    auto printed = address::print_std_or(*user);
    if (printed) or_text = std::move(printed).value();
  }
  std::string lhs = local + "*" + or_text;
  // Quote the local part when it is not a dot-atom (RFC 5322 §3.6.4 allows
  // only dot-atom-text or obs forms; quoting keeps it parseable).
  bool atom = !lhs.empty();
  for (char c : lhs) {
    auto u = static_cast<unsigned char>(c);
    bool atext = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                 std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
    if (!atext) atom = false;
  }
  if (lhs.front() == '.' || lhs.back() == '.' || lhs.find("..") != std::string::npos) atom = false;
  if (!atom) {
    std::string q = "\"";
    for (char c : lhs) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    lhs = q + "\"";
  }
  return "<" + lhs + "@MHS>";
}

std::string format_mts_id(const MtsIdText& id) {
  std::string out = "[";
  if (id.country) out += "/C=" + address::std_escape(*id.country);
  if (id.admd) out += "/ADMD=" + address::std_escape(*id.admd);
  if (id.prmd) out += "/PRMD=" + address::std_escape(*id.prmd);
  out += "/;";
  out += id.local;
  out += "]";
  return out;
}

std::optional<MtsIdText> parse_mts_id(std::string_view v) {
  v = trim(v);
  if (v.size() < 3 || v.front() != '[' || v.back() != ']') return std::nullopt;
  v = v.substr(1, v.size() - 2);
  // The global-id ends at the first ';' not escaped by '$'.
  std::size_t semi = std::string_view::npos;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '$') {
      ++i;
      continue;
    }
    if (v[i] == ';') {
      semi = i;
      break;
    }
  }
  if (semi == std::string_view::npos) return std::nullopt;
  auto gdi = address::parse_std_or(v.substr(0, semi));
  if (!gdi) return std::nullopt;
  MtsIdText out;
  if (gdi->country_name) out.country = gdi->country_name->value;
  if (gdi->administration_domain_name) out.admd = gdi->administration_domain_name->value;
  if (gdi->private_domain_name) out.prmd = gdi->private_domain_name->value;
  // A global domain identifier has nothing but C, ADMD, PRMD.
  x400::ORAddress only = *gdi;
  only.country_name.reset();
  only.administration_domain_name.reset();
  only.private_domain_name.reset();
  if (!(only == x400::ORAddress{})) return std::nullopt;
  out.local = std::string(v.substr(semi + 1));
  for (unsigned char c : out.local)
    if (c >= 0x80) return std::nullopt;
  return out;
}

std::string derive_mts_local_id(std::string_view msg_id) {
  std::string_view id = strip_brackets(msg_id);
  bool ia5 = !id.empty();
  for (unsigned char c : id)
    if (c >= 0x80 || c < 32 || c == ']') ia5 = false;
  if (ia5 && id.size() <= kMaxMtsLocalIdentifier) return std::string(id);
  return "mx" + digest32(id, kMaxMtsLocalIdentifier - 2);
}

}  // namespace mixer::mapping::heading
