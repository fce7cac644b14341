"""Resolve a month: what the countries' intentions do to one another.

Called by :class:`sim.model.DiplomacyModel` between the decide and update phases. Every function
here reads the observation taken at the start of the month for decisions and writes the state;
each emits the events it causes, with the detail a narrative needs.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.exogenous import apply_inputs
from sim.mechanisms.cash_first import accepts_offer, offer_value
from sim.mechanisms.japan import outreach_probability
from sim.mechanisms.korea import mediation_effect
from sim.mechanisms.sanctions import regime_update, tightening_adopted
from sim.mechanisms.trust import betray, deal_is_hollow, reinforce
from sim.mechanisms.winsets import (
    AGREEMENT_TYPES,
    DECLARATORY,
    FREEZE_FOR_RELIEF,
    NONE,
    agreement_type,
    compromise,
    damped_move,
    overlap,
    winset_halfwidth,
)
from sim.state import NUCLEAR, SANCTIONS, WorldState

if TYPE_CHECKING:
    from sim.model import DiplomacyModel

Mask = NDArray[np.bool_]


def resolve_month(m: "DiplomacyModel", obs: WorldState) -> None:
    """Settle one month for every run, in a fixed order."""
    m.decisions["breakdown"] = np.zeros(m.n_runs, dtype=bool)
    m.decisions["tightened"] = np.zeros(m.n_runs, dtype=bool)
    apply_inputs(m)
    summits(m, obs)
    deliveries(m, obs)
    hollow_deals(m, obs)
    concessions(m, obs)
    provocations(m, obs)
    sanctions(m, obs)
    mediation(m, obs)
    initiatives_and_outreach(m, obs)
    alignments(m)
    negotiation(m, obs)


def summits(m: "DiplomacyModel", obs: WorldState) -> None:
    """US proposals meet North Korea's price; held summits reach what the win-sets allow."""
    s, p, d, t = m.state, m.params, m.decisions, m.t
    propose = d["propose"]
    value = offer_value(d["relief_offered"], p["mechanisms.cash_first.talks_value"])
    accept = accepts_offer(
        value, d["price"], m.draw("accept"), p["mechanisms.cash_first.decision_noise"]
    )
    held = propose & accept
    rejected = propose & ~accept
    d["summit_held"] = held
    s.offers = s.offers + propose
    s.offers_accepted = s.offers_accepted + held
    venue = _venue(m)
    m.log.emit(t, "summit_proposed", "USA", "PRK", propose, venue)
    m.log.emit(
        t,
        "summit_rejected",
        "PRK",
        "USA",
        rejected,
        lambda r: _refusal(float(d["relief_offered"][r]), float(obs.trust[r, PRK, USA])),
    )
    if not held.any():
        return
    kind = negotiated_agreement(m, obs)
    m.log.emit(t, "summit_held", "USA", "PRK", held, venue)
    signed = held & (kind >= DECLARATORY)
    m.log.emit(t, "agreement_signed", "USA", "PRK", signed, lambda r: AGREEMENT_TYPES[kind[r]])
    improves = signed & (kind >= s.agreement)
    s.agreement = np.where(improves, kind, s.agreement).astype(np.int8)
    s.deal_step = np.where(improves, t, s.deal_step)
    s.reward_delivered = np.where(improves, False, s.reward_delivered)
    walked_out = held & (kind == NONE)
    s.talks_alive = (s.talks_alive | held) & ~walked_out
    s.trust[:, PRK, USA] = np.where(
        walked_out, betray(s.trust[:, PRK, USA], p["mechanisms.trust.loss"]), s.trust[:, PRK, USA]
    )
    d["breakdown"] = d["breakdown"] | walked_out
    s.last_summit_step = np.where(held, t, s.last_summit_step)
    s.summits = s.summits + held
    s.first_summit_step = np.where(held & (s.first_summit_step < 0), t, s.first_summit_step)
    s.best_agreement = np.maximum(s.best_agreement, np.where(held, kind, 0)).astype(np.int8)


