"""Mechanism 13: North Korea tests or pauses, for reasons.

A test has reasons for and against. For: a development milestone reached (a new system is ready
and must be proven: the Hwasong-15 in November 2017, after which Pyongyang declared its nuclear
force "completed"), a military exercise it answers, a breakdown of talks or tighter sanctions to
protest, regime insecurity. Against: talks in prospect — a live dialogue whose expectations rise,
an offer on the table that beats its outside option — which a test would wreck. North Korea
weighs them by a logit (McKelvey & Palfrey 1995). In 2018 it suspended nuclear and ICBM tests
while talks were alive (``data/history.csv``); in 2017, with no talks, it launched some twenty
times.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.choice import logistic
from sim.mechanisms.folds import total as summed

REASONS: tuple[str, ...] = (
    "a new system is ready",
    "an answer to the exercise",
    "after the talks broke down",
    "a protest at tighter sanctions",
    "regime insecurity",
)
"""Why North Korea tests, in the order of :func:`test_reasons`' columns."""

LAUNCH_CLASSES: tuple[str, ...] = ("short-range", "intermediate-range", "intercontinental")
"""The classes of missile North Korea launches (the record's: SRBM, IRBM, ICBM)."""
SHORT_RANGE, INTERMEDIATE_RANGE, INTERCONTINENTAL = 0, 1, 2
CLASS_OF_REASON: tuple[int, ...] = (
    INTERCONTINENTAL,
    SHORT_RANGE,
    INTERMEDIATE_RANGE,
    INTERMEDIATE_RANGE,
    SHORT_RANGE,
)
"""The class of a month's main launch, by its main reason (:data:`REASONS`): a new system to prove
is a long-range one (the Hwasong-14 and -15 ICBMs, 2017); an exercise is answered with short-range
salvos; a breakdown or tighter sanctions with an intermediate-range launch over Japan (the
Hwasong-12, August and September 2017); insecurity with short-range launches."""


def salvo_extra(draw: ArrayLike, chance: ArrayLike, rate: ArrayLike) -> NDArray[np.int64]:
    """Launches beyond the first in a month of tests: geometric, with mean ``rate × chance``.

    A month with strong reasons to test brings salvos (2017: some twenty launch events in nine
    months; 2022: over sixty); the count is read off one uniform draw by the geometric
    distribution's inverse (``floor(log(1 − u) / log(m / (1 + m)))`` for mean ``m``), so it needs
    one random number per run whatever the count.

    >>> salvo_extra([0.1, 0.5, 0.9], 1.0, 1.0).tolist()
    [0, 1, 3]
    >>> salvo_extra([0.9], 0.0, 1.0).tolist()
    [0]
    """
    mean = np.asarray(rate, dtype=float) * np.asarray(chance, dtype=float)
    mean, u = np.broadcast_arrays(mean, np.asarray(draw, dtype=float))
    with np.errstate(divide="ignore"):
        ratio = np.log(mean / (1.0 + mean))
        extra = np.floor(np.log1p(-u) / np.where(mean > 0, ratio, -np.inf))
    return np.where(mean > 0, extra, 0.0).astype(np.int64)


def test_reasons(
    milestone: ArrayLike,
    exercise: ArrayLike,
    breakdown_memory: ArrayLike,
    tightening_memory: ArrayLike,
    insecurity: ArrayLike,
    weights: tuple[ArrayLike, ArrayLike, ArrayLike, ArrayLike, ArrayLike],
) -> NDArray[np.float64]:
    """Each reason's pull toward a test, shape (..., 5) in the order of :data:`REASONS`.

    >>> test_reasons(True, False, 0.5, 0.0, 0.0, (2, 1, 1, 1, 1)).tolist()
    [2.0, 0.0, 0.5, 0.0, 0.0]
    """
    values = (milestone, exercise, breakdown_memory, tightening_memory, insecurity)
    pulls = [
        np.asarray(w) * np.asarray(v, dtype=float) for w, v in zip(weights, values, strict=True)
    ]
    return np.stack(np.broadcast_arrays(*pulls), axis=-1)


