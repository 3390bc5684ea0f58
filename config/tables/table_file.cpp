#include "config/tables/table_file.hpp"

#include <fstream>
#include <sstream>

#include "mapping/address/idn.hpp"
#include "mapping/address/or_prefix.hpp"
#include "mapping/address/rfc822.hpp"

namespace mixer::config::tables {

namespace ma = mixer::mapping::address;

namespace {

// A domain in a table: dot-separated labels, each LDH or a U-label.
Result<std::string> table_domain(std::string_view field) {
  if (field.empty()) return fail(std::string("empty domain"));
  auto ascii = ma::domain_to_ascii(field);
  if (!ascii.ok()) return fail(ascii.error().what);
  std::size_t start = 0;
  const std::string& d = *ascii;
  for (;;) {
    const auto dot = d.find('.', start);
    const auto label = std::string_view(d).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty() || label.size() > 63) return fail("bad domain label '" + std::string(label) + "' in '" + d + "'");
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
        return fail("domain '" + std::string(field) + "' has a character outside letters, digits and '-'");
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (d.size() > 255) return fail(std::string("domain longer than 255 octets"));
  return *ascii;
}

}  // namespace

Result<Ok, TableErrors> parse_table(std::string_view text, std::string_view name, TableKind kind,
                                    ma::MappingContext& ctx, const TableLimits& limits) {
  TableErrors errors;
  const std::string file(name);
  switch (kind) {
    case TableKind::kTable1: ctx.table1 = ma::DomainTable(file); break;
    case TableKind::kTable2: ctx.table2 = ma::OrTable(file); break;
    case TableKind::kGateway:
      ctx.gate1 = ma::OrTable(file);
      ctx.gate2 = ma::DomainTable(file);
      break;
  }
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size() && errors.size() < limits.max_errors) {
    ++line_no;
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto error = [&](std::string msg) { errors.push_back({file, line_no, std::move(msg)}); };
    if (line.size() > limits.max_line_length) {
      error("line longer than " + std::to_string(limits.max_line_length) + " octets");
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    bool blank = true;
    for (char c : line) blank = blank && (c == ' ' || c == '\t');
    if (blank) continue;
    const auto first = line.find('#');
    if (first == std::string_view::npos) {
      error("missing '#' between the two fields (App. F: key#value#)");
      continue;
    }
    if (line.back() != '#' || line.size() == first + 1) {
      error("missing trailing '#' (App. F: key#value#)");
      continue;
    }
    const std::string_view key = line.substr(0, first);
    const std::string_view value = line.substr(first + 1, line.size() - first - 2);
    if (value.find('#') != std::string_view::npos) {
      error("more than two fields");
      continue;
    }
    const bool key_is_or = key.find('$') != std::string_view::npos;
    bool or_first = false;
    switch (kind) {
      case TableKind::kTable1: or_first = false; break;
      case TableKind::kTable2: or_first = true; break;
      case TableKind::kGateway: or_first = key_is_or; break;
    }
    if (or_first != key_is_or) {
      error(or_first ? "first field must be a dmn-or O/R prefix (table 2: prefix#domain#)"
                     : "first field must be a domain (table 1: domain#prefix#)");
      continue;
    }
    const std::string_view domain_field = or_first ? value : key;
    const std::string_view or_field = or_first ? key : value;
    auto domain = table_domain(domain_field);
    if (!domain.ok()) {
      error(domain.error());
      continue;
    }
    auto prefix = ma::parse_dmn_or(or_field);
    if (!prefix.ok()) {
      error("bad dmn-or '" + std::string(or_field) + "': " + prefix.error().what);
      continue;
    }
    ma::TableEntry entry{std::move(*domain), std::move(*prefix), line_no};
    ma::AddressResult<Ok> added = Ok{};
    if (kind == TableKind::kTable1) added = ctx.table1.add(std::move(entry));
    else if (kind == TableKind::kTable2) added = ctx.table2.add(std::move(entry));
    else if (or_first) added = ctx.gate1.add(std::move(entry));
    else added = ctx.gate2.add(std::move(entry));
    if (!added.ok()) error(added.error().what);
  }
  if (!errors.empty()) return fail(std::move(errors));
  return Ok{};
}

Result<Ok, TableErrors> load_table_file(const std::filesystem::path& path, TableKind kind, ma::MappingContext& ctx,
                                        const TableLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(TableErrors{{path.string(), 0, "cannot open the table file"}});
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return fail(TableErrors{{path.string(), 0, "read error"}});
  return parse_table(ss.str(), path.string(), kind, ctx, limits);
}

}  // namespace mixer::config::tables
