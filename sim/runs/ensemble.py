"""An ensemble: one scenario over N seeds, stepped in one lockstep batch, saved in one directory.

``neasim run SCENARIO --replicates N`` runs seeds ``seed, seed + 1, ..., seed + N - 1`` (the
scenario's seed first) through one ``DiplomacyModel(config, seeds=[...])`` and writes::

    <dir>/config.yaml           the resolved scenario (its seed is the first of the ensemble's)
    <dir>/manifest.json         kind "ensemble", status, replicates, seeds, median_seed, provenance
    <dir>/outcomes.parquet      run_id, seed, status, error, then every outcome (as in a sweep)
    <dir>/trajectories.parquet  run_id, step, month, country, then every states/world series
    <dir>/median/               the usual run directory of the median run
    <dir>/plots/                fan charts and outcome distributions, unless --no-plots

The trajectories have the long format of a sweep's ``trajectories.parquet`` (world series repeat
on each country's row), so the same readers serve both. The median run is the one whose
``mean_tension`` is the median of the ensemble's (the lower one for an even count; ties go to the
smaller seed). The directory's name is claimed before simulating, as a run's is
(:mod:`sim.runs.claim`: a slug of the scenario's name, ``-2``... when taken); it is written under a
temporary name, its manifest saying ``writing``, renamed, and then marked ``complete``.
"""

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray

from sim.calendar import month_label
from sim.countries import COUNTRIES
from sim.errors import InputError
from sim.events import Event
from sim.model import DiplomacyModel
from sim.runs.claim import claim, commit, partial_path, release, slug
from sim.runs.directory import COMPLETE, FORMAT_VERSION, WRITING, save_run, write_manifest_file
from sim.runs.outcomes import batch_outcomes, run_summary
from sim.runs.plotting import Plotters
from sim.runs.provenance import command_line, provenance, utc_now, utc_stamp
from sim.runs.recorder import state_rows, trajectory, world_rows
from sim.scenario import Scenario, to_yaml, with_overrides
from sim.sweep.columns import outcome_table, trajectory_table

MEDIAN_BY = "mean_tension"
"""The outcome whose median picks the ensemble's median run."""


def default_ensemble_dir(scenario: Scenario, replicates: int, root: Path = Path("runs")) -> Path:
    """``runs/<scenario slug>-<UTC yyyymmdd-HHMMSS>-s<seed>-r<N>``.

    Claiming the directory adds ``-2``... when the name is taken.
    """
    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    return root / f"{slug(scenario.name)}-{stamp}-s{scenario.seed}-r{replicates}"


