"""Mechanisms 8 and 9: South Korea moves first, and mediates.

Article: "President Lee Jae-myung's declaration of non-participation in NATO has sent ripples
through neighboring countries such as Japan, Australia, and New Zealand, leading to a recovery of
diplomatic leadership characterized by the notion that 'if Korea moves first, other countries will
follow'"; "South Korea can act as a diplomatic mediator under cooperation with the United States,
taking into account North Korea's position, which prioritizes regime security."

Mediation raises each side's trust in the other in proportion to how much that side trusts the
mediator, above a threshold: a go-between is only as useful as it is trusted (Kydd 2003, "Which
side are you on? Bias, credibility, and mediation").
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def leadership_update(
    leadership: ArrayLike, pragmatism: ArrayLike, gain: ArrayLike, snub: ArrayLike
) -> NDArray[np.float64]:
    """Leadership grows with pragmatic diplomacy; a visible independent move adds ``snub``.

    >>> round(float(leadership_update(0.4, 0.5, 0.1, 0.1)[()]), 3)
    0.53
    """
    leadership = np.asarray(leadership, dtype=float)
    grown = leadership + np.asarray(gain) * np.asarray(pragmatism) * (1.0 - leadership)
    return np.clip(grown + np.asarray(snub), 0.0, 1.0)


def initiative_probability(leadership: ArrayLike, rate: ArrayLike) -> NDArray[np.float64]:
    """Monthly chance South Korea takes a regional initiative."""
    return np.clip(np.asarray(rate) * np.asarray(leadership), 0.0, 1.0)


def mediation_effect(
    trust: ArrayLike, trust_in_mediator: ArrayLike, gain: ArrayLike, threshold: ArrayLike
) -> NDArray[np.float64]:
    """A side's trust in the other after mediation.

    The gap to full trust closes by gain·(trust_in_mediator − threshold)/(1 − threshold); a side
    whose trust in the mediator is at or below the threshold is unmoved, so with a threshold of 1
    no side is moved.

    >>> mediation_effect([0.2, 0.2], [0.65, 0.2], 0.2, 0.3).round(3).tolist()
    [0.28, 0.2]
    >>> mediation_effect([0.2], [1.0], 0.2, 1.0).tolist()
    [0.2]
    """
    trust = np.asarray(trust, dtype=float)
    threshold = np.asarray(threshold)
    excess = np.maximum(np.asarray(trust_in_mediator) - threshold, 0.0)
    room = 1.0 - threshold
    weight = np.divide(excess, room, out=np.zeros(np.broadcast(excess, room).shape), where=room > 0)
    return np.clip(trust + np.asarray(gain) * weight * (1.0 - trust), 0.0, 1.0)
