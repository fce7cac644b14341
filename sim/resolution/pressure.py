"""Pressure: tests and the UN sanctions votes that answer them (mechanisms 5 and 13)."""

import numpy as np

from sim.countries import COUNTRIES, DISPLAY_NAMES, PRK, USA
from sim.intentions import NorthKoreaIntentions, UnitedStatesIntentions
from sim.mechanisms.provocation import REASONS
from sim.mechanisms.sanctions import regime_update
from sim.mechanisms.winsets import NONE
from sim.month import Month
from sim.resolution.audiences import LAUNCH_READERS, LAUNCH_READERS_WEIGHED
from sim.resolution.signals import signal
from sim.resolution.talks import break_talks
from sim.state import WorldState


def provocations(m: Month, obs: WorldState) -> None:
    """A test costs others' trust in North Korea and ends live talks.

    A ready test held back for talks in prospect is told too.

    North Korea does not launch in the month it sits down at a summit: the launch and the
    acceptance are both its own decisions of that month, and the acceptance, the later-informed
    of the two, prevails (in 2018 it suspended tests once it had agreed to talk,
    ``data/history.csv``).
    """
    nk = m.intents.of(NorthKoreaIntentions)
    s, p, t = m.state, m.params, m.step
    provoke = nk.provoke & ~m.outcome.summit_held
    s.provoked_last_month = provoke
    s.provocations = s.provocations + provoke
    ratio = p.mechanisms.trust.provocation_ratio
    china = p.mechanisms.trust.china_provocation_weight
    for reader in LAUNCH_READERS:
        signal(s.trust, reader, PRK, provoke, ratio, 1.0)
    for reader in LAUNCH_READERS_WEIGHED:
        signal(s.trust, reader, PRK, provoke, ratio, china)
    reason = nk.test_reason
    m.log.emit(
        t, "provocation", "PRK", "USA", provoke, lambda r: f"missile launch, {REASONS[reason[r]]}"
    )
    m.log.emit(
        t,
        "restraint",
        "PRK",
        "USA",
        nk.restraint & ~provoke,
        "a new system is ready, but a test now would wreck the talks in prospect",
    )
    ended = provoke & s.talks_alive
    m.log.emit(
        t, "agreement_collapsed", "PRK", "USA", ended & (s.agreement > NONE), "after a provocation"
    )
    break_talks(m, ended)
    s.agreement = np.where(ended, NONE, s.agreement).astype(np.int8)


def sanctions(m: Month, obs: WorldState) -> None:
    """The US pushes a resolution; Russia or China may block it (mechanism 5)."""
    us = m.intents.of(UnitedStatesIntentions)
    s, p, t = m.state, m.params, m.step
    pushed = us.push_tightening
    vetoed = m.outcome.vetoes = m.intents.vetoes()
    adopted = pushed.copy()
    for _, blocked in vetoed:
        adopted = adopted & ~blocked
    m.outcome.tightened = adopted
    s.pushes[:, USA] = s.pushes[:, USA] + pushed
    s.vetoes_met[:, USA] = s.vetoes_met[:, USA] + (pushed & ~adopted)
    s.sanctions_regime = regime_update(
        s.sanctions_regime, adopted, False, p.mechanisms.sanctions.tighten_step, 0.0
    )
    signal(s.trust, PRK, USA, adopted, p.mechanisms.trust.provocation_ratio)
    m.log.emit(
        t, "sanctions_tightened", "USA", "PRK", adopted, "UN Security Council resolution adopted"
    )
    for blocker, blocked in vetoed:
        code = COUNTRIES[blocker]
        m.log.emit(
            t,
            "sanctions_blocked",
            code,
            "USA",
            blocked,
            f"{DISPLAY_NAMES[code]} vetoes tighter sanctions",
        )
