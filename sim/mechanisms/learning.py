"""The US learns from refusals and vetoes (mechanisms 1, 5 and 10).

A refusal carries information (Fearon 1995): the offer was below North Korea's reservation value,
so the US revises it — it sweetens within its win-set, holds, or turns to pressure — and the
sweetening is bounded by what its domestic politics will ratify (Putnam 1988) and by audience
costs (Fearon 1994): each step toward Pyongyang costs more at home than the last. A veto is
information too: the US estimates the chance its next push for tighter sanctions is vetoed (a
Beta–Bernoulli posterior mean whose prior is its trust in the veto holders) and stops pushing when
it expects to fail.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.folds import mean as averaged
from sim.mechanisms.trust import reliance as leaning

SWEETEN, HOLD, PRESSURE = 0, 1, 2
"""The US's answers to a refusal."""


def offer_limit(
    own_position: ArrayLike,
    halfwidth: ArrayLike,
    ally_positions: ArrayLike,
    ally_trusts: ArrayLike,
    consultation: ArrayLike,
) -> NDArray[np.float64]:
    """The furthest point toward North Korea the US can offer on an issue.

    Its own position plus the half-width of its win-set, pulled toward its allies' positions
    (last axis: the allies) by alliance consultation in proportion to how much the US trusts
    each: South Korea's freeze-first drift widens Washington's nuclear terms, a hawkish
    government in Tokyo narrows its relief (Putnam 1988: the win-set is what those whose bases
    and money the deal needs will ratify).

    >>> round(float(offer_limit(0.3, 0.2, [0.7, 0.3], [0.5, 0.6], 0.4)[()]), 3)
    0.58
    >>> round(float(offer_limit(0.3, 0.2, [0.3, 0.0], [0.5, 0.5], 0.4)[()]), 3)
    0.44
    """
    own = np.asarray(own_position, dtype=float)
    gaps = np.asarray(ally_positions, dtype=float) - own[..., None]
    pull = np.asarray(consultation) * (np.asarray(ally_trusts) * gaps).sum(axis=-1)
    result: NDArray[np.float64] = np.clip(own + np.asarray(halfwidth) + pull, 0.0, 1.0)
    return result


def revision_utilities(
    need_for_win: ArrayLike,
    room: ArrayLike,
    concessions_made: ArrayLike,
    audience_cost: ArrayLike,
    hawkishness: ArrayLike,
    trust_reliance: ArrayLike,
) -> NDArray[np.float64]:
    """Utilities of sweetening, holding and turning to pressure after a refusal, shape (..., 3).

    Sweetening is worth the need for a win while there is room left, scaled by how far the US
    trusts the refuser (``trust_reliance``, :func:`sim.mechanisms.trust.reliance`: a trusted
    partner's refusal reads as bargaining, a distrusted one's as a sign of its type — Fearon
    1995), less the audience cost of the concessions already made; pressure is worth the
    hawkishness the need for a win does not override; holding is the reference (0).

    >>> revision_utilities(1.0, 1.0, 0, 0.5, 0.0, 1.0).tolist()
    [1.0, 0.0, 0.0]
    >>> revision_utilities(1.0, 1.0, 0, 0.5, 0.0, 0.5).tolist()
    [0.5, 0.0, 0.0]
    """
    sweeten = np.asarray(need_for_win) * np.asarray(room) * np.asarray(trust_reliance) - np.asarray(
        audience_cost
    ) * np.asarray(concessions_made)
    pressure = np.asarray(hawkishness) * (1.0 - np.asarray(need_for_win))
    sweeten, pressure = np.broadcast_arrays(np.asarray(sweeten, float), np.asarray(pressure, float))
    return np.stack([sweeten, np.zeros_like(sweeten), pressure], axis=-1)


def sweetened(offer: ArrayLike, limit: ArrayLike, step: ArrayLike) -> NDArray[np.float64]:
    """A share ``step`` of the way from the current offer to its limit (never back).

    >>> float(sweetened(0.2, 0.6, 0.5)[()])
    0.4
    """
    offer = np.asarray(offer, dtype=float)
    result: NDArray[np.float64] = np.maximum(
        offer, offer + np.asarray(step) * (np.asarray(limit) - offer)
    )
    return result


def veto_expectation(
    pushes: ArrayLike, vetoes: ArrayLike, prior_passage: ArrayLike
) -> NDArray[np.float64]:
    """Expected chance the next push is vetoed: a Beta–Bernoulli posterior mean.

    The prior is worth two pushes and expects a resolution to pass with chance
    ``prior_passage`` (see :func:`prior_passage`); at 0.5 it is the uniform prior.

    >>> float(veto_expectation(2, 2, 0.5)[()])
    0.75
    >>> round(float(veto_expectation(0, 0, 0.3)[()]), 2)
    0.7
    """
    prior_vetoes = 2.0 * (1.0 - np.asarray(prior_passage, dtype=float))
    return (np.asarray(vetoes, dtype=float) + prior_vetoes) / (
        np.asarray(pushes, dtype=float) + 2.0
    )


def prior_passage(trust_in_holders: ArrayLike, weight: ArrayLike) -> NDArray[np.float64]:
    """The chance a first push passes, as the pusher's trust in the veto holders says.

    Washington tables a resolution it expects Beijing and Moscow to let through: in 2017 each of
    resolutions 2371, 2375 and 2397 was agreed with China (and Russia) before the vote, and after
    the 2022 double veto no new sanctions resolution was tabled. The belief that the holders will
    not block is the reassurance game's belief in the other's type (Kydd 2005), read through
    :func:`sim.mechanisms.trust.reliance`: ``0.5 · (1 + weight · (2·T̄ − 1))``, with ``T̄`` the
    mean trust in the holders — even odds at an even belief.

    >>> float(prior_passage([0.5, 0.5], 0.5)[()])
    0.5
    >>> float(prior_passage([0.2, 0.3], 0.5)[()])
    0.375
    """
    mean = averaged(np.asarray(trust_in_holders, dtype=float))
    return 0.5 * leaning(mean, weight)
