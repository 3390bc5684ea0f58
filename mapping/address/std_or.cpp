#include "mapping/address/std_or.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "mapping/address/or_values.hpp"
#include "mapping/address/ps_encoding.hpp"

namespace mixer::mapping::address {

namespace {

using x400::ORAddress;

enum class K {
  kC, kAdmd, kPrmd, kX121, kTid, kO, kOu, kUaId, kPn, kS, kG, kI, kGq, kCn,
  kPdService, kPdC, kPdCode, kPdOffice, kPdOfficeNum, kPdExtAddress, kPdPn, kPdO, kPdExtDelivery,
  kPdAddress, kPdStreet, kPdBox, kPdRestante, kPdUnique, kPdLocal, kNetNum, kNetSub, kNetPsap, kTty,
};

struct KeyDef {
  std::string_view name;
  K key;
  int ou_index = 0;  // OU1..OU4
};

// §4.1.1 keywords, then the F.401 / RFC 1685 aliases accepted on input.
constexpr std::array kKeys{
    KeyDef{"C", K::kC}, KeyDef{"ADMD", K::kAdmd}, KeyDef{"PRMD", K::kPrmd}, KeyDef{"X121", K::kX121},
    KeyDef{"T-ID", K::kTid}, KeyDef{"O", K::kO}, KeyDef{"OU", K::kOu}, KeyDef{"UA-ID", K::kUaId},
    KeyDef{"PN", K::kPn}, KeyDef{"S", K::kS}, KeyDef{"G", K::kG}, KeyDef{"I", K::kI}, KeyDef{"GQ", K::kGq},
    KeyDef{"CN", K::kCn}, KeyDef{"PD-SERVICE", K::kPdService}, KeyDef{"PD-C", K::kPdC},
    KeyDef{"PD-CODE", K::kPdCode}, KeyDef{"PD-OFFICE", K::kPdOffice}, KeyDef{"PD-OFFICE-NUM", K::kPdOfficeNum},
    KeyDef{"PD-EXT-ADDRESS", K::kPdExtAddress}, KeyDef{"PD-PN", K::kPdPn}, KeyDef{"PD-O", K::kPdO},
    KeyDef{"PD-EXT-DELIVERY", K::kPdExtDelivery}, KeyDef{"PD-ADDRESS", K::kPdAddress},
    KeyDef{"PD-STREET", K::kPdStreet}, KeyDef{"PD-BOX", K::kPdBox}, KeyDef{"PD-RESTANTE", K::kPdRestante},
    KeyDef{"PD-UNIQUE", K::kPdUnique}, KeyDef{"PD-LOCAL", K::kPdLocal}, KeyDef{"NET-NUM", K::kNetNum},
    KeyDef{"NET-SUB", K::kNetSub}, KeyDef{"NET-PSAP", K::kNetPsap}, KeyDef{"T-TY", K::kTty},
    // aliases
    KeyDef{"A", K::kAdmd}, KeyDef{"P", K::kPrmd}, KeyDef{"Q", K::kGq}, KeyDef{"N-ID", K::kUaId},
    KeyDef{"X.121", K::kX121}, KeyDef{"OU1", K::kOu, 1}, KeyDef{"OU2", K::kOu, 2}, KeyDef{"OU3", K::kOu, 3},
    KeyDef{"OU4", K::kOu, 4},
};

struct TerminalLabel {
  std::string_view label;
  int value;
};
constexpr std::array kTerminalLabels{
    TerminalLabel{"telex", 3},        TerminalLabel{"teletex", 4},      TerminalLabel{"g3-facsimile", 5},
    TerminalLabel{"g4-facsimile", 6}, TerminalLabel{"ia5-terminal", 7}, TerminalLabel{"videotex", 8},
};

AddressError syntax(std::string what, std::string_view input, std::size_t offset) {
  return address_error(AddressErrorKind::kSyntax, std::move(what), input, offset);
}

// Removes std-pair escapes ("$" ps-char). `base` is the offset of `raw` in
// `whole` for error messages.
AddressResult<std::string> unescape(std::string_view raw, std::string_view whole, std::size_t base) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '$') {
      if (i + 1 >= raw.size() || !is_printable_string_char(raw[i + 1]))
        return fail(syntax("'$' must be followed by a PrintableString character", whole, base + i));
      out.push_back(raw[++i]);
    } else if (is_printable_string_char(c) || c == '{' || c == '}' || c == '*') {
      out.push_back(c);
    } else {
      return fail(syntax(std::string("character '") + c + "' not allowed in a std-or value", whole, base + i));
    }
  }
  return out;
}

