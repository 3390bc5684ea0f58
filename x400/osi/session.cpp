#include "x400/osi/session.hpp"

#include <charconv>

namespace mixer::x400::osi {
namespace {

Bytes u16(std::uint16_t v) { return Bytes{static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v & 0xff)}; }
Bytes ascii(const std::string& s) { return Bytes(s.begin(), s.end()); }

std::optional<unsigned> parse_serial(const Bytes* v) {
  if (v == nullptr || v->empty() || v->size() > 6) return std::nullopt;
  unsigned n = 0;
  for (auto c : *v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Token Setting Item (X.225 §8.3.1.16): two bits per token, high to low
// release, major/activity, minor-sync, data; 00 initiator, 01 responder,
// 10 called SS-user's choice. Returns the tokens the *initiator* holds;
// "choice" goes to the initiator.
std::uint8_t initiator_tokens(std::uint8_t setting) {
  std::uint8_t held = 0;
  const std::uint8_t tok[4] = {kTokenData, kTokenMinor, kTokenMajor, kTokenRelease};
  for (int i = 0; i < 4; ++i) {
    const std::uint8_t v = (setting >> (2 * i)) & 0x03;
    if (v != 0x01) held |= tok[i];
  }
  return held;
}

std::uint8_t setting_for(std::uint8_t initiator_held, std::uint16_t requirements) {
  std::uint8_t s = 0;
  const std::uint8_t tok[3] = {kTokenData, kTokenMinor, kTokenMajor};
  const std::uint16_t fu[3] = {0x0001, 0x0008, 0x0040};
  for (int i = 0; i < 3; ++i)
    if ((requirements & fu[i]) && !(initiator_held & tok[i])) s |= static_cast<std::uint8_t>(0x01 << (2 * i));
  return s;
}

std::uint8_t available_tokens(std::uint16_t requirements) {
  std::uint8_t t = 0;
  if (requirements & 0x0001) t |= kTokenData;
  if (requirements & 0x0008) t |= kTokenMinor;
  if (requirements & 0x0040) t |= kTokenMajor;
  return t;
}

}  // namespace

const char* to_string(SessionEvent::Kind k) {
  using K = SessionEvent::Kind;
  switch (k) {
    case K::connect: return "CN";
    case K::accept: return "AC";
    case K::refuse: return "RF";
    case K::data: return "DT";
    case K::activity_start: return "AS";
    case K::activity_end: return "AE";
    case K::activity_end_ack: return "AEA";
    case K::minor_sync: return "MIP";
    case K::minor_sync_ack: return "MIA";
    case K::activity_discard: return "AD";
    case K::activity_discard_ack: return "ADA";
    case K::activity_interrupt: return "AI";
    case K::activity_interrupt_ack: return "AIA";
    case K::activity_resume: return "AR";
    case K::exception_data: return "ED";
    case K::exception_report: return "ER";
    case K::token_please: return "PT";
    case K::give_control: return "GTC";
    case K::give_control_ack: return "GTA";
    case K::finish: return "FN";
    case K::disconnect: return "DN";
    case K::abort: return "AB";
    case K::abort_accept: return "AA";
  }
  return "?";
}

SessionMachine::SessionMachine(SessionRole role, SessionConfig config) : role_(role), config_(std::move(config)) {}

Status<OsiError> SessionMachine::expect(bool cond, const Spdu& s, const char* what) {
  if (cond) return Ok{};
  state_ = SessionState::closed;
  return fail(peer_error("session", "SPDU " + std::to_string(s.si), s.offset, what));
}

Status<OsiError> SessionMachine::check_user_data(const std::optional<Bytes>& ud, const char* what) const {
  if (ud && ud->size() > config_.limits.max_user_data_sent)
    return fail(limit_error("session", what, 0, "user data of " + std::to_string(ud->size()) +
                                                    " octets exceeds max_user_data_sent"));
  return Ok{};
}

Status<OsiError> SessionMachine::receive(ByteView tsdu) {
  if (state_ == SessionState::closed) return fail(peer_error("session", "TSDU", 0, "data after the session ended"));
  auto spdus = decode_tsdu(tsdu);
  if (!spdus) {
    state_ = SessionState::closed;
    return fail(std::move(spdus).error());
  }
  auto& v = spdus.value();
  if (v.size() == 2) {
    const Spdu& p = v[0];
    MIXER_OSI_CHECK(expect((p.si == si::GT_DT || p.si == si::PT) && p.params.empty() && !p.user_data, p,
                     "a concatenated SPDU must follow a parameterless GT or PT"));
    return handle(v[1], p.si == si::GT_DT, p.si == si::PT);
  }
  return handle(v[0], false, false);
}

Status<OsiError> SessionMachine::handle(const Spdu& s, bool gt, bool pt) {
  using K = SessionEvent::Kind;
  const bool alone = !gt && !pt;
  const std::uint8_t peer_tokens = static_cast<std::uint8_t>(~tokens_);
  const bool peer_turn = (peer_tokens & kAllRtseTokens) == kAllRtseTokens;
  SessionEvent ev{K::data, s.user_data.value_or(Bytes{}), {}, {}, 0, 0, {}, {}};
  const bool data_phase = state_ == SessionState::connected || state_ == SessionState::in_activity ||
                          state_ == SessionState::awaiting_aea;

  if (alone && (s.si == si::AB_AI)) {
    ev.kind = K::abort;
    if (auto* t = s.get(pi::transport_disconnect); t && !t->empty()) ev.reason = (*t)[0];
    state_ = SessionState::closed;
  } else if (alone && s.si == si::AA_AIA) {
    ev.kind = K::abort_accept;
    state_ = SessionState::closed;
  } else if (alone && s.si == si::CN) {
    MIXER_OSI_CHECK(expect(role_ == SessionRole::responder && state_ == SessionState::idle, s, "CN in the wrong state"));
    ev.kind = K::connect;
    std::uint16_t req = 0x0349;  // X.225 §8.3.1.17 default when PI 20 is absent
    if (auto* r = s.get(pi::user_requirements)) {
      MIXER_OSI_CHECK(expect(r->size() == 2, s, "Session User Requirements must be 2 octets"));
      req = static_cast<std::uint16_t>(((*r)[0] << 8) | (*r)[1]);
    }
    std::uint8_t ver = 0x01;
    if (auto* vv = s.get(pi::version)) {
      MIXER_OSI_CHECK(expect(vv->size() == 1, s, "Version Number must be 1 octet"));
      ver = (*vv)[0];
    }
    version_ = (ver & 0x02) ? 2 : 1;
    std::uint8_t setting = 0;
    if (auto* ts = s.get(pi::token_setting)) {
      MIXER_OSI_CHECK(expect(ts->size() == 1, s, "Token Setting Item must be 1 octet"));
      setting = (*ts)[0];
    }
    config_.requirements = req & config_.requirements;
    const std::uint8_t avail = available_tokens(config_.requirements);
    tokens_ = static_cast<std::uint8_t>(avail & ~initiator_tokens(setting));
    ev.requirements = config_.requirements;
    if (auto* c = s.get(pi::calling_ssel)) ev.calling_ssel = *c;
    if (auto* c = s.get(pi::called_ssel)) ev.called_ssel = config_.called_ssel = *c;
    if (!(ver & 0x03)) ev.reason = 0x84;  // no common version
    state_ = SessionState::cn_received;
  } else if (alone && s.si == si::AC) {
    MIXER_OSI_CHECK(expect(role_ == SessionRole::initiator && state_ == SessionState::awaiting_ac, s, "AC in the wrong state"));
    ev.kind = K::accept;
    std::uint16_t req = 0x0349;
    if (auto* r = s.get(pi::user_requirements); r && r->size() == 2)
      req = static_cast<std::uint16_t>(((*r)[0] << 8) | (*r)[1]);
    MIXER_OSI_CHECK(expect((req & ~config_.requirements) == 0, s, "AC adds functional units we did not propose"));
    config_.requirements = req;
    if (auto* vv = s.get(pi::version); vv && vv->size() == 1) version_ = ((*vv)[0] & 0x02) ? 2 : 1;
    std::uint8_t setting = 0;
    if (auto* ts = s.get(pi::token_setting); ts && ts->size() == 1) setting = (*ts)[0];
    tokens_ = available_tokens(req) & initiator_tokens(setting);
    ev.requirements = req;
    state_ = SessionState::connected;
  } else if (alone && s.si == si::RF) {
    MIXER_OSI_CHECK(expect(role_ == SessionRole::initiator && state_ == SessionState::awaiting_ac, s, "RF in the wrong state"));
    ev.kind = K::refuse;
    if (auto* r = s.get(pi::reason_code); r && !r->empty()) {
      ev.reason = (*r)[0];
      ev.user_data.assign(r->begin() + 1, r->end());
    }
    state_ = SessionState::closed;
  } else if (gt && s.si == si::GT_DT) {
    MIXER_OSI_CHECK(expect(data_phase && !(tokens_ & kTokenData), s, "DT without the data token"));
    ev.kind = K::data;
  } else if (gt && s.si == si::AS) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::connected && peer_turn, s, "AS in the wrong state or without the tokens"));
    ev.kind = K::activity_start;
    if (auto* id = s.get(pi::activity_id)) ev.activity_id = *id;
    vm_ = va_ = 1;
    state_ = SessionState::in_activity;
  } else if (gt && s.si == si::MIP) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::in_activity && peer_turn, s, "MIP outside an activity"));
    auto n = parse_serial(s.get(pi::serial_number));
    MIXER_OSI_CHECK(expect(n && *n == vm_, s, "MIP serial number is not V(M)"));
    ev.kind = K::minor_sync;
    ev.serial = std::to_string(vm_++);
  } else if (pt && s.si == si::MIA) {
    MIXER_OSI_CHECK(expect((state_ == SessionState::in_activity || state_ == SessionState::awaiting_aea) && has_turn(), s,
                     "MIA in the wrong state"));
    auto n = parse_serial(s.get(pi::serial_number));
    MIXER_OSI_CHECK(expect(n && *n >= va_ && *n < vm_, s, "MIA serial number outside [V(A), V(M))"));
    va_ = *n + 1;
    ev.kind = K::minor_sync_ack;
    ev.serial = std::to_string(*n);
  } else if (gt && s.si == si::MAP_AE) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::in_activity && peer_turn && !s.has(pi::sync_type), s,
                     "AE outside an activity (major sync is not supported)"));
    auto n = parse_serial(s.get(pi::serial_number));
    MIXER_OSI_CHECK(expect(n && *n == vm_, s, "AE serial number is not V(M)"));
    ev.kind = K::activity_end;
    ev.serial = ae_serial_ = std::to_string(vm_);
  } else if (pt && s.si == si::MAA_AEA) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::awaiting_aea, s, "AEA without an outstanding AE"));
    auto n = parse_serial(s.get(pi::serial_number));
    MIXER_OSI_CHECK(expect(n && std::to_string(*n) == ae_serial_, s, "AEA serial number does not match the AE"));
    ev.kind = K::activity_end_ack;
    ev.serial = ae_serial_;
    state_ = SessionState::connected;
  } else if (gt && (s.si == si::AD || s.si == si::AB_AI)) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::in_activity && peer_turn, s, "AD/AI outside an activity"));
    ev.kind = s.si == si::AD ? K::activity_discard : K::activity_interrupt;
    if (auto* r = s.get(pi::reason_code); r && !r->empty()) ev.reason = (*r)[0];
  } else if (pt && (s.si == si::ADA || s.si == si::AA_AIA)) {
    ev.kind = s.si == si::ADA ? K::activity_discard_ack : K::activity_interrupt_ack;
    MIXER_OSI_CHECK(expect(state_ == SessionState::in_activity && has_turn(), s, "ADA/AIA in the wrong state"));
    state_ = SessionState::connected;
  } else if (gt && s.si == si::AR) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::connected && peer_turn, s, "AR in the wrong state"));
    ev.kind = K::activity_resume;
    if (auto* id = s.get(pi::activity_id)) ev.activity_id = *id;
    state_ = SessionState::in_activity;
  } else if (pt && (s.si == si::ED || s.si == si::ER)) {
    MIXER_OSI_CHECK(expect(data_phase, s, "exception report outside data transfer"));
    ev.kind = s.si == si::ED ? K::exception_data : K::exception_report;
    if (auto* r = s.get(pi::reason_code); r && !r->empty()) ev.reason = (*r)[0];
  } else if (alone && s.si == si::PT) {
    MIXER_OSI_CHECK(expect(data_phase, s, "token please outside data transfer"));
    ev.kind = K::token_please;
    if (auto* t = s.get(pi::token_item); t && !t->empty()) ev.reason = (*t)[0];
  } else if (alone && s.si == si::GTC) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::connected && peer_turn, s, "GTC in the wrong state"));
    ev.kind = K::give_control;
    tokens_ = available_tokens(config_.requirements);
  } else if (alone && s.si == si::GTA) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::connected, s, "GTA in the wrong state"));
    ev.kind = K::give_control_ack;
  } else if (alone && s.si == si::FN) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::connected && peer_turn, s, "FN in an activity or without the tokens"));
    ev.kind = K::finish;
    state_ = SessionState::fn_received;
  } else if (alone && s.si == si::DN) {
    MIXER_OSI_CHECK(expect(state_ == SessionState::awaiting_dn, s, "DN without FN"));
    ev.kind = K::disconnect;
    state_ = SessionState::closed;
  } else {
    MIXER_OSI_CHECK(expect(false, s, gt || pt ? "SPDU not allowed after GT/PT here" : "unexpected or unknown SPDU"));
  }
  events_.push_back(std::move(ev));
  return Ok{};
}

