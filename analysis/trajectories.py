"""Saved trajectories of many runs (a sweep's or an ensemble's) as an xarray Dataset.

``trajectories.parquet`` is long: one row per run, step and country, world series repeated on
each country's row. :func:`trajectories_dataset` turns it into a Dataset with dimensions
``run`` × ``month`` × ``country`` for per-country series and ``run`` × ``month`` for world
series (a series equal for every country at every step of every run is a world series). Along
``run`` ride the run's ``seed`` and, for a sweep, its ``design_point``, ``replicate`` and the value
of every design parameter, so that ``data.where(data["actors.PRK.trust.USA"] > 0.2)`` selects by
design.
"""

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import xarray as xr

from analysis.rundir import Run, error_summary
from analysis.series import by_country, month_dates, numeric_world_columns, world_series
from analysis.style import ordered_countries
from sim.errors import InputError

KEYS: tuple[str, ...] = ("run_id", "step", "month", "country")
"""The columns of ``trajectories.parquet`` that locate a row; every other column is a series."""

QUANTILES: tuple[float, float, float] = (0.1, 0.5, 0.9)
"""The band (10 % and 90 %) and the median of every fan chart."""


def trajectories_file(path: str | Path) -> Path:
    """``<path>/trajectories.parquet``, or an InputError saying none were kept."""
    file = Path(path) / "trajectories.parquet"
    if not file.is_file():
        raise InputError(
            f"{file}: missing (keep them with 'trajectories: true' in the sweep spec, "
            "or run an ensemble: neasim run SCENARIO --replicates N)"
        )
    return file


def series_names(path: str | Path) -> list[str]:
    """The series a trajectories file holds, in file order."""
    names = pq.read_schema(trajectories_file(path)).names
    return [name for name in names if name not in KEYS]


def trajectories_dataset(path: str | Path, series: Sequence[str] | None = None) -> xr.Dataset:
    """The trajectories of a sweep or ensemble directory as an xarray Dataset.

    Parameters
    ----------
    path : str or Path
        A sweep directory with trajectories, or an ensemble directory.
    series : sequence of str, optional
        The series to read (all by default).

    Returns
    -------
    xarray.Dataset
        Coordinates ``run`` (run ids), ``month`` (first day of each month), ``step`` (along
        ``month``) and ``country`` (canonical order), with ``seed`` and, for a sweep, the design
        (``design_point``, ``replicate``, one coordinate per parameter) along ``run``; one
        variable per series.

    Raises
    ------
    sim.errors.InputError
        When the file is missing or unreadable, a series does not exist, or runs are incomplete.
    """
    file = trajectories_file(path)
    available = series_names(path)
    wanted = list(available if series is None else series)
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise InputError(
            f"{file}: no series {', '.join(map(repr, unknown))}; there are {', '.join(available)}"
        )
    try:
        frame = pd.read_parquet(file, columns=[*KEYS, *wanted])
    except (OSError, ValueError) as err:
        raise InputError(f"{file}: cannot read Parquet ({error_summary(err)})") from err
    countries = ordered_countries(frame["country"].unique())
    frame["_order"] = frame["country"].map({c: i for i, c in enumerate(countries)})
    frame = frame.sort_values(["run_id", "step", "_order"], kind="stable")
    runs = frame["run_id"].unique()
    steps = np.sort(frame["step"].unique())
    shape = (len(runs), len(steps), len(countries))
    if len(frame) != shape[0] * shape[1] * shape[2]:
        raise InputError(f"{file}: runs are incomplete (not every step and country of each run)")
    months = frame["month"].to_numpy().reshape(shape)[0, :, 0]
    coords = {
        "run": runs,
        "month": month_dates(pd.Series(months)),
        "step": ("month", steps),
        "country": countries,
        **run_coordinates(Path(path), runs),
    }
    variables: dict[str, tuple[tuple[str, ...], np.ndarray]] = {}
    for name in wanted:
        values = frame[name].to_numpy(dtype=float).reshape(shape)
        if np.array_equal(values, np.repeat(values[:, :, :1], shape[2], axis=2), equal_nan=True):
            variables[name] = (("run", "month"), values[:, :, 0])
        else:
            variables[name] = (("run", "month", "country"), values)
    return xr.Dataset(variables, coords=coords)


def run_coordinates(path: Path, runs: np.ndarray) -> dict[str, tuple[str, np.ndarray]]:
    """Coordinates along ``run``: the design's columns (a sweep) or the seeds (an ensemble).

    Taken from ``design.parquet`` when the directory has one, else from the ``seed`` column of
    ``outcomes.parquet``; none when neither is readable (the dataset is still usable).
    """
    design = path / "design.parquet"
    source = design if design.is_file() else path / "outcomes.parquet"
    try:
        table = pd.read_parquet(source)
    except (OSError, ValueError):
        return {}
    if "run_id" not in table.columns:
        return {}
    if source is not design:
        table = table[[c for c in ("run_id", "seed") if c in table.columns]]
    table = table.set_index("run_id").reindex(runs)
    return {
        str(column): ("run", table[column].to_numpy())
        for column in table.columns
        if pd.api.types.is_numeric_dtype(table[column])
    }


def runs_dataset(runs: Sequence[Run]) -> xr.Dataset:
    """Several saved runs of the same months as a Dataset shaped like :func:`trajectories_dataset`.

    Every numeric column of ``states.csv`` becomes a ``run`` × ``month`` × ``country`` variable,
    every numeric column of ``world.csv`` a ``run`` × ``month`` one; ``run`` holds the seeds.

    Raises
    ------
    sim.errors.InputError
        When the runs do not cover the same months.
    """
    first = runs[0]
    months = month_dates(first.world["month"]).sort_values()
    for run in runs[1:]:
        if not month_dates(run.world["month"]).sort_values().equals(months):
            raise InputError(f"{run.path}: covers other months than {first.path}")
    countries = ordered_countries(first.states["country"].unique())
    skip = {"step", "month", "country"}
    variables: dict[str, tuple[tuple[str, ...], np.ndarray]] = {}
    for column in first.states.columns:
        if column in skip or not pd.api.types.is_numeric_dtype(first.states[column]):
            continue
        stacked = [
            by_country(run.states, column, source=str(run.path / "states.csv"))[countries]
            for run in runs
        ]
        variables[column] = (("run", "month", "country"), np.stack([s.to_numpy() for s in stacked]))
    for column in numeric_world_columns(first.world):
        stacked_world = [
            world_series(run.world, column, source=str(run.path / "world.csv")) for run in runs
        ]
        variables[column] = (("run", "month"), np.stack([s.to_numpy() for s in stacked_world]))
    coords = {
        "run": [run.seed for run in runs],
        "month": months,
        "step": ("month", np.arange(len(months))),
        "country": countries,
    }
    return xr.Dataset(variables, coords=coords)


def fan_quantiles(values: xr.DataArray) -> xr.DataArray:
    """The 10 %, 50 % and 90 % quantiles over runs, by month (and country).

    >>> data = xr.DataArray(np.arange(10.0).reshape(10, 1), dims=("run", "month"))
    >>> fan_quantiles(data).sel(month=0).values.round(2).tolist()
    [0.9, 4.5, 8.1]
    """
    return values.quantile(list(QUANTILES), dim="run")
