"""Diplomacy: mediation, gestures, outreach, China's and Russia's acts, signals, negotiation.

Mechanisms 4, 6, 7, 8, 9 and 10 as they meet, and how third parties read vetoes and arms deals.
"""

import numpy as np

from sim import switches
from sim.countries import CHN, JPN, KOR, PRK, RUS, USA
from sim.intentions import (
    ChinaIntentions,
    RussiaIntentions,
    SouthKoreaIntentions,
    UnitedStatesIntentions,
)
from sim.mechanisms.china import PRESS, REENGAGE
from sim.mechanisms.japan import outreach_probability
from sim.mechanisms.korea import (
    GESTURES,
    mediated_trust,
    mediation_weight,
)
from sim.mechanisms.lifeline import CUT, EXPAND
from sim.mechanisms.trust import odds_ratio, reliance, update_belief
from sim.mechanisms.winsets import FREEZE_FOR_RELIEF, compromise, damped_move
from sim.month import Month
from sim.parameters.table import per_run
from sim.resolution.audiences import (
    ARMS_PARTNERS,
    ARMS_WORRIED,
    INITIATIVE_READERS,
    MEDIATED,
    MEDIATOR,
    NEGOTIATORS,
    PARTIES,
    VETO_FAVOURED,
    VETO_OPPOSED,
)
from sim.resolution.pressure import adopted
from sim.resolution.talks import delivered, negotiated_agreement, summit_held
from sim.state import NUCLEAR, WorldState


def mediation(m: Month, obs: WorldState) -> None:
    """South Korea mediates: a vouching each side believes as far as it trusts Seoul (mechanism 9).

    Mediation can fail — Pyongyang may not listen, the likelier the less it trusts Seoul — and
    moves a side's trust only up to its trust in the mediator (Kydd 2003): the vouching's
    evidence is what it takes to move the observed belief to that capped one.
    """
    sk = m.intents.of(SouthKoreaIntentions)
    settled, p, t = m.outcome.settled, m.params, m.step
    mediate = sk.mediate
    if not mediate.any():
        return
    heard = mediate & sk.mediation_heard
    threshold = p.mechanisms.mediation.trust_threshold
    ratio = p.mechanisms.mediation.vouching_ratio
    for side, other in MEDIATED:
        in_seoul = obs.trust[:, side, MEDIATOR]
        before = obs.trust[:, side, other]
        believed = update_belief(
            before, ratio, np.where(heard, mediation_weight(in_seoul, threshold), 0.0)
        )
        after = mediated_trust(before, believed, in_seoul)
        moved = after != before
        settled.signal("mediation", side, other, moved, odds_ratio(before, after))
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
    settled, p, t = m.outcome.settled, m.params, m.step
    gesture = sk.gesture & (obs.gestures[:, KOR] < len(GESTURES))  # none left: no gesture
    if not gesture.any():
        return
    which = obs.gestures[:, KOR]
    settled.record("gesture", gesture)
    settled.record("gesture_made", which)
    settled.signal("gestures", PRK, KOR, gesture, p.mechanisms.korea.gesture_ratio)
    m.log.emit(t, "gesture", "KOR", "PRK", gesture, lambda r: GESTURES[which[r]])


def initiatives_and_outreach(m: Month, obs: WorldState) -> None:
    """Seoul moves first (mechanism 8); Japan's outreach advances, more so when Seoul leads (7)."""
    sk = m.intents.of(SouthKoreaIntentions)
    settled, p, t = m.outcome.settled, m.params, m.step
    initiative = sk.initiative
    for other in INITIATIVE_READERS:
        settled.signal(
            "initiatives",
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
        switches.japan(m.on, obs.pressure[:, JPN], 0.0),
        p.mechanisms.japan.outreach_pressure_limit,
        p.mechanisms.japan.outreach_rate,
        initiative,
        # Seoul's lead carries Tokyo as far as Tokyo trusts Seoul: Moon put Abe's abductions
        # message to Kim at their April 2018 summit (Kydd 2005)
        obs.leadership[:, KOR] * reliance(obs.trust[:, JPN, KOR], p.mechanisms.trust.reliance),
        p.mechanisms.korea.follow_boost,
        obs.dovishness[:, JPN],
    )
    # reaching out is cooperating first: Tokyo does it as far as it trusts Pyongyang to answer
    # (the abductions issue: Kydd 2005's reassurance game)
    chance = chance * reliance(obs.trust[:, JPN, PRK], p.mechanisms.trust.reliance)
    advance = m.draw("outreach") < chance
    settled.record("outreach_advance", advance)
    settled.signal("initiatives", PRK, JPN, advance, p.mechanisms.trust.cheap_signal_ratio)
    m.log.emit(t, "outreach", "JPN", "PRK", advance, "normalization talks and a liaison office")
    projects = sk.economic_cooperation
    settled.signal("initiatives", PRK, KOR, projects, p.mechanisms.trust.cheap_signal_ratio)
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
    settled, p, t = m.outcome.settled, m.params, m.step
    act = cn.act
    changed = act != obs.act[:, CHN]
    settled.record("china_turned", changed & (act != 0))
    for code, (kind, detail) in CHINA_ACTS.items():
        doing = act == code
        ratio = (
            p.mechanisms.trust.cheap_signal_ratio
            if code == REENGAGE
            else p.mechanisms.trust.provocation_ratio
        )
        settled.signal("china_acts", PRK, CHN, doing, ratio, p.mechanisms.china.signal_weight)
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
    t = m.step
    act = ru.act
    m.outcome.settled.record(
        "russia_acts",
        (act == EXPAND).astype(int) + (act == CUT) + ru.military_cooperation,
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
        ru.military_cooperation,
        "arms and troops",
    )