std::optional<SessionEvent> SessionMachine::next_event() {
  if (events_.empty()) return std::nullopt;
  auto e = std::move(events_.front());
  events_.pop_front();
  return e;
}

Bytes SessionMachine::cat(std::uint8_t prefix, Bytes spdu) const {
  const std::uint8_t head[2] = {prefix, 0x00};
  spdu.insert(spdu.begin(), head, head + 2);
  return spdu;
}

#define MIXER_SES_REQUIRE(cond, what) \
  if (!(cond)) return fail(misuse_error("session", what, "not allowed in this state or without the tokens"))

Result<Bytes, OsiError> SessionMachine::send_connect(const Bytes& ud) {
  MIXER_SES_REQUIRE(role_ == SessionRole::initiator && state_ == SessionState::idle, "CN");
  if (ud.size() > config_.limits.max_extended_user_data)
    return fail(limit_error("session", "CN", 0, "connect user data above 10240 octets"));
  const bool extended = ud.size() > config_.limits.max_user_data_sent;
  const std::uint8_t held = config_.initiator_has_turn ? 0xff : 0x00;
  std::vector<SpduParam> p{
      {pi::connect_accept_item, {}, {{pi::protocol_options, {0}, {}}, {pi::version, {0x02}, {}},
                                     {pi::token_setting, {setting_for(held, config_.requirements)}, {}}}},
      {pi::user_requirements, u16(config_.requirements), {}}};
  if (!config_.calling_ssel.empty()) p.push_back({pi::calling_ssel, config_.calling_ssel, {}});
  if (!config_.called_ssel.empty()) p.push_back({pi::called_ssel, config_.called_ssel, {}});
  tokens_ = available_tokens(config_.requirements) & held;
  state_ = SessionState::awaiting_ac;
  return encode_spdu(si::CN, p, ud, extended);
}

