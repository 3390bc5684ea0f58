// The P1 association's data phase, release and abort (X.228 §§7.4-7.8 as
// used by X.419; crib §5.3-5.7), and the glue between the layer machines.
#include "x400/p1/association.hpp"

#include "x400/osi/acse.hpp"

namespace mixer::x400::p1 {

using namespace osi;

const char* to_string(AssociationEvent::Kind k) {
  using K = AssociationEvent::Kind;
  switch (k) {
    case K::bound:
      return "bound";
    case K::bind_refused:
      return "bind-refused";
    case K::apdu_received:
      return "apdu-received";
    case K::transfer_confirmed:
      return "transfer-confirmed";
    case K::transfer_failed:
      return "transfer-failed";
    case K::released:
      return "released";
    case K::aborted:
      return "aborted";
  }
  return "?";
}

namespace {
TransportConfig transport_config(const AssociationConfig& c) {
  TransportConfig t;
  t.calling_tsel = c.calling_tsel;
  t.called_tsel = c.called_tsel;
  // Room for the largest APDU plus the RTSE/presentation/session framing.
  t.limits.max_tsdu_octets = c.max_apdu_octets + 4096;
  return t;
}
SessionConfig session_config(const AssociationConfig& c) {
  SessionConfig s;
  s.calling_ssel = c.calling_ssel;
  s.called_ssel = c.called_ssel;
  return s;
}
}  // namespace

Association::Association(AssociationConfig config)
    : config_(std::move(config)),
      mode_(config_.mode),
      transport_(config_.role == Role::initiator ? TransportRole::initiator : TransportRole::responder,
                 transport_config(config_)),
      session_(config_.role == Role::initiator ? SessionRole::initiator : SessionRole::responder,
               session_config(config_)) {}

void Association::start() {
  auto cr = transport_.send_connect_request();
  if (cr) out_.insert(out_.end(), cr->begin(), cr->end());
}

Bytes Association::take_output() { return std::exchange(out_, Bytes{}); }

std::optional<AssociationEvent> Association::next_event() {
  if (events_.empty()) return std::nullopt;
  auto e = std::move(events_.front());
  events_.pop_front();
  return e;
}

void Association::send_tsdu(Result<Bytes, OsiError> tsdu) {
  if (!tsdu) {
    // Our own sequencing bug or a limit: end the association cleanly.
    if (state_ != AssociationState::aborted) abort(tsdu.error().to_string());
    return;
  }
  auto wire = transport_.send_data(*tsdu);
  if (!wire) {
    finished_ = true;
    return;
  }
  out_.insert(out_.end(), wire->begin(), wire->end());
}

void Association::receive(ByteView bytes) {
  if (finished_) return;
  transport_.receive(bytes);
  while (!finished_) {
    auto ev = transport_.next_event();
    if (!ev) return protocol_abort(ev.error());
    if (!ev.value()) return;
    auto& e = *ev.value();
    switch (e.kind) {
      case TransportEvent::Kind::connect_request: {
        if (!config_.called_tsel.empty() && e.called_tsel != config_.called_tsel) {
          // X.224 13.5.3: refuse with DR reason 3 "address unknown"; the
          // peer addressed another TSAP (a misconfigured route).
          auto dr = transport_.send_disconnect(0x03);
          out_.insert(out_.end(), dr.begin(), dr.end());
          state_ = AssociationState::refused;
          finished_ = true;
          emit({AssociationEvent::Kind::bind_refused,
                0,
                {},
                {},
                std::nullopt,
                "called TSAP selector is not ours (configured p1 tsel)"});
          return;
        }
        auto cc = transport_.send_connect_confirm();
        if (cc) out_.insert(out_.end(), cc->begin(), cc->end());
        break;
      }
      case TransportEvent::Kind::connect_confirm:
        send_connect();
        break;
      case TransportEvent::Kind::data:
        on_tsdu(e.data);
        break;
      case TransportEvent::Kind::disconnect:
        finished_ = true;
        if (state_ != AssociationState::released && state_ != AssociationState::refused) {
          state_ = AssociationState::aborted;
          emit({AssociationEvent::Kind::aborted,
                0,
                {},
                {},
                std::nullopt,
                std::string(e.error_tpdu ? "transport error TPDU" : "transport disconnect") + " reason " +
                    std::to_string(e.reason)});
        }
        break;
    }
  }
}

void Association::peer_closed() {
  if (finished_ && state_ != AssociationState::bound) return;
  finished_ = true;
  if (state_ == AssociationState::released || state_ == AssociationState::refused ||
      state_ == AssociationState::aborted)
    return;
  state_ = AssociationState::aborted;
  emit({AssociationEvent::Kind::aborted,
        0,
        {},
        {},
        std::nullopt,
        "connection closed by the peer" +
            std::string(transport_.buffered() ? " in the middle of a TPKT" : "")});
}

void Association::on_tsdu(const Bytes& tsdu) {
  auto r = session_.receive(tsdu);
  if (!r) return protocol_abort(r.error());
  while (auto ev = session_.next_event()) {
    on_session(*ev);
    if (finished_) return;
  }
}

void Association::on_session(SessionEvent& ev) {
  using K = SessionEvent::Kind;
  switch (ev.kind) {
    case K::connect:
      return on_connect(ev);
    case K::accept:
      return on_accept(ev.user_data);
    case K::refuse:
      return on_refuse(ev.reason, ev.user_data);
    case K::activity_start:
      rx_active_ = true;
      rx_.clear();
      return;
    case K::data:
      return on_data(ev.user_data);
    case K::minor_sync:
      // Data up to here is held in memory; durability is decided at AE.
      return send_tsdu(session_.send_minor_sync_ack(ev.serial));
    case K::activity_end:
      return on_activity_end();
    case K::activity_discard:
    case K::activity_interrupt:
      rx_active_ = false;
      rx_.clear();
      rx_pending_.reset();
      return send_tsdu(ev.kind == K::activity_discard ? session_.send_activity_discard_ack()
                                                      : session_.send_activity_interrupt_ack());
    case K::activity_resume:
      // No RTSE recovery (crib §5.6): unrecoverable procedural error.
      return send_tsdu(session_.send_exception_data(0x06));
    case K::minor_sync_ack:
      return pump();
    case K::activity_end_ack:
      if (tx_) {
        emit({AssociationEvent::Kind::transfer_confirmed, tx_->id, {}, {}, std::nullopt, {}});
        tx_.reset();
      }
      return pump();
    case K::exception_data:
    case K::exception_report:
      // The receiver cannot take this APDU: discard the activity (what ISODE does).
      if (tx_ && !tx_->discarding) {
        tx_->discarding = true;
        send_tsdu(session_.send_activity_discard(0x00));
      }
      return;
    case K::activity_discard_ack:
    case K::activity_interrupt_ack:
      if (tx_) {
        emit({AssociationEvent::Kind::transfer_failed,
              tx_->id,
              {},
              {},
              std::nullopt,
              "receiver refused the APDU"});
        tx_.reset();
      }
      return pump();
    case K::token_please:
      return on_token_please(ev.user_data);
    case K::give_control:
      if (!twa()) return protocol_abort(peer_error("rtse", "GTC", 0, "turn given in monologue mode"));
      turn_step(TurnInput::given);
      return pump();
    case K::give_control_ack:
      return turn_step(TurnInput::given_ack);
    case K::finish:
      if (!queue_.empty()) fail_queued("the peer released the association before we got the turn");
      return on_release_pdu(ev.user_data);
    case K::disconnect: {
      state_ = AssociationState::released;
      auto dr = transport_.send_disconnect(0x80);
      out_.insert(out_.end(), dr.begin(), dr.end());
      finished_ = true;
      emit({AssociationEvent::Kind::released, 0, {}, {}, std::nullopt, {}});
      return;
    }
    case K::abort:
    case K::abort_accept: {
      std::string why = "peer aborted the association";
      if (!ev.user_data.empty()) {
        if (auto a = decode_abort(ev.user_data); a && a->provider) {
          why += " (presentation provider reason " + std::to_string(a->provider_reason) + ")";
        } else if (a) {
          for (const auto& p : a->user_data)
            if (auto abrt = decode_release_or_abort(p.value); abrt && abrt->apdu == 4)
              for (const auto& e : abrt->user_information)
                if (auto rt = decode_rtab(e.data); rt && rt->reason)
                  why += " (RTSE abort reason " + std::to_string(*rt->reason) + ")";
        } else if (auto rt = decode_rtab(ev.user_data); rt && rt->reason) {
          why += " (RTSE abort reason " + std::to_string(*rt->reason) + ")";
        }
      }
      state_ = AssociationState::aborted;
      finished_ = true;
      emit({AssociationEvent::Kind::aborted, 0, {}, {}, std::nullopt, why});
      return;
    }
  }
}

void Association::on_token_please(const Bytes& ud) {
  if (!twa()) return protocol_abort(peer_error("rtse", "RTTP", 0, "turn requested in monologue mode"));
  // RTTP ::= INTEGER (priority), normal mode as a PDV of the RTSE context,
  // X.410 mode bare (crib §5.4). The priority only informs the turn holder.
  if (!ud.empty()) {
    Bytes rttp;
    if (mode_ == Mode::normal) {
      auto pdvs = decode_user_data(ud);
      if (!pdvs) return protocol_abort(pdvs.error());
      if (pdvs->size() != 1 || (*pdvs)[0].context_id != rtse_ctx_)
        return protocol_abort(peer_error("presentation", "PT.user-data", 0, "one PDV of the RTSE context expected"));
      rttp = std::move((*pdvs)[0].value);
    } else {
      rttp = ud;
    }
    auto d = decode_rtse_data(rttp);
    if (!d) return protocol_abort(d.error());
    if (d->kind != RtseData::Kind::rttp)
      return protocol_abort(peer_error("rtse", "PT.user-data", 0, "RTTP expected with a token please"));
  }
  turn_step(TurnInput::please);
  pump();
}

void Association::turn_step(TurnInput in) {
  switch (turn_.step(in)) {
    case TurnAction::none:
      return;
    case TurnAction::send_please: {
      const Bytes rttp = encode_rttp(0);
      return send_tsdu(
          session_.send_token_please(mode_ == Mode::normal ? encode_user_data(Pdv{rtse_ctx_, rttp}) : rttp));
    }
    case TurnAction::send_give:
      transfers_this_turn_ = 0;
      return send_tsdu(session_.send_give_control());
    case TurnAction::send_give_ack:
      transfers_this_turn_ = 0;
      return send_tsdu(session_.send_give_control_ack());
    case TurnAction::protocol_error:
      return protocol_abort(peer_error("rtse", std::string("turn.") + to_string(in), 0,
                                       std::string("not allowed in turn state ") + to_string(turn_.state())));
  }
}

void Association::fail_queued(const std::string& why) {
  while (!queue_.empty()) {
    emit({AssociationEvent::Kind::transfer_failed, queue_.front().id, {}, {}, std::nullopt, why});
    queue_.pop_front();
  }
}

void Association::on_data(const Bytes& ud) {
  if (!rx_active_) return protocol_abort(peer_error("rtse", "P-DATA", 0, "data outside an activity"));
  std::vector<Bytes> apdus;
  if (mode_ == Mode::normal) {
    auto pdvs = decode_user_data(ud);
    if (!pdvs) return protocol_abort(pdvs.error());
    for (auto& p : *pdvs) {
      if (p.context_id != rtse_ctx_)
        return protocol_abort(peer_error("presentation", "PDV-list", 0, "data outside the RTSE context"));
      apdus.push_back(std::move(p.value));
    }
  } else {
    apdus.push_back(ud);
  }
  for (const auto& a : apdus) {
    auto d = decode_rtse_data(a);
    if (!d) return protocol_abort(d.error());
    if (d->kind != RtseData::Kind::rttr)
      return protocol_abort(peer_error("rtse", "APDU", 0, "RTTR expected inside an activity"));
    if (rx_.size() + d->octets.size() > config_.max_apdu_octets)
      return abort("MTS-APDU larger than max_apdu_octets (" + std::to_string(config_.max_apdu_octets) + ")");
    rx_.insert(rx_.end(), d->octets.begin(), d->octets.end());
  }
}

void Association::on_activity_end() {
  rx_active_ = false;
  Bytes apdu;
  if (mode_ == Mode::normal) {
    auto ext = decode_external(rx_, "rtse");
    if (!ext) return protocol_abort(ext.error());
    if (ext->indirect_reference && *ext->indirect_reference != mtse_ctx_)
      return protocol_abort(
          peer_error("rtse", "RTTR.EXTERNAL.indirect-reference", 0, "not the MTSE context"));
    apdu = std::move(ext->data);
  } else {
    apdu = std::move(rx_);
  }
  rx_.clear();
  const std::uint64_t id = next_id_++;
  rx_pending_ = id;
  emit({AssociationEvent::Kind::apdu_received, id, std::move(apdu), {}, std::nullopt, {}});
}

void Association::confirm_stored(std::uint64_t id) {
  if (!rx_pending_ || *rx_pending_ != id || finished_) return;
  rx_pending_.reset();
  send_tsdu(session_.send_activity_end_ack());
}

void Association::reject_stored(std::uint64_t id) {
  if (!rx_pending_ || *rx_pending_ != id || finished_) return;
  rx_pending_.reset();
  send_tsdu(session_.send_exception_data(0x05));  // local SS-user error
}

void Association::on_release_pdu(const Bytes& ud) {
  if (rx_pending_)
    return protocol_abort(peer_error("session", "FN", 0, "release while a transfer awaits confirmation"));
  if (mode_ == Mode::normal) {
    auto pdvs = decode_user_data(ud);
    if (!pdvs || pdvs->empty())
      return protocol_abort(peer_error("presentation", "FN.user-data", 0, "RLRQ missing"));
    auto rl = decode_release_or_abort((*pdvs)[0].value);
    if (!rl || rl->apdu != 2) return protocol_abort(peer_error("acse", "RLRQ", 0, "RLRQ expected"));
    send_tsdu(session_.send_disconnect(encode_user_data(Pdv{acse_ctx_, encode_rlre(0)})));
  } else {
    send_tsdu(session_.send_disconnect(std::nullopt));
  }
  state_ = AssociationState::released;
  emit({AssociationEvent::Kind::released, 0, {}, {}, std::nullopt, {}});
}

std::uint64_t Association::transfer(Bytes apdu) {
  const std::uint64_t id = next_id_++;
  // Wrapped when it is sent: a responder learns the mode (and the MTSE
  // context id) only from the peer's connect.
  queue_.push_back(Outgoing{id, std::move(apdu)});
  pump();
  return id;
}

void Association::release() {
  release_requested_ = true;
  pump();
}

Bytes Association::wrap_data(const Bytes& rtse_apdu) const {
  return mode_ == Mode::normal ? encode_user_data(Pdv{rtse_ctx_, rtse_apdu}) : rtse_apdu;
}

void Association::pump() {
  if (state_ != AssociationState::bound || finished_) return;
  if (!twa() && config_.role == Role::responder && !queue_.empty())
    fail_queued("monologue association: only the initiator transfers (X.228 §7.4)");
  const bool want_release = release_requested_ && config_.role == Role::initiator;
  while (true) {
    if (!session_.has_turn()) {
      // TWA: ask for the turn when we have an APDU to send or, as the
      // initiator, a release to make (RT-CLOSE needs the turn, X.228 §7.8).
      if (twa() && (!queue_.empty() || want_release)) turn_step(TurnInput::need);
      return;
    }
    if (tx_) {
      if (tx_->ended || tx_->discarding) return;
      const std::size_t seg = ckpt_ > 0 ? static_cast<std::size_t>(ckpt_) * 1024 : tx_->payload.size();
      while (tx_->offset < tx_->payload.size()) {
        if (tx_->offset > 0) {
          // A checkpoint between segments; wait while the window is full.
          if (static_cast<long>(session_.next_serial() - session_.unacked_serial()) >= window_) return;
          send_tsdu(session_.send_minor_sync());
        }
        const std::size_t n = std::min(seg, tx_->payload.size() - tx_->offset);
        const ByteView part(tx_->payload.data() + tx_->offset, n);
        tx_->offset += n;
        send_tsdu(session_.send_data(wrap_data(encode_rttr(part))));
        if (finished_) return;
      }
      tx_->ended = true;
      send_tsdu(session_.send_activity_end());
      return;
    }
    // The peer asked for the turn (TWA): give it between activities, once our
    // queue is empty or we have used our share of the turn. If work remains
    // we ask straight back (next round of the loop).
    if (twa() && turn_.peer_asked() &&
        (queue_.empty() || transfers_this_turn_ >= config_.max_transfers_per_turn)) {
      turn_step(TurnInput::give);
      if (finished_) return;
      continue;
    }
    if (!queue_.empty()) {
      tx_ = std::move(queue_.front());
      queue_.pop_front();
      if (mode_ == Mode::normal) tx_->payload = encode_external(mtse_ctx_, tx_->payload);
      ++transfers_this_turn_;
      send_tsdu(session_.send_activity_start(integer(++activity_counter_)));
      continue;
    }
    if (want_release) {
      state_ = AssociationState::releasing;
      if (mode_ == Mode::normal)
        send_tsdu(session_.send_finish(encode_user_data(Pdv{acse_ctx_, encode_rlrq(0)})));
      else
        send_tsdu(session_.send_finish(std::nullopt));
    }
    return;
  }
}

void Association::abort(const std::string& why) {
  if (finished_) return;
  const bool session_up = state_ == AssociationState::bound || state_ == AssociationState::releasing;
  if (session_up) {
    std::optional<Bytes> ud;
    if (mode_ == Mode::normal)
      ud = encode_aru(
          Pdv{acse_ctx_, encode_abrt(0, external(rtse_ctx_, encode_rtab(rtse_abort::user_error)))});
    else
      ud = encode_rtab_x410(rtse_abort::user_error);
    auto ab = session_.send_abort(ud, 0x03);
    auto wire = transport_.send_data(ab);
    if (wire) out_.insert(out_.end(), wire->begin(), wire->end());
  } else if (transport_.state() != TransportState::closed) {
    auto dr = transport_.send_disconnect(0x00);
    out_.insert(out_.end(), dr.begin(), dr.end());
  }
  state_ = AssociationState::aborted;
  finished_ = true;
  emit({AssociationEvent::Kind::aborted, 0, {}, {}, std::nullopt, why});
}

void Association::protocol_abort(const OsiError& e) {
  if (finished_) return;
  const bool session_up = state_ == AssociationState::bound || state_ == AssociationState::releasing;
  if (session_up && e.layer != "tpkt" && e.layer != "x224") {
    std::optional<Bytes> ud;
    if (mode_ == Mode::normal)
      ud = encode_aru(
          Pdv{acse_ctx_, encode_abrt(1, external(rtse_ctx_, encode_rtab(rtse_abort::protocol_error)))});
    else
      ud = encode_rtab_x410(rtse_abort::protocol_error);
    auto wire = transport_.send_data(session_.send_abort(ud, 0x05));
    if (wire) out_.insert(out_.end(), wire->begin(), wire->end());
  } else {
    auto dr = transport_.send_disconnect(0x85);  // protocol error
    out_.insert(out_.end(), dr.begin(), dr.end());
  }
  state_ = AssociationState::aborted;
  finished_ = true;
  emit({AssociationEvent::Kind::aborted, 0, {}, {}, std::nullopt, "protocol error: " + e.to_string()});
}

}  // namespace mixer::x400::p1
