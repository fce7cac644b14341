"""The model as a simulator for inference: parameter vectors in, summary statistics out.

Many parameter vectors are stepped in one lockstep batch of the model (one run a vector, each
with its own seed and its own values through the model's per-run ``overrides``), so the cost of
a generation of ABC-SMC or of an NPE training set is one batch, not thousands of runs.
"""

import itertools
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.calendar import month_label
from sim.calibration.problem import Problem
from sim.calibration.statistics import COUNTED, Dated, statistic_names, summary_statistics
from sim.model import DiplomacyModel
from sim.parameters.priors import draw
from sim.scenario import Scenario


def simulate_events(
    scenario: Scenario,
    overrides: Mapping[str, ArrayLike],
    seeds: Sequence[int] | NDArray[np.integer],
    months: int,
) -> tuple[list[Dated], list[str | None]]:
    """The counted events of one lockstep batch, and each run's error or None.

    Run r has seed ``seeds[r]`` and its values; an error is a cross-parameter rule broken.
    """
    model = DiplomacyModel(
        scenario, seeds=seeds, overrides=overrides, months=months, keep_events=True, record=False
    )
    model.run()
    start = scenario.start
    events = [
        Dated(e.run, month_label(start, e.step), e.type, e.actor, e.target, e.detail)
        for e in model.log.rows
        if e.type in COUNTED
    ]
    return events, model.errors


def simulate(
    problem: Problem, theta: NDArray[np.float64], seeds: Sequence[int] | NDArray[np.integer]
) -> NDArray[np.float64]:
    """Statistics (N, S) of N runs, run n with parameter vector ``theta[n]`` and seed ``seeds[n]``.

    A run whose parameters break a cross-parameter rule gets NaN statistics (never accepted).
    """
    theta = np.atleast_2d(np.asarray(theta, dtype=float))
    overrides = {key: theta[:, k] for k, key in enumerate(problem.keys)}
    events, errors = simulate_events(problem.scenario, overrides, seeds, problem.months)
    values = summary_statistics(events, len(theta), problem.window)
    table = np.column_stack([values[name] for name in statistic_names(problem.window)])
    table[np.array([error is not None for error in errors])] = np.nan
    return table


BatchSimulator = Callable[[Problem, NDArray[np.float64], NDArray[np.integer]], NDArray[np.float64]]
"""What steps a batch of parameter vectors with their seeds into statistics (:func:`simulate`)."""


def on_executor(executor: Executor, parallelism: int) -> BatchSimulator:
    """A :data:`BatchSimulator` that splits each batch over an executor's workers.

    It cuts each batch into ``parallelism`` contiguous chunks, steps them on ``executor`` (a
    Dask cluster's, or a process pool) and stacks the statistics in order.

    A run's random numbers depend only on its seed, its decision and its month (:mod:`sim.draws`),
    never on the runs beside it in a batch, so the statistics are the same numbers however a
    batch is split, and an inference gives the same posterior on any number of workers.
    """

    def run(
        problem: Problem, theta: NDArray[np.float64], seeds: NDArray[np.integer]
    ) -> NDArray[np.float64]:
        theta = np.atleast_2d(np.asarray(theta, dtype=float))
        parts = max(1, min(parallelism, len(theta)))
        edges = np.linspace(0, len(theta), parts + 1).round().astype(int)
        chunks = list(itertools.pairwise(edges))
        tables = executor.map(
            simulate,
            [problem] * parts,
            [theta[a:b] for a, b in chunks],
            [np.asarray(seeds)[a:b] for a, b in chunks],
        )
        return np.vstack(list(tables))

    return run


def prior_draws(problem: Problem, n: int, rng: np.random.Generator) -> NDArray[np.float64]:
    """``n`` parameter vectors (n, P) from the problem's priors (inverse CDF of ``rng``'s draws)."""
    u = rng.random((n, len(problem.parameters)))
    return np.column_stack(
        [draw(p.prior, u[:, k], p.value, p.low, p.high) for k, p in enumerate(problem.parameters)]
    )


def run_seeds(root: int, *key: int, n: int) -> NDArray[np.uint32]:
    """``n`` model seeds for one batch, a pure function of the root seed and the batch's key."""
    sequence = np.random.SeedSequence(entropy=root, spawn_key=tuple(key))
    return np.asarray(sequence.generate_state(n, dtype=np.uint32), dtype=np.uint32)
