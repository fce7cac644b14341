"""Diplomacy: mediation, gestures, initiatives and outreach, China's and Russia's acts, third
parties' signals, negotiation.

Mechanisms 4, 6, 7, 8, 9 and 10 as they meet, and how third parties read vetoes and arms deals.
"""

import numpy as np
from numpy.typing import NDArray

from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.mechanisms.china import PRESS, REENGAGE
from sim.mechanisms.japan import outreach_probability
from sim.mechanisms.korea import (
    GESTURES,
    SUSPENDS_EXERCISES,
    mediated_trust,
    mediation_weight,
)
from sim.mechanisms.lifeline import CUT, EXPAND
from sim.mechanisms.trust import update_belief
from sim.mechanisms.winsets import compromise, damped_move
from sim.month import Month
from sim.state import WorldState

Mask = NDArray[np.bool_]


def mediation(m: Month, obs: WorldState) -> None:
    """South Korea mediates: a vouching each side believes as far as it trusts Seoul (mechanism 9).

    Mediation can fail — Pyongyang may not listen, the likelier the less it trusts Seoul — and
    moves a side's trust only up to its trust in the mediator (Kydd 2003).
    """
    s, p, t = m.state, m.params, m.step
    mediate = m.intents.kor.mediate
    if not mediate.any():
        return
    heard = mediate & m.intents.kor.mediation_heard
    threshold = p["mechanisms.mediation.trust_threshold"]
    ratio = p["mechanisms.mediation.vouching_ratio"]
    for side, other in ((USA, PRK), (PRK, USA)):
        in_seoul = obs.trust[:, side, KOR]
        believed = update_belief(
            s.trust[:, side, other],
            ratio,
            np.where(heard, mediation_weight(in_seoul, threshold), 0.0),
        )
        s.trust[:, side, other] = mediated_trust(s.trust[:, side, other], believed, in_seoul)
    m.log.emit(
        t,
        "mediation",
        "KOR",
        "PRK",
        mediate,
        lambda r: (
            "between Washington and Pyongyang "
            f"(North Korea's trust in Seoul: {obs.trust[r, PRK, KOR]:.2f}"
            + (
                ", too low to listen)"
                if obs.trust[r, PRK, KOR] <= threshold[r]
                else (")" if heard[r] else "; Pyongyang does not answer)")
            )
        ),
    )


def gestures(m: Month, obs: WorldState) -> None:
    """South Korea's unilateral gestures raise its standing in Pyongyang (mechanism 8).

    Each is a signal Pyongyang reads as cheap but real; suspending drills also removes the
    exercises North Korea answers with tests (2018).
    """
    s, p, t = m.state, m.params, m.step
    gesture = m.intents.kor.gesture & (obs.kor_gestures < len(GESTURES))  # none left: no gesture
    if not gesture.any():
        return
    which = obs.kor_gestures
    s.trust[:, PRK, KOR] = np.where(
        gesture,
        update_belief(s.trust[:, PRK, KOR], p["mechanisms.korea.gesture_ratio"]),
        s.trust[:, PRK, KOR],
    )
    s.kor_gestures = s.kor_gestures + gesture
    s.exercises_suspended = s.exercises_suspended | (gesture & (which == SUSPENDS_EXERCISES))
    m.log.emit(t, "gesture", "KOR", "PRK", gesture, lambda r: GESTURES[which[r]])


def initiatives_and_outreach(m: Month, obs: WorldState) -> None:
    """Seoul moves first (mechanism 8); Japan's outreach advances, more so when Seoul leads (7)."""
    s, p, t = m.state, m.params, m.step
    initiative = m.intents.kor.initiative
    for other in (JPN, CHN):
        s.trust[:, other, KOR] = np.where(
            initiative,
            update_belief(
                s.trust[:, other, KOR], p["mechanisms.trust.cheap_signal_ratio"], obs.kor_leadership
            ),
            s.trust[:, other, KOR],
        )
    m.log.emit(
        t, "initiative", "KOR", "JPN", initiative, "Seoul proposes a Korea–China–Japan meeting"
    )
    chance = outreach_probability(
        np.where(m.enabled("japan"), obs.pressure[:, JPN], 0.0),
        p["mechanisms.japan.outreach_pressure_limit"],
        p["mechanisms.japan.outreach_rate"],
        initiative,
        obs.kor_leadership,
        p["mechanisms.korea.follow_boost"],
        obs.jpn_dovishness,
    )
    advance = m.draw("outreach") < chance
    s.jpn_outreach = np.where(
        advance,
        np.clip(
            s.jpn_outreach + p["mechanisms.japan.outreach_step"] * (1.0 - s.jpn_outreach), 0.0, 1.0
        ),
        s.jpn_outreach,
    )
    s.trust[:, PRK, JPN] = np.where(
        advance,
        update_belief(s.trust[:, PRK, JPN], p["mechanisms.trust.cheap_signal_ratio"]),
        s.trust[:, PRK, JPN],
    )
    m.log.emit(t, "outreach", "JPN", "PRK", advance, "normalization talks and a liaison office")
    projects = m.intents.kor.economic_cooperation
    s.trust[:, PRK, KOR] = np.where(
        projects,
        update_belief(s.trust[:, PRK, KOR], p["mechanisms.trust.cheap_signal_ratio"]),
        s.trust[:, PRK, KOR],
    )
    m.log.emit(t, "economic_cooperation", "KOR", "PRK", projects, "inter-Korean projects")


