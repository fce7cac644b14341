"""Noisy choice among options by their utilities: the logit (quantal-response) rule.

A government weighs its options' utilities and picks the best one most of the time, a worse one
sometimes; the temperature says how noisy its judgement is (McFadden 1974; McKelvey & Palfrey
1995). With a smooth choice, nothing in the model hangs on one threshold comparison.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def logistic(x: ArrayLike) -> NDArray[np.float64]:
    """The logistic function 1 / (1 + e^−x), computed without overflow.

    >>> float(logistic(0.0)[()])
    0.5
    """
    x = np.asarray(x, dtype=float)
    result: NDArray[np.float64] = np.exp(-np.logaddexp(0.0, -x))
    return result


def choice_probabilities(utilities: ArrayLike, temperature: ArrayLike) -> NDArray[np.float64]:
    """Logit probabilities of each option (last axis) at a temperature > 0.

    >>> choice_probabilities([[0.0, 0.0]], 1.0).tolist()
    [[0.5, 0.5]]
    """
    u = np.asarray(utilities, dtype=float) / np.asarray(temperature, dtype=float)[..., None]
    u = u - u.max(axis=-1, keepdims=True)
    weights = np.exp(u)
    result: NDArray[np.float64] = weights / weights.sum(axis=-1, keepdims=True)
    return result


def choose(utilities: ArrayLike, temperature: ArrayLike, draw: ArrayLike) -> NDArray[np.int64]:
    """The option each run picks: the logit probabilities inverted at a uniform draw.

    >>> choose([[0.0, 10.0], [10.0, 0.0]], 1.0, [0.5, 0.5]).tolist()
    [1, 0]
    """
    cumulative = np.cumsum(choice_probabilities(utilities, temperature), axis=-1)
    picked = (np.asarray(draw, dtype=float)[..., None] >= cumulative).sum(axis=-1)
    result: NDArray[np.int64] = np.minimum(picked, cumulative.shape[-1] - 1).astype(np.int64)
    return result
