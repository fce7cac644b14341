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

REASONS: tuple[str, ...] = (
    "a new system is ready",
    "an answer to the exercise",
    "after the talks broke down",
    "a protest at tighter sanctions",
    "regime insecurity",
)
"""Why North Korea tests, in the order of :func:`test_reasons`' columns."""


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
    base: ArrayLike, reasons: ArrayLike, prospect: ArrayLike, restraint: ArrayLike
) -> NDArray[np.float64]:
    """Chance of a test this month: logistic(base + Σ reasons − restraint × prospect).

    >>> round(float(test_probability(0.0, [0.0, 0.0], 0.0, 1.0)[()]), 2)
    0.5
    """
    total = np.asarray(reasons, dtype=float).sum(axis=-1)
    return logistic(np.asarray(base) + total - np.asarray(restraint) * np.asarray(prospect))


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
