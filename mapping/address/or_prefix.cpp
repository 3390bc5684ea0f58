#include "mapping/address/or_prefix.hpp"

#include <algorithm>

#include "mapping/address/or_values.hpp"
#include "mapping/address/ps_encoding.hpp"

namespace mixer::mapping::address {

namespace {

AddressError syntax(std::string what, std::string_view input, std::size_t offset) {
  return address_error(AddressErrorKind::kSyntax, std::move(what), input, offset);
}

constexpr std::array<std::size_t, kHierarchyLevels> kBounds{
    x400::ub::kCountryNameNumericLength,     x400::ub::kDomainNameLength,
    x400::ub::kDomainNameLength,             x400::ub::kOrganizationNameLength,
    x400::ub::kOrganizationalUnitNameLength, x400::ub::kOrganizationalUnitNameLength,
    x400::ub::kOrganizationalUnitNameLength, x400::ub::kOrganizationalUnitNameLength};

}  // namespace

AddressResult<OrPrefix> parse_dmn_or(std::string_view text) {
  struct Part {
    std::size_t level;
    std::optional<std::string> value;
    std::size_t offset;
  };
  std::vector<Part> parts;
  std::size_t pos = 0;
  if (text.empty()) return fail(syntax("empty dmn-or address", text, 0));
  while (pos <= text.size()) {
    std::string raw;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != '.') {
      if (text[pos] == '\\' && pos + 1 < text.size() && text[pos + 1] == '.') ++pos;
      raw.push_back(text[pos++]);
    }
    const auto dollar = raw.find('$');
    if (dollar == std::string::npos) return fail(syntax("dmn-part without '$'", text, start));
    const std::string key = raw.substr(0, dollar);
    std::string value = raw.substr(dollar + 1);
    std::size_t level = kHierarchyLevels;
    if (iequals(key, "C")) level = 0;
    else if (iequals(key, "ADMD")) level = 1;
    else if (iequals(key, "PRMD")) level = 2;
    else if (iequals(key, "O")) level = 3;
    else if (iequals(key, "OU")) level = 4;
    if (level == kHierarchyLevels)
      return fail(syntax("unknown or unsupported dmn-or attribute '" + key + "' (C ADMD PRMD O OU)", text, start));
    if (value.empty()) return fail(syntax("empty value in dmn-part (use '@' for an omitted level)", text, start));
    std::optional<std::string> v;
    if (value != "@") {
      for (std::size_t k = 0; k < value.size(); ++k)
        if (!is_printable_string_char(value[k]))
          return fail(syntax("dmn-or value is not a PrintableString", text, start + dollar + 1 + k));
      v = std::move(value);
    }
    parts.push_back({level, std::move(v), start});
    if (pos == text.size()) break;
    ++pos;
  }
  std::reverse(parts.begin(), parts.end());  // most significant first
  OrPrefix p;
  for (const auto& part : parts) {
    std::size_t want = part.level;
    if (want == 4) {  // OU: the next OU slot
      want = std::max<std::size_t>(p.depth(), 4);
      if (p.depth() > 4 && !p.levels.back())
        return fail(syntax("OUs must follow one another", text, part.offset));
      if (want >= kHierarchyLevels) return fail(syntax("more than 4 OUs", text, part.offset));
    }
    if (want < p.depth()) return fail(syntax("dmn-or parts out of hierarchy order (C last)", text, part.offset));
    while (p.depth() < want) p.levels.emplace_back(std::nullopt);  // skipped levels are omitted
    if (part.value && part.value->size() > kBounds[want])
      return fail(address_error(AddressErrorKind::kTooLong,
                                std::string(kLevelNames[want]) + " longer than " + std::to_string(kBounds[want]),
                                text, part.offset));
    if (want == 0 && part.value) {
      const std::string& c = *part.value;
      bool ok = c.size() == 2 || c.size() == 3;
      for (char ch : c) ok = ok && (c.size() == 2 ? ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))
                                                   : (ch >= '0' && ch <= '9'));
      if (!ok) return fail(syntax("country must be 2 letters (ISO 3166) or 3 digits (X.121 DCC)", text, part.offset));
    }
    p.levels.push_back(part.value);
  }
  if (p.depth() < 2 || !p.levels[0] || !p.levels[1])
    return fail(syntax("a dmn-or prefix needs C and ADMD (X.411)", text, 0));
  return p;
}

