"""Talks: summits and the agreements the win-sets allow, rewards, hollow deals, concessions.

Mechanisms 1, 2, 3 and 10 as they meet: a US proposal meets North Korea's choice; a held summit
reaches what the two win-sets allow, with the US at the table on the terms of its current offer,
and relief offered upfront is delivered there; a promised reward is delivered or the deal turns
hollow; North Korea concedes when its trust allows or in reciprocity.
"""

import numpy as np
from numpy.typing import NDArray

from sim.countries import KOR, PRK, USA
from sim.intentions import NorthKoreaIntentions, UnitedStatesIntentions
from sim.mechanisms.sanctions import regime_update
from sim.mechanisms.trust import deal_is_hollow
from sim.mechanisms.winsets import (
    AGREEMENT_TYPES,
    DECLARATORY,
    FREEZE_FOR_RELIEF,
    NONE,
    agreement_type,
    overlap,
    winset_halfwidth,
)
from sim.month import Month
from sim.parameters.table import per_run
from sim.resolution.audiences import CONCESSION_CHEAP, CONCESSION_COSTLY, NEGOTIATORS
from sim.resolution.signals import signal
from sim.state import NUCLEAR, SANCTIONS, WorldState


def summits(m: Month, obs: WorldState) -> None:
    """US proposals meet North Korea's choice; held summits reach what the win-sets allow."""
    us = m.intents.of(UnitedStatesIntentions)
    nk = m.intents.of(NorthKoreaIntentions)
    s, p, t = m.state, m.params, m.step
    propose = us.propose
    invited = nk.invite & ~propose
    held = (propose & nk.accept) | (invited & us.answer_yes)
    rejected = propose & ~nk.accept
    m.outcome.summit_held = held
    s.offers = s.offers + propose
    s.offers_accepted = s.offers_accepted + (propose & nk.accept)
    venue = m.venue
    m.log.emit(t, "summit_proposed", "USA", "PRK", propose, lambda r: _offer(m, obs, r, venue))
    m.log.emit(
        t,
        "summit_rejected",
        "PRK",
        "USA",
        rejected,
        lambda r: _refusal(m, obs, r),
    )
    m.log.emit(t, "summit_proposed", "PRK", "USA", invited, "through South Korea's envoys " + venue)
    m.log.emit(
        t,
        "summit_rejected",
        "USA",
        "PRK",
        invited & ~us.answer_yes,
        lambda r: f"no need for a win now (its pressure for one: {obs.pressure[r, USA]:.2f})",
    )
    if not held.any():
        return
    kind = negotiated_agreement(m, obs)
    m.log.emit(t, "summit_held", "USA", "PRK", held, venue)
    relief = m.intents.of(UnitedStatesIntentions).upfront_relief  # the US's decision, as played
    upfront = held & (relief > 0)
    s.sanctions_regime = regime_update(s.sanctions_regime, False, upfront, 0.0, relief)
    s.moved[:, USA] = s.moved[:, USA] | upfront
    signal(s.trust, PRK, USA, upfront, p.mechanisms.trust.costly_signal_ratio)
    m.log.emit(
        t, "reward_delivered", "USA", "PRK", upfront, "upfront relief delivered at the summit"
    )
    m.log.emit(t, "sanctions_relaxed", "USA", "PRK", upfront, "relief delivered at the summit")
    m.outcome.relieved_under_freeze = m.outcome.relieved_under_freeze | (
        upfront & (kind >= FREEZE_FOR_RELIEF)
    )
    signed = held & (kind >= DECLARATORY)
    m.log.emit(t, "agreement_signed", "USA", "PRK", signed, lambda r: AGREEMENT_TYPES[kind[r]])
    improves = signed & (kind >= s.agreement)
    s.agreement = np.where(improves, kind, s.agreement).astype(np.int8)
    s.deal_step = np.where(improves, t, s.deal_step)
    s.reward_delivered = np.where(improves, upfront, s.reward_delivered)
    walked_out = held & (kind == NONE)
    broken = walked_out & (s.agreement > NONE)
    m.log.emit(t, "agreement_collapsed", "PRK", "USA", broken, "after a walk-out at the summit")
    s.agreement = np.where(broken, NONE, s.agreement).astype(np.int8)
    s.talks_alive = (s.talks_alive | held) & ~walked_out
    signal(s.trust, PRK, USA, walked_out & m.on.trust, p.mechanisms.trust.defection_ratio)
    m.outcome.breakdown = m.outcome.breakdown | walked_out
    s.last_summit_step = np.where(held, t, s.last_summit_step)
    s.summits = s.summits + held
    s.first_summit_step = np.where(held & (s.first_summit_step < 0), t, s.first_summit_step)
    s.best_agreement = np.maximum(s.best_agreement, np.where(held, kind, 0)).astype(np.int8)


