"""Mechanism 13: provocations.

North Korea's provocation hazard falls while talks are alive and expectations rise, and rises
after breakdowns, military exercises or sanctions tightening; it rises too while regime security
is below its threshold (mechanism 12). In 2018 North Korea suspended nuclear and ICBM tests while
talks were alive (``data/history.csv``); in 2017, with no talks, it launched some twenty times.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def provocation_hazard(
    base: ArrayLike,
    talks_alive: ArrayLike,
    expectations: ArrayLike,
    breakdown_memory: ArrayLike,
    exercise: ArrayLike,
    tightening_memory: ArrayLike,
    insecurity: ArrayLike,
    suppression: ArrayLike,
    breakdown_boost: ArrayLike,
    exercise_boost: ArrayLike,
    tightening_boost: ArrayLike,
    insecurity_boost: ArrayLike,
) -> NDArray[np.float64]:
    """Monthly chance of a provocation.

    hazard = base · (1 − suppression·expectations·talks)
                  · (1 + b·breakdown + e·exercise + t·tightening + i·insecurity)

    >>> round(float(provocation_hazard(0.2, False, 0, 1, 0, 0, 0, 0.9, 1, 1, 1, 1)[()]), 3)
    0.4
    >>> round(float(provocation_hazard(0.2, True, 1, 0, 0, 0, 0, 0.9, 1, 1, 1, 1)[()]), 3)
    0.02
    """
    calm = 1.0 - np.asarray(suppression) * np.asarray(expectations) * np.asarray(talks_alive)
    triggers = (
        1.0
        + np.asarray(breakdown_boost) * np.asarray(breakdown_memory)
        + np.asarray(exercise_boost) * np.asarray(exercise)
        + np.asarray(tightening_boost) * np.asarray(tightening_memory)
        + np.asarray(insecurity_boost) * np.asarray(insecurity)
    )
    return np.clip(np.asarray(base) * calm * triggers, 0.0, 1.0)


def insecurity(security: ArrayLike, threshold: ArrayLike) -> NDArray[np.float64]:
    """How far regime security lies below its threshold (0 at or above it)."""
    return np.maximum(np.asarray(threshold) - np.asarray(security), 0.0)


def expectations_update(
    expectations: ArrayLike, talks_alive: ArrayLike, rate: ArrayLike
) -> NDArray[np.float64]:
    """Expectations rise towards 1 while talks are alive and collapse to 0 when they die.

    >>> expectations_update([0.5, 0.5], [True, False], 0.5).tolist()
    [0.75, 0.0]
    """
    expectations = np.asarray(expectations, dtype=float)
    risen = expectations + np.asarray(rate) * (1.0 - expectations)
    return np.where(talks_alive, risen, 0.0)


def fade(memory: ArrayLike, fresh: ArrayLike, decay: ArrayLike) -> NDArray[np.float64]:
    """A memory of breakdowns or tightening: 1 when fresh, fading by ``decay`` a month.

    >>> fade([0.5, 0.5], [False, True], 0.4).tolist()
    [0.3, 1.0]
    """
    return np.where(fresh, 1.0, np.asarray(memory) * (1.0 - np.asarray(decay)))
