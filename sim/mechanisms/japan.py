"""Mechanism 7: Japan squeezed between outreach to Pyongyang and pressure at home.

Article: "Ishiba has made normalization of diplomatic relations with North Korea and the
establishment of a liaison office a campaign promise … Japan's actions are becoming more
complicated amid trade conflicts with the U.S., including soaring rice prices and automobile
tariffs … if the trade negotiations with the U.S. fail, it could negatively impact support for
the Ishiba administration."

Japan's pressure moves towards a weighted sum of rice prices and tariffs; pressure above a
tolerance erodes government support, which otherwise recovers; support that stays below a
threshold brings a leadership change, after which outreach resets. Outreach advances by steps,
more often the further pressure is below the level at which it stalls (a win-set that narrows
under domestic pressure, Putnam 1988).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.choice import logistic


def pressure_target(
    rice_price: ArrayLike, tariff: ArrayLike, rice_weight: ArrayLike, tariff_weight: ArrayLike
) -> NDArray[np.float64]:
    """Where rice prices and tariffs push Japan's domestic pressure.

    >>> round(float(pressure_target(0.8, 0.5, 0.5, 0.3)[()]), 3)
    0.55
    """
    target = np.asarray(rice_weight) * np.asarray(rice_price)
    result: NDArray[np.float64] = np.clip(
        target + np.asarray(tariff_weight) * np.asarray(tariff), 0.0, 1.0
    )
    return result


def support_update(
    support: ArrayLike,
    pressure: ArrayLike,
    reference: ArrayLike,
    tolerance: ArrayLike,
    loss: ArrayLike,
    recovery: ArrayLike,
) -> NDArray[np.float64]:
    """Support erodes with pressure above tolerance and recovers towards its reference.

    Both act every month: approval falls with the pressure a government cannot relieve (rice,
    tariffs) and drifts back toward its level at the government's start as news fades — the
    partial mean reversion of approval series (Norpoth 1996's popularity functions; Mueller
    1970's erosion). A shock such as a failed trade deal therefore costs support for a while,
    not for good, and a government survives a squeeze its support can outrun.

    >>> round(float(support_update(0.3, 0.7, 0.4, 0.5, 0.2, 0.1)[()]), 3)
    0.27
    >>> round(float(support_update(0.3, 0.4, 0.4, 0.5, 0.2, 0.1)[()]), 3)
    0.31
    """
    support = np.asarray(support, dtype=float)
    excess = np.maximum(np.asarray(pressure) - np.asarray(tolerance), 0.0)
    recovery_gap = np.maximum(np.asarray(reference) - support, 0.0)
    moved = support - np.asarray(loss) * excess + np.asarray(recovery) * recovery_gap
    result: NDArray[np.float64] = np.clip(moved, 0.0, 1.0)
    return result


def outreach_probability(
    pressure: ArrayLike,
    limit: ArrayLike,
    rate: ArrayLike,
    korean_initiative: ArrayLike,
    korean_leadership: ArrayLike,
    follow_boost: ArrayLike,
    dovishness: ArrayLike,
) -> NDArray[np.float64]:
    """Monthly chance outreach advances: rate·dovishness·(1 − pressure/limit), more if Seoul leads.

    A hawk does not reach out however secure at home (the leader's stance drives outreach);
    domestic pressure leaves a dove no room.

    >>> round(float(outreach_probability(0.3, 0.6, 0.2, False, 0.5, 1.0, 1.0)[()]), 3)
    0.1
    >>> round(float(outreach_probability(0.3, 0.6, 0.2, True, 0.5, 1.0, 0.5)[()]), 3)
    0.075
    """
    limit = np.asarray(limit, dtype=float)
    safe_limit = np.where(limit > 0, limit, 1.0)
    room = np.where(limit > 0, np.maximum(1.0 - np.asarray(pressure) / safe_limit, 0.0), 0.0)
    follow = 1.0 + np.where(korean_initiative, np.asarray(follow_boost) * korean_leadership, 0.0)
    chance = np.asarray(rate) * np.asarray(dovishness) * room * follow
    result: NDArray[np.float64] = np.clip(chance, 0.0, 1.0)
    return result


def fall_probability(
    support: ArrayLike, threshold: ArrayLike, noise: ArrayLike
) -> NDArray[np.float64]:
    """Chance a vote (an election, a party contest) brings the prime minister down.

    Logistic in (threshold − support) / noise: even chances at the threshold, likelier the lower
    support is (LDP presidents who lost an upper-house election, as Abe in 2007 and Ishiba in
    2025, fell within months; others survived).

    >>> float(fall_probability(0.3, 0.3, 0.1)[()])
    0.5
    """
    return logistic((np.asarray(threshold) - np.asarray(support)) / np.asarray(noise))


def successor_stance(mean: ArrayLike, spread: ArrayLike, draw: ArrayLike) -> NDArray[np.float64]:
    """A new leader's dovishness toward Pyongyang: uniform on mean ± spread, within [0, 1].

    >>> float(successor_stance(0.4, 0.2, 0.75)[()])
    0.5
    """
    offset = np.asarray(spread) * (2.0 * np.asarray(draw) - 1.0)
    return np.clip(np.asarray(mean) + offset, 0.0, 1.0)


def trade_negotiation_outcome(
    success: bool,
    tariff: ArrayLike,
    pressure: ArrayLike,
    tariff_after_deal: ArrayLike,
    tariff_after_failure: ArrayLike,
    failure_shock: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Japan's tariff burden and pressure after the US–Japan trade talks end.

    Article: "if the trade negotiations with the U.S. fail, it could negatively impact support for
    the Ishiba administration." A deal cuts the tariff burden; a failure keeps tariffs high and
    jolts Japan's pressure, which then costs the government support month by month
    (:func:`support_update`), as any pressure does.

    >>> deal = trade_negotiation_outcome(True, 0.5, 0.4, 0.6, 0.8, 0.3)
    >>> [round(float(x[()]), 2) for x in deal]
    [0.3, 0.4]
    >>> failed = trade_negotiation_outcome(False, 0.5, 0.4, 0.6, 0.8, 0.3)
    >>> [round(float(x[()]), 2) for x in failed]
    [0.8, 0.7]
    """
    tariff = np.asarray(tariff, dtype=float)
    pressure = np.asarray(pressure, dtype=float)
    if success:
        return tariff * np.asarray(tariff_after_deal), pressure
    return (
        np.maximum(tariff, tariff_after_failure),
        np.clip(pressure + np.asarray(failure_shock), 0.0, 1.0),
    )
