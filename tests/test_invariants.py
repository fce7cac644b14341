"""Invariants over many seeds and parameter values: bounded states stay in [0, 1], no NaN."""

from dataclasses import fields

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.model import DiplomacyModel
from sim.scenario import Scenario, load_scenario, numeric_parameters

BASELINE = load_scenario("baseline")
INFOS = numeric_parameters(BASELINE)


def assert_valid(model: DiplomacyModel) -> None:
    for step, state in enumerate(model.history):
        assert not state.invalid_runs().any(), f"invalid state at step {step}"
        for f in fields(state):
            value = getattr(state, f.name)
            if value.dtype.kind == "f":
                assert np.isfinite(value).all(), f"{f.name} not finite at step {step}"
        assert (state.trust.diagonal(axis1=1, axis2=2) == 1.0).all()


def test_states_stay_bounded_over_500_seeds_of_every_bundled_shape() -> None:
    model = DiplomacyModel(BASELINE, seeds=np.arange(500), months=36, record=True)
    model.run()
    assert_valid(model)
    assert model.errors == [None] * 500


@settings(max_examples=25, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(sorted(INFOS)), st.floats(0.0, 1.0)), min_size=1, max_size=12
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_states_stay_bounded_for_any_parameter_values_within_bounds(
    picks: list[tuple[str, float]], seed: int
) -> None:
    overrides: dict[str, np.ndarray] = {}
    for key, share in picks:
        info = INFOS[key]
        value = info.low + share * (info.high - info.low)
        overrides[key] = np.full(8, round(value) if info.integer else value)
    model = DiplomacyModel(
        BASELINE, seeds=np.arange(seed, seed + 8, dtype=np.uint64), overrides=overrides, record=True
    )
    model.run()
    for r, error in enumerate(model.errors):
        if error is None:
            for state in model.history:
                assert not state.invalid_runs()[r]
        else:
            assert "must" in error  # only a broken cross-parameter rule may fail a run


def test_a_run_with_inconsistent_parameters_fails_alone(baseline: Scenario) -> None:
    ratio = np.array([0.3, 0.5, 0.3])  # the middle run lets trust rise faster than it falls
    model = DiplomacyModel(
        baseline, seeds=[1, 2, 3], overrides={"mechanisms.trust.defection_ratio": ratio}
    )
    model.run()
    assert model.errors[0] is None and model.errors[2] is None
    assert model.errors[1] is not None and "trust falls faster than it rises" in model.errors[1]
