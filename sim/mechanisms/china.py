"""Mechanism 6: China's unease at the North Korea–Russia alignment, and what China does about it.

Article: "its relationship with China appears to be somewhat cooled. China has expressed concern
over North Korea's close ties with Russia and has voiced dissatisfaction with the strengthening
of military cooperation. This is interpreted as a sense of crisis from China's perspective,
fearing a potential disruption of the strategic balance in Northeast Asia."

Military cooperation raises China's concern; concern erodes China's trust in North Korea. Each
month China chooses among keeping its distance, re-engaging (aid, high-level visits, summitry with
Pyongyang, as Xi and Kim met five times in 2018–2019) and pressing (enforcement at the border), by
a logit over the utilities its interests give each act: its concern for the regional balance,
its rivalry with the US, and its influence in Pyongyang against Moscow's.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

DISTANCE, REENGAGE, PRESS = 0, 1, 2
"""China's monthly acts toward North Korea."""
ACTS: tuple[str, ...] = ("distance", "reengage", "press")


def concern_update(
    concern: ArrayLike, military_cooperation: ArrayLike, gain: ArrayLike, decay: ArrayLike
) -> NDArray[np.float64]:
    """Concern rises with military cooperation toward 1 and fades at a rate.

    >>> float(concern_update(0.0, 1.0, 0.2, 0.1)[()])
    0.2
    """
    concern = np.asarray(concern, dtype=float)
    rise = np.asarray(gain) * np.asarray(military_cooperation) * (1.0 - concern)
    result: NDArray[np.float64] = np.clip(concern + rise - np.asarray(decay) * concern, 0.0, 1.0)
    return result


def trust_in_prk_update(
    trust: ArrayLike, concern: ArrayLike, erosion: ArrayLike
) -> NDArray[np.float64]:
    """Concern erodes China's trust in North Korea by a share ``erosion × concern`` a month.

    >>> float(trust_in_prk_update(0.5, 0.5, 0.2)[()])
    0.45
    """
    trust = np.asarray(trust, dtype=float)
    result: NDArray[np.float64] = np.clip(
        trust * (1.0 - np.asarray(erosion) * np.asarray(concern)), 0.0, 1.0
    )
    return result


def act_utilities(
    disposition: ArrayLike,
    concern: ArrayLike,
    rivalry: ArrayLike,
    influence_gap: ArrayLike,
    tension: ArrayLike,
    provoked: ArrayLike,
    weights: tuple[ArrayLike, ArrayLike, ArrayLike],
    fta_progress: ArrayLike,
    trust_reliance: ArrayLike,
    neighbours_reliance: ArrayLike,
) -> NDArray[np.float64]:
    """Utilities of distance, re-engagement and pressure, shape (..., 3).

    Re-engaging is worth China's disposition to compete plus its rivalry with the US times the
    influence others (Moscow's flows and arms, Washington at the table) have over Pyongyang and
    Beijing lacks (in 2018 Xi met Kim three times once Kim had agreed to meet Trump); pressing
    is worth the regional instability a provocation and tension threaten — the more, the further
    the Korea–China–Japan FTA has come (a stake in a stable region) — discounted by rivalry
    (pressure on Pyongyang helps Washington); distancing is worth the concern the alignment
    causes. Re-engagement is weighed by China's trust in Pyongyang (``trust_reliance``,
    :func:`sim.mechanisms.trust.reliance`): aid and visits are worth more to a partner believed
    to reciprocate (Kydd 2005) — the article's relationship that "appears to be somewhat cooled".
    Pressing is weighed by China's distrust of Seoul and Tokyo (``neighbours_reliance``, the
    caller's :func:`sim.mechanisms.trust.reliance` of it): Beijing restrains Pyongyang to deny
    neighbours it distrusts a reason to arm — in 2016–2017 North Korea's tests brought THAAD to
    South Korea, which Beijing answered with boycotts, and Japan's missile defence grew with
    every launch (Glaser 2012 on China's stake in stability on the peninsula).

    >>> act_utilities(0.0, 1.0, 0.0, 0.0, 0.0, False, (1.0, 1.0, 1.0), 0.0, 1.0, 1.0).tolist()
    [1.0, 0.0, 0.0]
    >>> act_utilities(1.0, 0.0, 0.0, 0.0, 0.0, False, (1.0, 1.0, 1.0), 0.0, 0.5, 1.0).tolist()
    [0.0, 0.5, 0.0]
    >>> act_utilities(0.0, 0.0, 0.0, 0.0, 0.5, False, (1.0, 1.0, 1.0), 0.0, 1.0, 1.2).tolist()
    [0.0, 0.0, 0.6]
    """
    competition, stability, unease = weights
    reengage = (
        np.asarray(disposition)
        + np.asarray(competition) * np.asarray(rivalry) * np.maximum(np.asarray(influence_gap), 0.0)
    ) * np.asarray(trust_reliance)
    instability = np.asarray(tension) + np.asarray(provoked, dtype=float)
    stake = 1.0 + np.asarray(fta_progress)
    press = (
        np.asarray(stability)
        * stake
        * instability
        * (1.0 - np.asarray(rivalry))
        * np.asarray(neighbours_reliance)
    )
    distance = np.asarray(unease) * np.asarray(concern)
    distance, reengage, press = np.broadcast_arrays(
        np.asarray(distance, float), np.asarray(reengage, float), np.asarray(press, float)
    )
    return np.stack([distance, reengage, press], axis=-1)


def support_update(support: ArrayLike, act: ArrayLike, rate: ArrayLike) -> NDArray[np.float64]:
    """China's support to North Korea grows while it re-engages and fades otherwise.

    >>> support_update([0.5, 0.5], [REENGAGE, DISTANCE], 0.5).tolist()
    [0.75, 0.25]
    """
    support = np.asarray(support, dtype=float)
    grown = support + np.asarray(rate) * (1.0 - support)
    faded = support * (1.0 - np.asarray(rate))
    return np.where(np.asarray(act) == REENGAGE, grown, faded)


def enforcement_target(
    initial: ArrayLike, act: ArrayLike, concern: ArrayLike, strictness: ArrayLike
) -> NDArray[np.float64]:
    """Enforcement China moves toward: stiffer when pressing, looser when re-engaging.

    Whatever its act, ``strictness`` scales it: China enforces a regime Washington leads as far
    as it leans to Washington over Pyongyang — less at the border of a partner it trusts more,
    more where it trusts Washington more (the caller passes
    :func:`sim.mechanisms.trust.reliance` of ``(1 + trust in the US − trust in North Korea) / 2``,
    the alignment its veto reads; Kydd 2005). In 2017, after the Mar-a-Lago summit, China cut
    coal imports and enforced the new resolutions; after the 2018 trade war, ship-to-ship
    transfers in its waters grew (UN Panel of Experts reports, 2019–2021).

    >>> enforcement_target([0.6, 0.6, 0.6], [PRESS, REENGAGE, DISTANCE], 0.5, 1.0).tolist()
    [0.8, 0.3, 0.6]
    >>> enforcement_target([0.6], [DISTANCE], 0.5, 0.5).tolist()
    [0.3]
    """
    initial = np.asarray(initial, dtype=float)
    act = np.asarray(act)
    stiffer = initial + (1.0 - initial) * np.asarray(concern)
    looser = initial * (1.0 - np.asarray(concern))
    target = np.where(act == PRESS, stiffer, np.where(act == REENGAGE, looser, initial))
    result: NDArray[np.float64] = np.clip(target * np.asarray(strictness), 0.0, 1.0)
    return result
