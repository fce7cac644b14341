"""Mechanism 6: China's unease at the North Korea–Russia alignment.

Article: "its relationship with China appears to be somewhat cooled. China has expressed concern
over North Korea's close ties with Russia and has voiced dissatisfaction with the strengthening
of military cooperation. This is interpreted as a sense of crisis from China's perspective,
fearing a potential disruption of the strategic balance in Northeast Asia."

Military cooperation raises China's concern; concern erodes China's trust in North Korea. How
China responds is a parameter: distancing itself (reengagement 0) keeps the erosion whole and
stiffens enforcement, competing with Russia for influence (reengagement 1) halves the erosion,
offers support and loosens enforcement.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def concern_update(
    concern: ArrayLike, military_cooperation: ArrayLike, gain: ArrayLike, decay: ArrayLike
) -> NDArray[np.float64]:
    """China's concern for the regional balance: rises with cooperation, fades otherwise.

    >>> round(float(concern_update(0.2, 0.5, 0.3, 0.1)[()]), 3)
    0.3
    """
    concern = np.asarray(concern, dtype=float)
    rise = np.asarray(gain) * np.asarray(military_cooperation) * (1.0 - concern)
    return np.clip(concern + rise - np.asarray(decay) * concern, 0.0, 1.0)


def trust_in_prk_update(
    trust: ArrayLike, concern: ArrayLike, erosion: ArrayLike, reengagement: ArrayLike
) -> NDArray[np.float64]:
    """China's trust in North Korea loses erosion·concern·(1 − reengagement/2) of itself.

    >>> round(float(trust_in_prk_update(0.5, 0.4, 0.1, 0.0)[()]), 3)
    0.48
    """
    trust = np.asarray(trust, dtype=float)
    share = np.asarray(erosion) * np.asarray(concern) * (1.0 - 0.5 * np.asarray(reengagement))
    return np.clip(trust * (1.0 - share), 0.0, 1.0)


def enforcement_target(
    initial: ArrayLike, concern: ArrayLike, reengagement: ArrayLike
) -> NDArray[np.float64]:
    """Distancing stiffens China's enforcement with its concern; competing loosens it.

    >>> enforcement_target(0.7, 0.5, [0.0, 1.0]).round(3).tolist()
    [0.85, 0.35]
    """
    initial = np.asarray(initial, dtype=float)
    reengagement = np.asarray(reengagement)
    stiffer = initial + (1.0 - initial) * np.asarray(concern)
    looser = initial * (1.0 - np.asarray(concern))
    return np.clip((1.0 - reengagement) * stiffer + reengagement * looser, 0.0, 1.0)


def chinese_support(trust_in_prk: ArrayLike, reengagement: ArrayLike) -> NDArray[np.float64]:
    """Support China extends to North Korea: its trust, scaled by how much it competes."""
    return np.asarray(trust_in_prk, dtype=float) * (0.5 + 0.5 * np.asarray(reengagement))
