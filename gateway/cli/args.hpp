// A small, strict command-line parser for the `mixer` subcommands and `mixerd`.
// Options are declared up front (so --help is generated from the same table);
// anything undeclared, a missing value or a missing positional is a usage error
// (exit status 2, see cli.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace mixer::cli {

struct OptionSpec {
  std::string name;         // "--config"
  std::string value_name;   // "FILE"; empty for a flag
  std::string help;
  bool repeatable = false;  // --rcpt A --rcpt B
};

struct PositionalSpec {
  std::string name;  // "ADDRESS", "FILE..." when variadic
  std::string help;
  bool required = true;
  bool variadic = false;
};

class ArgSpec {
 public:
  ArgSpec& flag(std::string name, std::string help);
  ArgSpec& option(std::string name, std::string value_name, std::string help);
  ArgSpec& repeated(std::string name, std::string value_name, std::string help);
  ArgSpec& positional(std::string name, std::string help, bool required = true);
  ArgSpec& variadic(std::string name, std::string help, bool required = true);

  const OptionSpec* find(std::string_view name) const;
  const std::vector<OptionSpec>& options() const { return options_; }
  const std::vector<PositionalSpec>& positionals() const { return positionals_; }

  // "Usage: mixer map-address [options] ADDRESS" plus one line per option.
  std::string help_text(std::string_view command_line, std::string_view summary) const;

 private:
  std::vector<OptionSpec> options_;
  std::vector<PositionalSpec> positionals_;
};

class ParsedArgs {
 public:
  bool has(std::string_view name) const;
  std::optional<std::string> get(std::string_view name) const;
  std::string get_or(std::string_view name, std::string fallback) const;
  std::vector<std::string> all(std::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  bool help_requested() const { return help_; }

 private:
  friend Result<ParsedArgs> parse_args(const ArgSpec&, const std::vector<std::string>&);
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positionals_;
  bool help_ = false;
};

// --help / -h anywhere sets help_requested() and skips the positional checks.
// "--name=value" and "--name value" are both accepted; "--" ends the options.
Result<ParsedArgs> parse_args(const ArgSpec& spec, const std::vector<std::string>& args);

// Parses an integer option within [min, max]; the error names the option.
Result<long long> parse_int(std::string_view option, std::string_view text, long long min, long long max);

}  // namespace mixer::cli