CHINA_ACTS = {
    REENGAGE: ("reengagement", "aid and a high-level visit to Pyongyang"),
    PRESS: ("enforcement", "tighter customs inspections on the Yalu border"),
}


def china_acts(m: Month, obs: WorldState) -> None:
    """China's act of the month, told when it changes course (mechanism 6).

    Re-engagement is a cheap cooperative signal in Pyongyang's eyes; pressing is a mild
    defection; keeping its distance is no news.
    """
    s, p, t = m.state, m.params, m.step
    act = m.intents.chn.act
    changed = act != obs.chn_act
    s.china_acts = s.china_acts + (changed & (act != 0))
    for code, (kind, detail) in CHINA_ACTS.items():
        doing = act == code
        ratio = (
            p["mechanisms.trust.cheap_signal_ratio"]
            if code == REENGAGE
            else p["mechanisms.trust.provocation_ratio"]
        )
        s.trust[:, PRK, CHN] = np.where(
            doing,
            update_belief(s.trust[:, PRK, CHN], ratio, p["mechanisms.china.signal_weight"]),
            s.trust[:, PRK, CHN],
        )
        m.log.emit(t, kind, "CHN", "PRK", doing & changed, detail)
    m.log.emit(
        t,
        "distancing",
        "CHN",
        "PRK",
        (act == 0) & changed,
        "Beijing keeps Pyongyang at arm's length",
    )


def russia_acts(m: Month, obs: WorldState) -> None:
    """Russia expands or cuts its lifeline; arms and troops (mechanism 4)."""
    s, t = m.state, m.step
    act = m.intents.rus.act
    s.russia_acts = (
        s.russia_acts + (act == EXPAND) + (act == CUT) + m.intents.rus.military_cooperation
    )
    m.log.emit(
        t, "lifeline", "RUS", "PRK", act == EXPAND, "more food, fuel and wages for its workers"
    )
    m.log.emit(
        t, "lifeline", "RUS", "PRK", act == CUT, "fewer shipments, as Moscow's war needs change"
    )
    m.log.emit(
        t,
        "military_cooperation",
        "RUS",
        "PRK",
        m.intents.rus.military_cooperation,
        "arms and troops",
    )


def alignments(m: Month) -> None:
    """Third parties read the month's signals: a veto, arms deals.

    A veto of tighter sanctions is a defection in Washington's eyes and a favour in Pyongyang's;
    North Korea–Russia military cooperation binds the two and costs Russia the trust of the US,
    South Korea and Japan (article: "a signal of comprehensive cooperation between the two
    countries"). Cheap signals and mild defections, by the same Bayesian updating as elsewhere.
    """
    s, p = m.state, m.params
    cheap = p["mechanisms.trust.cheap_signal_ratio"]
    mild = p["mechanisms.trust.provocation_ratio"]
    for blocker, vetoed in m.outcome.vetoes:
        _signal(s.trust, USA, blocker, vetoed, mild)
        _signal(s.trust, PRK, blocker, vetoed, cheap)
    arms = m.intents.rus.military_cooperation
    _signal(s.trust, PRK, RUS, arms, cheap)
    _signal(s.trust, RUS, PRK, arms, cheap)
    for worried in (USA, KOR, JPN):
        _signal(s.trust, worried, RUS, arms, mild)


def _signal(
    trust: NDArray[np.float64], truster: int, trustee: int, where: Mask, ratio: NDArray[np.float64]
) -> None:
    trust[:, truster, trustee] = np.where(
        where, update_belief(trust[:, truster, trustee], ratio), trust[:, truster, trustee]
    )


def negotiation(m: Month, obs: WorldState) -> None:
    """While talks live, the US and North Korea move, damped, towards their compromise (10)."""
    s = m.state
    pair = [USA, PRK]
    target = compromise(obs.position[:, pair], obs.leverage[:, pair], obs.salience[:, pair])
    damping = np.where(
        s.talks_alive & m.enabled("winsets"), m.params["mechanisms.winsets.position_damping"], 0.0
    )
    for country in pair:
        s.position[:, country] = damped_move(obs.position[:, country], target, damping[:, None])
