#include "x400/osi/transport.hpp"

#include <algorithm>
#include <array>

namespace mixer::x400::osi {
namespace {

constexpr std::uint8_t kCR = 0xe0, kCC = 0xd0, kDT = 0xf0, kDR = 0x80, kER = 0x70;
constexpr std::size_t kMaxTpkt = 65535;

// Transition table (X.224 class 0 over RFC 1006): which TPDU code the peer
// may send in which state, per role. Anything else is a protocol error.
struct Allowed {
  TransportRole role;
  TransportState state;
  std::uint8_t code;
};
constexpr std::array<Allowed, 11> kAllowed{{
    {TransportRole::responder, TransportState::idle, kCR},
    {TransportRole::responder, TransportState::cr_received, kDR},
    {TransportRole::responder, TransportState::open, kDT},
    {TransportRole::responder, TransportState::open, kDR},
    {TransportRole::responder, TransportState::open, kER},
    {TransportRole::initiator, TransportState::awaiting_cc, kCC},
    {TransportRole::initiator, TransportState::awaiting_cc, kDR},
    {TransportRole::initiator, TransportState::awaiting_cc, kER},
    {TransportRole::initiator, TransportState::open, kDT},
    {TransportRole::initiator, TransportState::open, kDR},
    {TransportRole::initiator, TransportState::open, kER},
}};

bool allowed(TransportRole role, TransportState state, std::uint8_t code) {
  return std::any_of(kAllowed.begin(), kAllowed.end(),
                     [&](const Allowed& a) { return a.role == role && a.state == state && a.code == code; });
}

void put_tpkt(Bytes& out, std::size_t tpdu_len) {
  const std::size_t total = tpdu_len + 4;
  out.push_back(0x03);
  out.push_back(0x00);
  out.push_back(static_cast<std::uint8_t>(total >> 8));
  out.push_back(static_cast<std::uint8_t>(total & 0xff));
}

void put_param(Bytes& out, std::uint8_t code, ByteView value) {
  out.push_back(code);
  out.push_back(static_cast<std::uint8_t>(value.size()));
  out.insert(out.end(), value.begin(), value.end());
}

}  // namespace

std::optional<std::size_t> tpdu_size_from_code(std::uint8_t code) {
  if (code < 7 || code > 13) return std::nullopt;
  return std::size_t{1} << code;
}

TransportMachine::TransportMachine(TransportRole role, TransportConfig config)
    : role_(role), config_(std::move(config)) {}

void TransportMachine::receive(ByteView bytes) {
  if (pos_ > 0 && pos_ == in_.size()) {
    consumed_ += pos_;
    in_.clear();
    pos_ = 0;
  } else if (pos_ > 65536) {
    consumed_ += pos_;
    in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  in_.insert(in_.end(), bytes.begin(), bytes.end());
}

OsiError TransportMachine::fail_with(OsiError e) {
  state_ = TransportState::closed;
  error_ = e;
  return e;
}

Result<std::optional<TransportEvent>, OsiError> TransportMachine::next_event() {
  if (error_) return fail(*error_);
  while (true) {
    const std::size_t avail = in_.size() - pos_;
    if (avail < 4) return std::optional<TransportEvent>{};
    const std::size_t base = consumed_ + pos_;
    const std::uint8_t* p = in_.data() + pos_;
    if (p[0] != 0x03 || p[1] != 0x00)
      return fail(fail_with(peer_error("tpkt", "header.version", base, "not an RFC 1006 TPKT (version 3 expected)")));
    const std::size_t len = (std::size_t{p[2]} << 8) | p[3];
    if (len < 7)
      return fail(fail_with(peer_error("tpkt", "header.length", base + 2, "TPKT length " + std::to_string(len) + " below 7")));
    if (avail < len) return std::optional<TransportEvent>{};
    ByteView tpdu(p + 4, len - 4);
    pos_ += len;
    auto ev = parse_tpdu(tpdu, base + 4);
    if (!ev) return fail(fail_with(std::move(ev).error()));
    if (ev.value()) return ev;
    if (state_ == TransportState::closed) return std::optional<TransportEvent>{};
  }
}

Result<std::optional<TransportEvent>, OsiError> TransportMachine::parse_tpdu(ByteView t, std::size_t base) {
  const std::size_t li = t[0];
  if (li + 1 > t.size() || li < 2)
    return fail(peer_error("x224", "LI", base, "length indicator " + std::to_string(li) + " does not fit the TPKT"));
  if (li == 255) return fail(peer_error("x224", "LI", base, "length indicator 255 is reserved"));
  const std::uint8_t code = (t[1] & 0xf0) == kCR || (t[1] & 0xf0) == kCC ? t[1] & 0xf0 : t[1];
  if (state_ == TransportState::closed) return std::optional<TransportEvent>{};
  if (!allowed(role_, state_, code))
    return fail(peer_error("x224", "TPDU code", base + 1, "TPDU code " + std::to_string(code) + " not allowed in this state"));

  if (code == kDT) {
    if (li != 2) return fail(peer_error("x224", "DT.LI", base, "class 0 DT must have LI 2"));
    if ((t[2] & 0x7f) != 0) return fail(peer_error("x224", "DT.TPDU-NR", base + 2, "class 0 DT with non-zero TPDU-NR"));
    const ByteView data = t.subspan(3);
    if (tsdu_.size() + data.size() > config_.limits.max_tsdu_octets)
      return fail(limit_error("x224", "DT", base, "reassembled TSDU exceeds max_tsdu_octets " +
                                                    std::to_string(config_.limits.max_tsdu_octets)));
    tsdu_.insert(tsdu_.end(), data.begin(), data.end());
    if (!(t[2] & 0x80)) return std::optional<TransportEvent>{};
    TransportEvent ev{TransportEvent::Kind::data, {}, {}, {}, 0, false};
    ev.data.swap(tsdu_);
    return std::optional<TransportEvent>{std::move(ev)};
  }
  if (code == kDR) {
    if (li < 6) return fail(peer_error("x224", "DR.LI", base, "DR shorter than its fixed part"));
    state_ = TransportState::closed;
    return std::optional<TransportEvent>{TransportEvent{TransportEvent::Kind::disconnect, {}, {}, {}, t[6], false}};
  }
  if (code == kER) {
    if (li < 4) return fail(peer_error("x224", "ER.LI", base, "ER shorter than its fixed part"));
    state_ = TransportState::closed;
    return std::optional<TransportEvent>{TransportEvent{TransportEvent::Kind::disconnect, {}, {}, {}, t[4], true}};
  }
  // CR / CC: LI code DST(2) SRC(2) class(1) params.
  if (li < 6) return fail(peer_error("x224", code == kCR ? "CR.LI" : "CC.LI", base, "shorter than its fixed part"));
  const char* name = code == kCR ? "CR" : "CC";
  const std::uint16_t dst = static_cast<std::uint16_t>((t[2] << 8) | t[3]);
  const std::uint16_t src = static_cast<std::uint16_t>((t[4] << 8) | t[5]);
  const std::uint8_t cls = t[6];
  TransportEvent ev{code == kCR ? TransportEvent::Kind::connect_request : TransportEvent::Kind::connect_confirm,
                    {}, {}, {}, 0, false};
  std::optional<std::size_t> proposed;
  bool class0_alternative = false;
  for (std::size_t i = 7; i < li + 1;) {
    if (i + 2 > li + 1) return fail(peer_error("x224", std::string(name) + ".variable-part", base + i, "truncated parameter"));
    const std::uint8_t pc = t[i], pl = t[i + 1];
    if (i + 2 + pl > li + 1)
      return fail(peer_error("x224", std::string(name) + ".variable-part", base + i, "parameter runs past the header"));
    const ByteView v = t.subspan(i + 2, pl);
    if (pc == 0xc0) {
      if (pl != 1 || !tpdu_size_from_code(v[0]))
        return fail(peer_error("x224", std::string(name) + ".c0", base + i, "invalid TPDU size parameter"));
      proposed = *tpdu_size_from_code(v[0]);
    } else if (pc == 0xc1) {
      ev.calling_tsel.assign(v.begin(), v.end());
    } else if (pc == 0xc2) {
      ev.called_tsel.assign(v.begin(), v.end());
    } else if (pc == 0xc7) {
      for (auto b : v) class0_alternative = class0_alternative || (b >> 4) == 0;
    }
    i += 2 + pl;
  }
  const std::size_t ours = std::size_t{1} << config_.limits.tpdu_size_code;
  if (code == kCR) {
    if (dst != 0) return fail(peer_error("x224", "CR.DST-REF", base + 2, "CR with non-zero DST-REF"));
    if ((cls >> 4) != 0 && !class0_alternative)
      return fail(peer_error("x224", "CR.class", base + 6, "only class 0 is supported"));
    peer_ref_ = src;
    cr_had_size_ = proposed.has_value();
    tpdu_size_ = proposed ? std::min(*proposed, ours) : config_.limits.tpdu_size_when_absent;
    state_ = TransportState::cr_received;
  } else {
    if (dst != config_.local_ref)
      return fail(peer_error("x224", "CC.DST-REF", base + 2, "mismatched references: CC does not answer our CR"));
    if (cls != 0) return fail(peer_error("x224", "CC.class", base + 6, "CC selects a class other than 0"));
    peer_ref_ = src;
    tpdu_size_ = std::min(proposed.value_or(128), ours);
    state_ = TransportState::open;
  }
  return std::optional<TransportEvent>{std::move(ev)};
}

Result<Bytes, OsiError> TransportMachine::send_connect_request() {
  if (role_ != TransportRole::initiator || state_ != TransportState::idle)
    return fail(misuse_error("x224", "CR", "connect request only from an idle initiator"));
  Bytes tpdu{0, kCR, 0, 0, static_cast<std::uint8_t>(config_.local_ref >> 8),
             static_cast<std::uint8_t>(config_.local_ref & 0xff), 0};
  if (!config_.calling_tsel.empty()) put_param(tpdu, 0xc1, config_.calling_tsel);
  if (!config_.called_tsel.empty()) put_param(tpdu, 0xc2, config_.called_tsel);
  const std::uint8_t sz = config_.limits.tpdu_size_code;
  put_param(tpdu, 0xc0, ByteView(&sz, 1));
  tpdu[0] = static_cast<std::uint8_t>(tpdu.size() - 1);
  Bytes out;
  put_tpkt(out, tpdu.size());
  out.insert(out.end(), tpdu.begin(), tpdu.end());
  state_ = TransportState::awaiting_cc;
  return out;
}

Result<Bytes, OsiError> TransportMachine::send_connect_confirm() {
  if (role_ != TransportRole::responder || state_ != TransportState::cr_received)
    return fail(misuse_error("x224", "CC", "connect confirm only after a CR"));
  std::uint8_t code = 7;
  while ((std::size_t{1} << (code + 1)) <= tpdu_size_ && code < 13) ++code;
  Bytes tpdu{0, kCC, static_cast<std::uint8_t>(peer_ref_ >> 8), static_cast<std::uint8_t>(peer_ref_ & 0xff),
             static_cast<std::uint8_t>(config_.local_ref >> 8), static_cast<std::uint8_t>(config_.local_ref & 0xff), 0};
  if (cr_had_size_) put_param(tpdu, 0xc0, ByteView(&code, 1));
  tpdu[0] = static_cast<std::uint8_t>(tpdu.size() - 1);
  Bytes out;
  put_tpkt(out, tpdu.size());
  out.insert(out.end(), tpdu.begin(), tpdu.end());
  state_ = TransportState::open;
  return out;
}

Result<Bytes, OsiError> TransportMachine::send_data(ByteView tsdu) {
  if (state_ != TransportState::open) return fail(misuse_error("x224", "DT", "data only on an open connection"));
  const std::size_t chunk = std::min(tpdu_size_, kMaxTpkt - 4) - 3;
  Bytes out;
  out.reserve(tsdu.size() + (tsdu.size() / chunk + 1) * 7);
  std::size_t off = 0;
  do {
    const std::size_t n = std::min(chunk, tsdu.size() - off);
    const bool last = off + n == tsdu.size();
    put_tpkt(out, n + 3);
    out.push_back(0x02);
    out.push_back(kDT);
    out.push_back(last ? 0x80 : 0x00);
    out.insert(out.end(), tsdu.begin() + static_cast<std::ptrdiff_t>(off),
               tsdu.begin() + static_cast<std::ptrdiff_t>(off + n));
    off += n;
  } while (off < tsdu.size());
  return out;
}

Bytes TransportMachine::send_disconnect(std::uint8_t reason) {
  if (state_ == TransportState::closed && !error_) return {};
  const std::uint16_t src = state_ == TransportState::cr_received ? 0 : config_.local_ref;
  Bytes out;
  put_tpkt(out, 7);
  out.insert(out.end(), {0x06, kDR, static_cast<std::uint8_t>(peer_ref_ >> 8), static_cast<std::uint8_t>(peer_ref_ & 0xff),
                         static_cast<std::uint8_t>(src >> 8), static_cast<std::uint8_t>(src & 0xff), reason});
  state_ = TransportState::closed;
  return out;
}

}  // namespace mixer::x400::osi