Result<Bytes, OsiError> SessionMachine::send_accept(const Bytes& ud) {
  MIXER_SES_REQUIRE(state_ == SessionState::cn_received, "AC");
  MIXER_OSI_CHECK(check_user_data(ud, "AC"));
  const std::uint8_t init_held = static_cast<std::uint8_t>(~tokens_);
  std::vector<SpduParam> p{
      {pi::connect_accept_item, {}, {{pi::protocol_options, {0}, {}}, {pi::version, {version_}, {}},
                                     {pi::token_setting, {setting_for(init_held, config_.requirements)}, {}}}},
      {pi::user_requirements, u16(config_.requirements), {}}};
  // Responding session selector (X.225 §8.3.2.11): echo the called one.
  if (!config_.called_ssel.empty()) p.push_back({pi::called_ssel, config_.called_ssel, {}});
  state_ = SessionState::connected;
  return encode_spdu(si::AC, p, ud);
}

Result<Bytes, OsiError> SessionMachine::send_refuse(std::uint8_t reason, const Bytes& ud) {
  MIXER_SES_REQUIRE(state_ == SessionState::cn_received, "RF");
  Bytes r{reason};
  if (reason == 0x02) r.insert(r.end(), ud.begin(), ud.end());
  std::vector<SpduParam> p{{pi::transport_disconnect, {0x01}, {}},
                           {pi::user_requirements, u16(config_.requirements), {}},
                           {pi::version, {0x02}, {}},
                           {pi::reason_code, r, {}}};
  state_ = SessionState::closed;
  return encode_spdu(si::RF, p, std::nullopt);
}