def negotiated_agreement(m: "DiplomacyModel", obs: WorldState) -> NDArray[np.int8]:
    """What a US–North Korea summit would reach this month, from the two win-sets (mechanism 10)."""
    p = m.params
    half = winset_halfwidth(
        np.stack([p[f"actors.{c}.winset_width"] for c in ("USA", "PRK")], axis=1),
        np.stack([p[f"actors.{c}.winset_sensitivity"] for c in ("USA", "PRK")], axis=1),
        obs.pressure[:, [USA, PRK]],
    )
    pos = obs.position
    nuclear, nuclear_point = overlap(
        pos[:, USA, NUCLEAR], half[:, 0], pos[:, PRK, NUCLEAR], half[:, 1]
    )
    on_sanctions, _ = overlap(
        pos[:, USA, SANCTIONS], half[:, 0], pos[:, PRK, SANCTIONS], half[:, 1]
    )
    return agreement_type(
        nuclear, on_sanctions, nuclear_point, p["mechanisms.winsets.disarmament_threshold"]
    )


def deliveries(m: "DiplomacyModel", obs: WorldState) -> None:
    """The US delivers a promised tangible reward: a costly signal (Kydd 2005)."""
    s, p, t = m.state, m.params, m.t
    deliver = m.decisions["deliver"] & (s.agreement > NONE) & ~s.reward_delivered
    if not deliver.any():
        return
    s.reward_delivered = s.reward_delivered | deliver
    s.us_moved_since_prk = s.us_moved_since_prk | deliver
    s.trust[:, PRK, USA] = np.where(
        deliver,
        reinforce(s.trust[:, PRK, USA], p["mechanisms.trust.costly_signal_gain"]),
        s.trust[:, PRK, USA],
    )
    m.log.emit(t, "reward_delivered", "USA", "PRK", deliver, "tangible reward delivered")
    relieved = deliver & (s.agreement >= FREEZE_FOR_RELIEF)
    s.sanctions_regime = regime_update(
        s.sanctions_regime, False, relieved, 0.0, p["mechanisms.sanctions.relief_step"]
    )
    m.log.emit(t, "sanctions_relaxed", "USA", "PRK", relieved, "relief under the freeze")


def hollow_deals(m: "DiplomacyModel", obs: WorldState) -> None:
    """A deal with no reward within the deadline is a defection; talks survive it 1 time in 3.

    The go-between shares the blame: North Korea's trust in South Korea loses the same share,
    scaled by how actively Seoul mediates (``actors.KOR.mediation``), for a mediator who vouched
    for a deal that proves hollow loses credibility (Kydd 2003).
    """
    s, p, t = m.state, m.params, m.t
    hollow = deal_is_hollow(
        s.agreement > NONE,
        s.reward_delivered,
        t - s.deal_step,
        p["mechanisms.trust.reward_deadline_months"],
    )
    if not hollow.any():
        return
    loss = p["mechanisms.trust.loss"]
    s.trust[:, PRK, USA] = np.where(
        hollow, betray(s.trust[:, PRK, USA], loss), s.trust[:, PRK, USA]
    )
    s.trust[:, PRK, KOR] = np.where(
        hollow,
        betray(s.trust[:, PRK, KOR], loss * p["actors.KOR.mediation"]),
        s.trust[:, PRK, KOR],
    )
    forgiven = hollow & (m.draw("forgive") < p["mechanisms.trust.forgiveness"])
    m.log.emit(
        t,
        "agreement_collapsed",
        "PRK",
        "USA",
        hollow,
        lambda r: "no tangible reward delivered" + (", talks go on" if forgiven[r] else ""),
    )
    _break_talks(m, hollow & ~forgiven)
    s.agreement = np.where(hollow, NONE, s.agreement).astype(np.int8)


def concessions(m: "DiplomacyModel", obs: WorldState) -> None:
    """North Korea concedes (decided from its threshold or in reciprocity)."""
    s, p, t = m.state, m.params, m.t
    concede = m.decisions["concede"] & s.talks_alive
    if not concede.any():
        return
    s.us_moved_since_prk = s.us_moved_since_prk & ~concede
    for other, gain in ((USA, "costly_signal_gain"), (KOR, "gain"), (JPN, "gain")):
        s.trust[:, other, PRK] = np.where(
            concede,
            reinforce(s.trust[:, other, PRK], p[f"mechanisms.trust.{gain}"]),
            s.trust[:, other, PRK],
        )
    m.log.emit(
        t,
        "concession",
        "PRK",
        "USA",
        concede,
        lambda r: f"test moratorium (its trust in the US: {obs.trust[r, PRK, USA]:.2f})",
    )


