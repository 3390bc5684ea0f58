#include "mapping/address/map_address.hpp"

#include <array>

#include "mapping/address/idn.hpp"
#include "mapping/address/or_shape.hpp"
#include "mapping/address/or_values.hpp"
#include "mapping/address/ps_encoding.hpp"
#include "mapping/address/std_or.hpp"

namespace mixer::mapping::address {

namespace {

using x400::ORAddress;

constexpr std::string_view kRuleStdOrAtLocal = "RFC 2156 4.4: std-or local part at the gateway's own domain, decoded";
constexpr std::string_view kRuleStdOrAtGate1 = "RFC 2156 4.4: std-or local part at a gate1 gateway domain, decoded";
constexpr std::string_view kRuleTable1 = "RFC 2156 4.3.4 stage I: table 1 domain -> O/R prefix";
constexpr std::string_view kRuleDdaLocal = "RFC 2156 4.3.4 stage II / 4.3.2: RFC-822 DDA under the local gateway";
constexpr std::string_view kRuleDdaGate2 = "RFC 2156 4.3.4 stage II / 4.3.2: RFC-822 DDA under a gate2 gateway";
constexpr std::string_view kRuleMappingALocal = "RFC 2156 4.3.5 mapping A: RFC-822 DDA at the local gateway, decoded";
constexpr std::string_view kRuleMappingAGate2 = "RFC 2156 4.3.5 mapping A: RFC-822 DDA at a gate2 gateway, decoded";
constexpr std::string_view kRuleTable2 = "RFC 2156 4.3.5 mapping B: table 2 O/R prefix -> domain";
constexpr std::string_view kRuleStdOrLocal = "RFC 2156 4.3.5 mapping B: std-or at the local gateway domain";
constexpr std::string_view kRuleStdOrGate1 = "RFC 2156 4.3.5 mapping B: std-or at a gate1 gateway domain";

constexpr std::size_t kMaxDomainLength = 255;  // RFC 1035 2.3.4
constexpr std::size_t kMaxLabelLength = 63;

constexpr std::array<std::size_t, kHierarchyLevels> kLevelBounds{
    x400::ub::kCountryNameAlphaLength,       x400::ub::kDomainNameLength,
    x400::ub::kDomainNameLength,             x400::ub::kOrganizationNameLength,
    x400::ub::kOrganizationalUnitNameLength, x400::ub::kOrganizationalUnitNameLength,
    x400::ub::kOrganizationalUnitNameLength, x400::ub::kOrganizationalUnitNameLength};

void clear_level(ORAddress& a, std::size_t k) {
  switch (k) {
    case 0: a.country_name.reset(); break;
    case 1: a.administration_domain_name.reset(); break;
    case 2: a.private_domain_name.reset(); break;
    case 3: a.organization_name.reset(); break;
    default:
      if (!a.organizational_unit_names.empty()) a.organizational_unit_names.erase(a.organizational_unit_names.begin());
  }
}

ORAddress hierarchy_only(const ORAddress& a) {
  ORAddress h;
  h.country_name = a.country_name;
  h.administration_domain_name = a.administration_domain_name;
  h.private_domain_name = a.private_domain_name;
  h.organization_name = a.organization_name;
  h.organizational_unit_names = a.organizational_unit_names;
  return h;
}

std::string hierarchy_key(const ORAddress& a) {
  std::size_t depth = 0;
  for (std::size_t k = 0; k < kHierarchyLevels; ++k)
    if (hierarchy_value(a, k)) depth = k + 1;
  std::string key;
  for (std::size_t k = 0; k < depth; ++k) append_level_key(key, hierarchy_value(a, k));
  return key;
}

// Case-insensitive equality of two O/R addresses (X.411 12.5: PrintableString
// attributes compare without regard to case).
bool same_address(const ORAddress& a, const ORAddress& b) {
  auto pa = print_std_or(a);
  auto pb = print_std_or(b);
  return pa.ok() && pb.ok() && iequals(*pa, *pb);
}

bool stage1_local_chars_ok(std::string_view local) {
  if (local.empty() || local.front() == ' ' || local.back() == ' ' || local.find("  ") != std::string_view::npos)
    return false;  // §4.3.4 step 4
  for (char c : local)
    if (!is_printable_string_char(c) && c != '{' && c != '}' && c != '*' && c != '$') return false;  // step 5
  return true;
}

// §4.3.4 stage I below a table 1 match, written straight into `out` (a
// default address): building one ORAddress in place instead of three and
// moving them is most of the mapping's speed. false sends the address to
// stage II; `out` is then left half-built and must be dropped.
bool stage1(const AddrSpec& addr, std::string_view domain_ascii, const TableMatch& m, ORAddress& out) {
  apply_prefix(out, m.prefix);
  std::size_t level = m.prefix.depth();
  // Labels below the matched domain, right to left: skip the `covered`
  // labels at the end, then take one label at a time leftwards.
  std::size_t stop = domain_ascii.size();  // the uncovered text is domain_ascii[0, stop)
  bool more = true;
  for (std::size_t c = 0; c < m.covered && more; ++c) {
    const auto dot = stop == 0 ? std::string_view::npos : domain_ascii.rfind('.', stop - 1);
    if (dot == std::string_view::npos) more = false;
    else stop = dot;
  }
  while (more) {
    const auto dot = stop == 0 ? std::string_view::npos : domain_ascii.rfind('.', stop - 1);
    const std::size_t begin = dot == std::string_view::npos ? 0 : dot + 1;
    const std::string_view label = domain_ascii.substr(begin, stop - begin);
    if (level >= kHierarchyLevels || !is_domain_syntax(label) || label.size() > kLevelBounds[level]) return false;
    set_level(out, level++, std::string(label));
    if (dot == std::string_view::npos) break;
    stop = dot;
  }
  const std::string& local = addr.local_part;
  if (!stage1_local_chars_ok(local)) return false;
  if (local.find('=') != std::string::npos) {
    auto parsed = parse_std_or(local);
    if (!parsed.ok()) return false;
    ORAddress& merged = *parsed;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto v = hierarchy_value(out, k);
      if (!v) continue;
      if (hierarchy_value(merged, k)) return false;  // step 8: duplicate between domain and local part
      set_level(merged, k, std::string(*v));
    }
    std::vector<std::string> ous = std::move(out.organizational_unit_names);
    ous.insert(ous.end(), merged.organizational_unit_names.begin(), merged.organizational_unit_names.end());
    merged.organizational_unit_names = std::move(ous);
    out = std::move(merged);
  } else {
    auto pn = parse_encoded_pn(local);
    if (!pn.ok()) return false;
    out.personal_name = std::move(*pn);
  }
  if (!out.country_name || !out.administration_domain_name) return false;
  return check_or_address(out).ok();  // step 7/8
}

// True when `a` has no hierarchy attribute at or below `level` (the levels
// above it having been moved into the domain, as clear_level would).
bool no_levels_from(const ORAddress& a, std::size_t level) {
  for (std::size_t k = level; k < 4; ++k)
    if (hierarchy_value(a, k)) return false;
  return a.organizational_unit_names.size() <= (level > 4 ? level - 4 : 0);
}

// Appends the local part as print_local_part writes it.
AddressResult<Ok> append_local_part(std::string& out, std::string_view local) {
  if (is_dot_atom_text(local)) {
    out += local;
    return Ok{};
  }
  out += MIXER_TRY(print_local_part(local));
  return Ok{};
}

std::string route_prefix(const std::vector<std::string>& route) {
  std::string out;
  for (std::size_t k = 0; k < route.size(); ++k) out += (k ? ",@" : "@") + route[k];
  if (!out.empty()) out.push_back(':');
  return out;
}

}  // namespace

