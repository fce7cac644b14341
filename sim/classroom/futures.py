"""Many futures: one setting of the levers over hundreds of seeds, summarised for a class.

One history is one possible future. :func:`many_futures` steps the same scenario over many seeds in
one lockstep batch and reduces the batch to three pictures a class can read: the probability of a
summit by month, the spread of North Korea's trust in the US, and the agreement types reached.

The parameters are the scenario's (``declared``) or, with ``posterior``, drawn for each run from
the calibration's posterior (``data/posterior.parquet``) as ``neasim run --posterior`` draws
them: from a generator of the root seed alone, so the same root draws the same vectors, and two
batches on the same root and seeds (a variant and its reference) stay paired run by run.
"""

from collections.abc import Collection, Sequence
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
PARAMETERS: tuple[str, ...] = ("declared", "posterior")
"""Where the runs' parameters come from: the scenario's values, or draws from the posterior."""


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


def drawn_parameters(
    scenario: Scenario,
    n: int,
    parameters: str = "declared",
    root: int | None = None,
    keep: Collection[str] = (),
) -> dict[str, NDArray[np.float64]] | None:
    """Per-run values for ``n`` runs.

    None for the scenario's own, or ``n`` vectors drawn from the posterior from ``root`` (default:
    the scenario's seed), leaving out the keys in ``keep``.

    Raises ------ ValueError If ``parameters`` is not one of :data:`PARAMETERS`.
    """
    if parameters not in PARAMETERS:
        raise ValueError(f"parameters {parameters!r}: one of {', '.join(PARAMETERS)}")
    if parameters == "declared":
        return None
    from sim.calibration.posterior import read_posterior
    from sim.calibration.uncertainty import parameter_rng, posterior_overrides

    rng = parameter_rng(scenario.seed if root is None else root)
    drawn = posterior_overrides(read_posterior(), scenario, n, rng)
    return {key: values for key, values in drawn.items() if key not in keep}


def many_futures(
    scenario: Scenario,
    seeds: Sequence[int] | NDArray[np.integer],
    parameters: str = "declared",
    root: int | None = None,
    keep: Collection[str] = (),
) -> Futures:
    """Run ``scenario`` once per seed, all in one lockstep batch, and summarise the batch.

    Parameters
    ----------
    scenario
        The settings, shared by every run.
    seeds
        One run per seed.
    parameters
        ``declared`` (the scenario's values) or ``posterior`` (each run's values of the
        calibrated parameters drawn from the posterior: :func:`drawn_parameters`).
    root
        The root seed of the posterior draws (default: the scenario's seed).
    keep
        Keys that keep the scenario's value even when drawing from the posterior (a lever the
        class has set).

    Raises
    ------
    ValueError
        If every run failed (the settings are inconsistent), or ``parameters`` is unknown.
    """
    overrides = drawn_parameters(scenario, len(seeds), parameters, root, keep)
    result = run_batch(scenario, seeds, overrides, trajectories=True)
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


__all__ = ["PARAMETERS", "QUANTILES", "SAMPLES", "Futures", "drawn_parameters", "many_futures"]
