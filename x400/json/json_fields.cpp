// JSON forms of the ASN.1 primitive types; see json_fields.hpp.
#include "x400/json/json_fields.hpp"

#include <algorithm>

#include "common/hex.hpp"

namespace mixer::x400::xjson {

std::string join_path(std::string_view path, std::string_view key) {
  std::string out(path);
  out += '.';
  out += key;
  return out;
}

std::string index_path(std::string_view path, std::size_t i) {
  std::string out(path);
  out += '[';
  out += std::to_string(i);
  out += ']';
  return out;
}

namespace {

Unexpected<std::string> error(std::string_view path, std::string_view what) {
  std::string msg(path);
  msg += ": ";
  msg += what;
  return fail(std::move(msg));
}

std::string got(const json::Value& v) { return std::string(json::kind_name(v.kind())); }

bool is_plain_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r' || c == '\n';
  });
}

}  // namespace

// ---- writing ----

json::Value octet_text(std::string_view octets) {
  if (is_plain_text(octets)) return json::Value(octets);
  json::Value o = json::Value::object();
  o.set("hex", to_hex(std::span(reinterpret_cast<const std::uint8_t*>(octets.data()), octets.size())));
  return o;
}

json::Value hex_bytes(std::span<const std::uint8_t> bytes) {
  json::Value o = json::Value::object();
  o.set("hex", to_hex(bytes));
  return o;
}

json::Value ber_tlv(std::span<const std::uint8_t> tlv) {
  json::Value o = json::Value::object();
  o.set("ber", to_hex(tlv));
  return o;
}

json::Value bit_string(const ber::BitString& bits) {
  json::Value o = json::Value::object();
  o.set("hex", to_hex(bits.bytes));
  o.set("bit-count", static_cast<long long>(bits.bit_count));
  return o;
}

json::Value named_bits(const ber::BitString& bits, std::span<const std::string_view> names) {
  json::Value a = json::Value::array();
  for (std::size_t i = 0; i < bits.bit_count; ++i) {
    if (!bits.test(i)) continue;
    if (i < names.size())
      a.push(names[i]);
    else
      a.push(static_cast<long long>(i));
  }
  return a;
}

json::Value time_value(const ber::Time& t) { return json::Value(t.to_string()); }

json::Value enum_value(std::int64_t v, std::span<const std::string_view> names) {
  if (v >= 0 && static_cast<std::size_t>(v) < names.size() && !names[static_cast<std::size_t>(v)].empty())
    return json::Value(names[static_cast<std::size_t>(v)]);
  return json::Value(static_cast<long long>(v));
}

// ---- reading ----

JsonStatus expect_object(const json::Value& v, std::string_view path,
                         std::initializer_list<std::string_view> allowed_keys) {
  if (!v.is_object()) return error(path, "expected an object, got " + got(v));
  for (const auto& m : v.as_object()) {
    if (std::find(allowed_keys.begin(), allowed_keys.end(), m.key) == allowed_keys.end()) {
      std::string allowed;
      for (auto k : allowed_keys) {
        if (!allowed.empty()) allowed += ", ";
        allowed += k;
      }
      return error(join_path(path, m.key), "unknown member (expected one of: " + allowed + ")");
    }
  }
  return Ok{};
}

const json::Value* optional_member(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v && !v->is_null() ? v : nullptr;
}

JsonResult<const json::Value*> required_member(const json::Value& obj, std::string_view key,
                                               std::string_view path) {
  if (const json::Value* v = optional_member(obj, key)) return v;
  return error(join_path(path, key), "required member is missing");
}

JsonResult<std::string> read_string(const json::Value& v, std::string_view path) {
  if (!v.is_string()) return error(path, "expected a string, got " + got(v));
  return v.as_string();
}

JsonResult<std::string> read_restricted(const json::Value& v, std::string_view path, ber::StringKind kind) {
  auto s = MIXER_TRY(read_string(v, path));
  if (!ber::valid_string(kind, s))
    return error(path, std::string("\"") + s + "\" has characters outside " + ber::to_string(kind));
  return s;
}

JsonResult<std::string> read_octet_text(const json::Value& v, std::string_view path) {
  if (v.is_string()) return v.as_string();
  if (v.is_object() && v.size() == 1 && v.find("hex")) {
    auto bytes = MIXER_TRY(read_hex_bytes(v, path));
    return std::string(bytes.begin(), bytes.end());
  }
  return error(path, "expected a string or {\"hex\": ...}, got " + got(v));
}