std::string Decision::explain() const {
  std::string s(rule);
  if (!table.empty()) s += " [" + std::string(table) + (line ? ":" + std::to_string(line) : std::string()) + "]";
  return s;
}

AddressResult<OrMapping> map_822_to_x400(const MappingContext& ctx, std::string_view text) {
  RoutedAddress r = MIXER_TRY(parse_address(text));
  // §4.4: a route through the gateway itself is removed.
  while (!r.route.empty() && iequals(r.route.front(), ctx.local_domain)) r.route.erase(r.route.begin());
  AddrSpec& addr = r.addr;
  for (std::size_t i = 0; i < addr.local_part.size(); ++i)
    if (static_cast<unsigned char>(addr.local_part[i]) >= 0x80)
      return fail(address_error(AddressErrorKind::kNonAscii,
                                "non-ASCII (SMTPUTF8) local part has no X.400 representation; refused (SMTP 553 5.6.7)",
                                addr.local_part, i));
  std::string domain_lower;
  if (!addr.domain_literal) {
    domain_lower = MIXER_TRY(domain_to_ascii(addr.domain));
    if (!addr.is_ascii()) addr.domain = domain_lower;  // A-labels from here on
    if (addr.domain.size() > kMaxDomainLength)
      return fail(address_error(AddressErrorKind::kSyntax, "domain longer than 255 octets", addr.domain));
  }

  if (r.route.empty() && !addr.domain_literal) {
    const bool at_local = !ctx.local_domain.empty() && domain_lower == ctx.local_domain;
    if (at_local || (ctx.gate1.size() != 0 && ctx.gate1.has_domain(domain_lower))) {  // size(): no hash for no table
      auto parsed = parse_std_or(addr.local_part);
      if (parsed.ok() && parsed->country_name && parsed->administration_domain_name)
        return OrMapping{std::move(*parsed), {at_local ? kRuleStdOrAtLocal : kRuleStdOrAtGate1,
                                              at_local ? std::string_view{} : std::string_view(ctx.gate1.source()), 0}};
      if (at_local) {
        if (!parsed.ok() && addr.local_part.starts_with("/")) return fail(std::move(parsed).error());
        if (parsed.ok())
          return fail(address_error(AddressErrorKind::kUnmappable,
                                    "std-or at the gateway domain lacks C or ADMD", addr.local_part));
        return fail(address_error(AddressErrorKind::kLocalToGateway,
                                  "address at the gateway's own domain is not an X.400 address (no std-or local part)",
                                  text));
      }
    }
    if (const auto m = ctx.table1.longest_match(domain_lower)) {
      OrMapping out;
      if (stage1(addr, addr.domain, m, out.address)) {
        out.decision = {kRuleTable1, ctx.table1.source(), m.line};
        return out;
      }
    }
  }

  // Stage II (§4.3.2): the whole address in the RFC-822 DDA.
  const std::string value =
      r.route.empty() ? MIXER_TRY(print_addr_spec(addr)) : route_prefix(r.route) + MIXER_TRY(print_addr_spec(addr));
  std::string encoded = MIXER_TRY(ps_encode(value));
  if (encoded.size() > x400::ub::kDomainDefinedAttributeValueLength)
    return fail(address_error(AddressErrorKind::kTooLong,
                              "RFC-822 DDA value would be " + std::to_string(encoded.size()) +
                                  " characters after ps-encoding, over ub-domain-defined-attribute-value-length (128)",
                              value));
  OrMapping out;
  if (const auto g = addr.domain_literal ? TableMatch{} : ctx.gate2.longest_match(domain_lower)) {
    apply_prefix(out.address, g.prefix);
    out.decision = {kRuleDdaGate2, ctx.gate2.source(), g.line};
  } else {
    if (!ctx.local_or.country_name)
      return fail(address_error(AddressErrorKind::kUnmappable, "the gateway's own O/R address is not configured"));
    out.address = ctx.local_or;
    out.decision = {kRuleDdaLocal, {}, 0};
  }
  if (out.address.domain_defined_attributes.size() >= x400::ub::kDomainDefinedAttributes)
    return fail(address_error(AddressErrorKind::kTooLong, "gateway O/R address already has 4 DDAs"));
  out.address.domain_defined_attributes.push_back({"RFC-822", std::move(encoded)});
  return out;
}

