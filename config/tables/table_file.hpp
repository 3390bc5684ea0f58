// Mapping-table files in the RFC 2156 App. F text syntax (also RFC 2163's
// table names):
//   table1  domain "#" dmn-or "#"      RFC 822 domain -> O/R prefix
//   table2  dmn-or "#" domain "#"      O/R prefix -> RFC 822 domain
//   gateway table: lines of either shape, told apart by the first field
//     (a domain never contains "$"): "dmn-or#domain#" is gate1 (O/R prefix
//     -> Internet-side gateway domain), "domain#dmn-or#" is gate2 (RFC 822
//     domain -> O/R address of the X.400-side gateway).
// Lines starting with "#" and blank lines are comments. The trailing "#" is
// required (values may end in spaces, e.g. "ADMD$ "). Domains may be
// U-labels; they are stored as lower-case A-labels. Every bad line is an
// error "FILE:LINE: message"; all errors are collected (up to a limit).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mapping/address/context.hpp"

namespace mixer::config::tables {

enum class TableKind { kTable1, kTable2, kGateway };

struct TableError {
  std::string file;
  std::size_t line = 0;
  std::string message;
  std::string to_string() const { return file + ":" + std::to_string(line) + ": " + message; }
};

struct TableLimits {
  // Errors collected before parsing stops. Range 1..10,000.
  std::size_t max_errors = 20;
  // Longest accepted line in octets. Range 64..65,536.
  std::size_t max_line_length = 4096;
};

using TableErrors = std::vector<TableError>;

// Parses table text into the tables of `ctx` that `kind` fills (table1,
// table2, or gate1 + gate2). `name` is used in errors and explanations.
Result<Ok, TableErrors> parse_table(std::string_view text, std::string_view name, TableKind kind,
                                    mapping::address::MappingContext& ctx, const TableLimits& limits = {});

// Reads a file and parses it as above; an unreadable file is one error.
Result<Ok, TableErrors> load_table_file(const std::filesystem::path& path, TableKind kind,
                                        mapping::address::MappingContext& ctx, const TableLimits& limits = {});

}  // namespace mixer::config::tables
