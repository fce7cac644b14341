"""One chunk of a sweep, run on a worker: its runs stepped in lockstep as one batch.

:func:`run_chunk` is the task every executor runs. It calls the batch runner once for the whole
chunk; a run whose parameters are inconsistent or whose state went invalid comes back with its
error and becomes a ``failed`` row. Should the batch raise instead, the chunk's runs are run again
one at a time, so that only the runs that raise fail. A run's results depend only on its
scenario, its parameter values and its seed (docs/design.md, Randomness), so running it alone gives
the same outcomes as running it in the batch.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from sim.runs.batch import BatchResult, run_batch
from sim.scenario import Scenario
from sim.sweep.columns import outcome_table, trajectory_table

BatchRunner = Callable[..., BatchResult]
"""``run_batch(scenario, seeds, overrides=..., months=..., trajectories=...)``."""


@dataclass(frozen=True)
class ChunkTask:
    """Everything a worker needs to run one chunk; pickled to the worker."""

    index: int
    scenario: Scenario
    run_ids: np.ndarray
    seeds: np.ndarray
    overrides: dict[str, np.ndarray]
    months: int | None
    keep: tuple[str, ...] | None
    trajectories: bool
    runner: BatchRunner = run_batch


@dataclass(frozen=True)
class ChunkResult:
    """A finished chunk: one outcomes row per run, and trajectories of its ``ok`` runs if asked."""

    index: int
    outcomes: pa.Table
    trajectories: pa.Table | None
    failed: int


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Run one chunk as one batch; isolate the failing runs if the batch raises."""
    try:
        result = _run(task, slice(None))
    except Exception:
        return _run_one_by_one(task)
    outcomes = outcome_table(task.run_ids, result.arrays, result.errors, task.keep)
    trajectories = None
    if task.trajectories:
        assert result.trajectory is not None
        ok = np.array([error is None for error in result.errors], dtype=bool)
        trajectories = trajectory_table(
            task.run_ids, result.trajectory, result.months, result.countries, ok
        )
    return ChunkResult(task.index, outcomes, trajectories, _count_failed(result.errors))


def _run(task: ChunkTask, runs: slice) -> BatchResult:
    overrides = {key: values[runs] for key, values in task.overrides.items()}
    # a run whose state turns NaN is recorded as failed; numpy need not also warn about it
    with np.errstate(all="ignore"):
        return task.runner(
            task.scenario,
            task.seeds[runs],
            overrides=overrides or None,
            months=task.months,
            trajectories=task.trajectories,
        )


def _run_one_by_one(task: ChunkTask) -> ChunkResult:
    """Run each run of the chunk alone; a run that raises fails with the exception's message."""
    outcome_parts: list[pa.Table] = []
    trajectory_parts: list[pa.Table] = []
    errors: list[str | None] = []
    for r in range(len(task.run_ids)):
        run_ids = task.run_ids[r : r + 1]
        try:
            result = _run(task, slice(r, r + 1))
        except Exception as error:
            message = " ".join(f"{type(error).__name__}: {error}".split())
            outcome_parts.append(outcome_table(run_ids, {}, [message], task.keep))
            errors.append(message)
            continue
        outcome_parts.append(outcome_table(run_ids, result.arrays, result.errors, task.keep))
        errors.extend(result.errors)
        if task.trajectories and result.errors[0] is None:
            assert result.trajectory is not None
            trajectory_parts.append(
                trajectory_table(
                    run_ids, result.trajectory, result.months, result.countries, np.ones(1, bool)
                )
            )
    outcomes = _concat(outcome_parts)
    trajectories = None
    if task.trajectories:
        trajectories = _concat(trajectory_parts) if trajectory_parts else pa.table({})
    return ChunkResult(task.index, outcomes, trajectories, _count_failed(errors))


def _concat(tables: Sequence[pa.Table]) -> pa.Table:
    """Stack tables; columns missing from some (runs that raised) are filled with nulls."""
    widest = max(tables, key=lambda table: table.num_columns)
    combined = pa.concat_tables(tables, promote_options="permissive")
    order = widest.column_names + [n for n in combined.column_names if n not in widest.column_names]
    return combined.select(order)


def _count_failed(errors: Sequence[str | None]) -> int:
    return sum(error is not None for error in errors)