AddressResult<RfcMapping> map_x400_to_822(const MappingContext& ctx, const ORAddress& a) {
  // Mapping A: exactly one RFC-822 DDA, the rest a known gateway.
  if (a.teletex_domain_defined_attributes.empty()) {
    std::size_t idx = 0, count = 0;
    for (std::size_t k = 0; k < a.domain_defined_attributes.size(); ++k)
      if (iequals(a.domain_defined_attributes[k].type, "RFC-822")) idx = k, ++count;
    if (count == 1) {
      ORAddress rest = a;
      rest.domain_defined_attributes.erase(rest.domain_defined_attributes.begin() + static_cast<long>(idx));
      Decision d;
      if (ctx.local_or.country_name && same_address(rest, ctx.local_or)) {
        d = {kRuleMappingALocal, {}, 0};
      } else if (rest == hierarchy_only(rest)) {
        if (const auto* e = ctx.gate2.find_prefix(hierarchy_key(rest))) d = {kRuleMappingAGate2, ctx.gate2.source(), e->line};
      }
      if (!d.rule.empty()) {
        auto decoded = ps_decode(a.domain_defined_attributes[idx].value);
        if (decoded.ok()) {
          auto parsed = parse_address(decoded->starts_with("@") ? "<" + *decoded + ">" : *decoded);
          if (parsed.ok()) {
            auto printed = print_addr_spec(parsed->addr);
            if (printed.ok()) return RfcMapping{route_prefix(parsed->route) + *printed, d};
          }
        }
        // Not a valid RFC 822 address inside: fall through to mapping B (std-or keeps every attribute).
      }
    }
  }

  // Mapping B with table 2. The levels below the prefix join the domain
  // while they are domain-syntax; the rest of the address (`a` without the
  // levels above `level`) is checked in place and copied only when it has to
  // be written as std-or.
  if (const auto m = ctx.table2.longest_match(a)) {
    std::array<std::string_view, kHierarchyLevels> labels;
    std::size_t n = 0;
    std::size_t domain_size = m.domain.size();
    std::size_t level = m.covered;
    for (; level < kHierarchyLevels; ++level) {
      const auto v = hierarchy_value(a, level);
      if (!v || !is_domain_syntax(*v) || v->size() > kMaxLabelLength) break;  // stop rule of §4.3.5
      if (domain_size + v->size() + 1 > kMaxDomainLength) break;
      if (level == 3 && a.teletex_organization_name) break;  // keep the pair together in the local part
      if (level >= 4 && a.teletex_organizational_unit_names.size() > level - 4) break;
      labels[n++] = *v;
      domain_size += v->size() + 1;
    }
    const bool bare = has_only_hierarchy_and_pn(a) && no_levels_from(a, level);
    if (!bare || a.personal_name) {
      std::optional<std::string> local;
      if (bare) local = print_encoded_pn(*a.personal_name);
      if (!local) {
        ORAddress rest = a;
        for (std::size_t k = 0; k < level; ++k) clear_level(rest, k);
        local = MIXER_TRY(print_std_or(rest));
      }
      RfcMapping out{{}, {kRuleTable2, ctx.table2.source(), m.line}};
      out.address.reserve(local->size() + 3 + domain_size);
      MIXER_TRY(append_local_part(out.address, *local));
      out.address.push_back('@');
      for (std::size_t k = n; k-- > 0;) {
        out.address += labels[k];
        out.address.push_back('.');
      }
      out.address += m.domain;
      return out;
    }
    // §4.3.5: the local part cannot be empty; use the std-or form below.
  }

  const std::string local = MIXER_TRY(print_std_or(a));
  const std::string lp = MIXER_TRY(print_local_part(local));
  if (const auto g = ctx.gate1.longest_match(a))
    return RfcMapping{lp + "@" + std::string(g.domain), {kRuleStdOrGate1, ctx.gate1.source(), g.line}};
  if (ctx.local_domain.empty())
    return fail(address_error(AddressErrorKind::kUnmappable, "the gateway's own domain is not configured"));
  return RfcMapping{lp + "@" + ctx.local_domain, {kRuleStdOrLocal, {}, 0}};
}

}  // namespace mixer::mapping::address
