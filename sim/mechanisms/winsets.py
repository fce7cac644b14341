"""Mechanism 10: freeze versus denuclearization, a two-level game.

Article: "Experts acknowledge that North Korea's denuclearization is unlikely to be achieved in
the short term, but they suggest that starting from 'nuclear freeze' and discussing disarmament in
the medium to long term is a realistic alternative"; South Korea "needs a complex strategy that
maintains 'denuclearization' while also securing practical benefits."

Each negotiator's acceptable range (win-set) on an issue is an interval round its position whose
half-width domestic pressure widens or narrows (Putnam 1988). The overlap of the US and North
Korean win-sets on the nuclear and sanctions dimensions decides the agreement: no overlap is
Hanoi (``none``), overlap on one dimension only is Singapore (``declaratory``), overlap on both is
a ``freeze_for_relief``, or a ``disarmament_step`` when the agreed nuclear point lies towards
denuclearization. Positions move, damped, towards the capability×salience-weighted mean, the
"compromise model" of Thomson et al. (2006), as published expected-utility replications
(Scholz, Calbert & Smith 2011) oscillate without damping.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.folds import total as summed

AGREEMENT_TYPES: tuple[str, ...] = ("none", "declaratory", "freeze_for_relief", "disarmament_step")
"""Agreement types, by code (0 … 3), from least to most advanced."""
NONE, DECLARATORY, FREEZE_FOR_RELIEF, DISARMAMENT_STEP = range(4)


def winset_halfwidth(
    width: ArrayLike, sensitivity: ArrayLike, pressure: ArrayLike
) -> NDArray[np.float64]:
    """Half-width of a win-set: ``width·(1 + sensitivity·(2·pressure − 1))``.

    >>> float(winset_halfwidth(0.2, 0.5, 1.0)[()]), float(winset_halfwidth(0.2, -0.5, 1.0)[()])
    (0.30000000000000004, 0.1)
    """
    half = np.asarray(width) * (1.0 + np.asarray(sensitivity) * (2.0 * np.asarray(pressure) - 1.0))
    return np.clip(half, 0.0, 1.0)


def overlap(
    position_a: ArrayLike, half_a: ArrayLike, position_b: ArrayLike, half_b: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The overlap of two win-sets as (length, midpoint); a negative length is a gap.

    >>> [round(float(x), 3) for x in overlap(0.2, 0.2, 0.5, 0.2)]
    [0.1, 0.35]
    """
    a, b = np.asarray(position_a), np.asarray(position_b)
    low = np.maximum(a - half_a, b - half_b)
    high = np.minimum(a + half_a, b + half_b)
    return high - low, (low + high) / 2.0


def agreement_type(
    nuclear_overlap: ArrayLike,
    sanctions_overlap: ArrayLike,
    nuclear_point: ArrayLike,
    disarmament_threshold: ArrayLike,
) -> NDArray[np.int8]:
    """The agreement a summit reaches, as a code into :data:`AGREEMENT_TYPES`.

    >>> gap, fit = -0.1, 0.1
    >>> points = [0.6, 0.6, 0.6, 0.3]
    >>> agreement_type([gap, fit, fit, fit], [gap, gap, fit, fit], points, 0.4).tolist()
    [0, 1, 2, 3]
    """
    on_nuclear = np.asarray(nuclear_overlap) >= 0
    on_sanctions = np.asarray(sanctions_overlap) >= 0
    both = on_nuclear & on_sanctions
    disarm = both & (np.asarray(nuclear_point) <= np.asarray(disarmament_threshold))
    code = np.where(on_nuclear | on_sanctions, DECLARATORY, NONE)
    code = np.where(both, FREEZE_FOR_RELIEF, code)
    return np.where(disarm, DISARMAMENT_STEP, code).astype(np.int8)


def compromise(
    positions: ArrayLike, capability: ArrayLike, salience: ArrayLike
) -> NDArray[np.float64]:
    """Capability×salience-weighted mean position over the country axis (Thomson et al. 2006).

    ``positions`` and ``salience`` are (..., countries, issues); ``capability`` is (..., countries).

    >>> compromise([[0.0], [1.0]], [1.0, 3.0], [[1.0], [1.0]]).tolist()
    [0.75]
    """
    weight = np.asarray(capability)[..., None] * np.asarray(salience)
    total = summed(weight, axis=-2)
    return summed(weight * np.asarray(positions), axis=-2) / np.where(total > 0, total, 1.0)


def damped_move(position: ArrayLike, target: ArrayLike, damping: ArrayLike) -> NDArray[np.float64]:
    """Move a share ``damping`` of the way from a position to a target.

    >>> round(float(damped_move(0.2, 0.6, 0.25)[()]), 3)
    0.3
    """
    position = np.asarray(position, dtype=float)
    result: NDArray[np.float64] = np.clip(
        position + np.asarray(damping) * (np.asarray(target) - position), 0.0, 1.0
    )
    return result


def freeze_drift(
    korean_position: ArrayLike,
    prk_position: ArrayLike,
    out_of_reach: ArrayLike,
    freeze_point: ArrayLike,
    rate: ArrayLike,
) -> NDArray[np.float64]:
    """South Korea's nuclear position drifts to "freeze first" while disarmament is out of reach.

    >>> freeze_drift(0.2, [0.9, 0.5], 0.7, 0.6, 0.5).round(3).tolist()
    [0.4, 0.2]
    """
    out = np.asarray(prk_position) > np.asarray(out_of_reach)
    return np.where(out, damped_move(korean_position, freeze_point, rate), korean_position)
