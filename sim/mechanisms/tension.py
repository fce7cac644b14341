"""A regional tension index from Goldstein-weighted events.

Each event type carries the Goldstein (1992) weight of its CAMEO code (sign agreement +8.0,
negotiate +7.0, exhibit force posture −7.2, impose sanctions −8.0, …). Tension relaxes each month
and rises by the conflict the month's events add (cooperation lowers it).
"""

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

GOLDSTEIN: Mapping[str, float] = {
    "summit_proposed": 4.0,  # CAMEO 036, express intent to meet or negotiate
    "summit_rejected": -4.0,  # CAMEO 125, reject proposal to meet, discuss or negotiate
    "summit_held": 7.0,  # CAMEO 043/046, consult; engage in negotiation
    "agreement_signed": 8.0,  # CAMEO 057, sign formal agreement
    "agreement_collapsed": -5.0,  # CAMEO 16, reduce relations
    "concession": 5.0,  # CAMEO 030, express intent to cooperate materially
    "reward_delivered": 7.4,  # CAMEO 07, provide aid
    "sanctions_tightened": -8.0,  # CAMEO 163, impose embargo, boycott or sanctions
    "sanctions_relaxed": 7.0,  # CAMEO 081, ease administrative sanctions
    "provocation": -7.2,  # CAMEO 15, exhibit force posture
    "nuclear_test": -7.2,  # CAMEO 15, exhibit force posture (a test, not a use, of the weapon)
    "military_exercise": -7.2,  # CAMEO 152, increase military alert status
    "mediation": 6.0,  # CAMEO 045, mediate
    "economic_cooperation": 6.4,  # CAMEO 061, cooperate economically
    "gesture": 3.0,  # CAMEO 0871, de-escalate military engagement (a unilateral step)
    "restraint": 2.0,  # CAMEO 0871, a test held back
    "enforcement": -4.0,  # CAMEO 163 in part: tighter border controls
}
"""Goldstein weights of the event types that move tension."""


def tension_update(
    tension: ArrayLike, goldstein_sum: ArrayLike, decay: ArrayLike, scale: ArrayLike
) -> NDArray[np.float64]:
    """Tension relaxes by ``decay`` and rises by ``scale`` per Goldstein point of conflict.

    >>> round(float(tension_update(0.5, -10.0, 0.2, 0.01)[()]), 3)
    0.5
    """
    tension = np.asarray(tension, dtype=float)
    relaxed = tension * (1.0 - np.asarray(decay))
    result: NDArray[np.float64] = np.clip(
        relaxed - np.asarray(scale) * np.asarray(goldstein_sum), 0.0, 1.0
    )
    return result