AddressResult<x400::NumericOrPrintable> numeric_or_printable(std::string_view v, std::string_view whole,
                                                             std::size_t at) {
  if (!is_printable_string(v)) return fail(syntax("value must be a PrintableString", whole, at));
  bool digits = !v.empty();
  for (char c : v) digits = digits && c >= '0' && c <= '9';
  return x400::NumericOrPrintable{std::string(v), digits};
}

struct Entry {  // one OU or DDA in the order written
  int index = 0;
  std::string type;
  PrintableTeletex value;
};

std::vector<std::string> take(std::vector<Entry>& entries, bool teletex) {
  std::vector<std::string> out;
  for (auto& e : entries) {
    auto& v = teletex ? e.value.teletex : e.value.printable;
    if (v) out.push_back(*v);
  }
  return out;
}

std::vector<x400::DomainDefinedAttribute> take_dda(std::vector<Entry>& entries, bool teletex) {
  std::vector<x400::DomainDefinedAttribute> out;
  for (auto& e : entries) {
    auto& v = teletex ? e.value.teletex : e.value.printable;
    if (v) out.push_back({e.type, *v});
  }
  return out;
}

AddressResult<int> labelled_integer(std::string_view v, std::string_view whole, std::size_t at) {
  std::string_view digits = v;
  if (!v.empty() && v.back() == ')') {
    const auto open = v.find('(');
    if (open == std::string_view::npos) return fail(syntax("labelled-integer lacks '('", whole, at));
    digits = v.substr(open + 1, v.size() - open - 2);
    for (char c : v.substr(0, open))
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
        return fail(syntax("bad key-string in labelled-integer", whole, at));
  }
  if (digits.empty() || digits.size() > 6) return fail(syntax("labelled-integer needs a number", whole, at));
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return fail(syntax("labelled-integer needs a number", whole, at));
    n = n * 10 + (c - '0');
  }
  return n;
}

template <typename T>
AddressResult<Ok> set_once(std::optional<T>& slot, T value, std::string_view key, std::string_view whole,
                           std::size_t at) {
  if (slot) return fail(syntax("attribute " + std::string(key) + " given twice", whole, at));
  slot = std::move(value);
  return Ok{};
}

AddressResult<Ok> set_pds(std::optional<x400::PdsParameter>& slot, const PrintableTeletex& pt, std::string_view key,
                          std::string_view whole, std::size_t at) {
  return set_once(slot, x400::PdsParameter{pt.printable, pt.teletex}, key, whole, at);
}

}  // namespace

