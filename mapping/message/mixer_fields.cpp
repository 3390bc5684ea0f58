#include "mapping/message/mixer_fields.hpp"

#include <algorithm>
#include <array>

#include "mapping/address/or_values.hpp"
#include "mapping/address/std_or.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/mime/header.hpp"

namespace mixer::mapping::message {

namespace asn = x400::asn;
using mime::iequals;

namespace {

// BuiltInEncodedInformationTypes bit names (RFC 1327 §5.3.3 / RFC 2156 App. C
// encoded-info; TIF0 = G4 class 1, TIF1 = mixed mode).
constexpr std::array<std::string_view, 10> kEitNames = {"Undefined", "Telex",    "IA5-Text", "G3-Fax", "TIF0",
                                                        "Teletex",   "Videotex", "Voice",    "SFD",    "TIF1"};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

x400::NumericOrPrintable nop(std::string v) {
  bool numeric = all_digits(v);
  return x400::NumericOrPrintable{std::move(v), numeric};
}

bool starts_with_word(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && iequals(s.substr(0, word.size()), word);
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_list(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      auto item = trim(text.substr(start, i - start));
      if (!item.empty()) out.emplace_back(item);
      start = i + 1;
    }
  }
  return out;
}

std::string format_gdi(const asn::GlobalDomainIdentifier& gdi) {
  std::string out = "/C=" + address::std_escape(gdi.country_name.value);
  out += "/ADMD=" + address::std_escape(gdi.administration_domain_name.value);
  if (gdi.private_domain_identifier) out += "/PRMD=" + address::std_escape(gdi.private_domain_identifier->value);
  return out + "/";
}

std::optional<asn::GlobalDomainIdentifier> parse_gdi(std::string_view text) {
  auto a = address::parse_std_or(trim(text));
  if (!a || !a->country_name || !a->administration_domain_name) return std::nullopt;
  // Only the three domain attributes belong to a global domain identifier.
  x400::ORAddress only;
  only.country_name = a->country_name;
  only.administration_domain_name = a->administration_domain_name;
  only.private_domain_name = a->private_domain_name;
  if (!(only == *a)) return std::nullopt;
  asn::GlobalDomainIdentifier g;
  g.country_name = nop(a->country_name->value);
  g.administration_domain_name = nop(a->administration_domain_name->value);
  if (a->private_domain_name) g.private_domain_identifier = nop(a->private_domain_name->value);
  return g;
}

std::string format_eits(const asn::EncodedInformationTypes& eits) {
  std::string out;
  auto add = [&](std::string_view s) {
    if (!out.empty()) out += ", ";
    out += s;
  };
  for (std::size_t bit = 0; bit < kEitNames.size(); ++bit)
    if (eits.built_in.test(bit)) add(kEitNames[bit]);
  for (const auto& oid : eits.extended) add(oid.to_string());
  return out;
}

std::optional<asn::EncodedInformationTypes> parse_eits(std::string_view text) {
  asn::EncodedInformationTypes e;
  auto items = split_list(text);
  if (items.empty()) return std::nullopt;
  for (const auto& item : items) {
    bool found = false;
    for (std::size_t bit = 0; bit < kEitNames.size() && !found; ++bit)
      if (iequals(item, kEitNames[bit])) {
        e.built_in.set(bit);
        found = true;
      }
    if (found) continue;
    auto oid = x400::ber::Oid::parse(item);
    if (!oid) return std::nullopt;
    e.extended.push_back(std::move(*oid));
  }
  // G3 and teletex non-basic parameters have no text form (digest §2.4):
  // they are not produced by parse and not written by format.
  return e;
}

std::string format_trace_element(const asn::TraceInformationElement& t) {
  const auto& s = t.domain_supplied_information;
  std::string out = "by " + format_gdi(t.global_domain_identifier) + ";";
  if (s.deferred_time) out += " deferred until " + heading::format_date_time(*s.deferred_time) + ";";
  if (s.converted_encoded_information_types)
    out += " converted (" + format_eits(*s.converted_encoded_information_types) + ");";
  if (s.attempted_domain) out += " attempted " + format_gdi(*s.attempted_domain) + ";";
  out += s.routing_action == asn::RoutingAction::rerouted ? " Rerouted" : " Relayed";
  if (s.other_actions.test(0)) out += ", Redirected";
  if (s.other_actions.test(1)) out += ", Expanded";
  out += "; " + heading::format_date_time(s.arrival_time);
  return out;
}

std::optional<asn::TraceInformationElement> parse_trace_element(std::string_view text) {
  auto parts = split_list(text, ';');
  if (parts.size() < 3) return std::nullopt;
  asn::TraceInformationElement t;
  auto& s = t.domain_supplied_information;
  if (!starts_with_word(parts[0], "by ")) return std::nullopt;
  auto gdi = parse_gdi(std::string_view(parts[0]).substr(3));
  if (!gdi) return std::nullopt;
  t.global_domain_identifier = std::move(*gdi);
  auto arrival = heading::parse_date_time(parts.back());
  if (!arrival) return std::nullopt;
  s.arrival_time = *arrival;
  // The action list comes just before the arrival time.
  auto actions = split_list(parts[parts.size() - 2]);
  if (actions.empty()) return std::nullopt;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const auto& a = actions[i];
    if (i == 0 && iequals(a, "Relayed")) s.routing_action = asn::RoutingAction::relayed;
    else if (i == 0 && iequals(a, "Rerouted")) s.routing_action = asn::RoutingAction::rerouted;
    else if (i > 0 && iequals(a, "Redirected")) s.other_actions.set(0);
    else if (i > 0 && iequals(a, "Expanded")) s.other_actions.set(1);
    else return std::nullopt;
  }
  for (std::size_t i = 1; i + 2 < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (starts_with_word(p, "deferred until ")) {
      auto d = heading::parse_date_time(p.substr(15));
      if (!d || s.deferred_time) return std::nullopt;
      s.deferred_time = *d;
    } else if (starts_with_word(p, "converted ")) {
      auto inner = trim(p.substr(10));
      if (inner.size() < 2 || inner.front() != '(' || inner.back() != ')' || s.converted_encoded_information_types)
        return std::nullopt;
      auto e = parse_eits(inner.substr(1, inner.size() - 2));
      if (!e) return std::nullopt;
      s.converted_encoded_information_types = std::move(*e);
    } else if (starts_with_word(p, "attempted ")) {
      auto g = parse_gdi(p.substr(10));
      if (!g || s.attempted_domain) return std::nullopt;
      s.attempted_domain = std::move(*g);
    } else {
      return std::nullopt;
    }
  }
  return t;
}

}  // namespace mixer::mapping::message
