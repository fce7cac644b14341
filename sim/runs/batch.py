"""Run many runs of one scenario in lockstep: the entry point of sweeps and pattern tests."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
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

    ``arrays``: outcome name → (R,) array (``summit_held``, ``first_summit_month``,
    ``agreement_type``, ``provocations``, ``mean_tension``, ``trust_final.PRK.USA``, …);
    :attr:`outcomes` is the same as a DataFrame. ``errors``: per run, why it failed (inconsistent
    parameters, a state gone invalid) or None; a failed run's outcomes are meaningless.
    ``trajectory`` (when asked): states.csv's country columns as (R, T+1, 6) arrays and
    world.csv's columns as (R, T+1) arrays, by column name.
    """

    arrays: dict[str, NDArray[Any]]
    errors: list[str | None]
    trajectory: dict[str, NDArray[Any]] | None
    months: list[str]
    countries: tuple[str, ...] = COUNTRIES

    @cached_property
    def outcomes(self) -> pd.DataFrame:
        """One row per run (index ``run``: the position of its seed), one column per outcome.

        >>> import sim.scenario
        >>> result = run_batch(sim.scenario.load_scenario("baseline"), [1, 2], months=2)
        >>> result.outcomes.loc[:, ["summit_held", "provocations"]].shape
        (2, 2)
        """
        return pd.DataFrame(self.arrays, index=pd.RangeIndex(len(self.errors), name="run"))


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
        arrays=batch_outcomes(model.state, scenario.start, model.months),
        errors=model.errors,
        trajectory=trajectory(model.history) if trajectories else None,
        months=[month_label(scenario.start, step) for step in range(model.months + 1)],
    )