AddressResult<x400::PersonalName> parse_encoded_pn(std::string_view text) {
  // One pass over the "."-separated parts without materialising them: this
  // runs for every stage I mapping and every table 2 local part (via
  // print_encoded_pn), so it allocates only the result strings.
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!is_printable_string_char(text[i])) return fail(syntax("encoded-pn is not a PrintableString", text, i));
  const std::size_t parts = static_cast<std::size_t>(std::count(text.begin(), text.end(), '.')) + 1;
  auto part_at = [text](std::size_t from) {
    const auto dot = text.find('.', from);
    return text.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from);
  };
  auto is_initial = [](std::string_view p) {
    return p.size() == 1 && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'));
  };
  x400::PersonalName pn;
  std::size_t i = 0, pos = 0;  // index and offset of the current part
  std::string_view part = part_at(0);
  if (parts > 1 && part.size() >= 2) {
    pn.given_name = std::string(part);
    pos = part.size() + 1, ++i, part = part_at(pos);
  }
  std::string initials;
  while (i + 1 < parts && is_initial(part)) {
    initials += part;
    pos += 2, ++i, part = part_at(pos);
  }
  if (i + 1 < parts && !part.empty() && part.size() < 2 && !is_initial(part))
    return fail(syntax("encoded-pn: one-character component is not an initial", text, 0));
  if (!initials.empty()) pn.initials = std::move(initials);
  const std::string_view surname = text.substr(pos);
  if (surname.empty() || part.empty() || text.empty() || text.back() == '.')
    return fail(syntax("encoded-pn: empty component", text, 0));
  pn.surname = std::string(surname);
  return pn;
}

std::optional<std::string> print_encoded_pn(const x400::PersonalName& pn) {
  if (pn.generation_qualifier || pn.surname.empty()) return std::nullopt;
  std::string s;
  if (pn.given_name) s += *pn.given_name + ".";
  if (pn.initials)
    for (char c : *pn.initials) {
      s.push_back(c);
      s.push_back('.');
    }
  s += pn.surname;
  auto back = parse_encoded_pn(s);
  if (!back.ok() || !(*back == pn)) return std::nullopt;  // not reversible (§4.1.2)
  return s;
}

