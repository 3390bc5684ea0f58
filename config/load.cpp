#include "config/load.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <toml++/toml.h>

#include "mapping/address/std_or.hpp"

namespace mixer::config {
namespace fs = std::filesystem;

std::string ConfigError::to_string() const {
  std::string s = file.string();
  if (line > 0) s += ":" + std::to_string(line);
  return s + ": " + message;
}

namespace {

constexpr std::size_t kMaxTselOctets = 32;  // X.224 13.3.4.1
constexpr std::size_t kMaxSselOctets = 16;  // X.225 8.3.1.x
constexpr std::size_t kMaxPselOctets = 16;
constexpr std::size_t kMaxPasswordOctets = 62;  // X.411 MTABind: GraphicString (SIZE(0..ub-password-length))

class Reader {
 public:
  Reader(const toml::table& root, fs::path file) : root_(root), file_(std::move(file)) {}

  void error(const toml::node* node, std::string message) {
    std::size_t line = node ? node->source().begin.line : 0;
    errors_.push_back({file_, line, std::move(message)});
  }

  const toml::table* table(std::string_view name) {
    const toml::node* node = root_.get(name);
    if (!node) return nullptr;
    if (auto t = node->as_table()) return t;
    error(node, std::string(name) + " must be a table");
    return nullptr;
  }

  // Typos must not pass silently: every key of a section is known.
  void known_keys(const toml::table* t, std::string_view where, std::initializer_list<std::string_view> keys) {
    if (!t) return;
    for (const auto& [k, v] : *t) {
      bool ok = std::find(keys.begin(), keys.end(), k.str()) != keys.end() || find_limit(limit_section(where), k.str());
      if (!ok) error(&v, "unknown key '" + std::string(k.str()) + "' in [" + std::string(where) + "]");
    }
  }

  std::string string(const toml::table* t, std::string_view where, std::string_view key, bool required) {
    const toml::node* node = t ? t->get(key) : nullptr;
    if (!node) {
      if (required) error(t, "missing " + std::string(where) + "." + std::string(key));
      return {};
    }
    if (auto v = node->value<std::string>()) return *v;
    error(node, std::string(where) + "." + std::string(key) + " must be a string");
    return {};
  }

  bool boolean(const toml::table* t, std::string_view where, std::string_view key, bool fallback) {
    const toml::node* node = t ? t->get(key) : nullptr;
    if (!node) return fallback;
    if (auto v = node->value<bool>()) return *v;
    error(node, std::string(where) + "." + std::string(key) + " must be true or false");
    return fallback;
  }

  // Relative paths are relative to the configuration file, so the bundled
  // example works from any working directory.
  fs::path path(const toml::table* t, std::string_view where, std::string_view key, bool required) {
    std::string s = string(t, where, key, required);
    if (s.empty()) return {};
    fs::path p(s);
    return p.is_absolute() ? p : (fs::absolute(file_).parent_path() / p).lexically_normal();
  }

  // A file the daemon must read at start (TLS material): present and readable
  // now, so a typo is found by check-config rather than at the first handshake.
  void readable_file(const toml::node* node, const std::string& name, const fs::path& p) {
    if (p.empty()) return;
    std::error_code ec;
    if (!fs::exists(p, ec)) {
      error(node, name + ": " + p.string() + " does not exist");
      return;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in || fs::is_directory(p, ec)) error(node, name + ": cannot read " + p.string());
  }

  template <typename E>
  E choice(const toml::table* t, std::string_view where, std::string_view key, E fallback,
           std::initializer_list<std::pair<std::string_view, E>> options) {
    const toml::node* node = t ? t->get(key) : nullptr;
    if (!node) return fallback;
    auto v = node->value<std::string>();
    std::string names;
    for (const auto& [name, value] : options) {
      if (v && *v == name) return value;
      names += (names.empty() ? "" : ", ") + std::string(name);
    }
    error(node, std::string(where) + "." + std::string(key) + " must be one of: " + names);
    return fallback;
  }

