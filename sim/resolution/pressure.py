"""Pressure: tests and the UN sanctions votes that answer them (mechanisms 5 and 13).

Each step reads the month's observation and intentions and records facts in the month's
settlement; the state moves once, in :func:`sim.resolution.settle.settle`.
"""

import numpy as np
from numpy.typing import NDArray

from sim.countries import COUNTRIES, DISPLAY_NAMES, PRK, USA
from sim.intentions import NorthKoreaIntentions, UnitedStatesIntentions
from sim.mechanisms.provocation import CLASS_OF_REASON, LAUNCH_CLASSES, REASONS, SHORT_RANGE
from sim.mechanisms.winsets import NONE
from sim.month import Month
from sim.resolution.audiences import LAUNCH_READERS, LAUNCH_READERS_WEIGHED
from sim.resolution.talks import summit_held
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
    settled, p, t = m.outcome.settled, m.params, m.step
    provoke = nk.provoke & ~summit_held(m)
    settled.record("provoked", provoke)
    ratio = p.mechanisms.trust.provocation_ratio
    china = p.mechanisms.trust.china_provocation_weight
    for reader in LAUNCH_READERS:
        settled.signal("provocations", reader, PRK, provoke, ratio, 1.0)
    for reader in LAUNCH_READERS_WEIGHED:
        settled.signal("provocations", reader, PRK, provoke, ratio, china)
    reason, extra = nk.test_reason, np.maximum(nk.salvo, 0)
    main_class = np.asarray(CLASS_OF_REASON)[reason]
    # the first launch is of the main reason's class, the rest of the salvo short-range
    by_class = np.zeros((m.n_runs, len(LAUNCH_CLASSES)), dtype=np.int64)
    by_class[np.arange(m.n_runs), main_class] = 1
    by_class[:, SHORT_RANGE] = by_class[:, SHORT_RANGE] + extra
    settled.launches = np.where(provoke[:, None], by_class, 0)
    m.log.emit(
        t,
        "provocation",
        "PRK",
        "USA",
        provoke,
        lambda r: f"{_launches(by_class[r])}, {REASONS[reason[r]]}",
    )
    nuclear = provoke & nk.nuclear_test
    settled.record("nuclear_tested", nuclear)
    m.log.emit(t, "nuclear_test", "PRK", "USA", nuclear, "an underground nuclear test")
    m.log.emit(
        t,
        "restraint",
        "PRK",
        "USA",
        nk.restraint & ~provoke,
        "a new system is ready, but a test now would wreck the talks in prospect",
    )
    ended = provoke & obs.talks_alive
    settled.record("ended", ended)
    m.log.emit(
        t,
        "agreement_collapsed",
        "PRK",
        "USA",
        ended & (obs.agreement > NONE),
        "after a provocation",
    )


def _launches(by_class: NDArray[np.int64]) -> str:
    """A month's launches in words: "3 missile launches (1 intercontinental, 2 short-range)"."""
    total = int(by_class.sum())
    kinds = ", ".join(
        f"{int(n)} {name}" for n, name in zip(by_class, LAUNCH_CLASSES, strict=True) if n
    )
    noun = "missile launch" if total == 1 else "missile launches"
    return f"{total} {noun} ({kinds})"


def adopted(m: Month) -> tuple[NDArray[np.bool_], list[tuple[int, NDArray[np.bool_]]]]:
    """Where the US's push for tighter sanctions is adopted, and who vetoed it where."""

    def compute() -> tuple[NDArray[np.bool_], list[tuple[int, NDArray[np.bool_]]]]:
        vetoed = m.intents.vetoes()
        passed = m.intents.of(UnitedStatesIntentions).push_tightening.copy()
        for _, blocked in vetoed:
            passed = passed & ~blocked
        return passed, vetoed

    return m.derived("adopted", compute)


def sanctions(m: Month, obs: WorldState) -> None:
    """The US pushes a resolution; Russia or China may block it (mechanism 5)."""
    us = m.intents.of(UnitedStatesIntentions)
    settled, p, t = m.outcome.settled, m.params, m.step
    passed, vetoed = adopted(m)
    m.outcome.vetoes = vetoed
    m.outcome.tightened = passed
    settled.record("pushed", us.push_tightening)
    settled.record("adopted", passed)
    settled.signal("sanctions", PRK, USA, passed, p.mechanisms.trust.provocation_ratio)
    m.log.emit(
        t, "sanctions_tightened", "USA", "PRK", passed, "UN Security Council resolution adopted"
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
