"""Diplomacy: mediation, gestures, outreach, China's and Russia's acts, signals, negotiation.

Mechanisms 4, 6, 7, 8, 9 and 10 as they meet, and how third parties read vetoes and arms deals.
"""

import numpy as np

from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.intentions import ChinaIntentions, RussiaIntentions, SouthKoreaIntentions
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
from sim.parameters.table import per_run
from sim.resolution.audiences import (
    ARMS_PARTNERS,
    ARMS_WORRIED,
    INITIATIVE_READERS,
    MEDIATED,
    MEDIATOR,
    NEGOTIATORS,
    VETO_FAVOURED,
    VETO_OPPOSED,
)
from sim.resolution.signals import signal
from sim.state import NUCLEAR, WorldState


def mediation(m: Month, obs: WorldState) -> None:
    """South Korea mediates: a vouching each side believes as far as it trusts Seoul (mechanism 9).

    Mediation can fail — Pyongyang may not listen, the likelier the less it trusts Seoul — and
    moves a side's trust only up to its trust in the mediator (Kydd 2003).
    """
    sk = m.intents.of(SouthKoreaIntentions)
    s, p, t = m.state, m.params, m.step
    mediate = sk.mediate
    if not mediate.any():
        return
    heard = mediate & sk.mediation_heard
    threshold = p.mechanisms.mediation.trust_threshold
    ratio = p.mechanisms.mediation.vouching_ratio
    for side, other in MEDIATED:
        in_seoul = obs.trust[:, side, MEDIATOR]
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
                if obs.trust[r, PRK, KOR] <= per_run(threshold)[r]
                else (")" if heard[r] else "; Pyongyang does not answer)")
            )
        ),
    )


def gestures(m: Month, obs: WorldState) -> None:
    """South Korea's unilateral gestures raise its standing in Pyongyang (mechanism 8).

    Each is a signal Pyongyang reads as cheap but real; suspending drills also removes the
    exercises North Korea answers with tests (2018).
    """
    sk = m.intents.of(SouthKoreaIntentions)
    s, p, t = m.state, m.params, m.step
    gesture = sk.gesture & (obs.gestures[:, KOR] < len(GESTURES))  # none left: no gesture
    if not gesture.any():
        return
    which = obs.gestures[:, KOR]
    signal(s.trust, PRK, KOR, gesture, p.mechanisms.korea.gesture_ratio)
    s.gestures[:, KOR] = s.gestures[:, KOR] + gesture
    s.exercises_suspended = s.exercises_suspended | (gesture & (which == SUSPENDS_EXERCISES))
    m.log.emit(t, "gesture", "KOR", "PRK", gesture, lambda r: GESTURES[which[r]])


def initiatives_and_outreach(m: Month, obs: WorldState) -> None:
    """Seoul moves first (mechanism 8); Japan's outreach advances, more so when Seoul leads (7)."""
    sk = m.intents.of(SouthKoreaIntentions)
    s, p, t = m.state, m.params, m.step
    initiative = sk.initiative
    for other in INITIATIVE_READERS:
        signal(
            s.trust,
            other,
            KOR,
            initiative,
            p.mechanisms.trust.cheap_signal_ratio,
            obs.leadership[:, KOR],
        )
    m.log.emit(
        t, "initiative", "KOR", "JPN", initiative, "Seoul proposes a Korea–China–Japan meeting"
    )
    chance = outreach_probability(
        np.where(m.on.japan, obs.pressure[:, JPN], 0.0),
        p.mechanisms.japan.outreach_pressure_limit,
        p.mechanisms.japan.outreach_rate,
        initiative,
        obs.leadership[:, KOR],
        p.mechanisms.korea.follow_boost,
        obs.dovishness[:, JPN],
    )
    advance = m.draw("outreach") < chance
    s.outreach[:, JPN] = np.where(
        advance,
        np.clip(
            s.outreach[:, JPN] + p.mechanisms.japan.outreach_step * (1.0 - s.outreach[:, JPN]),
            0.0,
            1.0,
        ),
        s.outreach[:, JPN],
    )
    signal(s.trust, PRK, JPN, advance, p.mechanisms.trust.cheap_signal_ratio)
    m.log.emit(t, "outreach", "JPN", "PRK", advance, "normalization talks and a liaison office")
    projects = sk.economic_cooperation
    signal(s.trust, PRK, KOR, projects, p.mechanisms.trust.cheap_signal_ratio)
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
    cn = m.intents.of(ChinaIntentions)
    s, p, t = m.state, m.params, m.step
    act = cn.act
    changed = act != obs.act[:, CHN]
    s.china_acts = s.china_acts + (changed & (act != 0))
    for code, (kind, detail) in CHINA_ACTS.items():
        doing = act == code
        ratio = (
            p.mechanisms.trust.cheap_signal_ratio
            if code == REENGAGE
            else p.mechanisms.trust.provocation_ratio
        )
        signal(s.trust, PRK, CHN, doing, ratio, p.mechanisms.china.signal_weight)
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
    ru = m.intents.of(RussiaIntentions)
    s, t = m.state, m.step
    act = ru.act
    s.russia_acts = s.russia_acts + (act == EXPAND) + (act == CUT) + ru.military_cooperation
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
        ru.military_cooperation,
        "arms and troops",
    )


def alignments(m: Month) -> None:
    """Third parties read the month's signals: a veto, arms deals.

    A veto of tighter sanctions is a defection in Washington's eyes and a favour in Pyongyang's;
    North Korea–Russia military cooperation binds the two and costs Russia the trust of the US,
    South Korea and Japan (article: "a signal of comprehensive cooperation between the two
    countries"). Cheap signals and mild defections, by the same Bayesian updating as elsewhere.
    """
    ru = m.intents.of(RussiaIntentions)
    s, p = m.state, m.params
    cheap = p.mechanisms.trust.cheap_signal_ratio
    mild = p.mechanisms.trust.provocation_ratio
    for blocker, vetoed in m.outcome.vetoes:
        for reader in VETO_OPPOSED:
            signal(s.trust, reader, blocker, vetoed, mild)
        for reader in VETO_FAVOURED:
            signal(s.trust, reader, blocker, vetoed, cheap)
    arms = ru.military_cooperation
    for reader, partner in ARMS_PARTNERS:
        signal(s.trust, reader, partner, arms, cheap)
    for worried in ARMS_WORRIED:
        signal(s.trust, worried, RUS, arms, mild)


def negotiation(m: Month, obs: WorldState) -> None:
    """While talks live, the US and North Korea move, damped, towards their compromise (10).

    Relief delivered under a freeze is answered in kind: North Korea moves its nuclear position a
    share ``winsets.action_for_action`` of the way to the US's terms, so a later summit can reach
    the next step — "commitment for commitment, action for action" (Six-Party joint statement,
    19 September 2005).
    """
    s = m.state
    winsets = m.params.mechanisms.winsets
    pair = list(NEGOTIATORS)
    target = compromise(obs.position[:, pair], obs.leverage[:, pair], obs.salience[:, pair])
    damping = np.where(s.talks_alive & m.on.winsets, winsets.position_damping, 0.0)
    for country in pair:
        s.position[:, country] = damped_move(obs.position[:, country], target, damping[:, None])
    us_terms = np.maximum(obs.position[:, USA, NUCLEAR], obs.offer_nuclear[:, USA])
    answered = np.where(
        m.outcome.relieved_under_freeze & m.on.winsets, winsets.action_for_action, 0.0
    )
    s.position[:, PRK, NUCLEAR] = damped_move(s.position[:, PRK, NUCLEAR], us_terms, answered)