  // "host:port" or "[v6]:port".
  Endpoint endpoint(const toml::table* t, std::string_view where, std::string_view key, Endpoint fallback,
                    bool required = false) {
    const toml::node* node = t ? t->get(key) : nullptr;
    std::string name = std::string(where) + "." + std::string(key);
    if (!node) {
      if (required) error(t, "missing " + name);
      return fallback;
    }
    auto text = node->value<std::string>();
    if (!text) {
      error(node, name + " must be a string \"HOST:PORT\"");
      return fallback;
    }
    auto colon = text->rfind(':');
    if (colon == std::string::npos || colon == 0) {
      error(node, name + ": '" + *text + "' is not HOST:PORT");
      return fallback;
    }
    std::string host = text->substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    std::string_view p = std::string_view(*text).substr(colon + 1);
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
    if (ec != std::errc() || ptr != p.data() + p.size() || port == 0 || port > 65535) {
      error(node, name + ": port '" + std::string(p) + "' must be 1..65535");
      return fallback;
    }
    return Endpoint{host, static_cast<std::uint16_t>(port), node->source().begin.line};
  }

  // "0x..." is hex, anything else the octets of the text.
  std::string selector(const toml::table* t, std::string_view where, std::string_view key, std::size_t max) {
    std::string s = string(t, where, key, false);
    const toml::node* node = t ? t->get(key) : nullptr;
    std::string name = std::string(where) + "." + std::string(key);
    std::string octets;
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
      if (s.size() % 2 != 0) {
        error(node, name + ": hex selector needs an even number of digits");
        return {};
      }
      for (std::size_t i = 2; i < s.size(); i += 2) {
        unsigned byte = 0;
        auto [p, ec] = std::from_chars(s.data() + i, s.data() + i + 2, byte, 16);
        if (ec != std::errc() || p != s.data() + i + 2) {
          error(node, name + ": '" + s + "' is not hex");
          return {};
        }
        octets += static_cast<char>(byte);
      }
    } else {
      octets = s;
    }
    if (octets.size() > max) error(node, name + " is " + std::to_string(octets.size()) + " octets, at most " + std::to_string(max));
    return octets;
  }

  Selectors selectors(const toml::table* t, std::string_view where) {
    return Selectors{selector(t, where, "tsel", kMaxTselOctets), selector(t, where, "ssel", kMaxSselOctets),
                     selector(t, where, "psel", kMaxPselOctets)};
  }

  // An integer limit of `section` found in table t (t may be a [[route]] entry).
  std::int64_t limit(const toml::table* t, const LimitSpec& spec, std::string_view where) {
    const toml::node* node = t ? t->get(spec.key) : nullptr;
    if (!node) return spec.default_value;
    std::string name = std::string(where) + "." + std::string(spec.key);
    auto v = node->value<std::int64_t>();
    if (!v || !node->is_integer()) {
      error(node, name + " must be an integer (" + std::string(spec.unit) + ")");
      return spec.default_value;
    }
    if (*v < spec.min || *v > spec.max) {
      error(node, name + " = " + std::to_string(*v) + " is out of range " + std::to_string(spec.min) + ".." +
                      std::to_string(spec.max) + " " + std::string(spec.unit));
      return spec.default_value;
    }
    return *v;
  }

  void global_limits(Limits& limits) {
    for (const auto& spec : kLimitSpecs) {
      if (spec.section == "route") continue;
      const toml::node* node = root_.get(spec.section);
      limits.set(spec.id, limit(node ? node->as_table() : nullptr, spec, spec.section));
    }
  }

  // A secret given inline or in a file that only the daemon may read.
  std::string secret(const toml::table* t, std::string_view where, std::string_view key) {
    std::string file_key = std::string(key) + "_file";
    const toml::node* inline_node = t ? t->get(key) : nullptr;
    const toml::node* file_node = t ? t->get(file_key) : nullptr;
    std::string name = std::string(where) + "." + std::string(key);
    std::string value;
    if (inline_node && file_node) {
      error(file_node, name + " and " + std::string(where) + "." + file_key + " are exclusive");
      return {};
    }
    if (inline_node) {
      value = string(t, where, key, false);
    } else if (file_node) {
      fs::path p = path(t, where, file_key, false);
      if (p.empty()) return {};
      struct stat sb {};
      if (::stat(p.c_str(), &sb) != 0) {
        error(file_node, std::string(where) + "." + file_key + ": cannot read " + p.string());
        return {};
      }
      if ((sb.st_mode & 077) != 0) {
        error(file_node, std::string(where) + "." + file_key + ": " + p.string() +
                             " is readable by group or others (chmod 600 it)");
        return {};
      }
      std::ifstream in(p, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        error(file_node, std::string(where) + "." + file_key + ": cannot read " + p.string());
        return {};
      }
      value = text.str();
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    } else {
      return {};
    }
    if (value.size() > kMaxPasswordOctets)
      error(file_node ? file_node : inline_node, name + " is longer than " + std::to_string(kMaxPasswordOctets) + " octets");
    return value;
  }

