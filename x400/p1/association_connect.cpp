// Association establishment of the P1 association: CN/AC/RF with the
// presentation, ACSE and RTSE connect PPDUs around the MTA-bind (crib §§3-6,
// worked example §7.1/7.2/7.5).
#include "x400/osi/acse.hpp"
#include "x400/p1/association.hpp"

namespace mixer::x400::p1 {

using namespace osi;

namespace {

bool contains(const std::vector<Bytes>& v, const Bytes& x) {
  for (const auto& e : v)
    if (e == x) return true;
  return false;
}

// Our MTA-bind argument or result: authenticated, simple password
// (X.411 12.1.1.1.1.2), as OCTET STRING when the peer used that form.
asn::MtaBindValue our_bind_value(const std::string& name, const std::string& password, bool octets) {
  asn::MtaBindValue v;
  v.authenticated = asn::MtaAuthenticated{
      name,
      {octets ? asn::MtaCredentials::Kind::simple_octets : asn::MtaCredentials::Kind::simple_ia5, password, {}},
      std::nullopt};
  return v;
}

asn::BindWrapping wrapping(Mode m) { return m == Mode::normal ? asn::BindWrapping::bind_macro : asn::BindWrapping::bare; }

long x410_refuse_reason(BindError e) {
  switch (e) {
    case BindError::busy:
      return rtse_refuse::busy;
    case BindError::unacceptable_dialogue_mode:
      return rtse_refuse::unacceptable_dialogue_mode;
    default:
      return rtse_refuse::validation_failure;
  }
}

}  // namespace

void Association::send_connect() {
  auto arg = asn::encode_mta_bind_argument(our_bind_value(config_.our_mta, config_.our_password, false),
                                           wrapping(mode_));
  if (!arg) return abort("our MTA-bind argument cannot be encoded: " + arg.error().to_string());
  RtseOpen rq;
  rq.user_data = std::move(*arg);
  rq.checkpoint_size = config_.checkpoint_size;
  rq.window_size = config_.window_size;
  rq.dialogue = config_.dialogue;
  ConnectPpdu cp;
  if (mode_ == Mode::normal) {
    AssociateRequest aarq{oid::mts_transfer, {external(rtse_ctx_, encode_rtorq(rq))}};
    cp.mode = PresentationMode::normal;
    cp.calling_psel = config_.calling_psel;
    cp.called_psel = config_.called_psel;
    cp.contexts = {{acse_ctx_, oid::acse, {oid::ber}},
                   {rtse_ctx_, oid::mta_rtse, {oid::ber}},
                   {mtse_ctx_, oid::mtse, {oid::ber}}};
    cp.user_data = {Pdv{acse_ctx_, encode_aarq(aarq)}};
  } else {
    rq.application_protocol = config_.application_protocol;
    cp.mode = PresentationMode::x410;
    cp.x410_parameters = encode_rtorq_members(rq);
  }
  send_tsdu(session_.send_connect(encode_cp(cp)));
}

void Association::on_connect(const SessionEvent& ev) {
  if (ev.requirements != kRtseRequirements || ev.reason != 0) {
    // Not what RTSE needs (X.228 §7.1): refuse at session level, no user data.
    send_tsdu(session_.send_refuse(0x00, {}));
    state_ = AssociationState::refused;
    emit({AssociationEvent::Kind::bind_refused,
          0,
          {},
          {},
          std::nullopt,
          "session requirements/version not acceptable"});
    finished_ = true;
    return;
  }
  if (!config_.called_ssel.empty() && ev.called_ssel != config_.called_ssel) {
    // X.225 8.3.4.1.x reason code 129: session selector unknown.
    send_tsdu(session_.send_refuse(0x81, {}));
    state_ = AssociationState::refused;
    emit({AssociationEvent::Kind::bind_refused,
          0,
          {},
          {},
          std::nullopt,
          "called session selector is not ours"});
    finished_ = true;
    return;
  }
  auto cp = decode_cp(ev.user_data);
  if (!cp) return protocol_abort(cp.error());
  if (cp->mode == PresentationMode::normal && !config_.called_psel.empty() &&
      cp->called_psel != config_.called_psel) {
    // X.226 8.2.x Provider-reason 3: called-presentation-address-unknown.
    RefusePpdu cpr;
    cpr.provider_reason = 3;
    send_tsdu(session_.send_refuse(0x02, encode_cpr(cpr)));
    state_ = AssociationState::refused;
    finished_ = true;
    emit({AssociationEvent::Kind::bind_refused,
          0,
          {},
          {},
          std::nullopt,
          "called presentation selector is not ours"});
    return;
  }
  std::optional<RtseOpen> rq;
  std::vector<ContextResult> results;
  if (cp->mode == PresentationMode::normal) {
    mode_ = Mode::normal;
    long acse = -1, rtse = -1, mtse = -1;
    for (const auto& c : cp->contexts) {
      ContextResult r;
      const bool ber = contains(c.transfer_syntaxes, oid::ber);
      if (c.id % 2 == 0) {
        r = {2, 0};  // even ids belong to the responder (crib pitfall 17)
      } else if (c.abstract_syntax == oid::acse && ber) {
        acse = c.id;
      } else if ((c.abstract_syntax == oid::mta_rtse || c.abstract_syntax == oid::rtse_generic) && ber) {
        rtse = c.id;
      } else if (c.abstract_syntax == oid::mtse && ber) {
        mtse = c.id;
      } else {
        r = {2, ber ? 1L : 2L};
      }
      results.push_back(r);
    }
    if (acse < 0 || rtse < 0 || mtse < 0) {
      RefusePpdu cpr;
      cpr.results = results;
      cpr.provider_reason = 0;
      send_tsdu(session_.send_refuse(0x02, encode_cpr(cpr)));
      state_ = AssociationState::refused;
      finished_ = true;
      emit({AssociationEvent::Kind::bind_refused,
            0,
            {},
            {},
            std::nullopt,
            "the ACSE, MTA-RTSE and MTSE presentation contexts are required"});
      return;
    }
    acse_ctx_ = acse;
    rtse_ctx_ = rtse;
    mtse_ctx_ = mtse;
    const Pdv* aarq_pdv = nullptr;
    for (const auto& p : cp->user_data)
      if (p.context_id == acse_ctx_) aarq_pdv = &p;
    if (!aarq_pdv)
      return protocol_abort(
          peer_error("presentation", "CP-type.user-data", 0, "no AARQ in the ACSE context"));
    auto aarq = decode_aarq(aarq_pdv->value);
    if (!aarq) return protocol_abort(aarq.error());
    if (aarq->application_context != oid::mts_transfer) {
      AssociateResponse aare{aarq->application_context, 1, 1, 2, {}};
      RefusePpdu cpr;
      cpr.results = results;
      cpr.user_data = {Pdv{acse_ctx_, encode_aare(aare)}};
      send_tsdu(session_.send_refuse(0x02, encode_cpr(cpr)));
      state_ = AssociationState::refused;
      finished_ = true;
      emit({AssociationEvent::Kind::bind_refused,
            0,
            {},
            {},
            std::nullopt,
            "application context is not id-ac-mts-transfer"});
      return;
    }
    if (aarq->user_information.size() != 1)
      return protocol_abort(
          peer_error("acse", "AARQ.user-information", 0, "exactly one EXTERNAL (the RTORQ) expected"));
    auto r = decode_rtorq(aarq->user_information[0].data);
    if (!r) return protocol_abort(r.error());
    rq = *r;
  } else {
    mode_ = Mode::x410;
    auto r = decode_rtorq_members(cp->x410_parameters);
    if (!r) return protocol_abort(r.error());
    rq = *r;
  }
  const PresentationMode pm = cp->mode;
  if (rq->recover)
    return refuse_bind(pm, results, BindError::busy, "RTSE recovery requested (not supported)");
  if (config_.busy) return refuse_bind(pm, results, BindError::busy, "too many associations");
  auto bind = asn::decode_mta_bind_argument(rq->user_data);
  if (!bind) return refuse_bind(pm, results, BindError::authentication_error, bind.error().to_string());
  const asn::MtaAuthenticated* who = bind->authenticated ? &*bind->authenticated : nullptr;
  if (who && (who->credentials.kind == asn::MtaCredentials::Kind::strong ||
              who->credentials.kind == asn::MtaCredentials::Kind::protected_password))
    return refuse_bind(pm, results, BindError::authentication_error, "strong credentials not supported");
  if (who && who->security_context)
    return refuse_bind(pm, results, BindError::unacceptable_security_context, "security context not supported");
  std::string our_password;
  if (!config_.peers.empty()) {
    auto it = who ? config_.peers.find(who->name) : config_.peers.end();
    if (it == config_.peers.end())
      return refuse_bind(pm, results, BindError::authentication_error, "unknown initiator MTA name");
    if (it->second.their_password != who->credentials.password)
      return refuse_bind(pm, results, BindError::authentication_error, "wrong password for " + who->name);
    our_password = it->second.our_password;
  }
  const bool octets = who && who->credentials.kind == asn::MtaCredentials::Kind::simple_octets;
  auto result = asn::encode_mta_bind_result(our_bind_value(config_.our_mta, our_password, octets), wrapping(mode_));
  if (!result) return abort("our MTA-bind result cannot be encoded: " + result.error().to_string());
  ckpt_ = std::min(rq->checkpoint_size,
                   config_.checkpoint_size == 0 ? rq->checkpoint_size : config_.checkpoint_size);
  window_ = std::min(rq->window_size, config_.window_size);
  RtseOpen ac;
  ac.checkpoint_size = ckpt_;
  ac.window_size = window_;
  AcceptPpdu cpa;
  cpa.mode = pm;
  if (pm == PresentationMode::normal) {
    ac.user_data = std::move(*result);
    AssociateResponse aare{oid::mts_transfer, 0, 1, 0, {external(rtse_ctx_, encode_rtoac(ac))}};
    cpa.results = results;
    cpa.user_data = {Pdv{acse_ctx_, encode_aare(aare)}};
  } else {
    ac.user_data = std::move(*result);
    cpa.x410_parameters = encode_rtoac_members(ac);
  }
  config_.dialogue = rq->dialogue;
  send_tsdu(session_.send_accept(encode_cpa(cpa)));
  if (state_ == AssociationState::aborted) return;
  turn_ = TurnMachine(session_.has_turn());
  transfers_this_turn_ = 0;
  state_ = AssociationState::bound;
  emit({AssociationEvent::Kind::bound,
        0,
        {},
        who ? who->name : std::string("(unauthenticated)"),
        std::nullopt,
        mode_ == Mode::normal ? "normal mode" : "X.410-1984 mode"});
  pump();  // TWA: transfers queued before the bind ask for the turn
}

void Association::refuse_bind(PresentationMode pm, const std::vector<ContextResult>& results, BindError e,
                              const std::string& why) {
  RefusePpdu cpr;
  cpr.mode = pm;
  if (pm == PresentationMode::normal) {
    RtseRefuse rj;
    if (auto b = asn::encode_mta_bind_error(e, asn::BindWrapping::bind_macro)) rj.user_data = std::move(*b);
    AssociateResponse aare{oid::mts_transfer, 1, 1, 1, {external(rtse_ctx_, encode_rtorj(rj))}};
    cpr.results = results;
    cpr.user_data = {Pdv{acse_ctx_, encode_aare(aare)}};
  } else {
    cpr.x410_parameters = integer(x410_refuse_reason(e), context(0));
  }
  send_tsdu(session_.send_refuse(0x02, encode_cpr(cpr)));
  state_ = AssociationState::refused;
  finished_ = true;
  emit({AssociationEvent::Kind::bind_refused, 0, {}, {}, e, why});
}

void Association::on_accept(const Bytes& ud) {
  auto cpa = decode_cpa(ud);
  if (!cpa) return protocol_abort(cpa.error());
  Result<RtseOpen, OsiError> ac = fail(peer_error("rtse", "RTOAC", 0, "missing"));
  if (mode_ == Mode::normal) {
    for (const auto& r : cpa->results)
      if (r.result != 0)
        return protocol_abort(
            peer_error("presentation", "CPA-PPDU.result-list", 0, "a context was rejected"));
    for (const auto& p : cpa->user_data) {
      if (p.context_id != acse_ctx_) continue;
      auto aare = decode_aare(p.value);
      if (!aare) return protocol_abort(aare.error());
      if (aare->result != 0 || aare->user_information.size() != 1)
        return protocol_abort(peer_error("acse", "AARE", 0, "accepted AARE without exactly one RTOAC"));
      ac = decode_rtoac(aare->user_information[0].data);
    }
  } else {
    ac = decode_rtoac_members(cpa->x410_parameters);
  }
  if (!ac) return protocol_abort(ac.error());
  auto res = asn::decode_mta_bind_result(ac->user_data);
  if (!res) return protocol_abort(peer_error("p1", "MTABindResult", 0, res.error().to_string()));
  const std::string responder = res->authenticated ? res->authenticated->name : std::string("(unauthenticated)");
  if (!res->authenticated || (!config_.peer_mta.empty() && responder != config_.peer_mta)) {
    // PP does the same (crib §6.1): an unexpected responder is not our peer.
    abort("responder MTA name '" + responder + "' is not the expected '" + config_.peer_mta + "'");
    return;
  }
  ckpt_ = ac->checkpoint_size > config_.checkpoint_size ? config_.checkpoint_size : ac->checkpoint_size;
  window_ = ac->window_size > config_.window_size ? config_.window_size : ac->window_size;
  turn_ = TurnMachine(session_.has_turn());
  transfers_this_turn_ = 0;
  state_ = AssociationState::bound;
  emit({AssociationEvent::Kind::bound,
        0,
        {},
        responder,
        std::nullopt,
        mode_ == Mode::normal ? "normal mode" : "X.410-1984 mode"});
  pump();
}

void Association::on_refuse(std::uint8_t reason, const Bytes& ud) {
  state_ = AssociationState::refused;
  finished_ = true;
  AssociationEvent ev{AssociationEvent::Kind::bind_refused,
                      0,
                      {},
                      {},
                      std::nullopt,
                      "session refuse reason " + std::to_string(reason)};
  if (reason == 0x02 && !ud.empty()) {
    auto cpr = decode_cpr(ud);
    if (cpr && cpr->mode == PresentationMode::x410) {
      auto rj = decode_rtorj_members(cpr->x410_parameters);
      if (rj && rj->refuse_reason) {
        ev.detail = "RTSE refuse reason " + std::to_string(*rj->refuse_reason);
        if (*rj->refuse_reason == rtse_refuse::validation_failure)
          ev.bind_error = BindError::authentication_error;
        if (*rj->refuse_reason == rtse_refuse::busy) ev.bind_error = BindError::busy;
        if (*rj->refuse_reason == rtse_refuse::unacceptable_dialogue_mode)
          ev.bind_error = BindError::unacceptable_dialogue_mode;
      }
    } else if (cpr) {
      for (const auto& p : cpr->user_data) {
        auto aare = decode_aare(p.value);
        if (!aare) continue;
        ev.detail = "association rejected (AARE result " + std::to_string(aare->result) + ", diagnostic " +
                    std::to_string(aare->diagnostic) + ")";
        for (const auto& e : aare->user_information) {
          auto rj = decode_rtorj(e.data);
          if (!rj || rj->user_data.empty()) continue;
          if (auto be = asn::decode_mta_bind_error(rj->user_data)) {
            ev.bind_error = *be;
            ev.detail = std::string("MTA-bind error ") + to_string(*be);
          }
        }
      }
    }
  }
  emit(std::move(ev));
}

}  // namespace mixer::x400::p1
