"""Diplomacy: mediation, initiatives and outreach, third parties' signals, negotiation.

Mechanisms 7, 8, 9 and 10 as they meet, and how third parties read vetoes and arms deals.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.mechanisms.japan import outreach_probability
from sim.mechanisms.korea import mediation_effect
from sim.mechanisms.trust import betray, reinforce
from sim.mechanisms.winsets import compromise, damped_move
from sim.state import WorldState

if TYPE_CHECKING:
    from sim.model import DiplomacyModel


Mask = NDArray[np.bool_]


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