JsonResult<std::vector<std::uint8_t>> read_hex_bytes(const json::Value& v, std::string_view path) {
  if (!v.is_object() || v.size() != 1 || !v.find("hex"))
    return error(path, "expected {\"hex\": \"...\"}, got " + got(v));
  const json::Value& h = *v.find("hex");
  if (!h.is_string()) return error(join_path(path, "hex"), "expected a string of hex digits");
  auto bytes = from_hex(h.as_string());
  if (!bytes) return error(join_path(path, "hex"), "not an even number of hex digits");
  return std::move(*bytes);
}

JsonResult<std::vector<std::uint8_t>> read_ber_tlv(const json::Value& v, std::string_view path) {
  if (!v.is_object() || v.size() != 1 || !v.find("ber"))
    return error(path, "expected {\"ber\": \"<hex of a BER TLV>\"}, got " + got(v));
  const json::Value& h = *v.find("ber");
  if (!h.is_string()) return error(join_path(path, "ber"), "expected a string of hex digits");
  auto bytes = from_hex(h.as_string());
  if (!bytes || bytes->empty())
    return error(join_path(path, "ber"), "not a non-empty even number of hex digits");
  return std::move(*bytes);
}

JsonResult<std::int64_t> read_int(const json::Value& v, std::string_view path) {
  if (!v.is_int()) return error(path, "expected an integer, got " + got(v));
  return v.as_int();
}

JsonResult<bool> read_bool(const json::Value& v, std::string_view path) {
  if (!v.is_bool()) return error(path, "expected true or false, got " + got(v));
  return v.as_bool();
}

JsonResult<ber::Oid> read_oid(const json::Value& v, std::string_view path) {
  auto s = MIXER_TRY(read_string(v, path));
  auto oid = ber::Oid::parse(s);
  if (!oid || oid->arcs.size() < 2) return error(path, "\"" + s + "\" is not a dotted object identifier");
  return std::move(*oid);
}

JsonResult<ber::Time> read_time(const json::Value& v, std::string_view path, ber::TimeKind kind) {
  auto s = MIXER_TRY(read_string(v, path));
  auto t = ber::Time::parse(kind, s);
  if (!t)
    return error(path,
                 "\"" + s + "\" is not a valid " +
                     (kind == ber::TimeKind::utc_time ? "UTCTime (YYMMDDhhmm[ss]Z)" : "GeneralizedTime"));
  return std::move(*t);
}

JsonResult<ber::BitString> read_bit_string(const json::Value& v, std::string_view path) {
  MIXER_XJSON_CHECK(expect_object(v, path, {"hex", "bit-count"}));
  const json::Value* hex = MIXER_TRY(required_member(v, "hex", path));
  const json::Value* count = MIXER_TRY(required_member(v, "bit-count", path));
  json::Value hex_only = json::Value::object();
  hex_only.set("hex", *hex);
  ber::BitString out;
  out.bytes = MIXER_TRY(read_hex_bytes(hex_only, path));
  const auto n = MIXER_TRY(read_int(*count, join_path(path, "bit-count")));
  if (n < 0 || static_cast<std::uint64_t>(n + 7) / 8 != out.bytes.size())
    return error(join_path(path, "bit-count"), "does not match the number of hex octets");
  out.bit_count = static_cast<std::size_t>(n);
  return out;
}

JsonResult<ber::BitString> read_named_bits(const json::Value& v, std::string_view path,
                                           std::span<const std::string_view> names) {
  const auto* arr = MIXER_TRY(read_array(v, path));
  ber::BitString out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const json::Value& b = (*arr)[i];
    const std::string p = index_path(path, i);
    if (b.is_int()) {
      if (b.as_int() < 0 || b.as_int() > 1023) return error(p, "bit number out of range 0..1023");
      out.set(static_cast<std::size_t>(b.as_int()));
      continue;
    }
    auto name = MIXER_TRY(read_string(b, p));
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return error(p, "unknown bit name \"" + name + "\"");
    out.set(static_cast<std::size_t>(it - names.begin()));
  }
  return out;
}

JsonResult<const json::Array*> read_array(const json::Value& v, std::string_view path) {
  if (!v.is_array()) return error(path, "expected an array, got " + got(v));
  return &v.as_array();
}

JsonResult<std::int64_t> read_enum(const json::Value& v, std::string_view path,
                                   std::span<const std::string_view> names) {
  if (v.is_int()) return v.as_int();
  if (v.is_string()) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!names[i].empty() && names[i] == v.as_string()) return static_cast<std::int64_t>(i);
    std::string known;
    for (auto n : names)
      if (!n.empty()) known += (known.empty() ? "" : ", ") + std::string(n);
    return error(path,
                 "unknown value \"" + v.as_string() + "\" (expected one of: " + known + ", or an integer)");
  }
  return error(path, "expected a name or an integer, got " + got(v));
}

}  // namespace mixer::x400::xjson