AddressResult<ORAddress> parse_std_or(std::string_view text) {
  if (text.empty()) return fail(syntax("empty O/R address", text, 0));
  const bool slash_form = text[0] == '/';
  ORAddress a;
  std::vector<Entry> ous, ddas;
  std::optional<PrintableTeletex> s, g, i, gq;
  std::optional<x400::PersonalName> pn_attr;
  std::optional<std::string> net_num, net_sub;
  std::size_t pos = (text[0] == '/' || text[0] == ';') ? 1 : 0;
  if (pos == text.size()) return fail(syntax("no attributes", text, 0));
  while (pos < text.size()) {
    // One pair, up to the next unescaped separator.
    std::size_t end = pos;
    std::optional<std::size_t> eq, second_eq;
    while (end < text.size() && text[end] != '/' && text[end] != ';') {
      if (text[end] == '$') ++end;
      else if (text[end] == '=' && eq && !second_eq) second_eq = end;
      else if (text[end] == '=' && !eq) eq = end;
      if (end < text.size()) ++end;
    }
    if (end > text.size()) end = text.size();
    const std::string_view pair = text.substr(pos, end - pos);
    if (pair.empty()) return fail(syntax("empty attribute (two separators in a row)", text, pos));
    if (!eq) return fail(syntax("attribute without '='", text, pos));
    std::string_view key_raw = text.substr(pos, *eq - pos);
    while (!key_raw.empty() && key_raw.front() == ' ' && !slash_form) key_raw.remove_prefix(1);
    const std::size_t vat = *eq + 1;
    const std::string value = MIXER_TRY(unescape(text.substr(vat, end - vat), text, vat));
    if (value.empty()) return fail(syntax("attribute '" + std::string(key_raw) + "' has an empty value", text, vat));
    if (second_eq) return fail(syntax("unescaped '=' in value (write '$=')", text, *second_eq));

    // Domain-defined attributes: DD.type, DDA.type, DD:type, DDA:type, RFC-822.
    std::optional<std::string> dd_type;
    if (iequals(key_raw, "RFC-822")) {
      dd_type = "RFC-822";
    } else {
      for (std::string_view pfx : {"DD.", "DDA.", "DD:", "DDA:"})
        if (key_raw.size() > pfx.size() && iequals(key_raw.substr(0, pfx.size()), pfx)) {
          dd_type = MIXER_TRY(unescape(key_raw.substr(pfx.size()), text, pos + pfx.size()));
          break;
        }
    }
    if (dd_type) {
      if (!is_printable_string(*dd_type)) return fail(syntax("DDA type must be a PrintableString", text, pos));
      ddas.push_back({0, *dd_type, MIXER_TRY(decode_teletex_and_or_ps(value))});
      pos = end + 1;
      continue;
    }
    const KeyDef* def = nullptr;
    for (const auto& k : kKeys)
      if (iequals(k.name, key_raw)) def = &k;
    if (!def) return fail(syntax("unknown attribute keyword '" + std::string(key_raw) + "'", text, pos));
    auto printable = [&]() -> AddressResult<std::string> {
      if (!is_printable_string(value)) return fail(syntax(std::string(def->name) + " must be a PrintableString", text, vat));
      return value;
    };
    auto numeric = [&]() -> AddressResult<std::string> {
      if (!is_numeric_string(value)) return fail(syntax(std::string(def->name) + " must be a NumericString", text, vat));
      return value;
    };
    auto pt = [&]() { return decode_teletex_and_or_ps(value); };
    const std::string_view kn = def->name;
    switch (def->key) {
      case K::kC: MIXER_TRY(set_once(a.country_name, MIXER_TRY(numeric_or_printable(value, text, vat)), kn, text, pos)); break;
      case K::kAdmd:
        MIXER_TRY(set_once(a.administration_domain_name, MIXER_TRY(numeric_or_printable(value, text, vat)), kn, text, pos));
        break;
      case K::kPrmd:
        MIXER_TRY(set_once(a.private_domain_name, MIXER_TRY(numeric_or_printable(value, text, vat)), kn, text, pos));
        break;
      case K::kX121: MIXER_TRY(set_once(a.network_address, MIXER_TRY(numeric()), kn, text, pos)); break;
      case K::kTid: MIXER_TRY(set_once(a.terminal_identifier, MIXER_TRY(printable()), kn, text, pos)); break;
      case K::kUaId: MIXER_TRY(set_once(a.numeric_user_identifier, MIXER_TRY(numeric()), kn, text, pos)); break;
      case K::kO: {
        auto v = MIXER_TRY(pt());
        if (a.organization_name || a.teletex_organization_name) return fail(syntax("attribute O given twice", text, pos));
        a.organization_name = v.printable;
        a.teletex_organization_name = v.teletex;
        break;
      }
      case K::kCn: {
        auto v = MIXER_TRY(pt());
        if (a.common_name || a.teletex_common_name) return fail(syntax("attribute CN given twice", text, pos));
        a.common_name = v.printable;
        a.teletex_common_name = v.teletex;
        break;
      }
      case K::kOu: ous.push_back({def->ou_index, {}, MIXER_TRY(pt())}); break;
      case K::kPn: MIXER_TRY(set_once(pn_attr, MIXER_TRY(parse_encoded_pn(value)), kn, text, pos)); break;
      case K::kS: MIXER_TRY(set_once(s, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kG: MIXER_TRY(set_once(g, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kI: MIXER_TRY(set_once(i, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kGq: MIXER_TRY(set_once(gq, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdService: MIXER_TRY(set_once(a.pds_name, MIXER_TRY(printable()), kn, text, pos)); break;
      case K::kPdC:
        MIXER_TRY(set_once(a.physical_delivery_country_name, MIXER_TRY(numeric_or_printable(value, text, vat)), kn, text, pos));
        break;
      case K::kPdCode:
        MIXER_TRY(set_once(a.postal_code, MIXER_TRY(numeric_or_printable(value, text, vat)), kn, text, pos));
        break;
      case K::kPdOffice: MIXER_TRY(set_pds(a.physical_delivery_office_name, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdOfficeNum: MIXER_TRY(set_pds(a.physical_delivery_office_number, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdExtAddress: MIXER_TRY(set_pds(a.extension_or_address_components, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdPn: MIXER_TRY(set_pds(a.physical_delivery_personal_name, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdO: MIXER_TRY(set_pds(a.physical_delivery_organization_name, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdExtDelivery:
        MIXER_TRY(set_pds(a.extension_physical_delivery_address_components, MIXER_TRY(pt()), kn, text, pos));
        break;
      case K::kPdStreet: MIXER_TRY(set_pds(a.street_address, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdBox: MIXER_TRY(set_pds(a.post_office_box_address, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdRestante: MIXER_TRY(set_pds(a.poste_restante_address, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdUnique: MIXER_TRY(set_pds(a.unique_postal_name, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdLocal: MIXER_TRY(set_pds(a.local_postal_attributes, MIXER_TRY(pt()), kn, text, pos)); break;
      case K::kPdAddress: {
        // Repeatable: each PD-ADDRESS is one printable line; at most one teletex half.
        auto v = MIXER_TRY(pt());
        if (!a.unformatted_postal_address) a.unformatted_postal_address.emplace();
        auto& u = *a.unformatted_postal_address;
        if (v.printable) u.printable_lines.push_back(*v.printable);
        if (v.teletex) {
          if (u.teletex) return fail(syntax("PD-ADDRESS teletex form given twice", text, pos));
          u.teletex = v.teletex;
        }
        break;
      }
      case K::kNetNum: MIXER_TRY(set_once(net_num, MIXER_TRY(numeric()), kn, text, pos)); break;
      case K::kNetSub: MIXER_TRY(set_once(net_sub, MIXER_TRY(numeric()), kn, text, pos)); break;
      case K::kNetPsap:
        return fail(address_error(AddressErrorKind::kUnmappable,
                                  "NET-PSAP (RFC 1278 presentation address) is not supported", text, pos));
      case K::kTty: MIXER_TRY(set_once(a.terminal_type, MIXER_TRY(labelled_integer(value, text, vat)), kn, text, pos)); break;
    }
    pos = end + 1;
  }

  // Personal name: S/G/I/GQ (or PN, not both), printable and teletex halves.
  if (pn_attr && (s || g || i || gq)) return fail(syntax("PN together with S/G/I/GQ", text, 0));
  if (pn_attr) a.personal_name = *pn_attr;
  for (bool tele : {false, true}) {
    auto half = [&](const std::optional<PrintableTeletex>& x) -> std::optional<std::string> {
      if (!x) return std::nullopt;
      return tele ? x->teletex : x->printable;
    };
    const auto sv = half(s), gv = half(g), iv = half(i), qv = half(gq);
    if (!sv && !gv && !iv && !qv) continue;
    if (!sv) return fail(syntax(std::string(tele ? "teletex " : "") + "G/I/GQ given without surname S", text, 0));
    x400::PersonalName pn{*sv, gv, iv, qv};
    (tele ? a.teletex_personal_name : a.personal_name) = std::move(pn);
  }

  // OU order (§4.3.3): explicit OUn positions, else rightmost-first in the "/" form.
  bool any_indexed = false, any_plain = false;
  for (const auto& e : ous) (e.index ? any_indexed : any_plain) = true;
  if (any_indexed && any_plain) return fail(syntax("OU and OU1..OU4 mixed in one address", text, 0));
  if (any_indexed) {
    std::vector<Entry> sorted(4);
    std::vector<bool> seen(4, false);
    for (auto& e : ous) {
      if (seen[static_cast<std::size_t>(e.index - 1)])
        return fail(syntax("OU" + std::to_string(e.index) + " given twice", text, 0));
      seen[static_cast<std::size_t>(e.index - 1)] = true;
      sorted[static_cast<std::size_t>(e.index - 1)] = std::move(e);
    }
    std::size_t n = 0;
    while (n < 4 && seen[n]) ++n;
    for (std::size_t k = n; k < 4; ++k)
      if (seen[k]) return fail(syntax("OU" + std::to_string(k + 1) + " given without OU" + std::to_string(n + 1), text, 0));
    sorted.resize(n);
    ous = std::move(sorted);
  } else if (slash_form) {
    std::reverse(ous.begin(), ous.end());
  }
  if (slash_form) std::reverse(ddas.begin(), ddas.end());
  a.organizational_unit_names = take(ous, false);
  a.teletex_organizational_unit_names = take(ous, true);
  a.domain_defined_attributes = take_dda(ddas, false);
  a.teletex_domain_defined_attributes = take_dda(ddas, true);

  if (net_sub && !net_num) return fail(syntax("NET-SUB without NET-NUM", text, 0));
  if (net_num) a.extended_network_address = x400::ExtendedNetworkAddress{x400::ExtendedNetworkAddress::E1634{*net_num, net_sub}, std::nullopt};

  auto checked = check_or_address(a);
  if (!checked.ok()) {
    AddressError e = std::move(checked).error();
    if (e.input.empty()) e.input = std::string(text);
    return fail(std::move(e));
  }
  return a;
}

namespace {

void put(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out.push_back('=');
  out += value;
  out.push_back('/');
}

std::string pt_value(const std::optional<std::string>& p, const std::optional<std::string>& t) {
  std::string v;
  if (p) v = std_escape(*p);
  if (t) v += "*" + encode_teletex(*t);
  return v;
}

void put_pt(std::string& out, std::string_view key, const std::optional<std::string>& p,
            const std::optional<std::string>& t) {
  if (p || t) put(out, key, pt_value(p, t));
}

template <typename T>
std::optional<T> at(const std::vector<T>& v, std::size_t k) {
  return k < v.size() ? std::optional<T>(v[k]) : std::nullopt;
}

}  // namespace

AddressResult<std::string> print_std_or(const ORAddress& a) {
  auto unmappable = [](std::string what) {
    return address_error(AddressErrorKind::kUnmappable, what + " has no std-or keyword (RFC 2156 4.1.1)");
  };
  if (!a.other_extensions.empty())
    return fail(unmappable("extension attribute " + std::to_string(a.other_extensions.front().type)));
  if (a.universal_common_name || a.universal_organization_name || a.universal_personal_name ||
      !a.universal_organizational_unit_names.empty() || !a.universal_domain_defined_attributes.empty() ||
      a.universal_physical_delivery_office_name || a.universal_physical_delivery_office_number ||
      a.universal_extension_or_address_components || a.universal_physical_delivery_personal_name ||
      a.universal_physical_delivery_organization_name ||
      a.universal_extension_physical_delivery_address_components || a.universal_unformatted_postal_address ||
      a.universal_street_address || a.universal_post_office_box_address || a.universal_poste_restante_address ||
      a.universal_unique_postal_name || a.universal_local_postal_attributes)
    return fail(unmappable("a universal (X.400 1992) attribute"));
  if (a.extended_network_address && a.extended_network_address->psap) return fail(unmappable("NET-PSAP"));

  std::string out = "/";
  // Least significant first: personal name, the rest, then the hierarchy
  // (most significant OU/DDA rightmost, §4.3.3).
  const auto& pn = a.personal_name;
  const auto& tpn = a.teletex_personal_name;
  auto pnf = [](const std::optional<x400::PersonalName>& n, int f) -> std::optional<std::string> {
    if (!n) return std::nullopt;
    switch (f) {
      case 0: return n->given_name;
      case 1: return n->initials;
      case 2: return n->surname;
      default: return n->generation_qualifier;
    }
  };
  constexpr std::array<std::string_view, 4> kPnKeys{"G", "I", "S", "GQ"};
  for (int f = 0; f < 4; ++f) put_pt(out, kPnKeys[static_cast<std::size_t>(f)], pnf(pn, f), pnf(tpn, f));
  put_pt(out, "CN", a.common_name, a.teletex_common_name);
  if (a.numeric_user_identifier) put(out, "UA-ID", *a.numeric_user_identifier);
  if (a.terminal_identifier) put(out, "T-ID", std_escape(*a.terminal_identifier));
  if (a.network_address) put(out, "X121", *a.network_address);
  if (a.extended_network_address && a.extended_network_address->e163_4) {
    put(out, "NET-NUM", a.extended_network_address->e163_4->number);
    if (a.extended_network_address->e163_4->sub_address)
      put(out, "NET-SUB", *a.extended_network_address->e163_4->sub_address);
  }
  if (a.terminal_type) {
    std::string v;
    for (const auto& l : kTerminalLabels)
      if (l.value == *a.terminal_type) v = l.label;
    put(out, "T-TY", v + "(" + std::to_string(*a.terminal_type) + ")");
  }
  if (a.pds_name) put(out, "PD-SERVICE", std_escape(*a.pds_name));
  if (a.physical_delivery_country_name) put(out, "PD-C", std_escape(a.physical_delivery_country_name->value));
  if (a.postal_code) put(out, "PD-CODE", std_escape(a.postal_code->value));
  const std::array<std::pair<std::string_view, const std::optional<x400::PdsParameter>*>, 11> pds{{
      {"PD-OFFICE", &a.physical_delivery_office_name},
      {"PD-OFFICE-NUM", &a.physical_delivery_office_number},
      {"PD-EXT-ADDRESS", &a.extension_or_address_components},
      {"PD-PN", &a.physical_delivery_personal_name},
      {"PD-O", &a.physical_delivery_organization_name},
      {"PD-EXT-DELIVERY", &a.extension_physical_delivery_address_components},
      {"PD-STREET", &a.street_address},
      {"PD-BOX", &a.post_office_box_address},
      {"PD-RESTANTE", &a.poste_restante_address},
      {"PD-UNIQUE", &a.unique_postal_name},
      {"PD-LOCAL", &a.local_postal_attributes},
  }};
  for (const auto& [key, p] : pds)
    if (*p) put_pt(out, key, (*p)->printable, (*p)->teletex);
  if (a.unformatted_postal_address) {
    const auto& u = *a.unformatted_postal_address;
    for (std::size_t k = 0; k < u.printable_lines.size(); ++k)
      put_pt(out, "PD-ADDRESS", u.printable_lines[k], k == 0 ? u.teletex : std::nullopt);
    if (u.printable_lines.empty()) put_pt(out, "PD-ADDRESS", std::nullopt, u.teletex);
  }
  // DDAs, most significant rightmost; a teletex DDA pairs with the printable
  // one of the same position.
  const auto& pd = a.domain_defined_attributes;
  const auto& td = a.teletex_domain_defined_attributes;
  for (std::size_t k = std::max(pd.size(), td.size()); k-- > 0;) {
    auto p = at(pd, k);
    auto t = at(td, k);
    if (p && t && !iequals(p->type, t->type)) {
      put(out, "DD." + std_escape(t->type), "*" + encode_teletex(t->value));
      t.reset();
    }
    const std::string& type = p ? p->type : t->type;
    put(out, "DD." + std_escape(type),
        pt_value(p ? std::optional<std::string>(p->value) : std::nullopt,
                 t ? std::optional<std::string>(t->value) : std::nullopt));
  }
  const auto& po = a.organizational_unit_names;
  const auto& to = a.teletex_organizational_unit_names;
  for (std::size_t k = std::max(po.size(), to.size()); k-- > 0;) put_pt(out, "OU", at(po, k), at(to, k));
  put_pt(out, "O", a.organization_name, a.teletex_organization_name);
  if (a.private_domain_name) put(out, "PRMD", std_escape(a.private_domain_name->value));
  if (a.administration_domain_name) put(out, "ADMD", std_escape(a.administration_domain_name->value));
  if (a.country_name) put(out, "C", std_escape(a.country_name->value));
  if (out == "/") return fail(address_error(AddressErrorKind::kSyntax, "empty O/R address"));
  return out;
}

}  // namespace mixer::mapping::address
