"""Many futures: one setting of the levers over hundreds of seeds, summarised for a class.

One history is one possible future. :func:`many_futures` steps the same scenario over many seeds in
one lockstep batch and reduces the batch to three pictures a class can read: the probability of a
summit by month, the spread of North Korea's trust in the US, and the agreement types reached.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.countries import COUNTRIES, PRK
from sim.mechanisms.winsets import AGREEMENT_TYPES
from sim.runs.batch import run_batch
from sim.scenario import Scenario

QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)
"""The quantiles of North Korea's trust in the US drawn as a fan."""
SAMPLES = 20
"""Individual futures kept to be drawn one by one (the first runs of the batch)."""


@dataclass(frozen=True)
class Futures:
    """What a batch of futures shows.

    Attributes
    ----------
    months
        ``YYYY-MM`` of steps 0 … T.
    summit_by_month
        (T+1,) share of runs whose first summit was held at or before each month.
    trust_quantiles
        (len(QUANTILES), T+1) quantiles of North Korea's trust in the US each month.
    agreement_shares
        Share of runs by the most advanced agreement reached, in the model's order of types.
    runs
        Number of runs (failed runs excluded).
    seeds
        (runs,) the seed of each run kept.
    summit_held
        (runs,) whether each run held a summit.
    trust_samples
        (SAMPLES, T+1) North Korea's trust in the US in the first runs, one future each.
    trust_in_each
        North Korea's trust in each other country at the end, median over runs, by ISO code.
    """

    months: list[str]
    summit_by_month: NDArray[np.float64]
    trust_quantiles: NDArray[np.float64]
    agreement_shares: dict[str, float]
    runs: int
    seeds: NDArray[np.int64]
    summit_held: NDArray[np.bool_]
    trust_samples: NDArray[np.float64]
    trust_in_each: dict[str, float]


def many_futures(scenario: Scenario, seeds: Sequence[int] | NDArray[np.integer]) -> Futures:
    """Run ``scenario`` once per seed, all in one lockstep batch, and summarise the batch.

    Parameters
    ----------
    scenario
        The settings, shared by every run.
    seeds
        One run per seed.

    Raises
    ------
    ValueError
        If every run failed (the settings are inconsistent).
    """
    result = run_batch(scenario, seeds, trajectories=True)
    assert result.trajectory is not None
    ok = np.array([error is None for error in result.errors])
    if not ok.any():
        raise ValueError(f"every run failed: {next(e for e in result.errors if e)}")
    index = {label: step for step, label in enumerate(result.months)}
    first = np.array(
        [index[m] if m is not None else -1 for m in result.arrays["first_summit_month"][ok]]
    )
    steps = np.arange(len(result.months))
    held_by = (first[:, None] >= 0) & (first[:, None] <= steps[None, :])
    trust = result.trajectory["trust_USA"][ok][:, :, PRK]
    types = result.arrays["agreement_type"][ok]
    return Futures(
        months=result.months,
        summit_by_month=held_by.mean(axis=0),
        trust_quantiles=np.quantile(trust, QUANTILES, axis=0),
        agreement_shares={name: float(np.mean(types == name)) for name in AGREEMENT_TYPES},
        runs=int(ok.sum()),
        seeds=np.asarray(seeds, dtype=np.int64)[ok],
        summit_held=first >= 0,
        trust_samples=trust[:SAMPLES],
        trust_in_each={
            code: float(np.median(result.trajectory[f"trust_{code}"][ok][:, -1, PRK]))
            for code in COUNTRIES
            if code != COUNTRIES[PRK]
        },
    )


__all__ = ["QUANTILES", "SAMPLES", "Futures", "many_futures"]
