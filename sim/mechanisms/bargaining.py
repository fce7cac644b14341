"""Bargaining over both issues: what a deal is worth to each side (mechanisms 2, 10 and 12).

Each actor values an outcome on the nuclear and sanctions dimensions by its salience-weighted
distance from its own position (the expected-utility family: Bueno de Mesquita 1994; Scholz,
Calbert & Smith 2011; KTAB). North Korea weighs the sanctions dimension by how badly it needs
relief, so the Russian lifeline, by lowering that need, makes relief worth less.

Article: "any diplomatic transactions are likely to be discussed only under the principle of
'cash first'" and North Korea's September 2025 condition for talks, that the US drop its demand
for denuclearization: North Korea accepts talks when what it expects from them — relief actually
on the table, the terms on its nuclear status, the standing a summit gives — beats its outside
option (Russian and Chinese support) by a price that rises as its trust in the US falls. Relief
offered upfront is certain; relief promised arrives only as far as North Korea trusts the US.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.choice import logistic
from sim.mechanisms.folds import total as summed


def outcome_utility(
    position: ArrayLike, salience: ArrayLike, outcome: ArrayLike
) -> NDArray[np.float64]:
    """1 − the salience-weighted distance between an outcome and one's position (last axis: issues).

    >>> float(outcome_utility([0.9, 0.8], [1.0, 1.0], [0.9, 0.4])[()])
    0.8
    """
    salience = np.asarray(salience, dtype=float)
    total = summed(salience)
    distance = summed(salience * np.abs(np.asarray(outcome) - np.asarray(position)))
    result: NDArray[np.float64] = 1.0 - distance / np.where(total > 0, total, 1.0)
    return result


def prk_saliences(salience: ArrayLike, relief_need: ArrayLike) -> NDArray[np.float64]:
    """North Korea's saliences with the sanctions issue weighted by its need for relief.

    >>> prk_saliences([0.9, 0.6], 0.5).tolist()
    [0.9, 0.3]
    """
    weighted = np.array(salience, dtype=float)
    weighted[..., 1] = weighted[..., 1] * np.asarray(relief_need)
    return weighted


def talks_gain(
    position: ArrayLike,
    salience: ArrayLike,
    status_quo: ArrayLike,
    offer_nuclear: ArrayLike,
    upfront: ArrayLike,
    promised: ArrayLike,
    trust: ArrayLike,
    standing: ArrayLike,
) -> NDArray[np.float64]:
    """What North Korea expects to gain from accepting a summit over keeping the status quo.

    The offer sets the nuclear terms and relief upfront (certain) and promised (delivered with
    probability ``trust``); ``standing`` is the worth of sitting down with a US president.

    >>> round(float(talks_gain([0.9, 0.9], [1, 1], [0.5, 0.2], 0.5, 0.2, 0.0, 0.5, 0.0)), 3)
    0.1
    """
    status_quo = np.asarray(status_quo, dtype=float)
    keep = outcome_utility(position, salience, status_quo)
    base = status_quo[..., 1] + np.asarray(upfront)
    nuclear, base = np.broadcast_arrays(np.asarray(offer_nuclear, dtype=float), base)
    honoured = np.stack([nuclear, np.minimum(base + np.asarray(promised), 1.0)], axis=-1)
    betrayed = np.stack([nuclear, np.minimum(base, 1.0)], axis=-1)
    trust = np.asarray(trust, dtype=float)
    expected = trust * outcome_utility(position, salience, honoured) + (
        1.0 - trust
    ) * outcome_utility(position, salience, betrayed)
    result: NDArray[np.float64] = expected - keep + np.asarray(standing)
    return result


def acceptance_probability(
    gain: ArrayLike, outside_option: ArrayLike, price: ArrayLike, noise: ArrayLike
) -> NDArray[np.float64]:
    """North Korea's chance of accepting: logistic in (gain − outside option − price) / noise.

    >>> float(acceptance_probability(0.5, 0.2, 0.3, 0.1)[()])
    0.5
    """
    margin = np.asarray(gain) - np.asarray(outside_option) - np.asarray(price)
    return logistic(margin / np.asarray(noise))
