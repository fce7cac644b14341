"""Mechanism 1: US showmanship.

Article: "Trump's push to revive the North America summit is a strategy underpinned by political
calculations rather than a simple diplomatic comeback … He maximizes showmanship at the
crossroads of peace and war"; "the upcoming APEC summit … could serve as an opportunity for a
North American meeting at Panmunjom". The summit is valued partly as spectacle, so a held summit
relieves US pressure for a win whatever its substance; a high-visibility window in the calendar
multiplies the propensity to propose (two-level games, Putnam 1988: the chief negotiator's
domestic payoff enters the international move).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.folds import fold


def window_visibility(
    step: int, window_steps: ArrayLike, visibility: ArrayLike, lead: ArrayLike
) -> NDArray[np.float64]:
    """Visibility of the stage at ``step``: full in a window's month, ramping up before it.

    ``lead`` may differ by run (shape (R,)); the result has the shape of ``lead``.

    >>> window_visibility(3, [4], [1.0], lead=[2, 0]).round(3).tolist()
    [0.667, 0.0]
    """
    lead = np.asarray(lead, dtype=float)
    windows = np.asarray(window_steps, dtype=float)
    if windows.size == 0:
        return np.zeros_like(lead)
    until = windows - step
    ramp = np.where(
        (until >= 0) & (until <= lead[..., None]), 1.0 - until / (lead[..., None] + 1.0), 0.0
    )
    return fold(np.maximum, ramp * np.asarray(visibility, dtype=float))


def summit_proposal_probability(
    us_pressure: ArrayLike,
    visibility: ArrayLike,
    base_rate: ArrayLike,
    pressure_gain: ArrayLike,
    window_boost: ArrayLike,
) -> NDArray[np.float64]:
    """Monthly chance the US proposes a summit: (base + gain·pressure)·(1 + boost·visibility).

    >>> round(float(summit_proposal_probability(0.5, 1.0, 0.05, 0.2, 3.0)[()]), 3)
    0.6
    """
    propensity = (np.asarray(base_rate) + np.asarray(pressure_gain) * us_pressure) * (
        1.0 + np.asarray(window_boost) * visibility
    )
    return np.clip(propensity, 0.0, 1.0)


def us_pressure_update(
    pressure: ArrayLike, won: ArrayLike, growth: ArrayLike, spectacle_relief: ArrayLike
) -> NDArray[np.float64]:
    """US pressure for a visible win grows each month without one; a win relieves it.

    A win is a held summit or a trade deal. The relief is a share of the pressure, the same
    whatever the summit's substance (spectacle).

    >>> us_pressure_update(0.5, [True, False], 0.03, 0.5).tolist()
    [0.25, 0.53]
    """
    pressure = np.asarray(pressure, dtype=float)
    relieved = pressure * (1.0 - np.asarray(spectacle_relief))
    grown = pressure + np.asarray(growth)
    return np.clip(np.where(won, relieved, grown), 0.0, 1.0)


def answer_chance(need_for_win: ArrayLike, trusting: ArrayLike) -> NDArray[np.float64]:
    """Chance the US says yes to an invitation: its need for a win, or else its trust.

    ``1 − (1 − need) × (1 − trusting)``: a president who needs a win accepts whatever he believes
    of the inviter (Trump accepted Kim's invitation on the spot, March 2018); one who does not may
    still accept an inviter he trusts to reciprocate (``trusting`` = the weight a decision puts on
    trust × the trust, Kydd 2005), and a launch that costs that trust makes a yes less likely.

    >>> round(float(answer_chance(0.6, 0.0)[()]), 3)
    0.6
    >>> round(float(answer_chance(0.6, 0.5)[()]), 3)
    0.8
    """
    result: NDArray[np.float64] = 1.0 - (1.0 - np.asarray(need_for_win)) * (
        1.0 - np.asarray(trusting)
    )
    return result