std::string print_dmn_or(const OrPrefix& p) {
  std::string out;
  for (std::size_t k = p.depth(); k-- > 0;) {
    out += k >= 4 ? "OU" : std::string(kLevelNames[k]);
    out.push_back('$');
    if (!p.levels[k]) {
      out.push_back('@');
    } else {
      for (char c : *p.levels[k]) {
        if (c == '.') out.push_back('\\');
        out.push_back(c);
      }
    }
    if (k > 0) out.push_back('.');
  }
  return out;
}

std::optional<std::string_view> hierarchy_value(const x400::ORAddress& a, std::size_t k) {
  auto opt = [](const auto& o) -> std::optional<std::string_view> {
    if (!o) return std::nullopt;
    if constexpr (std::is_same_v<std::decay_t<decltype(*o)>, x400::NumericOrPrintable>)
      return std::string_view(o->value);
    else
      return std::string_view(*o);
  };
  switch (k) {
    case 0: return opt(a.country_name);
    case 1: return opt(a.administration_domain_name);
    case 2: return opt(a.private_domain_name);
    case 3: return opt(a.organization_name);
    default:
      if (k - 4 < a.organizational_unit_names.size()) return std::string_view(a.organizational_unit_names[k - 4]);
      return std::nullopt;
  }
}

void set_level(x400::ORAddress& a, std::size_t k, std::string value) {
  const bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  switch (k) {
    case 0: a.country_name = x400::NumericOrPrintable{std::move(value), digits}; break;
    case 1: a.administration_domain_name = x400::NumericOrPrintable{std::move(value), digits}; break;
    case 2: a.private_domain_name = x400::NumericOrPrintable{std::move(value), digits}; break;
    case 3: a.organization_name = std::move(value); break;
    default:
      if (a.organizational_unit_names.size() < k - 3) a.organizational_unit_names.resize(k - 3);
      a.organizational_unit_names[k - 4] = std::move(value);
  }
}

void apply_prefix(x400::ORAddress& a, const OrPrefix& p) {
  for (std::size_t k = 0; k < p.depth(); ++k)
    if (p.levels[k]) set_level(a, k, *p.levels[k]);
}

std::optional<std::string> pack_prefix(const OrPrefix& p) {
  if (p.depth() > kHierarchyLevels) return std::nullopt;
  std::string out(1, static_cast<char>(p.depth()));
  for (const auto& l : p.levels) {
    if (!l) {
      out.push_back(static_cast<char>(kPackedOmitted));
      continue;
    }
    if (l->size() > kPackedMaxValue) return std::nullopt;
    out.push_back(static_cast<char>(l->size()));
    out += *l;
  }
  return out;
}

void apply_prefix(x400::ORAddress& a, const PackedPrefix& p) {
  p.for_each([&a](std::size_t k, std::optional<std::string_view> v) {
    if (v) set_level(a, k, std::string(*v));
  });
}

void append_level_key(std::string& key, std::optional<std::string_view> value) {
  key.push_back('\x1f');
  if (!value) {
    key.push_back('\x01');
    return;
  }
  if (value->empty() || *value == " ") {
    key.push_back(' ');
    return;
  }
  for (char c : *value) key.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
}

std::string prefix_key(const OrPrefix& p) {
  std::string key;
  for (const auto& l : p.levels) append_level_key(key, l ? std::optional<std::string_view>(*l) : std::nullopt);
  return key;
}

}  // namespace mixer::mapping::address
