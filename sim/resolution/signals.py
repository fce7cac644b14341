"""Signals in the trust matrix: one country reads another's act and updates its belief."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.mechanisms.trust import update_belief


def signal(
    trust: NDArray[np.float64],
    truster: int,
    trustee: int,
    where: ArrayLike,
    ratio: ArrayLike,
    weight: ArrayLike = 1.0,
) -> None:
    """Where ``where``, ``truster`` reads an act of ``trustee`` with likelihood ratio ``ratio``.

    Updates ``trust[:, truster, trustee]`` in place by Bayes' rule (:func:`update_belief`), the
    signal's information scaled by ``weight`` (1: all of it); elsewhere the belief is unchanged.
    """
    before = trust[:, truster, trustee]
    trust[:, truster, trustee] = np.where(where, update_belief(before, ratio, weight), before)
