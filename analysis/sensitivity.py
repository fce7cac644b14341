"""Sensitivity indices of a Sobol' or Morris design, computed from data frames, with a noise floor.

Replicates of a design point are averaged first: the indices describe how the expected outcome
depends on the parameters. The averages still carry the noise of the seeds, and an estimator
reads that noise as an effect: a parameter that does nothing gets a total Sobol' index of about
the noise's share of the variance of the point means, and a Morris μ* of about the mean absolute
difference of two noisy means. That level is the *noise floor*, estimated from the spread of the
replicates within each point (it needs at least two replicates per point); an index at or below
it says nothing about the parameter. The estimators are SALib 1.6's:

- Sobol' first-order (``S1``) and total (``ST``) indices, with bootstrap confidence intervals
  (Sobol' 2001; Saltelli 2002; Saltelli et al. 2010), ``SALib.analyze.sobol.analyze``;
- Morris elementary effects: ``mu``, ``mu_star`` (mean absolute effect, Campolongo, Cariboni &
  Saltelli 2007), ``sigma``, with a bootstrap interval for ``mu_star`` (Morris 1991),
  ``SALib.analyze.morris.analyze``. Effects are per unit of each parameter's range.

Every function here is pure: the caller reads the sweep (:func:`analysis.sweepdir.load_sweep`).
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sim.errors import InputError

DESIGNS = ("sobol", "morris")


def point_means(
    design: pd.DataFrame, outcomes: pd.DataFrame, outcome: str
) -> tuple[np.ndarray, float]:
    """The outcome averaged over each design point's successful runs, and the noise of a mean.

    Parameters
    ----------
    design
        ``run_id``, ``design_point`` (0, 1, …) and any other columns.
    outcomes
        ``run_id``, ``status`` and the ``outcome`` column.
    outcome
        A numeric or boolean column (a boolean's mean is a probability).

    Returns
    -------
    means, noise
        The means in point order, and the variance of one point's mean due to the seeds alone:
        the pooled within-point variance divided by the replicates per point (NaN with one
        replicate per point).

    >>> design = pd.DataFrame({"run_id": range(4), "design_point": [0, 0, 1, 1]})
    >>> runs = pd.DataFrame({"run_id": range(4), "status": "ok", "y": [1.0, 3.0, 5.0, 5.0]})
    >>> point_means(design, runs, "y")
    (array([2., 5.]), 0.5)
    """
    if outcome not in outcomes.columns:
        raise InputError(f"{outcome}: no such outcome column")
    merged = design[["run_id", "design_point"]].merge(
        outcomes[["run_id", "status", outcome]], on="run_id"
    )
    ok = merged[merged["status"] == "ok"]
    values = ok[outcome]
    if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
        raise InputError(f"{outcome}: not a numeric outcome")
    grouped = values.astype(np.float64).groupby(ok["design_point"])
    means = grouped.mean()
    n_points = int(design["design_point"].max()) + 1
    missing = n_points - len(means)
    if missing:
        raise InputError(
            f"{outcome}: {missing} design points have no successful run;"
            " the indices need every point"
        )
    counts = grouped.count()
    if int(counts.min()) < 2:
        return means.sort_index().to_numpy(), float("nan")
    within = float(grouped.var(ddof=1).mean())
    return means.sort_index().to_numpy(), within / float(counts.mean())


def sobol_indices(
    problem: dict[str, Any], y: np.ndarray, second_order: bool, seed: int
) -> pd.DataFrame:
    """First-order and total Sobol' indices (Saltelli 2002; Saltelli et al. 2010)."""
    from SALib.analyze import sobol

    found = sobol.analyze(problem, y, calc_second_order=second_order, seed=seed)
    columns = ["S1", "S1_conf", "ST", "ST_conf"]
    return pd.DataFrame({c: found[c] for c in columns}, index=pd.Index(problem["names"]))


def morris_indices(
    problem: dict[str, Any], x: np.ndarray, y: np.ndarray, levels: int, seed: int
) -> pd.DataFrame:
    """Morris elementary effects (Morris 1991), ``mu_star`` after Campolongo et al. (2007)."""
    from SALib.analyze import morris

    found = morris.analyze(problem, x, y, num_levels=levels, seed=seed)
    columns = ["mu", "mu_star", "sigma", "mu_star_conf"]
    return pd.DataFrame(
        {c: np.asarray(found[c], dtype=np.float64) for c in columns},
        index=pd.Index(problem["names"]),
    )


def sobol_noise_floor(noise: float, y: np.ndarray) -> float:
    """The total index a parameter without effect gets: the noise's share of Var(point means).

    In Saltelli's estimator ST_i = E[(f(A) − f(AB_i))²] / 2V; for a parameter without effect the
    difference is the noise of two means alone, so E[…]/2 is the noise variance of one mean.

    >>> round(sobol_noise_floor(0.25, np.array([0.0, 1.0, 0.0, 1.0])), 3)
    1.0
    """
    variance = float(np.var(y))
    return noise / variance if variance > 0 else float("nan")


def morris_noise_floor(noise: float, levels: int) -> float:
    """The μ* a parameter without effect gets: E|e₁ − e₂| / Δ for two noisy means.

    With e₁ − e₂ ~ N(0, 2σ²), E|e₁ − e₂| = 2σ/√π; Δ = p / (2(p − 1)) is SALib's step in units of
    the parameter's range for p levels.

    >>> round(morris_noise_floor(np.pi / 4, 4), 3)
    1.5
    """
    delta = levels / (2.0 * (levels - 1))
    return 2.0 * float(np.sqrt(noise)) / float(np.sqrt(np.pi)) / delta


def sensitivity_indices(
    design: pd.DataFrame,
    outcomes: pd.DataFrame,
    outcome: str,
    spec: Mapping[str, Any],
) -> pd.DataFrame:
    """Sobol' or Morris indices of one outcome with the noise floor, one row per parameter.

    Parameters
    ----------
    design
        The sweep's design: ``run_id``, ``design_point`` and one column per varied parameter.
    outcomes
        ``run_id``, ``status`` and the outcome columns.
    outcome
        A numeric or boolean outcome column.
    spec
        The sweep specification: ``design`` (``sobol`` or ``morris``), ``parameters`` (name →
        ``low``/``high`` or ``values``), ``seed``, and ``second_order`` or ``morris_levels``.

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter: ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (sobol) or ``mu``,
        ``mu_star``, ``sigma``, ``mu_star_conf`` (morris), then ``noise_floor`` (the same on
        every row; NaN with one replicate per point) and ``above_noise``: whether the index
        (``ST`` or ``mu_star``) less its confidence half-width exceeds the floor.

    Raises
    ------
    InputError
        If the design is not Sobol' or Morris, the outcome is not a numeric column, or a design
        point has no successful run.
    """
    kind = spec.get("design")
    if kind not in DESIGNS:
        raise InputError(f"design: sensitivity indices need a sobol or morris design, not {kind}")
    parameters: Mapping[str, Mapping[str, Any]] = spec["parameters"]
    names = list(parameters)
    y, noise = point_means(design, outcomes, outcome)
    problem = {
        "num_vars": len(names),
        "names": names,
        "bounds": [_bounds(parameters[name]) for name in names],
    }
    seed = int(spec["seed"])
    if kind == "sobol":
        table = sobol_indices(problem, y, bool(spec.get("second_order", False)), seed)
        floor = sobol_noise_floor(noise, y)
        index = "ST"
    else:
        levels = int(spec.get("morris_levels", 4))
        points = design.drop_duplicates("design_point").sort_values("design_point")
        x = points[names].to_numpy(dtype=np.float64)
        table = morris_indices(problem, x, y, levels, seed)
        floor = morris_noise_floor(noise, levels)
        index = "mu_star"
    table["noise_floor"] = floor
    above = (table[index] - table[f"{index}_conf"]).gt(floor).astype("boolean")
    table["above_noise"] = above if np.isfinite(floor) else pd.Series(pd.NA, above.index, "boolean")
    return table


def _bounds(prange: Mapping[str, Any]) -> list[float]:
    if "values" in prange:
        values: Sequence[float] = prange["values"]
        return [float(min(values)), float(max(values))]
    return [float(prange["low"]), float(prange["high"])]
