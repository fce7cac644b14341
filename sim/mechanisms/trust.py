"""Mechanism 3: trust as a belief updated by signals; hollow summits cost trust.

Trust is i's belief that j will reciprocate, updated by costly signals (Kydd 2000, 2005): a
cooperative signal closes a share of the gap to full trust, a defection removes a share of the
trust there is, and the loss share exceeds the gain share, so trust falls faster than it rises.
A tangible reward delivered is a costly signal and closes more of the gap than words do.

Article: "Although Trump utilized the diplomatic achievements gained from the meetings for
domestic political purposes, there were no tangible rewards returned to North Korea." A summit or
declaratory deal with no tangible reward delivered within a deadline counts as a defection in
North Korea's eyes. Talks may survive it: generous tit-for-tat forgives with probability 1/3 at
the standard payoffs (Axelrod 1984; Nowak & Sigmund 1992).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def reinforce(trust: ArrayLike, strength: ArrayLike) -> NDArray[np.float64]:
    """A cooperative signal: trust closes a share ``strength`` of its gap to 1.

    >>> float(reinforce(0.2, 0.25)[()])
    0.4
    """
    trust = np.asarray(trust, dtype=float)
    return trust + np.asarray(strength) * (1.0 - trust)


def betray(trust: ArrayLike, loss: ArrayLike) -> NDArray[np.float64]:
    """A defection: trust loses a share ``loss`` of itself.

    >>> round(float(betray(0.4, 0.25)[()]), 3)
    0.3
    """
    trust = np.asarray(trust, dtype=float)
    return trust * (1.0 - np.asarray(loss))


def update_trust(
    trust: ArrayLike, cooperated: ArrayLike, defected: ArrayLike, gain: ArrayLike, loss: ArrayLike
) -> NDArray[np.float64]:
    """Apply one month's signal: reinforce where cooperated, betray where defected, else keep."""
    trust = np.asarray(trust, dtype=float)
    trust = np.where(cooperated, reinforce(trust, gain), trust)
    return np.where(defected, betray(trust, loss), trust)


def deal_is_hollow(
    agreement_active: ArrayLike,
    reward_delivered: ArrayLike,
    months_since_deal: ArrayLike,
    deadline: ArrayLike,
) -> NDArray[np.bool_]:
    """A standing deal whose promised reward has not come within the deadline.

    >>> deal_is_hollow([True, True, True], [False, True, False], [3, 3, 2], 3).tolist()
    [True, False, False]
    """
    return np.asarray(
        np.asarray(agreement_active)
        & ~np.asarray(reward_delivered)
        & (np.asarray(months_since_deal) >= np.asarray(deadline))
    )