  ConfigErrors take_errors() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const ConfigError& a, const ConfigError& b) {
      return (a.line == 0 ? SIZE_MAX : a.line) < (b.line == 0 ? SIZE_MAX : b.line);
    });
    return std::move(errors_);
  }
  const fs::path& file() const { return file_; }

 private:
  static std::string_view limit_section(std::string_view where) {
    return where.starts_with("route") ? std::string_view("route") : where;
  }
  const toml::table& root_;
  fs::path file_;
  ConfigErrors errors_;
};

// "/K=V/K=V/" with at least one attribute; the values are checked by the
// address mapping when the route is used, the shape here.
bool looks_like_std_or(std::string_view s) {
  if (s.size() < 4 || s.front() != '/' || s.back() != '/') return false;
  return s.find('=') != std::string_view::npos;
}

// The value itself, by the same parser the mapping and routing use (RFC 2156
// 4.1 std-or, X.411 upper bounds), so a bad prefix is reported here with its
// line instead of at the first message.
void std_or_parses(Reader& r, const toml::node* node, const std::string& name, const std::string& text) {
  auto parsed = mapping::address::parse_std_or(text);
  if (!parsed) r.error(node, name + ": " + parsed.error().to_string());
}

void read_gateway(Reader& r, Config& c) {
  auto* gw = r.table("gateway");
  if (!gw) r.error(nullptr, "missing [gateway] table");
  r.known_keys(gw, "gateway", {"mta_name", "domain", "or_address", "global_domain"});
  c.gateway.mta_name = r.string(gw, "gateway", "mta_name", true);
  c.gateway.domain = r.string(gw, "gateway", "domain", true);
  c.gateway.or_address = r.string(gw, "gateway", "or_address", true);
  if (!c.gateway.or_address.empty() && !looks_like_std_or(c.gateway.or_address))
    r.error(gw->get("or_address"), "gateway.or_address must be a std-or address like \"/C=XX/ADMD= /PRMD=P/O=Org/\"");
  else if (!c.gateway.or_address.empty())
    std_or_parses(r, gw->get("or_address"), "gateway.or_address", c.gateway.or_address);
  if (const toml::node* n = gw ? gw->get("global_domain") : nullptr) {
    auto* t = n->as_table();
    if (!t) {
      r.error(n, "gateway.global_domain must be a table {country, admd, prmd}");
    } else {
      r.known_keys(t, "gateway.global_domain", {"country", "admd", "prmd"});
      c.gateway.global_domain.country = r.string(t, "gateway.global_domain", "country", true);
      c.gateway.global_domain.admd = r.string(t, "gateway.global_domain", "admd", true);
      c.gateway.global_domain.prmd = r.string(t, "gateway.global_domain", "prmd", false);
      const auto& cc = c.gateway.global_domain.country;
      // X.411 CountryName: x121-dcc-code (3 digits) or iso-3166-alpha2-code.
      bool alpha2 = cc.size() == 2 && std::all_of(cc.begin(), cc.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
      bool dcc = cc.size() == 3 && std::all_of(cc.begin(), cc.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!cc.empty() && !alpha2 && !dcc)
        r.error(t->get("country"), "gateway.global_domain.country must be ISO 3166 alpha-2 or 3 X.121 digits");
    }
  }
}

void read_listeners(Reader& r, Config& c) {
  auto* smtp = r.table("smtp");
  r.known_keys(smtp, "smtp", {"listen", "tls_cert", "tls_key", "next_hop", "next_hop_tls"});
  c.smtp.listen = r.endpoint(smtp, "smtp", "listen", c.smtp.listen);
  c.smtp.tls.cert = r.path(smtp, "smtp", "tls_cert", false);
  c.smtp.tls.key = r.path(smtp, "smtp", "tls_key", false);
  c.smtp.next_hop = r.endpoint(smtp, "smtp", "next_hop", c.smtp.next_hop);
  c.smtp.next_hop_tls = r.choice(smtp, "smtp", "next_hop_tls", c.smtp.next_hop_tls,
                                 {{"none", TlsPolicy::none},
                                  {"opportunistic", TlsPolicy::opportunistic},
                                  {"required", TlsPolicy::required}});

  auto* p1 = r.table("p1");
  r.known_keys(p1, "p1", {"listen", "tsel", "ssel", "psel", "tls_cert", "tls_key"});
  c.p1.listen = r.endpoint(p1, "p1", "listen", c.p1.listen);
  c.p1.selectors = r.selectors(p1, "p1");
  c.p1.tls.cert = r.path(p1, "p1", "tls_cert", false);
  c.p1.tls.key = r.path(p1, "p1", "tls_key", false);

  for (auto [tls, where, t] : {std::tuple{&c.smtp.tls, "smtp", smtp}, std::tuple{&c.p1.tls, "p1", p1}}) {
    if (tls->cert.empty() != tls->key.empty())
      r.error(t, std::string(where) + ": tls_cert and tls_key go together");
    r.readable_file(t ? t->get("tls_cert") : nullptr, std::string(where) + ".tls_cert", tls->cert);
    r.readable_file(t ? t->get("tls_key") : nullptr, std::string(where) + ".tls_key", tls->key);
  }
}

void read_tables_queue_logging(Reader& r, Config& c) {
  auto* tables = r.table("tables");
  r.known_keys(tables, "tables", {"or_to_domain", "domain_to_or", "gateways"});
  c.tables.or_to_domain = r.path(tables, "tables", "or_to_domain", false);
  c.tables.domain_to_or = r.path(tables, "tables", "domain_to_or", false);
  c.tables.gateways = r.path(tables, "tables", "gateways", false);
  for (auto [p, key] : {std::pair{&c.tables.or_to_domain, "or_to_domain"}, std::pair{&c.tables.domain_to_or, "domain_to_or"},
                        std::pair{&c.tables.gateways, "gateways"}})
    if (!p->empty() && !fs::exists(*p))
      r.error(tables->get(key), "tables." + std::string(key) + ": " + p->string() + " does not exist");

  auto* queue = r.table("queue");
  r.known_keys(queue, "queue", {"dir", "group_commit"});
  c.queue.dir = r.path(queue, "queue", "dir", true);
  c.queue.group_commit = r.boolean(queue, "queue", "group_commit", true);

  auto* logging = r.table("logging");
  r.known_keys(logging, "logging", {"target", "file", "level"});
  c.logging.target = r.choice(logging, "logging", "target", LogTarget::stderr_,
                              {{"stderr", LogTarget::stderr_}, {"file", LogTarget::file}, {"syslog", LogTarget::syslog}});
  c.logging.file = r.path(logging, "logging", "file", c.logging.target == LogTarget::file);
  std::string level = r.string(logging, "logging", "level", false);
  if (!level.empty()) {
    static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error"};
    if (kLevels.count(level)) c.logging.level = level;
    else r.error(logging->get("level"), "logging.level must be one of: trace, debug, info, warn, error");
  }

  auto* metrics = r.table("metrics");
  r.known_keys(metrics, "metrics", {"enabled", "listen"});
  c.metrics.enabled = r.boolean(metrics, "metrics", "enabled", false);
  c.metrics.listen = r.endpoint(metrics, "metrics", "listen", c.metrics.listen);

  auto* daemon = r.table("daemon");
  r.known_keys(daemon, "daemon", {"user", "pid_file"});
  c.daemon.user = r.string(daemon, "daemon", "user", false);
  c.daemon.pid_file = r.path(daemon, "daemon", "pid_file", false);
  if (c.daemon.pid_file.empty() && !c.queue.dir.empty()) c.daemon.pid_file = c.queue.dir / "mixerd.pid";

  for (const char* section : {"limits", "timeouts"}) r.known_keys(r.table(section), section, {});
  r.global_limits(c.limits);
  if (c.limits[Limit::queue_min_backoff] > c.limits[Limit::queue_max_backoff])
    r.error(queue ? queue->get("min_backoff") : nullptr, "queue.min_backoff must not exceed queue.max_backoff");
  if (c.limits[Limit::queue_delay_warning] >= c.limits[Limit::queue_max_lifetime])
    r.error(queue ? queue->get("delay_warning") : nullptr, "queue.delay_warning must be less than queue.max_lifetime");
}

void read_route_array(Reader& r, const toml::table& root, Config& c) {
  const toml::node* node = root.get("route");
  if (!node) return;
  auto* arr = node->as_array();
  if (!arr) {
    r.error(node, "route must be an array of tables: write [[route]]");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto* t = (*arr)[i].as_table();
    if (!t) {
      r.error(&(*arr)[i], "route entries must be tables");
      continue;
    }
    std::string where = "route[" + std::to_string(i) + "]";
    Route rt;
    rt.line = t->source().begin.line;
    rt.name = r.string(t, where, "name", true);
    if (!rt.name.empty()) {
      where = "route '" + rt.name + "'";
      if (!names.insert(rt.name).second) r.error(t->get("name"), where + " is declared twice");
    }
    r.known_keys(t, where, {"name", "or_prefix", "peer", "tsel", "ssel", "psel", "our_name", "peer_name", "password",
                            "password_file", "peer_password", "peer_password_file", "mode", "tls", "tls_ca"});
    rt.or_prefix = r.string(t, where, "or_prefix", true);
    if (!rt.or_prefix.empty() && !looks_like_std_or(rt.or_prefix))
      r.error(t->get("or_prefix"), where + ".or_prefix must be std-or attributes like \"/C=XX/ADMD= /PRMD=P/\"");
    else if (!rt.or_prefix.empty())
      std_or_parses(r, t->get("or_prefix"), where + ".or_prefix", rt.or_prefix);
    rt.peer = r.endpoint(t, where, "peer", {}, true);
    rt.selectors = r.selectors(t, where);
    rt.our_name = r.string(t, where, "our_name", false);
    if (rt.our_name.empty()) rt.our_name = c.gateway.mta_name;
    rt.peer_name = r.string(t, where, "peer_name", false);
    rt.our_password = r.secret(t, where, "password");
    rt.peer_password = r.secret(t, where, "peer_password");
    rt.mode = r.choice(t, where, "mode", P1Mode::normal, {{"normal", P1Mode::normal}, {"x410", P1Mode::x410}});
    rt.tls = r.boolean(t, where, "tls", false);
    rt.tls_ca = r.path(t, where, "tls_ca", false);
    r.readable_file(t->get("tls_ca"), where + ".tls_ca", rt.tls_ca);
    if (!rt.tls_ca.empty() && !rt.tls) r.error(t->get("tls_ca"), where + ".tls_ca is set but tls is off");
    rt.checkpoint = r.limit(t, spec_of(Limit::route_checkpoint), where);
    rt.window = r.limit(t, spec_of(Limit::route_window), where);
    rt.concurrency = r.limit(t, spec_of(Limit::route_concurrency), where);
    c.routes.push_back(std::move(rt));
  }
}

}  // namespace

Result<Config, ConfigErrors> load_string(std::string_view toml_text, const fs::path& name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, name.string());
  } catch (const toml::parse_error& e) {
    return fail(ConfigErrors{{name, e.source().begin.line, std::string(e.description())}});
  }
  Reader r(root, name);
  Config c;
  c.source = name;
  for (const auto& [k, v] : root) {
    static const std::set<std::string_view> kSections{"gateway", "smtp",    "p1",     "tables", "route",
                                                       "queue",   "logging", "metrics", "daemon", "limits", "timeouts"};
    if (!kSections.count(k.str())) r.error(&v, "unknown section '" + std::string(k.str()) + "'");
  }
  read_gateway(r, c);
  read_listeners(r, c);
  read_route_array(r, root, c);
  read_tables_queue_logging(r, c);
  auto errors = r.take_errors();
  if (!errors.empty()) return fail(std::move(errors));
  return c;
}

Result<Config, ConfigErrors> load_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ConfigErrors{{path, 0, "cannot open configuration file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return load_string(text.str(), path);
}

}  // namespace mixer::config
