"""Every value within the declared bounds runs: no exception, no NaN, no state out of bounds.

Whole scenarios are drawn anywhere in the bounds the schema declares (not only near the
defaults), whatever the parameters are (:func:`sim.scenario.numeric_parameters`), and stepped in
lockstep for at least 36 months. Runs whose values break a cross-parameter rule are refused by
design (``consistency_errors``) and are not part of the claim.
"""

from dataclasses import fields

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.model import DiplomacyModel
from sim.scenario import ParameterInfo, consistency_errors, load_scenario, numeric_parameters

SCENARIO = load_scenario("baseline")
PARAMETERS = numeric_parameters(SCENARIO)
MONTHS = 48
RUNS_PER_EXAMPLE = 32


def draw_values(info: ParameterInfo, rng: np.random.Generator, edge: float, n: int) -> np.ndarray:
    """``n`` values anywhere in a parameter's bounds; a share ``edge`` exactly at a bound."""
    if info.integer:
        values = rng.integers(int(info.low), int(info.high), endpoint=True, size=n).astype(float)
    else:
        values = rng.uniform(info.low, info.high, size=n)
    at_edge = rng.random(n) < edge
    return np.where(at_edge, rng.choice([info.low, info.high], size=n), values)


def check_batch(overrides: dict[str, np.ndarray], seeds: list[int]) -> int:
    """Run the batch; assert every consistent run stays valid. Returns how many were checked."""
    model = DiplomacyModel(
        SCENARIO, seeds=seeds, overrides=overrides, months=MONTHS, keep_events=False, record=True
    )
    model.run()
    refused = np.array([error is not None for error in consistency_errors(overrides)])
    for run, error in enumerate(model.errors):
        if not refused[run]:
            changed = {
                key: float(values[run])
                for key, values in overrides.items()
                if values[run] != PARAMETERS[key].default
            }
            assert error is None, f"run {run} went invalid: {error}; values {changed}"
    for state in model.history:
        assert not state.invalid_runs()[~refused].any()
        for f in fields(state):
            array = getattr(state, f.name)
            if array.dtype.kind == "f":
                assert np.isfinite(array[~refused]).all(), f"{f.name} is not finite"
    return int((~refused).sum())


def test_every_parameter_at_each_of_its_bounds_runs_clean() -> None:
    """One run per parameter and bound, the others at the scenario's values."""
    keys = list(PARAMETERS)
    runs = 2 * len(keys)
    overrides = {key: np.full(runs, info.default) for key, info in PARAMETERS.items()}
    for i, key in enumerate(keys):
        overrides[key][2 * i] = PARAMETERS[key].low
        overrides[key][2 * i + 1] = PARAMETERS[key].high
    checked = check_batch(overrides, list(range(runs)))
    assert checked >= runs * 0.9


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**63 - 1), edge=st.sampled_from([0.0, 0.1, 0.3]))
def test_whole_scenarios_drawn_anywhere_in_the_bounds_run_clean(seed: int, edge: float) -> None:
    """Every parameter drawn at once, anywhere in its bounds, a batch of runs per example."""
    rng = np.random.default_rng(seed)
    overrides = {
        key: draw_values(info, rng, edge, RUNS_PER_EXAMPLE) for key, info in PARAMETERS.items()
    }
    seeds = rng.integers(0, 2**32, size=RUNS_PER_EXAMPLE).tolist()
    check_batch(overrides, seeds)
