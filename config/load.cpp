#include "config/load.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace mixer::config {

std::string ConfigError::to_string() const {
  std::string s = file.string();
  if (line > 0) s += ":" + std::to_string(line);
  return s + ": " + message;
}

namespace {

class Reader {
 public:
  Reader(const toml::table& root, std::filesystem::path file) : root_(root), file_(std::move(file)) {}

  void error(const toml::node* node, std::string message) {
    std::size_t line = node ? node->source().begin.line : 0;
    errors_.push_back({file_, line, std::move(message)});
  }

  // A required string at "section.key".
  std::string string(const toml::table* section, std::string_view section_name, std::string_view key,
                     bool required) {
    const toml::node* node = section ? section->get(key) : nullptr;
    if (!node) {
      if (required) error(section, "missing " + std::string(section_name) + "." + std::string(key));
      return {};
    }
    if (auto v = node->value<std::string>()) return *v;
    error(node, std::string(section_name) + "." + std::string(key) + " must be a string");
    return {};
  }

  // "host:port" or "[v6]:port".
  Endpoint endpoint(const toml::table* section, std::string_view section_name, std::string_view key,
                    Endpoint fallback) {
    const toml::node* node = section ? section->get(key) : nullptr;
    if (!node) return fallback;
    auto text = node->value<std::string>();
    std::string where = std::string(section_name) + "." + std::string(key);
    if (!text) {
      error(node, where + " must be a string \"HOST:PORT\"");
      return fallback;
    }
    auto colon = text->rfind(':');
    if (colon == std::string::npos || colon == 0) {
      error(node, where + ": '" + *text + "' is not HOST:PORT");
      return fallback;
    }
    std::string host = text->substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    std::string_view p = std::string_view(*text).substr(colon + 1);
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
    if (ec != std::errc() || ptr != p.data() + p.size() || port == 0 || port > 65535) {
      error(node, where + ": port '" + std::string(p) + "' must be 1..65535");
      return fallback;
    }
    return Endpoint{host, static_cast<std::uint16_t>(port)};
  }

  const toml::table* table(std::string_view name) {
    const toml::node* node = root_.get(name);
    if (!node) return nullptr;
    if (auto t = node->as_table()) return t;
    error(node, std::string(name) + " must be a table");
    return nullptr;
  }

  ConfigErrors take_errors() { return std::move(errors_); }

 private:
  const toml::table& root_;
  std::filesystem::path file_;
  ConfigErrors errors_;
};

}  // namespace

Result<Config, ConfigErrors> load_string(std::string_view toml_text, const std::filesystem::path& name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, name.string());
  } catch (const toml::parse_error& e) {
    return fail(ConfigErrors{{name, e.source().begin.line, std::string(e.description())}});
  }
  Reader r(root, name);
  Config c;
  c.source = name;

  auto* gw = r.table("gateway");
  if (!gw) r.error(nullptr, "missing [gateway] table");
  c.gateway.mta_name = r.string(gw, "gateway", "mta_name", true);
  c.gateway.domain = r.string(gw, "gateway", "domain", true);
  c.gateway.or_address = r.string(gw, "gateway", "or_address", true);

  auto* smtp = r.table("smtp");
  c.smtp.listen = r.endpoint(smtp, "smtp", "listen", c.smtp.listen);
  c.smtp.next_hop = r.endpoint(smtp, "smtp", "next_hop", c.smtp.next_hop);

  auto* p1 = r.table("p1");
  c.p1.listen = r.endpoint(p1, "p1", "listen", c.p1.listen);
  c.p1.tsel = r.string(p1, "p1", "tsel", false);

  auto* queue = r.table("queue");
  std::string dir = r.string(queue, "queue", "dir", true);
  if (!dir.empty()) {
    std::filesystem::path p(dir);
    // Relative paths are relative to the configuration file, so the bundled
    // example works from any working directory.
    c.queue.dir = p.is_absolute() ? p : name.parent_path() / p;
  }

  auto errors = r.take_errors();
  if (!errors.empty()) return fail(std::move(errors));
  return c;
}

Result<Config, ConfigErrors> load_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ConfigErrors{{path, 0, "cannot open configuration file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return load_string(text.str(), path);
}

}  // namespace mixer::config
