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
    result: NDArray[np.float64] = np.clip(grown + np.asarray(snub), 0.0, 1.0)
    return result


def initiative_probability(leadership: ArrayLike, rate: ArrayLike) -> NDArray[np.float64]:
    """Monthly chance South Korea takes a regional initiative."""
    result: NDArray[np.float64] = np.clip(np.asarray(rate) * np.asarray(leadership), 0.0, 1.0)
    return result


def mediation_weight(trust_in_mediator: ArrayLike, threshold: ArrayLike) -> NDArray[np.float64]:
    """How much of a mediator's vouching a side believes: 0 at or below the threshold, 1 at full.

    >>> mediation_weight([0.65, 0.2, 0.9], [0.3, 0.3, 1.0]).round(3).tolist()
    [0.5, 0.0, 0.0]
    """
    threshold = np.asarray(threshold, dtype=float)
    room = 1.0 - threshold
    above = np.maximum(np.asarray(trust_in_mediator) - threshold, 0.0)
    return np.where(room > 0, above / np.where(room > 0, room, 1.0), 0.0)


def mediated_trust(
    trust: ArrayLike, updated: ArrayLike, trust_in_mediator: ArrayLike
) -> NDArray[np.float64]:
    """Mediation moves a side's trust only as far as the side trusts the mediator.

    >>> mediated_trust([0.2, 0.2], [0.5, 0.3], [0.4, 0.4]).tolist()
    [0.4, 0.3]
    """
    bound = np.maximum(np.asarray(trust, dtype=float), np.asarray(trust_in_mediator))
    result: NDArray[np.float64] = np.minimum(np.asarray(updated, dtype=float), bound)
    return result


GESTURES: tuple[str, ...] = (
    "turns off the loudspeakers on the border",
    "stops leaflet launches across the border",
    "suspends a joint military exercise",
)
"""South Korea's unilateral gestures, in the order it makes them (Lee Jae-myung turned the
loudspeakers off in June 2025; Moon Jae-in's government suspended drills in 2018)."""
SUSPENDS_EXERCISES = len(GESTURES) - 1


def gesture_probability(
    pragmatism: ArrayLike, leadership: ArrayLike, rate: ArrayLike, made: ArrayLike
) -> NDArray[np.float64]:
    """Monthly chance South Korea makes its next gesture while any is left to make.

    >>> float(gesture_probability(0.8, 0.5, 0.5, 1)[()])
    0.2
    """
    left = np.asarray(made) < len(GESTURES)
    chance = np.asarray(rate) * np.asarray(pragmatism) * np.asarray(leadership)
    return np.where(left, np.clip(chance, 0.0, 1.0), 0.0)


def room_at_home(pressure: ArrayLike, weight: ArrayLike) -> NDArray[np.float64]:
    """The share of its diplomatic initiative a government under domestic pressure can spend.

    ``1 − weight × pressure``: a government pressed at home has little room for moves abroad
    (Putnam 1988), so South Korea's initiatives and gestures come less often under
    pressure, and an election that relieves it (Moon in May 2017, Lee in June 2025) frees them.

    >>> round(float(room_at_home(0.4, 0.5)[()]), 3)
    0.8
    """
    result: NDArray[np.float64] = np.clip(1.0 - np.asarray(weight) * np.asarray(pressure), 0.0, 1.0)
    return result