def test_probability(
    base: ArrayLike,
    reasons: ArrayLike,
    prospect: ArrayLike,
    restraint: ArrayLike,
    patron_sway: ArrayLike = 0.0,
) -> NDArray[np.float64]:
    """Chance of a test this month: logistic(base + Σ reasons − restraint × prospect − sway).

    ``patron_sway`` is the log-odds a patron's request for restraint takes off
    (:func:`patron_sway`).

    >>> round(float(test_probability(0.0, [0.0, 0.0], 0.0, 1.0)[()]), 2)
    0.5
    """
    total = summed(np.asarray(reasons, dtype=float))
    odds = np.asarray(base) + total - np.asarray(restraint) * np.asarray(prospect)
    return logistic(odds - np.asarray(patron_sway))


def patron_sway(weight: ArrayLike, backing: ArrayLike, reliance: ArrayLike) -> NDArray[np.float64]:
    """How much a patron's call for restraint weighs on a test: ``weight × backing × reliance``.

    China's "suspension for suspension" (Wang Yi, March 2017: North Korea suspends its tests, the
    US and South Korea their large exercises) is the call of the patron North Korea's trade
    depends on; it weighs as far as Beijing backs Pyongyang and Pyongyang relies on Beijing
    (:func:`sim.mechanisms.trust.reliance`). Kim met Xi before each of his 2018 summits, and
    tested nothing that year.

    >>> round(float(patron_sway(1.5, 0.4, 1.0)[()]), 2)
    0.6
    """
    result: NDArray[np.float64] = np.asarray(weight) * np.asarray(backing) * np.asarray(reliance)
    return result


def main_reason(reasons: ArrayLike) -> NDArray[np.int64]:
    """The strongest reason of each run (an index into :data:`REASONS`).

    >>> main_reason([[0.1, 0.5, 0, 0, 0]]).tolist()
    [1]
    """
    return np.argmax(np.asarray(reasons), axis=-1)


def development_update(
    progress: ArrayLike, rate: ArrayLike, tested: ArrayLike
) -> NDArray[np.float64]:
    """Weapons development advances every month toward a milestone (1); a test resets it.

    >>> development_update([0.5, 0.5], 0.25, [False, True]).tolist()
    [0.75, 0.0]
    """
    grown = np.minimum(np.asarray(progress, dtype=float) + np.asarray(rate), 1.0)
    return np.where(tested, 0.0, grown)


def insecurity(security: ArrayLike, threshold: ArrayLike) -> NDArray[np.float64]:
    """How far regime security falls short of its threshold (0 above it).

    >>> float(insecurity(0.25, 0.5)[()])
    0.25
    """
    result: NDArray[np.float64] = np.maximum(np.asarray(threshold) - np.asarray(security), 0.0)
    return result


def expectations_update(
    expectations: ArrayLike, talks_alive: ArrayLike, rate: ArrayLike
) -> NDArray[np.float64]:
    """Expectations rise toward 1 while talks live and vanish when they end.

    >>> expectations_update([0.5, 0.5], [True, False], 0.5).tolist()
    [0.75, 0.0]
    """
    expectations = np.asarray(expectations, dtype=float)
    risen = expectations + np.asarray(rate) * (1.0 - expectations)
    return np.where(talks_alive, risen, 0.0)


def fade(memory: ArrayLike, fresh: ArrayLike, decay: ArrayLike) -> NDArray[np.float64]:
    """A memory set to 1 by a fresh event and fading at a rate otherwise.

    >>> fade([0.5, 0.5], [True, False], 0.5).tolist()
    [1.0, 0.25]
    """
    return np.where(fresh, 1.0, np.asarray(memory) * (1.0 - np.asarray(decay)))