def provocations(m: "DiplomacyModel", obs: WorldState) -> None:
    """A provocation costs others' trust in North Korea and ends live talks.

    North Korea does not launch in the month it sits down at a summit: the launch and the
    acceptance are both its own decisions of that month, and the acceptance, the later-informed
    of the two, prevails (in 2018 it suspended tests once it had agreed to talk,
    ``data/history.csv``).
    """
    s, p, t = m.state, m.params, m.t
    provoke = m.decisions["provoke"] & ~m.decisions["summit_held"]
    s.provoked_last_month = provoke
    s.provocations = s.provocations + provoke
    loss = p["mechanisms.trust.provocation_loss"]
    for other, share in ((USA, 1.0), (KOR, 1.0), (JPN, 1.0), (CHN, 0.5)):
        s.trust[:, other, PRK] = np.where(
            provoke, betray(s.trust[:, other, PRK], loss * share), s.trust[:, other, PRK]
        )
    m.log.emit(t, "provocation", "PRK", "USA", provoke, "missile launch")
    ended = provoke & s.talks_alive
    m.log.emit(
        t, "agreement_collapsed", "PRK", "USA", ended & (s.agreement > NONE), "after a provocation"
    )
    _break_talks(m, ended)
    s.agreement = np.where(ended, NONE, s.agreement).astype(np.int8)


def sanctions(m: "DiplomacyModel", obs: WorldState) -> None:
    """The US pushes a resolution; Russia or China may block it (mechanism 5)."""
    s, p, d, t = m.state, m.params, m.decisions, m.t
    pushed = d["push_tightening"]
    adopted = tightening_adopted(pushed, d["russia_blocks"], d["china_blocks"])
    d["tightened"] = adopted
    s.sanctions_regime = regime_update(
        s.sanctions_regime, adopted, False, p["mechanisms.sanctions.tighten_step"], 0.0
    )
    s.trust[:, PRK, USA] = np.where(
        adopted,
        betray(s.trust[:, PRK, USA], p["mechanisms.trust.provocation_loss"]),
        s.trust[:, PRK, USA],
    )
    m.log.emit(
        t, "sanctions_tightened", "USA", "PRK", adopted, "UN Security Council resolution adopted"
    )
    m.log.emit(
        t,
        "sanctions_blocked",
        "RUS",
        "USA",
        pushed & d["russia_blocks"],
        "Russia vetoes tighter sanctions",
    )
    m.log.emit(
        t,
        "sanctions_blocked",
        "CHN",
        "USA",
        pushed & ~d["russia_blocks"] & d["china_blocks"],
        "China vetoes tighter sanctions",
    )
    m.log.emit(
        t, "military_cooperation", "RUS", "PRK", d["military_cooperation"], "arms and troops"
    )


def mediation(m: "DiplomacyModel", obs: WorldState) -> None:
    """South Korea mediates: each side's trust moves by its trust in Seoul (mechanism 9)."""
    s, p, t = m.state, m.params, m.t
    mediate = m.decisions["mediate"]
    if not mediate.any():
        return
    gain = np.where(mediate, p["mechanisms.mediation.gain"], 0.0)
    threshold = p["mechanisms.mediation.trust_threshold"]
    s.trust[:, USA, PRK] = mediation_effect(
        s.trust[:, USA, PRK], obs.trust[:, USA, KOR], gain, threshold
    )
    s.trust[:, PRK, USA] = mediation_effect(
        s.trust[:, PRK, USA], obs.trust[:, PRK, KOR], gain, threshold
    )
    m.log.emit(
        t,
        "mediation",
        "KOR",
        "PRK",
        mediate,
        lambda r: (
            "between Washington and Pyongyang "
            f"(North Korea's trust in Seoul: {obs.trust[r, PRK, KOR]:.2f}"
            + (", too low to listen)" if obs.trust[r, PRK, KOR] <= threshold[r] else ")")
        ),
    )


