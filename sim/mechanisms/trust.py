"""Mechanism 3: trust as a belief about the other's type, moved by how costly a signal was.

Trust ``trust[i, j]`` is i's posterior probability that j is a reciprocating type (Kydd 2000,
2005). A signal carries a likelihood ratio — how much more likely a reciprocator is to send it than
an exploiter — and Bayes' rule moves the belief by it: words and meetings are cheap (a ratio near
1), delivered relief and an honoured freeze are costly (a large ratio), a launch or a hollow summit
is a defection (a ratio below 1). A defection's ratio is further from 1 than a costly signal's, so
trust falls faster than it rises. Without news the belief drifts slowly back toward its base rate
(the scenario's initial trust), so cheap talk cannot pile up without bound.

Article: "Although Trump utilized the diplomatic achievements gained from the meetings for
domestic political purposes, there were no tangible rewards returned to North Korea." A summit or
declaratory deal with no tangible reward delivered within a deadline counts as a defection in
North Korea's eyes. Talks may survive it: generous tit-for-tat forgives with probability 1/3 at
the standard payoffs (Axelrod 1984; Nowak & Sigmund 1992).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def update_belief(
    trust: ArrayLike, likelihood_ratio: ArrayLike, weight: ArrayLike
) -> NDArray[np.float64]:
    """Bayes' rule on the odds that the other reciprocates: odds × ratio^weight.

    ``weight`` scales the signal's information (0: none; 1: all of it).

    >>> float(update_belief(0.5, 3.0, 1.0)[()])
    0.75
    >>> float(update_belief(0.5, 3.0, 0.0)[()])
    0.5
    """
    prior = np.asarray(trust, dtype=float)
    scaled = prior * np.power(np.asarray(likelihood_ratio, dtype=float), np.asarray(weight))
    result: NDArray[np.float64] = scaled / (scaled + (1.0 - prior))
    return result


def reliance(trust: ArrayLike, weight: ArrayLike) -> NDArray[np.float64]:
    """How far a decision to cooperate leans on trust: ``1 + weight × (2 × trust − 1)``.

    Cooperating first — paying, answering, vouching, aiding — is worth it only against a partner
    believed to reciprocate (Kydd 2005, the reassurance game): at an even belief the decision is
    as it would be without trust; a trusted partner makes it likelier, a distrusted one less so.
    ``weight`` (0–1) is how much the decision leans on the belief.

    >>> reliance([0.5, 1.0, 0.0], 0.5).tolist()
    [1.0, 1.5, 0.5]
    """
    result: NDArray[np.float64] = 1.0 + np.asarray(weight) * (
        2.0 * np.asarray(trust, dtype=float) - 1.0
    )
    return result


def odds_ratio(before: ArrayLike, after: ArrayLike) -> NDArray[np.float64]:
    """The likelihood ratio that moves a belief from ``before`` to ``after`` by Bayes' rule.

    Where either is 0 or 1 no finite ratio does it; there the ratio is 1 (no move).

    >>> float(odds_ratio(0.5, 0.75)[()])
    3.0
    """
    before = np.asarray(before, dtype=float)
    after = np.asarray(after, dtype=float)
    inside = (before > 0) & (before < 1) & (after > 0) & (after < 1)
    b = np.where(inside, before, 0.5)
    a = np.where(inside, after, 0.5)
    result: NDArray[np.float64] = (a / (1.0 - a)) / (b / (1.0 - b))
    return result


def revert(trust: ArrayLike, base: ArrayLike, rate: ArrayLike) -> NDArray[np.float64]:
    """Without news, a belief drifts a share ``rate`` of the way back to its base rate.

    >>> float(revert(0.5, 0.1, 0.25)[()])
    0.4
    """
    trust = np.asarray(trust, dtype=float)
    rate = np.asarray(rate)
    moved: NDArray[np.float64] = np.asarray(np.asarray(base) - trust)
    if np.broadcast_shapes(rate.shape, moved.shape) != moved.shape:
        result: NDArray[np.float64] = trust + rate * moved
        return result
    # the same operations, in the same order, in one array
    np.multiply(rate, moved, out=moved)
    np.add(trust, moved, out=moved)
    return moved


def deal_is_hollow(
    agreement_in_force: ArrayLike,
    reward_delivered: ArrayLike,
    months_since_deal: ArrayLike,
    deadline: ArrayLike,
) -> NDArray[np.bool_]:
    """A deal whose promised reward has not come within the deadline is a defection.

    >>> bool(deal_is_hollow(True, False, 3, 3)), bool(deal_is_hollow(True, True, 9, 3))
    (True, False)
    """
    return np.asarray(
        np.asarray(agreement_in_force)
        & ~np.asarray(reward_delivered)
        & (np.asarray(months_since_deal) >= np.asarray(deadline))
    )
