"""Run many runs of one scenario in lockstep: the entry point of sweeps and pattern tests."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.calendar import month_label
from sim.countries import COUNTRIES
from sim.model import DiplomacyModel
from sim.runs.outcomes import batch_outcomes
from sim.runs.recorder import trajectory
from sim.scenario import Scenario


@dataclass(frozen=True)
class BatchResult:
    """What a batch of runs produced.

    ``outcomes``: name → (R,) array (``summit_held``, ``first_summit_month``, ``agreement_type``,
    ``provocations``, ``mean_tension``, ``trust_final.PRK.USA``, …). ``errors``: per run, why it
    failed (inconsistent parameters, a state gone invalid) or None; a failed run's outcomes are
    meaningless. ``trajectory`` (when asked): states.csv's country columns as (R, T+1, 6) arrays
    and world.csv's columns as (R, T+1) arrays, by column name.
    """

    outcomes: dict[str, NDArray[Any]]
    errors: list[str | None]
    trajectory: dict[str, NDArray[Any]] | None
    months: list[str]
    countries: tuple[str, ...] = COUNTRIES


def run_batch(
    scenario: Scenario,
    seeds: Sequence[int] | NDArray[np.integer],
    overrides: Mapping[str, ArrayLike] | None = None,
    months: int | None = None,
    trajectories: bool = False,
) -> BatchResult:
    """Step one run per seed in lockstep to the end; run r depends only on its seed and values."""
    model = DiplomacyModel(
        scenario,
        seeds=seeds,
        overrides=overrides,
        months=months,
        keep_events=False,
        record=trajectories,
    )
    model.run()
    return BatchResult(
        outcomes=batch_outcomes(model.state, scenario.start, model.months),
        errors=model.errors,
        trajectory=trajectory(model.history) if trajectories else None,
        months=[month_label(scenario.start, step) for step in range(model.months + 1)],
    )