def alignments(m: Month, obs: WorldState) -> None:
    """Third parties read the month's signals: a veto, arms deals.

    A veto of tighter sanctions is a defection in Washington's eyes and a favour in Pyongyang's;
    North Korea–Russia military cooperation binds the two and costs Russia the trust of the US,
    South Korea and Japan (article: "a signal of comprehensive cooperation between the two
    countries"). Cheap signals and mild defections, by the same Bayesian updating as elsewhere.
    """
    ru = m.intents.of(RussiaIntentions)
    settled, p = m.outcome.settled, m.params
    cheap = p.mechanisms.trust.cheap_signal_ratio
    mild = p.mechanisms.trust.provocation_ratio
    _, vetoed = adopted(m)
    for blocker, blocked in vetoed:
        for reader in VETO_OPPOSED:
            settled.signal("alignments", reader, blocker, blocked, mild)
        for reader in VETO_FAVOURED:
            settled.signal("alignments", reader, blocker, blocked, cheap)
    arms = ru.military_cooperation
    for reader, partner in ARMS_PARTNERS:
        settled.signal("alignments", reader, partner, arms, cheap)
    for worried in ARMS_WORRIED:
        settled.signal("alignments", worried, RUS, arms, mild)


def negotiation(m: Month, obs: WorldState) -> None:
    """While talks live, the US and North Korea move, damped, towards the region's compromise (10).

    The compromise is the capability×salience-weighted mean of all six countries' positions,
    their weight their leverage now: where the parties with a stake would put a deal, as the
    Six-Party Talks (2003–2009) let Beijing, Moscow, Tokyo and Seoul weigh in on the
    US–North Korea bargain (the expected-utility family's compromise over every actor with a
    stake: Scholz, Calbert & Smith 2011; Thomson et al. 2006). So a Russia whose arms deals raise
    its leverage, a China that backs Pyongyang, a Japan whose tariffs sap its leverage and a
    South Korea drifting to a freeze all move where the talks go.

    Talks live this month where they were alive or a summit is held. Relief delivered under a
    freeze — promised relief delivered, or relief upfront at a summit that reaches a freeze — is
    answered in kind: North Korea moves its nuclear position a share ``winsets.action_for_action``
    of the way to the US's terms, so a later summit can reach the next step: "commitment for
    commitment, action for action" (Six-Party joint statement, 19 September 2005).
    """
    winsets = m.params.mechanisms.winsets
    pair = list(NEGOTIATORS)
    parties = list(PARTIES)
    target = compromise(
        obs.position[:, parties], obs.leverage[:, parties], obs.salience[:, parties]
    )
    talking = obs.talks_alive | summit_held(m)
    damping = np.where(talking, winsets.position_damping, 0.0)
    moved = damped_move(obs.position[:, pair], target[:, None], damping[:, None, None])
    upfront_freeze = summit_held(m) & (m.intents.of(UnitedStatesIntentions).upfront_relief > 0)
    upfront_freeze = upfront_freeze & (negotiated_agreement(m, obs) >= FREEZE_FOR_RELIEF)
    relieved = upfront_freeze | (delivered(m, obs) & (obs.agreement >= FREEZE_FOR_RELIEF))
    answered = np.where(relieved, winsets.action_for_action, 0.0)
    us_terms = np.maximum(obs.position[:, USA, NUCLEAR], obs.offer_nuclear[:, USA])
    prk = pair.index(PRK)
    moved[:, prk, NUCLEAR] = damped_move(moved[:, prk, NUCLEAR], us_terms, answered)
    m.outcome.settled.positions = moved
