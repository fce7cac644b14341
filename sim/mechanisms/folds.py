"""Sums, means and maxima over a short axis of options, reasons or countries, column by column.

NumPy reduces a few values per run (an ``(R, k)`` array along its last axis, an ``(R, k, m)``
one along its middle axis) left to right: ``((a0 + a1) + a2) + …``. One ufunc call per column
does the same additions in the same order, so it gives the same numbers, without a reduction's
loop over every run; a small batch, where that loop is short, uses the reduction itself.
"""

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]


def fold(combine: np.ufunc, values: F, axis: int = -1) -> F:
    """``combine`` applied along ``axis`` (the last, or the one before it), left to right.

    A combination with an identity (addition's 0) starts from it, as NumPy's reduction does: a
    sum of negative zeros is a positive zero.

    >>> fold(np.add, np.array([[1.0, 2.0, 3.0]])).tolist()
    [6.0]
    >>> fold(np.maximum, np.array([[[1.0, 5.0], [4.0, 2.0]]]), axis=-2).tolist()
    [[4.0, 5.0]]
    """
    if axis not in (-1, -2):
        raise ValueError(f"a fold runs along the last axis or the one before it, not {axis}")
    count = values.shape[axis]
    if count == 0 or values.size < count * FOLDED_RUNS:
        reduced: F = combine.reduce(values, axis=axis)
        return reduced
    first = _column(values, axis, 0)
    folded: F = np.array(first) if combine.identity is None else combine(combine.identity, first)
    for k in range(1, count):
        folded = combine(folded, _column(values, axis, k))
    return folded


FOLDED_RUNS = 128
"""Fewer runs than this are reduced by NumPy's own reduction: one call is cheaper there."""


def _column(values: F, axis: int, k: int) -> F:
    """The ``k``-th slice along ``axis`` (the last, or the one before it)."""
    column: F = values[..., k] if axis == -1 else values[..., k, :]
    return column


def total(values: F, axis: int = -1) -> F:
    """The sum along ``axis``, as ``values.sum(axis=axis)`` gives it.

    >>> total(np.array([[0.5, 0.25], [1.0, 2.0]])).tolist()
    [0.75, 3.0]
    """
    return fold(np.add, values, axis)


def mean(values: F, axis: int = -1) -> F:
    """The mean along ``axis``, as ``values.mean(axis=axis)`` gives it: the sum over the count.

    >>> mean(np.array([[0.2, 0.3]])).tolist()
    [0.25]
    """
    averaged: F = total(values, axis) / values.shape[axis]
    return averaged
