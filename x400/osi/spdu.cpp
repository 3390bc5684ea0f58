#include "x400/osi/spdu.hpp"

namespace mixer::x400::osi {
namespace {

// Reads an LI at t[i]; advances i. X.225 §8.2.5: ff + two octets for 255..65535,
// and (ISODE, crib §2.1) the three-octet form must not carry a value below 255.
Result<std::size_t, OsiError> read_li(ByteView t, std::size_t& i, const char* where) {
  if (i >= t.size()) return fail(peer_error("session", where, i, "missing length indicator"));
  if (t[i] != 0xff) return std::size_t{t[i++]};
  if (i + 3 > t.size()) return fail(peer_error("session", where, i, "truncated 3-octet length indicator"));
  const std::size_t v = (std::size_t{t[i + 1]} << 8) | t[i + 2];
  if (v < 255) return fail(peer_error("session", where, i, "3-octet length indicator used for a value below 255"));
  i += 3;
  return v;
}

bool is_group(std::uint8_t code) { return code == pi::connection_id || code == pi::connect_accept_item || code == pi::linking; }

Status<OsiError> read_params(ByteView t, std::size_t begin, std::size_t end, Spdu& s, bool nested) {
  for (std::size_t i = begin; i < end;) {
    const std::size_t at = i;
    const std::uint8_t code = t[i++];
    const std::size_t len = MIXER_TRY(read_li(t.first(end), i, "parameter LI"));
    if (i + len > end) return fail(peer_error("session", "parameter " + std::to_string(code), at, "runs past its SPDU"));
    if (!nested && is_group(code)) {
      MIXER_OSI_CHECK(read_params(t, i, i + len, s, true));
    } else if (code == pi::user_data || code == pi::extended_user_data) {
      if (nested) return fail(peer_error("session", "parameter " + std::to_string(code), at, "user data inside a PGI"));
      s.user_data = Bytes(t.begin() + static_cast<std::ptrdiff_t>(i), t.begin() + static_cast<std::ptrdiff_t>(i + len));
    } else {
      s.params[code] = Bytes(t.begin() + static_cast<std::ptrdiff_t>(i), t.begin() + static_cast<std::ptrdiff_t>(i + len));
    }
    i += len;
  }
  return Ok{};
}

void put_param(Bytes& out, const SpduParam& p) {
  out.push_back(p.code);
  if (p.members.empty()) {
    put_li(out, p.value.size());
    out.insert(out.end(), p.value.begin(), p.value.end());
    return;
  }
  Bytes inner;
  for (const auto& m : p.members) put_param(inner, m);
  put_li(out, inner.size());
  out.insert(out.end(), inner.begin(), inner.end());
}

}  // namespace

void put_li(Bytes& out, std::size_t len) {
  if (len < 255) {
    out.push_back(static_cast<std::uint8_t>(len));
  } else {
    out.push_back(0xff);
    out.push_back(static_cast<std::uint8_t>(len >> 8));
    out.push_back(static_cast<std::uint8_t>(len & 0xff));
  }
}

Result<std::vector<Spdu>, OsiError> decode_tsdu(ByteView t) {
  std::vector<Spdu> out;
  std::size_t i = 0;
  if (t.empty()) return fail(peer_error("session", "TSDU", 0, "empty TSDU"));
  while (i < t.size()) {
    Spdu s;
    s.offset = i;
    s.si = t[i++];
    const std::size_t li = MIXER_TRY(read_li(t, i, "SPDU LI"));
    if (i + li > t.size())
      return fail(peer_error("session", "SPDU " + std::to_string(s.si), s.offset, "LI runs past the TSDU"));
    MIXER_OSI_CHECK(read_params(t, i, i + li, s, false));
    i += li;
    // DT (SI 1 after a category 0 SPDU), EX and TD: user information outside the LI.
    const bool dt = s.si == si::GT_DT && !out.empty();
    if (dt || s.si == si::EX || s.si == si::TD) {
      if (s.user_data) return fail(peer_error("session", "DT", s.offset, "PGI 193 in a DT SPDU"));
      s.user_data = Bytes(t.begin() + static_cast<std::ptrdiff_t>(i), t.end());
      i = t.size();
    }
    out.push_back(std::move(s));
    if (out.size() > 2)
      return fail(peer_error("session", "TSDU", out.back().offset, "more than two SPDUs concatenated (no extended concatenation)"));
  }
  return out;
}

Bytes encode_spdu(std::uint8_t si_code, const std::vector<SpduParam>& params, const std::optional<Bytes>& user_data,
                  bool extended) {
  Bytes body;
  for (const auto& p : params) put_param(body, p);
  const bool outside = si_code == si::GT_DT && params.empty() && user_data.has_value() && !extended;
  if (user_data && !outside) put_param(body, SpduParam{extended ? pi::extended_user_data : pi::user_data, *user_data, {}});
  Bytes out{si_code};
  put_li(out, body.size());
  out.insert(out.end(), body.begin(), body.end());
  if (outside) out.insert(out.end(), user_data->begin(), user_data->end());
  return out;
}

}  // namespace mixer::x400::osi
