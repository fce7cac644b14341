"""Mechanism 12: regime security decides.

Article: "Among these, the most important variable is North Korea's choice. If North Korea can gain
confidence in regime security, it may consider limited liberalization or returning to the
international community"; mediation must take "into account North Korea's position, which
prioritizes regime security."

Confidence in regime security is a weighted sum of trust in the US, the guarantees of a standing
agreement, outside (Russian, Chinese) support and its own deterrent. Above its threshold North
Korea's price falls (mechanism 2) and its provocation hazard falls (mechanism 13); below, it holds
out. A completed deterrent makes it secure enough to invite talks whatever the rest
(:func:`secure_to_engage`).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.choice import logistic

GUARANTEE_BY_AGREEMENT = np.array([0.0, 0.4, 0.8, 1.0])
"""Guarantee value of a standing agreement, by type code (none … disarmament_step)."""


def regime_security(
    trust_in_us: ArrayLike,
    agreement: ArrayLike,
    outside_support: ArrayLike,
    trust_weight: ArrayLike,
    guarantee_weight: ArrayLike,
    support_weight: ArrayLike,
    deterrent: ArrayLike,
    deterrent_weight: ArrayLike,
) -> NDArray[np.float64]:
    """North Korea's confidence in regime security.

    Trust, guarantees, outside support and its own deterrent (in November 2017, after the
    Hwasong-15, Pyongyang declared its nuclear force "completed" and turned to talks within weeks).

    >>> round(float(regime_security(0.5, 1, 0.5, 0.4, 0.3, 0.3, 0.0, 0.0)[()]), 3)
    0.47
    >>> round(float(regime_security(0.5, 1, 0.5, 0.4, 0.3, 0.3, 1.0, 0.2)[()]), 3)
    0.67
    """
    guarantee = GUARANTEE_BY_AGREEMENT[np.asarray(agreement)]
    security = (
        np.asarray(trust_weight) * np.asarray(trust_in_us)
        + np.asarray(guarantee_weight) * guarantee
        + np.asarray(support_weight) * np.asarray(outside_support)
        + np.asarray(deterrent_weight) * np.asarray(deterrent)
    )
    result: NDArray[np.float64] = np.clip(security, 0.0, 1.0)
    return result


def outside_support(
    russian_flows: ArrayLike,
    military_cooperation: ArrayLike,
    chinese_support: ArrayLike,
    reliance_on_russia: ArrayLike,
    reliance_on_china: ArrayLike,
) -> NDArray[np.float64]:
    """Outside support: Russia's (flows and arms, half each) and China's combined.

    Support from Moscow and from Beijing are different goods (wages and arms; trade and aid), so
    each adds to the other rather than the larger hiding the other: they combine as independent
    lifelines, ``1 − (1 − Russia's)(1 − China's)``, the share of Pyongyang's needs one of them
    covers. Each counts as far as Pyongyang relies on its patron to keep it up
    (:func:`sim.mechanisms.trust.reliance` of its trust in it, Kydd 2005): support from a patron
    it trusts counts for more, from one it doubts for less (each capped at 1).

    >>> round(float(outside_support(0.4, 0.6, 0.3, 1.0, 1.0)[()]), 3)
    0.65
    >>> round(float(outside_support(0.4, 0.6, 0.4, 1.2, 0.5)[()]), 3)
    0.68
    """
    russian = (np.asarray(russian_flows) + np.asarray(military_cooperation)) / 2.0
    from_russia = np.clip(np.asarray(reliance_on_russia) * russian, 0.0, 1.0)
    from_china = np.clip(np.asarray(reliance_on_china) * np.asarray(chinese_support), 0.0, 1.0)
    result: NDArray[np.float64] = 1.0 - (1.0 - from_russia) * (1.0 - from_china)
    return result


def force_finished(deterrent: ArrayLike) -> NDArray[np.bool_]:
    """Whether North Korea's deterrent is complete: no new system left to prove (November 2017).

    >>> force_finished([0.75, 1.0]).tolist()
    [False, True]
    """
    return np.asarray(deterrent) >= 1.0


def secure_to_engage(
    security: ArrayLike, threshold: ArrayLike, width: ArrayLike, deterrent: ArrayLike
) -> NDArray[np.float64]:
    """How secure North Korea feels to invite talks (0 … 1).

    A logistic of its security against its threshold — or fully secure once its deterrent is
    complete, whatever the other terms of its security. On 29 November 2017, after the Hwasong-15,
    Pyongyang declared its "state nuclear force" completed; Kim's New Year address of 2018 paired
    "the nuclear button is always on my desk" with the offer to join the PyeongChang Olympics, and
    the plenum of 20 April 2018 closed the "byungjin" line because the force was finished: a
    finished force cannot be bargained away under duress, so talks no longer put it at risk.

    >>> secure_to_engage([0.3, 0.3], 0.5, 0.05, [0.75, 1.0]).round(3).tolist()
    [0.018, 1.0]
    """
    level = logistic((np.asarray(security) - np.asarray(threshold)) / np.asarray(width))
    result: NDArray[np.float64] = np.where(force_finished(deterrent), 1.0, level)
    return result