def negotiated_agreement(m: Month, obs: WorldState) -> NDArray[np.int8]:
    """What a US–North Korea summit would reach this month, from the two win-sets (mechanism 10).

    The US sits down at the terms of its current offer where they go further than its position.
    With the mechanism switched off, a summit yields a declaration and nothing more.
    """
    p = m.params
    half = winset_halfwidth(
        np.stack([p.actor(i).winset_width for i in NEGOTIATORS], axis=1),
        np.stack([p.actor(i).winset_sensitivity for i in NEGOTIATORS], axis=1),
        obs.pressure[:, list(NEGOTIATORS)],
    )
    pos = obs.position
    us_nuclear = np.maximum(pos[:, USA, NUCLEAR], obs.offer_nuclear[:, USA])
    us_relief = np.maximum(pos[:, USA, SANCTIONS], obs.offer_relief[:, USA])
    nuclear, nuclear_point = overlap(us_nuclear, half[:, 0], pos[:, PRK, NUCLEAR], half[:, 1])
    on_sanctions, _ = overlap(us_relief, half[:, 0], pos[:, PRK, SANCTIONS], half[:, 1])
    kind = agreement_type(
        nuclear, on_sanctions, nuclear_point, p.mechanisms.winsets.disarmament_threshold
    )
    return np.where(m.on.winsets, kind, DECLARATORY).astype(np.int8)


def deliveries(m: Month, obs: WorldState) -> None:
    """The US delivers a promised tangible reward: a costly signal (Kydd 2005)."""
    us = m.intents.of(UnitedStatesIntentions)
    s, p, t = m.state, m.params, m.step
    deliver = us.deliver & (s.agreement > NONE) & ~s.reward_delivered
    if not deliver.any():
        return
    s.reward_delivered = s.reward_delivered | deliver
    s.moved[:, USA] = s.moved[:, USA] | deliver
    signal(s.trust, PRK, USA, deliver, p.mechanisms.trust.costly_signal_ratio)
    m.log.emit(t, "reward_delivered", "USA", "PRK", deliver, "tangible reward delivered")
    relieved = deliver & (s.agreement >= FREEZE_FOR_RELIEF)
    s.sanctions_regime = regime_update(
        s.sanctions_regime, False, relieved, 0.0, p.mechanisms.sanctions.relief_step
    )
    m.log.emit(t, "sanctions_relaxed", "USA", "PRK", relieved, "relief under the freeze")
    m.outcome.relieved_under_freeze = m.outcome.relieved_under_freeze | relieved


def hollow_deals(m: Month, obs: WorldState) -> None:
    """A deal with no reward within the deadline is a defection; talks survive it 1 time in 3.

    The go-between shares the blame: North Korea's trust in South Korea takes the same
    defection, weighted by how actively Seoul mediates (``actors.KOR.mediation``), for a mediator
    who vouched for a deal that proves hollow loses credibility (Kydd 2003).
    """
    s, p, t = m.state, m.params, m.step
    hollow = deal_is_hollow(
        s.agreement > NONE,
        s.reward_delivered,
        t - s.deal_step,
        p.mechanisms.trust.reward_deadline_months,
    )
    if not hollow.any():
        return
    costs = hollow & m.on.trust
    ratio = p.mechanisms.trust.defection_ratio
    signal(s.trust, PRK, USA, costs, ratio)
    signal(s.trust, PRK, KOR, costs, ratio, p.actors.KOR.mediation)
    forgiven = hollow & (m.draw("forgive") < p.mechanisms.trust.forgiveness)
    m.log.emit(
        t,
        "agreement_collapsed",
        "PRK",
        "USA",
        hollow,
        lambda r: "no tangible reward delivered" + (", talks go on" if forgiven[r] else ""),
    )
    break_talks(m, hollow & ~forgiven)
    s.agreement = np.where(hollow, NONE, s.agreement).astype(np.int8)


def concessions(m: Month, obs: WorldState) -> None:
    """North Korea concedes (decided from its threshold or in reciprocity): a costly signal."""
    nk = m.intents.of(NorthKoreaIntentions)
    s, p, t = m.state, m.params, m.step
    concede = nk.concede & s.talks_alive
    if not concede.any():
        return
    s.moved[:, USA] = s.moved[:, USA] & ~concede
    for reader in CONCESSION_COSTLY:
        signal(s.trust, reader, PRK, concede, p.mechanisms.trust.costly_signal_ratio)
    for reader in CONCESSION_CHEAP:
        signal(s.trust, reader, PRK, concede, p.mechanisms.trust.cheap_signal_ratio)
    m.log.emit(
        t,
        "concession",
        "PRK",
        "USA",
        concede,
        lambda r: f"test moratorium (its trust in the US: {obs.trust[r, PRK, USA]:.2f})",
    )


def break_talks(m: Month, ended: NDArray[np.bool_]) -> None:
    """End talks where ``ended``: a breakdown this month."""
    s = m.state
    s.talks_alive = s.talks_alive & ~ended
    m.outcome.breakdown = m.outcome.breakdown | ended


def _offer(m: Month, obs: WorldState, r: int, venue: str) -> str:
    upfront = float(m.intents.of(UnitedStatesIntentions).upfront_relief[r])
    promised = float(obs.offer_relief[:, USA][r])
    nuclear = float(obs.offer_nuclear[:, USA][r])
    freeze = float(per_run(m.params.mechanisms.winsets.freeze_point)[r])
    terms = "denuclearization first" if nuclear < freeze else "a freeze first"
    relief = (
        f"relief of {upfront:.2f} upfront" if upfront > 0 else f"relief of {promised:.2f} promised"
    )
    if upfront <= 0 and promised <= 0:
        relief = "no relief"
    return f"{venue} ({terms}, {relief})"


def _refusal(m: Month, obs: WorldState, r: int) -> str:
    nk = m.intents.of(NorthKoreaIntentions)
    chance = float(nk.acceptance_chance[r])
    trust = float(obs.trust[r, PRK, USA])
    return (
        f"the offer is not worth it (its trust in the US: {trust:.2f}; "
        f"odds it would accept {chance:.0%})"
    )
