"""Mechanism 5: sanctions bite only where enforced.

Article: "Unlike China, which has strictly enforced UN Security Council sanctions, Russia is
engaging in exchanges with North Korea without regard for the international community's
opinions." Effective pressure is the regime's stringency times the enforcement of North Korea's
trading partners, weighted by their share of its trade (China's above all). A tighter regime
needs the Security Council: Russia or China can block it (the 2022 double veto).
"""

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray


def effective_sanctions(
    regime: ArrayLike, enforcement: ArrayLike, trade_share: ArrayLike
) -> NDArray[np.float64]:
    """Regime × trade-weighted enforcement; the country axis is the last one.

    >>> float(effective_sanctions(0.8, [[0.9, 0.0]], [[0.75, 0.25]])[0])
    0.54
    """
    enforcement = np.asarray(enforcement, dtype=float)
    share = np.asarray(trade_share, dtype=float)
    total = np.sum(share, axis=-1)
    weighted = np.sum(enforcement * share, axis=-1) / np.where(total > 0, total, 1.0)
    return np.clip(np.asarray(regime) * weighted, 0.0, 1.0)


def vetoes(pushed: ArrayLike, blocks: Sequence[ArrayLike]) -> list[NDArray[np.bool_]]:
    """Who vetoes a pushed resolution: each member in turn where no one before it already has.

    >>> [v.tolist() for v in vetoes([True, True, False], [[False, True, True], [True, True, True]])]
    [[False, True, False], [True, False, False]]
    """
    remaining = np.asarray(pushed, dtype=bool)
    found = []
    for block in blocks:
        vetoed = remaining & np.asarray(block, dtype=bool)
        found.append(vetoed)
        remaining = remaining & ~vetoed
    return found


def regime_update(
    regime: ArrayLike,
    tightened: ArrayLike,
    relieved: ArrayLike,
    tighten_step: ArrayLike,
    relief_step: ArrayLike,
) -> NDArray[np.float64]:
    """The regime after this month's adopted resolutions and delivered relief."""
    regime = np.asarray(regime, dtype=float)
    regime = regime + np.where(tightened, np.asarray(tighten_step), 0.0)
    regime = regime - np.where(relieved, np.asarray(relief_step), 0.0)
    result: NDArray[np.float64] = np.clip(regime, 0.0, 1.0)
    return result


def veto_chance(
    block: ArrayLike, trust_in_prk: ArrayLike, trust_in_sponsors: ArrayLike, weight: ArrayLike
) -> NDArray[np.float64]:
    """Chance a veto holder blocks a tighter resolution, read from its alignments.

    A vote signals which side one believes (Kydd 2005): the disposition to block, ``block``, is
    raised to the power ``2^(−weight × (trust in North Korea − trust in the sponsors))``, the
    sponsors being the resolution's drafters (the US, with Japan and South Korea; the caller
    passes its mean trust in them), so a holder that trusts Pyongyang more than the sponsors
    blocks more often, and one that trusts the sponsors more, less; a holder with no disposition
    to block (``block`` 0) never does.

    >>> round(float(veto_chance(0.81, 0.5, 0.5, 1.0)[()]), 3)
    0.81
    >>> round(float(veto_chance(0.81, 1.0, 0.0, 1.0)[()]), 3)
    0.9
    """
    lean = np.asarray(trust_in_prk) - np.asarray(trust_in_sponsors)
    exponent = np.power(2.0, -np.asarray(weight) * lean)
    result: NDArray[np.float64] = np.power(np.asarray(block, dtype=float), exponent)
    return result
