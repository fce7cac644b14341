"""Mechanism 4: the Russian lifeline.

Article: "North Korea plans to send 6,000 personnel from its engineering and construction corps
to Russia between July and August … In addition to food trade such as pork and flour, there are
also expansions in cooperation in the areas of tourism, culture, and education … Consequently,
North Korea no longer desperately demands sanctions relief as it did in the past. With survival
made possible through Russia and the alleviation of economic pressures, North Korea has gained
more flexibility in diplomatic negotiations."

Flows offset part of the effective sanctions pressure, so North Korea's need for relief moves
towards a lower target; the flows are an outside option that raises its leverage (Fearon 1995:
a better reservation value shifts the bargaining range) and, through a lower need, its patience
and its price (mechanism 2).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def relief_need_target(
    effective_sanctions: ArrayLike, flows: ArrayLike, offset: ArrayLike
) -> NDArray[np.float64]:
    """The relief need the sanctions would produce once Russian flows offset part of them.

    >>> float(relief_need_target(0.6, 0.5, 0.8)[()])
    0.36
    """
    result: NDArray[np.float64] = np.asarray(effective_sanctions) * (
        1.0 - np.asarray(offset) * np.asarray(flows)
    )
    return result


def relief_need_update(
    need: ArrayLike,
    effective_sanctions: ArrayLike,
    flows: ArrayLike,
    offset: ArrayLike,
    rate: ArrayLike,
) -> NDArray[np.float64]:
    """Relief need moves a share ``rate`` of the way to its target each month.

    >>> round(float(relief_need_update(0.6, 0.6, 0.5, 0.8, 0.5)[()]), 3)
    0.48
    """
    need = np.asarray(need, dtype=float)
    target = relief_need_target(effective_sanctions, flows, offset)
    result: NDArray[np.float64] = np.clip(need + np.asarray(rate) * (target - need), 0.0, 1.0)
    return result


def leverage(
    capability: ArrayLike, outside_option: ArrayLike, weight: ArrayLike
) -> NDArray[np.float64]:
    """Bargaining power: capability blended with the value of outside options.

    >>> float(leverage(0.5, 0.9, 0.5)[()])
    0.7
    """
    weight = np.asarray(weight)
    blended = (1.0 - weight) * np.asarray(capability) + weight * np.asarray(outside_option)
    result: NDArray[np.float64] = np.clip(blended, 0.0, 1.0)
    return result


EXPAND, KEEP, CUT = 0, 1, 2
"""Russia's monthly choices about its flows to North Korea."""


def flow_utilities(
    flows: ArrayLike,
    war_demand: ArrayLike,
    reciprocity: ArrayLike,
    weight: ArrayLike,
    rival_engagement: ArrayLike,
    competition: ArrayLike,
) -> NDArray[np.float64]:
    """Utilities of expanding, keeping and cutting the flows, shape (..., 3).

    Russia pays North Korea for what its war needs (labour, shells, troops), for what North
    Korea has sent, and to keep it: the flows it wants are ``war_demand + weight × reciprocity +
    competition × rival_engagement`` (capped at 1), where ``rival_engagement`` is how far
    Washington is engaging Pyongyang (talks alive, a deal in force), weighed by how far Moscow
    distrusts Washington (:func:`sim.mechanisms.trust.reliance` of its distrust): a rival's bid
    is a threat only from a rival (Walt 1987, the balance of threat). A patron that fears being
    abandoned pays to keep its client (Snyder 1984, the alliance security dilemma): after the
    Hanoi summit Putin received Kim in Vladivostok (April 2019). Expanding is worth the
    shortfall, cutting the excess; keeping is the reference.

    >>> flow_utilities(0.25, 0.75, 0.0, 0.5, 0.0, 0.3).tolist()
    [0.5, 0.0, -0.5]
    >>> [round(u, 2) for u in flow_utilities(0.25, 0.5, 0.0, 0.5, 1.0, 0.25).tolist()]
    [0.5, 0.0, -0.5]
    """
    wanted = np.minimum(
        np.asarray(war_demand)
        + np.asarray(weight) * np.asarray(reciprocity)
        + np.asarray(competition) * np.asarray(rival_engagement),
        1.0,
    )
    gap = wanted - np.asarray(flows, dtype=float)
    return np.stack([gap, np.zeros_like(gap), -gap], axis=-1)


def wanted_cooperation(
    war_demand: ArrayLike,
    trust_in_prk: ArrayLike,
    china_concern: ArrayLike,
    trust_in_china: ArrayLike,
    restraint: ArrayLike,
    rival_engagement: ArrayLike,
    bid: ArrayLike,
) -> NDArray[np.float64]:
    """The military cooperation Russia wants, restrained by China's concern.

    Its war demand as far as it trusts Pyongyang, held back by China's concern as far as Moscow
    relies on Beijing, and raised by a share ``bid`` of itself while Washington engages
    Pyongyang (``rival_engagement``, as in :func:`flow_utilities`), capped at 1.

    Article: China "has voiced dissatisfaction with the strengthening of military cooperation"; a
    Russia at war depends on China's trade, so Beijing's unease weighs on Moscow in proportion to
    its trust in (reliance on) Beijing. A patron that fears being abandoned deepens its commitment
    to its client (Snyder 1984, the alliance security dilemma): what Moscow can offer that
    Washington cannot is arms and military technology, and it offers them only while its war
    makes Pyongyang worth keeping (a Russia at peace wants no arms deal, however Washington
    courts Pyongyang).

    >>> round(float(wanted_cooperation(0.8, 0.5, 0.5, 0.8, 0.5, 0.0, 0.3)[()]), 3)
    0.32
    >>> round(float(wanted_cooperation(0.8, 0.5, 0.5, 0.8, 0.5, 1.0, 0.3)[()]), 3)
    0.416
    """
    held_back = 1.0 - np.asarray(restraint) * np.asarray(china_concern) * np.asarray(trust_in_china)
    courted = 1.0 + np.asarray(bid) * np.asarray(rival_engagement)
    result: NDArray[np.float64] = np.minimum(
        np.asarray(war_demand) * np.asarray(trust_in_prk) * held_back * courted, 1.0
    )
    return result