def median_run(values: NDArray[Any], seeds: NDArray[Any], ok: NDArray[np.bool_]) -> int:
    """The index of the run whose value is the (lower) median of the successful runs' values.

    >>> median_run(np.array([0.3, 0.1, 0.2, 0.9]), np.arange(4), np.array([1, 1, 1, 0], bool))
    2
    """
    candidates = np.flatnonzero(ok)
    if candidates.size == 0:
        raise InputError("every run of the ensemble failed; there is no median run")
    order = candidates[np.lexsort((seeds[candidates], values[candidates]))]
    return int(order[(order.size - 1) // 2])


def headline(
    scenario: Scenario, outcomes: dict[str, NDArray[Any]], ok: NDArray[np.bool_], median_seed: int
) -> str:
    """The ensemble's outcome in one sentence: summits, agreements, failures, the median run."""
    held = np.asarray(outcomes["summit_held"], dtype=bool)[ok]
    agreements = np.asarray(outcomes["agreement_type"]).astype(str)[ok]
    failed = int((~ok).sum())
    failures = f"; {failed} runs failed" if failed else ""
    return (
        f"{scenario.name}: {ok.size} runs of {scenario.months} months from {scenario.start}; "
        f"a summit in {held.mean():.0%} of runs, an agreement beyond none in "
        f"{(agreements != 'none').mean():.0%}; median run: seed {median_seed}{failures}"
    )


def run_ensemble(
    scenario: Scenario,
    replicates: int,
    out: Path | None = None,
    plots: Plotters | None = None,
    stream: TextIO | None = None,
    drawn: tuple[dict[str, NDArray[np.float64]], dict[str, Any]] | None = None,
) -> Path:
    """Run ``replicates`` seeds of ``scenario`` in lockstep and save the ensemble directory.

    Parameters
    ----------
    scenario : Scenario
        The resolved scenario; its ``seed`` is the ensemble's first seed.
    replicates : int
        The number of runs (at least 1).
    out : Path, optional
        The directory to create (it must not exist); :func:`default_ensemble_dir` by default.
    plots : Plotters, optional
        Draws the fan charts and the median run's standard plots (none by default).
    stream : text stream, optional
        Where to write a one-line summary (:func:`headline`) once the directory is saved.
    drawn : (values, about), optional
        Per-run parameter values (dotted key → (N,) array, from the posterior or the priors:
        :func:`sim.calibration.uncertainty.ensemble_parameters`) and what the manifest says of
        them; each run's values are columns ``param.<key>`` of ``outcomes.parquet``.

    Returns
    -------
    Path
        The ensemble directory.

    Raises
    ------
    InputError
        When ``replicates`` is below 1, ``out`` exists, or every run failed.
    """
    if replicates < 1:
        raise InputError(f"--replicates {replicates}: must be at least 1")
    target = claim(out or default_ensemble_dir(scenario, replicates), numbered=out is None)
    started = utc_now()
    values, about = drawn if drawn is not None else ({}, None)
    try:
        model, outcomes, ok, median = _simulate(scenario, replicates, values)
        _fill(partial_path(target), scenario, model, outcomes, ok, median, plots, started, drawn)
        commit(target)
    except BaseException:
        release(target)
        raise
    seeds = scenario.seed + np.arange(replicates, dtype=np.int64)
    try:
        write_manifest_file(
            target / "manifest.json",
            _manifest(
                scenario, seeds, int(seeds[median]), int((~ok).sum()), started, COMPLETE, about
            ),
        )
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # renamed but never complete
        raise
    if stream is not None:
        stream.write(headline(scenario, outcomes, ok, int(seeds[median])) + "\n")
    return target


def _simulate(
    scenario: Scenario, replicates: int, values: dict[str, NDArray[np.float64]]
) -> tuple[DiplomacyModel, dict[str, NDArray[Any]], NDArray[np.bool_], int]:
    """Run the ensemble; its model, outcomes, which runs succeeded and the median run's index."""
    seeds = scenario.seed + np.arange(replicates, dtype=np.int64)
    model = DiplomacyModel(scenario, seeds=seeds, overrides=values, keep_events=True, record=True)
    model.run()
    outcomes = batch_outcomes(model.state, scenario.start, model.months)
    ok = np.array([error is None for error in model.errors], dtype=bool)
    median = median_run(np.asarray(outcomes[MEDIAN_BY], dtype=float), seeds, ok)
    return model, outcomes, ok, median


def _fill(
    tmp: Path,
    scenario: Scenario,
    model: DiplomacyModel,
    outcomes: dict[str, NDArray[Any]],
    ok: NDArray[np.bool_],
    median: int,
    plots: Plotters | None,
    started: datetime,
    drawn: tuple[dict[str, NDArray[np.float64]], dict[str, Any]] | None,
) -> None:
    """Write the ensemble's files into its temporary directory; the manifest says ``writing``."""
    replicates = len(ok)
    seeds = scenario.seed + np.arange(replicates, dtype=np.int64)
    traj = trajectory(model.history)
    months = [month_label(scenario.start, step) for step in range(model.months + 1)]
    run_ids = np.arange(replicates, dtype=np.int64)
    (tmp / "config.yaml").write_text(to_yaml(scenario), encoding="utf-8")
    table = outcome_table(run_ids, outcomes, model.errors, None)
    table = table.add_column(1, "seed", pa.array(seeds))
    values, about = drawn if drawn is not None else ({}, None)
    for key, column in values.items():
        table = table.append_column(f"param.{key}", pa.array(column))
    pq.write_table(table, tmp / "outcomes.parquet")
    pq.write_table(
        trajectory_table(run_ids, traj, months, COUNTRIES, ok), tmp / "trajectories.parquet"
    )
    median_values = {key: float(column[median]) for key, column in values.items()}
    median_scenario = with_overrides(scenario, {"seed": int(seeds[median]), **median_values})
    events = model.log.for_run(median)
    _save_median(tmp / "median", median_scenario, outcomes, traj, median, events, plots)
    failed = int((~ok).sum())
    manifest = _manifest(scenario, seeds, int(seeds[median]), failed, started, WRITING, about)
    write_manifest_file(tmp / "manifest.json", manifest)
    if plots is not None:
        plots.ensemble(tmp)


def _save_median(
    path: Path,
    scenario: Scenario,
    outcomes: dict[str, NDArray[Any]],
    traj: dict[str, NDArray[Any]],
    run: int,
    events: list[Event],
    plots: Plotters | None,
) -> None:
    save_run(
        path,
        scenario,
        run_summary(outcomes, run, events, scenario.start),
        state_rows(traj, run, scenario.start),
        world_rows(traj, run, scenario.start),
        events,
        command_line(),
        utc_now(),
        plots.run if plots is not None else None,
    )


def _manifest(
    scenario: Scenario,
    seeds: NDArray[np.int64],
    median_seed: int,
    failed: int,
    started: datetime,
    status: str,
    parameters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "kind": "ensemble",
        "status": status,
        "scenario": scenario.name,
        "seed": scenario.seed,
        "replicates": len(seeds),
        "seeds": [int(seeds[0]), int(seeds[-1])],
        "median_seed": median_seed,
        "median_by": MEDIAN_BY,
        "runs_failed": failed,
        "months": scenario.months,
        "command": command_line(),
        "started_utc": utc_stamp(started),
        "finished_utc": utc_stamp(utc_now()),
        **provenance("pyarrow"),
    }
    if parameters is not None:
        manifest["parameters_drawn"] = parameters
    return manifest
