"""Saved results of any kind — a run, an ensemble, a sweep — as groups of runs to compare.

A single run is a group of one. Each group knows its outcomes (one row per run), its start month
and length, and, when trajectories were kept, where to read them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from analysis.ensembledir import is_ensemble_dir, load_ensemble
from analysis.labels import difference_labels, flatten
from analysis.rundir import Run, load_run, read_yaml_mapping
from analysis.sweep_plots import AGREEMENT_TYPES, completed_outcomes
from analysis.sweepdir import is_sweep_dir, load_sweep
from analysis.trajectories import runs_dataset, trajectories_dataset
from sim.errors import InputError

SUMMIT_COLUMNS: tuple[str, ...] = ("summit_held", "first_summit_month", "agreement_type")
"""Outcomes every group must hold to be compared."""


@dataclass(frozen=True, eq=False)
class Group:
    """The runs of one saved result.

    Attributes
    ----------
    path : Path
        The directory.
    kind : str
        ``run``, ``ensemble`` or ``sweep``.
    name : str
        The scenario's name (a sweep's own name).
    seed : str or None
        The seed (``"7"``) or the range of seeds (``"1–200"``).
    config : dict
        The resolved scenario, or the sweep's spec: what labels compare.
    start : str
        The first month, ``YYYY-MM``.
    months : int
        The months simulated after the start.
    outcomes : pandas.DataFrame
        One row per successful run, with at least :data:`SUMMIT_COLUMNS`.
    run : Run or None
        The run itself, for a single run.
    dataset : xarray.Dataset or None
        The series of runs pooled by :func:`pool_runs`.
    """

    path: Path
    kind: str
    name: str
    seed: str | None
    config: dict[str, Any]
    start: str
    months: int
    outcomes: pd.DataFrame
    run: Run | None = None
    dataset: xr.Dataset | None = None

    @property
    def has_trajectories(self) -> bool:
        """Whether monthly trajectories of many runs were saved or pooled."""
        return self.dataset is not None or (self.path / "trajectories.parquet").is_file()

    def trajectories(self, series: Sequence[str]) -> xr.Dataset:
        """The trajectories of many runs: pooled ones, or those saved in the directory."""
        if self.dataset is not None:
            return self.dataset[list(series)]
        return trajectories_dataset(self.path, series)


def load_group(path: str | Path) -> Group:
    """Read a run, ensemble or sweep directory as a :class:`Group`.

    Raises
    ------
    sim.errors.InputError
        When the directory is none of the three, is incomplete, or lacks a summit outcome.
    """
    root = Path(path)
    if is_ensemble_dir(root):
        ens = load_ensemble(root)
        seeds = ens.outcomes["seed"]
        group = Group(
            root,
            "ensemble",
            ens.scenario,
            f"{seeds.min()}–{seeds.max()}",
            ens.config,
            str(ens.config.get("start", "")),
            int(ens.config.get("months", 0)),
            ens.outcomes[ens.outcomes["status"] == "ok"],
        )
    elif is_sweep_dir(root):
        sweep = load_sweep(root)
        scenario = read_yaml_mapping(root / "scenario.yaml")
        group = Group(
            root,
            "sweep",
            sweep.name,
            str(sweep.spec.get("seed")),
            sweep.spec,
            str(scenario.get("start", "")),
            int(sweep.spec.get("months") or scenario.get("months", 0)),
            completed_outcomes(sweep),
        )
    else:
        run = load_run(root)
        outcomes = pd.DataFrame([{key: run.summary.get(key) for key in SUMMIT_COLUMNS}])
        start = str(run.states["month"].min())
        seed = None if run.seed is None else str(run.seed)
        months = int(run.states["step"].max())
        group = Group(root, "run", run.scenario, seed, run.config, start, months, outcomes, run)
    missing = [c for c in SUMMIT_COLUMNS if c not in group.outcomes.columns]
    if missing:
        raise InputError(f"{root}: the outcomes lack {', '.join(missing)}")
    return group


def pool_runs(groups: Sequence[Group]) -> list[Group]:
    """Single runs that differ only in their seed become one group of kind ``runs``.

    Groups keep the order in which each first appears; ensembles, sweeps and runs with no twin
    are left as they are.
    """
    pools: dict[str, list[Group]] = {}
    for group in groups:
        key = str(group.path) if group.run is None else _config_key(group.config)
        pools.setdefault(key, []).append(group)
    return [members[0] if len(members) == 1 else _pooled(members) for members in pools.values()]


def _config_key(config: dict[str, Any]) -> str:
    flat = flatten(config)
    return repr(sorted((k, repr(v)) for k, v in flat.items() if k not in ("seed", "description")))


def _pooled(members: list[Group]) -> Group:
    runs = [g.run for g in members if g.run is not None]
    first = members[0]
    seeds = [g.seed or "?" for g in members]
    shown = ", ".join(seeds[:4]) + (f", … ({len(seeds)} seeds)" if len(seeds) > 4 else "")
    outcomes = pd.concat([g.outcomes for g in members], ignore_index=True)
    return Group(
        first.path,
        "runs",
        first.name,
        shown,
        first.config,
        first.start,
        first.months,
        outcomes,
        dataset=runs_dataset(runs),
    )


def group_labels(groups: Sequence[Group]) -> list[str]:
    """Legend labels saying what differs between groups (see :mod:`analysis.labels`)."""
    names = [
        g.name if g.kind == "run" else f"{g.name} [{g.kind}, n={len(g.outcomes)}]" for g in groups
    ]
    return difference_labels(names, [g.seed for g in groups], [g.config for g in groups])


def months_after(start: str, months: pd.Series) -> np.ndarray:
    """Months from ``start`` (``YYYY-MM``) to each ``YYYY-MM`` of ``months``; NaN where missing.

    >>> months_after("2025-06", pd.Series(["2025-06", "2026-01", None])).tolist()
    [0.0, 7.0, nan]
    """
    first = pd.Period(start, freq="M")
    dates = pd.to_datetime(months, format="%Y-%m")
    return np.array(
        [float((pd.Period(d, freq="M") - first).n) if pd.notna(d) else np.nan for d in dates],
        dtype=float,
    )


def summit_probability(group: Group, months: int) -> pd.Series:
    """The share of runs with a summit by each month: ``months + 1`` values from month 0."""
    firsts = months_after(group.start, group.outcomes["first_summit_month"])
    steps = np.arange(months + 1)
    shares = [(firsts <= step).mean() if firsts.size else np.nan for step in steps]
    return pd.Series(shares, index=steps, name="summit by month")


def agreement_shares(group: Group) -> pd.Series:
    """The share of runs reaching each most advanced agreement type, in the model's order."""
    values = group.outcomes["agreement_type"].astype(str)
    order = [*AGREEMENT_TYPES, *sorted(set(values) - set(AGREEMENT_TYPES))]
    return values.value_counts(normalize=True).reindex(order, fill_value=0.0)


def months_to_first_summit(group: Group) -> np.ndarray:
    """Months from the start to the first summit of each run that held one."""
    firsts = months_after(group.start, group.outcomes["first_summit_month"])
    return firsts[np.isfinite(firsts)]
