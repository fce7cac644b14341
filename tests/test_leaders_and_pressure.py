"""A new South Korean president's stance comes from the calendar; the pressure no vote sets is
derived from the states that make it, not declared."""

import numpy as np
import pytest
from pydantic import ValidationError

from sim.countries import CHN, KOR, PRK, RUS
from sim.errors import InputError
from sim.model import DiplomacyModel
from sim.parameters.schema import Shock
from sim.scenario import Scenario, load_scenario, with_overrides

SEEDS = np.arange(200)
MOON = 4
"""The step of May 2017 in the 2017–2019 replay (its initial state is January 2017)."""


def replay_without_moons_stance() -> Scenario:
    """The replay, with Moon's election carrying no stance of its own (the knock-out)."""
    replay = load_scenario("history_2017_2019")
    shocks = tuple(
        shock.model_copy(update={"value": None}) if shock.type == "leadership_change" else shock
        for shock in replay.shocks
    )
    return replay.model_copy(update={"shocks": shocks})


def stepped(scenario: Scenario) -> DiplomacyModel:
    model = DiplomacyModel(scenario, seeds=SEEDS, record=True, keep_events=True)
    model.run()
    return model


def gestures(model: DiplomacyModel) -> int:
    return sum(1 for e in model.log.rows if e.type == "gesture" and e.actor == "KOR")


def test_a_korean_election_brings_the_new_presidents_stance_and_it_drives_seouls_gestures() -> None:
    declared = stepped(load_scenario("history_2017_2019"))
    knocked_out = stepped(replay_without_moons_stance())
    stance = [state.dovishness[:, KOR] for state in declared.history]
    assert np.all(stance[MOON - 1] == 0.30) and np.all(stance[MOON] == 0.70)
    assert np.all(stance[-1] == 0.70)
    assert all(np.all(state.dovishness[:, KOR] == 0.30) for state in knocked_out.history)
    # the stance is read: Moon's pragmatism makes Seoul's gestures come sooner and more often
    assert gestures(declared) > 1.2 * gestures(knocked_out)


def test_a_stance_for_a_country_whose_agent_draws_its_successors_is_refused() -> None:
    with pytest.raises(ValidationError, match="draw their own stance"):
        Shock(month="2025-09", type="leadership_change", country="JPN", value=0.4)
    Shock(month="2025-09", type="leadership_change", country="KOR", value=0.4)


def test_pressure_no_vote_sets_is_derived_from_the_states_that_make_it() -> None:
    model = stepped(load_scenario("baseline"))
    for state in model.history:
        assert np.array_equal(state.pressure[:, CHN], state.concern[:, CHN])
        assert np.array_equal(state.pressure[:, RUS], state.war_demand[:, RUS])
        expected = (state.relief_need + (1.0 - state.security)) / 2.0
        assert np.allclose(state.pressure[:, PRK], expected, rtol=0, atol=1e-15)
    # China's pressure moves: its concern grows with the arms deals
    assert not np.array_equal(model.history[0].pressure[:, CHN], model.history[-1].pressure[:, CHN])


@pytest.mark.parametrize("code", ["CHN", "PRK", "RUS"])
def test_a_scenario_that_declares_a_derived_pressure_is_refused(code: str) -> None:
    with pytest.raises(InputError, match=rf"actors\.{code}\.domestic_pressure"):
        with_overrides(load_scenario("baseline"), {f"actors.{code}.domestic_pressure": 0.3})
