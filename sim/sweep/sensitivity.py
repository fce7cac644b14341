"""Sensitivity indices from a finished Sobol' or Morris sweep, read from its directory.

Replicates of a design point are averaged first: the indices describe how the expected outcome
depends on the parameters, the noise of single runs averaged out. The estimators are SALib 1.6's:

- Sobol' first-order (``S1``) and total (``ST``) indices, with bootstrap confidence intervals
  (Sobol' 2001; Saltelli 2002; Saltelli et al. 2010), ``SALib.analyze.sobol.analyze``;
- Morris elementary effects: ``mu``, ``mu_star`` (mean absolute effect, Campolongo, Cariboni &
  Saltelli 2007), ``sigma``, with a bootstrap interval for ``mu_star`` (Morris 1991),
  ``SALib.analyze.morris.analyze``. Effects are per unit of each parameter's range.
"""

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from sim.errors import InputError
from sim.parameters.yaml_input import read_mapping
from sim.sweep.storage import SweepDirectory


def sensitivity(sweep_dir: str | Path, outcome: str) -> pd.DataFrame:
    """Sobol' or Morris indices of one outcome, one row per varied parameter.

    Parameters
    ----------
    sweep_dir
        A complete sweep directory whose design is ``sobol`` or ``morris``.
    outcome
        A numeric or boolean outcome column (a boolean's mean is a probability).

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter: ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (sobol) or ``mu``,
        ``mu_star``, ``sigma``, ``mu_star_conf`` (morris).

    Raises
    ------
    InputError
        If the directory is not a complete Sobol' or Morris sweep, the outcome is not a numeric
        column, or a design point has no successful run.
    """
    directory = SweepDirectory(Path(sweep_dir))
    spec = _read_spec(directory)
    design_kind = spec.get("design")
    if design_kind not in ("sobol", "morris"):
        raise InputError(
            f"{directory.sweep_yaml}: design: sensitivity indices need a sobol or morris design,"
            f" not {design_kind}"
        )
    outcomes_file = directory.final_file("outcomes")
    if not outcomes_file.is_file():
        raise InputError(f"{outcomes_file}: missing (the sweep is not complete)")
    if outcome not in pq.read_schema(outcomes_file).names:
        raise InputError(f"{outcomes_file}: {outcome}: no such outcome column")
    parameters: dict[str, dict[str, Any]] = spec["parameters"]
    names = list(parameters)
    design = pd.read_parquet(directory.design_parquet, columns=["run_id", "design_point", *names])
    results = pd.read_parquet(outcomes_file, columns=["run_id", "status", outcome])
    y = _mean_per_point(design, results, outcome, outcomes_file)
    problem = {
        "num_vars": len(names),
        "names": names,
        "bounds": [_bounds(parameters[name]) for name in names],
    }
    seed = int(spec["seed"])
    if design_kind == "sobol":
        return sobol_indices(problem, y, bool(spec.get("second_order", False)), seed)
    points = design.drop_duplicates("design_point").sort_values("design_point")
    x = points[names].to_numpy(dtype=np.float64)
    return morris_indices(problem, x, y, int(spec.get("morris_levels", 4)), seed)


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


def _read_spec(directory: SweepDirectory) -> dict[str, Any]:
    return read_mapping(directory.sweep_yaml)


def _mean_per_point(
    design: pd.DataFrame, results: pd.DataFrame, outcome: str, source: Path
) -> np.ndarray:
    """The outcome averaged over each design point's successful runs, in point order."""
    merged = design[["run_id", "design_point"]].merge(results, on="run_id")
    ok = merged[merged["status"] == "ok"]
    values = ok[outcome]
    if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
        raise InputError(f"{source}: {outcome}: not a numeric outcome")
    means = values.astype(np.float64).groupby(ok["design_point"]).mean()
    n_points = int(design["design_point"].max()) + 1
    missing = n_points - len(means)
    if missing:
        raise InputError(
            f"{source}: {outcome}: {missing} design points have no successful run;"
            " the indices need every point"
        )
    return means.sort_index().to_numpy()


def _bounds(prange: dict[str, Any]) -> list[float]:
    if "values" in prange:
        return [float(min(prange["values"])), float(max(prange["values"]))]
    return [float(prange["low"]), float(prange["high"])]
