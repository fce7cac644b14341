"""Talks: summits and the agreements the win-sets allow, rewards, hollow deals, concessions.

Mechanisms 1, 2, 3 and 10 as they meet: a US proposal meets North Korea's choice; a held summit
reaches what the two win-sets allow, with the US at the table on the terms of its current offer,
and relief offered upfront is delivered there; a promised reward is delivered or the deal turns
hollow; North Korea concedes when its trust allows or in reciprocity.

Each step reads the month's observation and intentions and records facts in the month's
settlement (:mod:`sim.settlement`); the state moves once, in :func:`sim.resolution.settle.settle`.
What several steps need to know of the month — whether a summit is held, whether a reward is
delivered — is a pure function of the intentions and the observation (:func:`summit_held`,
:func:`delivered`, :func:`hollow`), so every step computes it alike.
"""

import numpy as np
from numpy.typing import NDArray

from sim import switches
from sim.countries import KOR, PRK, USA
from sim.intentions import NorthKoreaIntentions, UnitedStatesIntentions
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
from sim.state import NUCLEAR, SANCTIONS, WorldState


def summit_held(m: Month) -> NDArray[np.bool_]:
    """Where a US–North Korea summit is held: an accepted proposal or an answered invitation."""

    def compute() -> NDArray[np.bool_]:
        us = m.intents.of(UnitedStatesIntentions)
        nk = m.intents.of(NorthKoreaIntentions)
        invited = nk.invite & ~us.propose
        held: NDArray[np.bool_] = (us.propose & nk.accept) | (invited & us.answer_yes)
        return held

    return m.derived("summit_held", compute)


def delivered(m: Month, obs: WorldState) -> NDArray[np.bool_]:
    """Where the US delivers a promised reward this month (a deal in force, none delivered)."""

    def compute() -> NDArray[np.bool_]:
        us = m.intents.of(UnitedStatesIntentions)
        result: NDArray[np.bool_] = us.deliver & (obs.agreement > NONE) & ~obs.reward_delivered
        return result

    return m.derived("delivered", compute)


def hollow(m: Month, obs: WorldState) -> NDArray[np.bool_]:
    """Where a deal turns hollow: no reward within the deadline, and none delivered this month."""

    def compute() -> NDArray[np.bool_]:
        late = deal_is_hollow(
            obs.agreement > NONE,
            obs.reward_delivered,
            m.step - obs.deal_step,
            m.params.mechanisms.trust.reward_deadline_months,
        )
        result: NDArray[np.bool_] = late & ~delivered(m, obs)
        return result

    return m.derived("hollow", compute)


def summits(m: Month, obs: WorldState) -> None:
    """US proposals meet North Korea's choice; held summits reach what the win-sets allow."""
    us = m.intents.of(UnitedStatesIntentions)
    nk = m.intents.of(NorthKoreaIntentions)
    settled, p, t = m.outcome.settled, m.params, m.step
    propose = us.propose
    invited = nk.invite & ~propose
    held = summit_held(m)
    rejected = propose & ~nk.accept
    m.outcome.summit_held = held
    settled.record("proposed", propose)
    settled.record("offer_accepted", propose & nk.accept)
    settled.record("held", held)
    venue = m.venue
    m.log.emit(t, "summit_proposed", "USA", "PRK", propose, lambda r: _offer(m, obs, r, venue))
    m.log.emit(t, "summit_rejected", "PRK", "USA", rejected, lambda r: _refusal(m, obs, r))
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
    kind = np.where(held, negotiated_agreement(m, obs), NONE).astype(np.int8)
    m.log.emit(t, "summit_held", "USA", "PRK", held, venue)
    relief = us.upfront_relief  # the US's decision, as played
    upfront = held & (relief > 0)
    settled.record("kind", kind)
    settled.record("relief", np.where(upfront, relief, 0.0))
    settled.record("upfront", upfront)
    settled.signal("summits", PRK, USA, upfront, p.mechanisms.trust.costly_signal_ratio)
    m.log.emit(
        t, "reward_delivered", "USA", "PRK", upfront, "upfront relief delivered at the summit"
    )
    m.log.emit(t, "sanctions_relaxed", "USA", "PRK", upfront, "relief delivered at the summit")
    signed = held & (kind >= DECLARATORY)
    settled.record("signed", signed)
    m.log.emit(t, "agreement_signed", "USA", "PRK", signed, lambda r: AGREEMENT_TYPES[kind[r]])
    walked_out = held & (kind == NONE)
    settled.record("walked_out", walked_out)
    # a walk-out breaks the agreement in force, unless it turned hollow this month already
    broken = walked_out & (obs.agreement > NONE) & ~hollow(m, obs)
    settled.record("broken", broken)
    m.log.emit(t, "agreement_collapsed", "PRK", "USA", broken, "after a walk-out at the summit")
    defected = switches.trust(m.on, walked_out, False)
    settled.signal("summits", PRK, USA, defected, p.mechanisms.trust.defection_ratio)


