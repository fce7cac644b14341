"""A simultaneous month: the order of the resolution steps cannot matter.

Every resolution step reads the month's observation and intentions and records facts; the state
moves once. So shuffling the steps changes no byte of the state, the outcomes or the event log,
and a step that read another's work or wrote the state would show up here.
"""

import random
from collections.abc import Sequence
from unittest import mock

import numpy as np
import pytest

from sim.countries import PRK, USA
from sim.intentions import NorthKoreaIntentions
from sim.model import DiplomacyModel
from sim.month import Month
from sim.resolution import RESOLUTION_STEPS, Step, resolve_month
from sim.resolution.diplomacy import mediation
from sim.resolution.pressure import provocations
from sim.resolution.signals import signal
from sim.settlement import Settlement
from sim.state import WorldState

SEEDS = np.arange(60)


def run_with(name: str, order: Sequence[Step]) -> DiplomacyModel:
    """A batch of ``name`` over :data:`SEEDS` with the resolution steps in ``order``."""

    def in_order(m: Month, obs: WorldState, steps: Sequence[Step] = ()) -> None:
        resolve_month(m, obs, order)

    with mock.patch("sim.kernel.resolve_month", in_order):
        model = DiplomacyModel(name, seeds=SEEDS, keep_events=True, record=True)
        model.run()
    return model


def fingerprint(model: DiplomacyModel) -> list[bytes]:
    """Every recorded state array of every month, and the event log, as bytes."""
    found = [
        np.ascontiguousarray(value).tobytes()
        for state in model.history
        for value in vars(state).values()
        if isinstance(value, np.ndarray)
    ]
    found.append(repr(model.log.rows).encode())
    return found


@pytest.mark.parametrize("name", ["baseline", "history_2017_2019", "us_cash_first"])
def test_shuffling_the_resolution_steps_changes_no_byte(name: str) -> None:
    reference = fingerprint(run_with(name, RESOLUTION_STEPS))
    for seed in (1, 2):
        order = list(RESOLUTION_STEPS)
        random.Random(seed).shuffle(order)
        assert order != list(RESOLUTION_STEPS)
        assert fingerprint(run_with(name, order)) == reference, [step.__name__ for step in order]


def test_the_shuffle_would_see_a_step_that_read_another_s_work() -> None:
    """Steps that write the state and read it, as the sequential month did, break the test."""

    def leaky_provocations(m: Month, obs: WorldState) -> None:
        provocations(m, obs)
        # a launch read at once, into the live state
        provoked = m.intents.of(NorthKoreaIntentions).provoke
        signal(m.state.trust, USA, PRK, provoked, m.params.mechanisms.trust.provocation_ratio)

    def leaky_mediation(m: Month, obs: WorldState) -> None:
        mediation(m, m.state)  # the live state, not the observation

    swap: dict[Step, Step] = {provocations: leaky_provocations, mediation: leaky_mediation}
    steps = [swap.get(step, step) for step in RESOLUTION_STEPS]
    forward = fingerprint(run_with("rok_mediator", steps))
    backward = fingerprint(run_with("rok_mediator", steps[::-1]))
    assert forward != backward


def test_a_fact_has_one_writer() -> None:
    settled = Settlement(3)
    settled.record("held", [True, False, True])
    with pytest.raises(ValueError, match="already recorded"):
        settled.record("held", [False, False, False])
    with pytest.raises(KeyError):
        settled.record("no_such_fact", True)


def test_signals_compose_in_any_order_as_bayes_rule_does() -> None:
    one, other = Settlement(1), Settlement(1)
    trust = np.array([[[0.5, 0.2], [0.3, 0.5]]])
    one.signal("a", 1, 0, True, 3.0)
    one.signal("b", 1, 0, True, 0.5)
    other.signal("b", 1, 0, True, 0.5)
    other.signal("a", 1, 0, True, 3.0)
    # odds 3/7 × 3 × 0.5 = 9/14: a belief of 9/23
    assert one.believed(trust)[0, 1, 0] == pytest.approx(9 / 23)
    assert one.believed(trust).tobytes() == other.believed(trust).tobytes()