def initiatives_and_outreach(m: "DiplomacyModel", obs: WorldState) -> None:
    """Seoul moves first (mechanism 8); Japan's outreach advances, more so when Seoul leads (7)."""
    s, p, d, t = m.state, m.params, m.decisions, m.t
    initiative = d["initiative"]
    for other in (JPN, CHN):
        s.trust[:, other, KOR] = np.where(
            initiative,
            reinforce(s.trust[:, other, KOR], p["mechanisms.trust.gain"] * obs.kor_leadership),
            s.trust[:, other, KOR],
        )
    m.log.emit(
        t, "initiative", "KOR", "JPN", initiative, "Seoul proposes a Korea–China–Japan meeting"
    )
    chance = outreach_probability(
        obs.pressure[:, JPN],
        p["mechanisms.japan.outreach_pressure_limit"],
        p["mechanisms.japan.outreach_rate"],
        initiative,
        obs.kor_leadership,
        p["mechanisms.korea.follow_boost"],
    )
    advance = m.draw("outreach") < chance
    s.jpn_outreach = np.where(
        advance,
        np.clip(
            s.jpn_outreach + p["mechanisms.japan.outreach_step"] * (1.0 - s.jpn_outreach), 0.0, 1.0
        ),
        s.jpn_outreach,
    )
    m.log.emit(t, "outreach", "JPN", "PRK", advance, "normalization talks and a liaison office")
    m.log.emit(
        t, "economic_cooperation", "KOR", "PRK", d["economic_cooperation"], "inter-Korean projects"
    )


def alignments(m: "DiplomacyModel") -> None:
    """Third parties read the month's signals: a veto, arms deals, a trade negotiation.

    A veto of tighter sanctions is a defection in Washington's eyes and a favour in Pyongyang's;
    North Korea–Russia military cooperation binds the two and costs Russia the trust of the US,
    South Korea and Japan (article: "a signal of comprehensive cooperation between the two
    countries"). Half-strength signals, by the same Kydd (2000) updating as elsewhere.
    """
    s, p, d = m.state, m.params, m.decisions
    gain = p["mechanisms.trust.gain"] * 0.5
    loss = p["mechanisms.trust.provocation_loss"] * 0.5
    pushed = d["push_tightening"]
    vetoes = (
        (RUS, pushed & d["russia_blocks"]),
        (CHN, pushed & ~d["russia_blocks"] & d["china_blocks"]),
    )
    for blocker, vetoed in vetoes:
        _signal(s.trust, USA, blocker, vetoed, betray, loss)
        _signal(s.trust, PRK, blocker, vetoed, reinforce, gain)
    arms = d["military_cooperation"]
    _signal(s.trust, PRK, RUS, arms, reinforce, gain)
    _signal(s.trust, RUS, PRK, arms, reinforce, gain)
    for worried in (USA, KOR, JPN):
        _signal(s.trust, worried, RUS, arms, betray, loss)


def _signal(
    trust: NDArray[np.float64],
    truster: int,
    trustee: int,
    where: Mask,
    update: Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]],
    strength: NDArray[np.float64],
) -> None:
    trust[:, truster, trustee] = np.where(
        where, update(trust[:, truster, trustee], strength), trust[:, truster, trustee]
    )


def negotiation(m: "DiplomacyModel", obs: WorldState) -> None:
    """While talks live, the US and North Korea move, damped, towards their compromise (10)."""
    s = m.state
    pair = [USA, PRK]
    target = compromise(obs.position[:, pair], obs.leverage[:, pair], obs.salience[:, pair])
    damping = np.where(s.talks_alive, m.params["mechanisms.winsets.position_damping"], 0.0)
    for country in pair:
        s.position[:, country] = damped_move(obs.position[:, country], target, damping[:, None])


def _break_talks(m: "DiplomacyModel", ended: Mask) -> None:
    s = m.state
    s.talks_alive = s.talks_alive & ~ended
    m.decisions["breakdown"] = m.decisions["breakdown"] | ended


def _venue(m: "DiplomacyModel") -> str:
    steps, _, labels = m._windows
    upcoming = [label for step, label in zip(steps, labels, strict=True) if 0 <= step - m.t <= 2]
    return f"timed for {upcoming[0]}" if upcoming else "at Panmunjom"


def _refusal(relief: float, trust: float) -> str:
    offered = (
        "no sanctions relief on the table"
        if relief <= 0
        else f"relief of {relief:.2f} is not enough"
    )
    return f"{offered} (its trust in the US: {trust:.2f})"
