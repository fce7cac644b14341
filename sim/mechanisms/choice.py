"""Noisy choice among options by their utilities: the logit (quantal-response) rule.

A government weighs its options' utilities and picks the best one most of the time, a worse one
sometimes; the temperature says how noisy its judgement is (McFadden 1974; McKelvey & Palfrey
1995). With a smooth choice, nothing in the model hangs on one threshold comparison.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.folds import FOLDED_RUNS, fold


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
    u = u - fold(np.maximum, u)[..., None]
    weights = np.exp(u)
    result: NDArray[np.float64] = weights / fold(np.add, weights)[..., None]
    return result


def choose(utilities: ArrayLike, temperature: ArrayLike, draw: ArrayLike) -> NDArray[np.int64]:
    """The option each run picks: the logit probabilities inverted at a uniform draw.

    >>> choose([[0.0, 10.0], [10.0, 0.0]], 1.0, [0.5, 0.5]).tolist()
    [1, 0]
    """
    probabilities = choice_probabilities(utilities, temperature)
    coin = np.asarray(draw, dtype=float)
    options = probabilities.shape[-1]
    if probabilities.size < options * FOLDED_RUNS:
        passed = (coin[..., None] >= np.cumsum(probabilities, axis=-1)).sum(axis=-1)
    else:
        passed = _passed(coin, probabilities)
    result: NDArray[np.int64] = np.minimum(passed, options - 1).astype(np.int64)
    return result


def _passed(coin: NDArray[np.float64], probabilities: NDArray[np.float64]) -> NDArray[np.int64]:
    """How many of the cumulative probabilities the draw reaches, option by option.

    The cumulative sums are NumPy's ``cumsum`` (each adds the next option to the last), one ufunc
    call per option instead of a loop over every run.
    """
    cumulative = probabilities[..., 0]
    passed = (coin >= cumulative).astype(np.int64)
    for option in range(1, probabilities.shape[-1]):
        cumulative = cumulative + probabilities[..., option]
        passed = passed + (coin >= cumulative)
    return passed