Result<Bytes, OsiError> SessionMachine::send_data(const Bytes& ud) {
  MIXER_SES_REQUIRE((state_ == SessionState::connected || state_ == SessionState::in_activity) &&
                        (tokens_ & kTokenData),
                    "DT");
  return cat(si::GT_DT, encode_spdu(si::GT_DT, {}, ud));
}

Result<Bytes, OsiError> SessionMachine::send_activity_start(const Bytes& id) {
  MIXER_SES_REQUIRE(state_ == SessionState::connected && has_turn(), "AS");
  vm_ = va_ = 1;
  state_ = SessionState::in_activity;
  return cat(si::GT_DT, encode_spdu(si::AS, {{pi::activity_id, id, {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_minor_sync() {
  MIXER_SES_REQUIRE(state_ == SessionState::in_activity && has_turn(), "MIP");
  return cat(si::GT_DT, encode_spdu(si::MIP, {{pi::serial_number, ascii(std::to_string(vm_++)), {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_minor_sync_ack(const std::string& serial) {
  MIXER_SES_REQUIRE(state_ == SessionState::in_activity && !(tokens_ & kTokenMinor), "MIA");
  return cat(si::PT, encode_spdu(si::MIA, {{pi::serial_number, ascii(serial), {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_activity_end() {
  MIXER_SES_REQUIRE(state_ == SessionState::in_activity && has_turn(), "AE");
  ae_serial_ = std::to_string(vm_);
  state_ = SessionState::awaiting_aea;
  return cat(si::GT_DT, encode_spdu(si::MAP_AE, {{pi::serial_number, ascii(ae_serial_), {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_activity_end_ack() {
  MIXER_SES_REQUIRE(state_ == SessionState::in_activity && !ae_serial_.empty() && !has_turn(), "AEA");
  state_ = SessionState::connected;
  auto s = std::exchange(ae_serial_, std::string{});
  return cat(si::PT, encode_spdu(si::MAA_AEA, {{pi::serial_number, ascii(s), {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_activity_discard(std::uint8_t reason) {
  // Also after AE, when the receiver answered it with an exception (ED).
  MIXER_SES_REQUIRE((state_ == SessionState::in_activity || state_ == SessionState::awaiting_aea) && has_turn(), "AD");
  state_ = SessionState::in_activity;
  ae_serial_.clear();
  return cat(si::GT_DT, encode_spdu(si::AD, {{pi::reason_code, {reason}, {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_activity_discard_ack() {
  MIXER_SES_REQUIRE(state_ == SessionState::in_activity && !has_turn(), "ADA");
  state_ = SessionState::connected;
  ae_serial_.clear();
  return cat(si::PT, encode_spdu(si::ADA, {}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_activity_interrupt_ack() {
  MIXER_SES_REQUIRE(state_ == SessionState::in_activity && !has_turn(), "AIA");
  state_ = SessionState::connected;
  ae_serial_.clear();
  return cat(si::PT, encode_spdu(si::AA_AIA, {}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_exception_data(std::uint8_t reason) {
  MIXER_SES_REQUIRE((state_ == SessionState::in_activity || state_ == SessionState::connected) && !has_turn(), "ED");
  return cat(si::PT, encode_spdu(si::ED, {{pi::reason_code, {reason}, {}}}, std::nullopt));
}

Result<Bytes, OsiError> SessionMachine::send_token_please(const Bytes& ud) {
  MIXER_SES_REQUIRE(state_ == SessionState::connected || state_ == SessionState::in_activity, "PT");
  MIXER_OSI_CHECK(check_user_data(ud, "PT"));
  return encode_spdu(si::PT, {{pi::token_item, {kTokenData}, {}}}, ud);
}

Result<Bytes, OsiError> SessionMachine::send_give_control() {
  MIXER_SES_REQUIRE(state_ == SessionState::connected && has_turn(), "GTC");
  tokens_ = 0;
  return encode_spdu(si::GTC, {}, std::nullopt);
}

Result<Bytes, OsiError> SessionMachine::send_give_control_ack() {
  MIXER_SES_REQUIRE(state_ == SessionState::connected, "GTA");
  return encode_spdu(si::GTA, {}, std::nullopt);
}

Result<Bytes, OsiError> SessionMachine::send_finish(const std::optional<Bytes>& ud) {
  MIXER_SES_REQUIRE(state_ == SessionState::connected && has_turn(), "FN");
  MIXER_OSI_CHECK(check_user_data(ud, "FN"));
  state_ = SessionState::awaiting_dn;
  return encode_spdu(si::FN, {{pi::transport_disconnect, {0x01}, {}}}, ud);
}

Result<Bytes, OsiError> SessionMachine::send_disconnect(const std::optional<Bytes>& ud) {
  MIXER_SES_REQUIRE(state_ == SessionState::fn_received, "DN");
  MIXER_OSI_CHECK(check_user_data(ud, "DN"));
  state_ = SessionState::closed;
  return encode_spdu(si::DN, {}, ud);
}

Bytes SessionMachine::send_abort(const std::optional<Bytes>& ud, std::uint8_t bits) {
  state_ = SessionState::closed;
  return encode_spdu(si::AB_AI, {{pi::transport_disconnect, {bits}, {}}}, ud);
}

#undef MIXER_SES_REQUIRE

}  // namespace mixer::x400::osi
