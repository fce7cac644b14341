"""Mechanism 11: cooperation follows dialogue.

Article: "If North America dialogue resumes, there is an opportunity to recover inter-Korean
relations and economic cooperation"; "the idea of Northeast Asian economic cooperation through the
re-establishment of relationships with North Korea, China, and Japan is gaining renewed attention.
The re-promotion of the Korea-China-Japan Free Trade Agreement …"; "the continued U.S.-China
hegemonic competition" weighs on it.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def inter_korean_update(
    level: ArrayLike, talks_alive: ArrayLike, rate: ArrayLike, decay: ArrayLike
) -> NDArray[np.float64]:
    """Inter-Korean cooperation advances only while US–North Korea dialogue is alive.

    >>> inter_korean_update([0.2, 0.2], [True, False], 0.1, 0.5).round(3).tolist()
    [0.28, 0.1]
    """
    level = np.asarray(level, dtype=float)
    grown = level + np.asarray(rate) * (1.0 - level)
    return np.clip(np.where(talks_alive, grown, level * (1.0 - np.asarray(decay))), 0.0, 1.0)


def fta_update(
    progress: ArrayLike,
    korean_leadership: ArrayLike,
    trilateral_trust: ArrayLike,
    rivalry: ArrayLike,
    rate: ArrayLike,
    drag: ArrayLike,
) -> NDArray[np.float64]:
    """FTA progress: rate·leadership·trust among the three, less drag·US–China rivalry.

    >>> round(float(fta_update(0.2, 0.5, 0.4, 0.5, 0.1, 0.02)[()]), 3)
    0.21
    """
    step = np.asarray(rate) * np.asarray(korean_leadership) * np.asarray(trilateral_trust)
    result: NDArray[np.float64] = np.clip(
        np.asarray(progress) + step - np.asarray(drag) * np.asarray(rivalry), 0.0, 1.0
    )
    return result
