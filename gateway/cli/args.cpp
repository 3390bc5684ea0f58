#include "gateway/cli/args.hpp"

#include <charconv>
#include <sstream>

namespace mixer::cli {

ArgSpec& ArgSpec::flag(std::string name, std::string help) {
  options_.push_back({std::move(name), "", std::move(help), false});
  return *this;
}
ArgSpec& ArgSpec::option(std::string name, std::string value_name, std::string help) {
  options_.push_back({std::move(name), std::move(value_name), std::move(help), false});
  return *this;
}
ArgSpec& ArgSpec::repeated(std::string name, std::string value_name, std::string help) {
  options_.push_back({std::move(name), std::move(value_name), std::move(help), true});
  return *this;
}
ArgSpec& ArgSpec::positional(std::string name, std::string help, bool required) {
  positionals_.push_back({std::move(name), std::move(help), required, false});
  return *this;
}
ArgSpec& ArgSpec::variadic(std::string name, std::string help, bool required) {
  positionals_.push_back({std::move(name), std::move(help), required, true});
  return *this;
}

const OptionSpec* ArgSpec::find(std::string_view name) const {
  for (const auto& o : options_)
    if (o.name == name) return &o;
  return nullptr;
}

std::string ArgSpec::help_text(std::string_view command_line, std::string_view summary) const {
  std::ostringstream out;
  out << "Usage: " << command_line;
  if (!options_.empty()) out << " [options]";
  for (const auto& p : positionals_) out << ' ' << (p.required ? "" : "[") << p.name << (p.required ? "" : "]");
  out << "\n\n" << summary << "\n";
  if (!positionals_.empty()) {
    out << "\nArguments:\n";
    for (const auto& p : positionals_) out << "  " << p.name << "\n      " << p.help << "\n";
  }
  out << "\nOptions:\n";
  for (const auto& o : options_) {
    out << "  " << o.name;
    if (!o.value_name.empty()) out << ' ' << o.value_name;
    if (o.repeatable) out << " (repeatable)";
    out << "\n      " << o.help << "\n";
  }
  out << "  --help\n      Show this help and exit.\n";
  return out.str();
}

bool ParsedArgs::has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::optional<std::string> ParsedArgs::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string ParsedArgs::get_or(std::string_view name, std::string fallback) const {
  auto v = get(name);
  return v ? *v : std::move(fallback);
}

std::vector<std::string> ParsedArgs::all(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<ParsedArgs> parse_args(const ArgSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs parsed;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!options_done && arg == "--") {
      options_done = true;
      continue;
    }
    if (!options_done && (arg == "--help" || arg == "-h")) {
      parsed.help_ = true;
      continue;
    }
    if (!options_done && arg.size() > 1 && arg[0] == '-') {
      std::string name = arg;
      std::optional<std::string> inline_value;
      if (auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
        name = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
      }
      const OptionSpec* opt = spec.find(name);
      if (!opt) return fail("unknown option '" + name + "'");
      auto& slot = parsed.values_[opt->name];
      if (opt->value_name.empty()) {
        if (inline_value) return fail("option '" + name + "' takes no value");
        slot.emplace_back();
        continue;
      }
      std::string value;
      if (inline_value) {
        value = *inline_value;
      } else {
        if (i + 1 >= args.size()) return fail("option '" + name + "' needs a value (" + opt->value_name + ")");
        value = args[++i];
      }
      if (!opt->repeatable && !slot.empty()) return fail("option '" + name + "' given more than once");
      slot.push_back(std::move(value));
      continue;
    }
    parsed.positionals_.push_back(arg);
  }
  if (parsed.help_) return parsed;

  // Match positionals against the spec.
  std::size_t required = 0;
  bool variadic = false;
  for (const auto& p : spec.positionals()) {
    if (p.required) ++required;
    if (p.variadic) variadic = true;
  }
  if (parsed.positionals_.size() < required) {
    for (std::size_t k = parsed.positionals_.size(); k < spec.positionals().size(); ++k)
      if (spec.positionals()[k].required) return fail("missing argument " + spec.positionals()[k].name);
  }
  if (!variadic && parsed.positionals_.size() > spec.positionals().size())
    return fail("unexpected argument '" + parsed.positionals_[spec.positionals().size()] + "'");
  return parsed;
}

Result<long long> parse_int(std::string_view option, std::string_view text, long long min, long long max) {
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size())
    return fail(std::string(option) + ": '" + std::string(text) + "' is not a whole number");
  if (v < min || v > max)
    return fail(std::string(option) + ": " + std::to_string(v) + " is out of range [" + std::to_string(min) + ", " +
                std::to_string(max) + "]");
  return v;
}

}  // namespace mixer::cli