def negotiated_agreement(m: Month, obs: WorldState) -> NDArray[np.int8]:
    """What a US–North Korea summit would reach this month, from the two win-sets (mechanism 10).

    The US sits down at the terms of its current offer where they go further than its position.
    With the mechanism switched off, a summit yields a declaration and nothing more.
    """
    return m.derived("agreement", lambda: _agreement(m, obs))


def _agreement(m: Month, obs: WorldState) -> NDArray[np.int8]:
    """:func:`negotiated_agreement`, computed."""
    p = m.params
    half = winset_halfwidth(
        np.stack([p.negotiator(i).winset_width for i in NEGOTIATORS], axis=1),
        np.stack([p.negotiator(i).winset_sensitivity for i in NEGOTIATORS], axis=1),
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
    return switches.winsets(m.on, kind, DECLARATORY).astype(np.int8)


def deliveries(m: Month, obs: WorldState) -> None:
    """The US delivers a promised tangible reward: a costly signal (Kydd 2005).

    Under a freeze-for-relief deal or better the reward is the relief the US signed up to, and
    the regime falls by that much (as relief upfront does): the 2007 release of the Banco Delta
    Asia funds under the Six-Party "action for action" deal.
    """
    settled, p, t = m.outcome.settled, m.params, m.step
    deliver = delivered(m, obs)
    if not deliver.any():
        return
    settled.record("delivered", deliver)
    settled.signal("deliveries", PRK, USA, deliver, p.mechanisms.trust.costly_signal_ratio)
    m.log.emit(t, "reward_delivered", "USA", "PRK", deliver, "tangible reward delivered")
    relieved = deliver & (obs.agreement >= FREEZE_FOR_RELIEF)
    settled.record("relieved", relieved)
    # the relief the US signed up to: its offer, or its own position if that gives more
    promised = np.maximum(obs.position[:, USA, SANCTIONS], obs.offer_relief[:, USA])
    settled.record("relief_delivered", np.where(relieved, promised, 0.0))
    m.log.emit(t, "sanctions_relaxed", "USA", "PRK", relieved, "relief under the freeze")


def hollow_deals(m: Month, obs: WorldState) -> None:
    """A deal with no reward within the deadline is a defection; talks survive it 1 time in 3.

    With mechanism 3 switched off a hollow deal is not read as a defection at all: it costs no
    trust and the talks go on (the deal itself lapses).

    The go-between shares the blame: North Korea's trust in South Korea takes the same
    defection, weighted by how actively Seoul mediates (``actors.KOR.mediation``), for a mediator
    who vouched for a deal that proves hollow loses credibility (Kydd 2003).
    """
    settled, p, t = m.outcome.settled, m.params, m.step
    turned = hollow(m, obs)
    if not turned.any():
        return
    costs = switches.trust(m.on, turned, False)
    ratio = p.mechanisms.trust.defection_ratio
    settled.signal("hollow_deals", PRK, USA, costs, ratio)
    settled.signal("hollow_deals", PRK, KOR, costs, ratio, p.actors.KOR.mediation)
    forgiven = turned & (m.draw("forgive") < p.mechanisms.trust.forgiveness)
    settled.record("hollow", turned)
    settled.record("forgiven", forgiven)
    m.log.emit(
        t,
        "agreement_collapsed",
        "PRK",
        "USA",
        turned,
        lambda r: "no tangible reward delivered" + (", talks go on" if forgiven[r] else ""),
    )


def concessions(m: Month, obs: WorldState) -> None:
    """North Korea concedes (decided from its threshold or in reciprocity): a costly signal."""
    nk = m.intents.of(NorthKoreaIntentions)
    settled, p, t = m.outcome.settled, m.params, m.step
    concede = nk.concede & obs.talks_alive
    if not concede.any():
        return
    settled.record("conceded", concede)
    for reader in CONCESSION_COSTLY:
        settled.signal("concessions", reader, PRK, concede, p.mechanisms.trust.costly_signal_ratio)
    for reader in CONCESSION_CHEAP:
        settled.signal("concessions", reader, PRK, concede, p.mechanisms.trust.cheap_signal_ratio)
    m.log.emit(
        t,
        "concession",
        "PRK",
        "USA",
        concede,
        lambda r: f"test moratorium (its trust in the US: {obs.trust[r, PRK, USA]:.2f})",
    )


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
