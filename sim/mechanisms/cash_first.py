"""Mechanisms 2 and 12 (its price side): North Korean distrust and "cash first".

Article: "Since the 2018 Singapore summit and the breakdown in Hanoi in 2019, North Korea has
developed a profound distrust … there were no tangible rewards returned to North Korea. Now,
North Korea is unlikely to make preemptive concessions as in the past, and any diplomatic
transactions are likely to be discussed only under the principle of 'cash first.'" And: "If North
Korea can gain confidence in regime security, it may consider … returning to the international
community."

North Korea accepts talks only when what it expects from them beats its outside option by a price
that rises as its trust in the US falls (a costly-signalling reading of trust, Kydd 2005) and as
its regime security falls below its threshold (it holds out). "Cash first" is that price's
remedy: what is paid before North Korea moves needs no trust, so relief offered upfront waives
its share of the premium distrust charges; the patience an outside option buys
(Fearon 1995's bargaining range) enters through the need-weighted worth of relief
(:mod:`sim.mechanisms.bargaining`). It never makes the first concession while its trust is
below a threshold; it may reciprocate a US concession whatever its trust (Axelrod 1984).
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def cash_first_price(
    trust_in_us: ArrayLike,
    security: ArrayLike,
    security_threshold: ArrayLike,
    base_price: ArrayLike,
    distrust_slope: ArrayLike,
    security_discount: ArrayLike,
    upfront: ArrayLike,
) -> NDArray[np.float64]:
    """The margin by which talks must beat North Korea's outside option for it to accept.

    price = base + distrust_slope·(1 − trust)·(1 − upfront)
            − security_discount·(security − threshold)

    The premium distrust charges insures North Korea against a US that takes its move and does
    not pay; relief handed over upfront (a share ``upfront`` of the sanctions regime lifted before
    it moves) is beyond the US's power to withhold, so that share of the deal is priced as if
    fully trusted. Equivalently, the upfront payment is a costly signal that lifts the trust the
    price is charged at to ``trust + (1 − trust)·upfront`` (Kydd 2005's reassurance by costly
    gesture). Article: "any diplomatic transactions are likely to be discussed only under the
    principle of 'cash first'".

    >>> round(float(cash_first_price(0.1, 0.4, 0.5, 0.1, 0.5, 0.3, 0.0)[()]), 3)
    0.58
    >>> round(float(cash_first_price(0.1, 0.4, 0.5, 0.1, 0.5, 0.3, 0.5)[()]), 3)
    0.355
    """
    trusted = np.asarray(trust_in_us) + (1.0 - np.asarray(trust_in_us)) * np.asarray(upfront)
    price = (
        np.asarray(base_price)
        + np.asarray(distrust_slope) * (1.0 - trusted)
        - np.asarray(security_discount) * (np.asarray(security) - np.asarray(security_threshold))
    )
    result: NDArray[np.float64] = np.maximum(price, 0.0)
    return result


def may_concede(
    trust_in_us: ArrayLike, threshold: ArrayLike, us_moved_last: ArrayLike
) -> NDArray[np.bool_]:
    """Whether North Korea may concede: its trust is at its threshold, or it would reciprocate.

    Below the threshold North Korea never makes the first concession (pattern P2); it may answer
    a US concession or delivered reward made since its own last concession.

    >>> may_concede([0.1, 0.1, 0.5], 0.3, [False, True, False]).tolist()
    [False, True, True]
    """
    return np.asarray(
        (np.asarray(trust_in_us) >= np.asarray(threshold)) | np.asarray(us_moved_last)
    )
