#include <algorithm>
#include <ostream>
#include <sstream>

#include "gateway/cli/command.hpp"

namespace mixer::cli {
namespace {

std::vector<std::string> split_words(const std::string& name) {
  std::vector<std::string> words;
  std::istringstream in(name);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool starts_with_words(const std::vector<std::string>& args, const std::vector<std::string>& words) {
  if (args.size() < words.size()) return false;
  return std::equal(words.begin(), words.end(), args.begin());
}

// Lists the commands whose name starts with `prefix` (all when empty).
void list_commands(std::ostream& os, const std::vector<std::string>& prefix) {
  std::size_t width = 0;
  for (const auto& c : all_commands())
    if (starts_with_words(split_words(c.name), prefix)) width = std::max(width, c.name.size());
  for (const auto& c : all_commands()) {
    if (!starts_with_words(split_words(c.name), prefix)) continue;
    os << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << "\n";
  }
}

void print_main_help(std::ostream& os) {
  os << "Usage: mixer COMMAND [ARGS...]\n\n"
        "mixer is the operator's tool for the mixer X.400 <-> SMTP gateway (RFC 2156).\n\n"
        "Commands:\n";
  list_commands(os, {});
  os << "\nRun 'mixer COMMAND --help' for the options of one command.\n";
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_main_help(err);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_main_help(out);
    return kExitOk;
  }

  // Longest command name whose words prefix the arguments.
  const Command* best = nullptr;
  std::size_t best_words = 0;
  for (const auto& c : all_commands()) {
    auto words = split_words(c.name);
    if (words.size() > best_words && starts_with_words(args, words)) {
      best = &c;
      best_words = words.size();
    }
  }
  if (!best) {
    // "mixer x400" alone, or "mixer x400 --help": show the group.
    bool is_group = false;
    for (const auto& c : all_commands())
      if (split_words(c.name).front() == args[0]) is_group = true;
    bool wants_help = args.size() == 2 && (args[1] == "--help" || args[1] == "-h");
    if (is_group && (args.size() == 1 || wants_help)) {
      auto& os = wants_help ? out : err;
      os << "Usage: mixer " << args[0] << " SUBCOMMAND [ARGS...]\n\nSubcommands:\n";
      list_commands(os, {args[0]});
      return wants_help ? kExitOk : kExitUsage;
    }
    if (is_group) {
      err << "mixer: unknown subcommand '" << args[0] << ' ' << args[1] << "'\n"
          << "Subcommands of '" << args[0] << "':\n";
      list_commands(err, {args[0]});
      return kExitUsage;
    }
    err << "mixer: unknown command '" << args[0] << "'\nRun 'mixer --help' for the list of commands.\n";
    return kExitUsage;
  }

  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(best_words), args.end());
  ArgSpec spec = best->spec();
  auto parsed = parse_args(spec, rest);
  if (!parsed) {
    err << "mixer " << best->name << ": " << parsed.error() << "\n"
        << "Run 'mixer " << best->name << " --help' for usage.\n";
    return kExitUsage;
  }
  if (parsed->help_requested()) {
    out << spec.help_text("mixer " + best->name, best->summary);
    return kExitOk;
  }
  CommandIo io{out, err};
  return best->run(*parsed, io);
}

}  // namespace mixer::cli
