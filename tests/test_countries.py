"""Every list of countries derives from the registry in sim/countries.py."""

import pytest

from analysis.style import country_color
from sim.agents import COUNTRY_CLASSES
from sim.countries import COUNTRIES, DISPLAY_NAMES, REGISTRY, VETO_HOLDERS, Country, register
from sim.model import DiplomacyModel
from sim.parameters.schema import Actors, Trust
from sim.parameters.table import ParamTable
from sim.runs.recorder import COUNTRY_COLUMNS, country_table
from sim.scenario import load_scenario
from sim.state import initial_state


def test_the_agents_schema_and_intentions_follow_the_registry() -> None:
    assert tuple(cls.code for cls in COUNTRY_CLASSES) == COUNTRIES
    assert tuple(Actors.model_fields) == COUNTRIES
    assert tuple(Trust.model_fields) == COUNTRIES
    model = DiplomacyModel("baseline", months=1)
    observed = model.state.copy()
    intents = {c.code: c.act(observed, model.now) for c in model.countries}
    assert tuple(intents) == COUNTRIES
    assert all(intent.code == code for code, intent in intents.items())
    assert set(DISPLAY_NAMES) == set(COUNTRIES) == {c.code for c in REGISTRY}


def test_colours_are_the_registry_s() -> None:
    assert [country_color(c.code) for c in REGISTRY] == [c.colour for c in REGISTRY]
    assert len({c.colour for c in REGISTRY}) == len(REGISTRY)


def test_saved_trust_columns_and_vetoes_follow_the_registry() -> None:
    table = country_table(initial_state(ParamTable(load_scenario("baseline"), 1), False))
    assert [f"trust_{code}" for code in COUNTRIES] == [c for c in table if c.startswith("trust_")]
    assert set(COUNTRY_COLUMNS) >= {f"trust_{code}" for code in COUNTRIES}
    assert [COUNTRIES[i] for i in VETO_HOLDERS] == ["RUS", "CHN"]


def test_a_country_joins_only_before_the_model_is_imported() -> None:
    newcomer = Country("MNG", "Mongolia", "Mongolia", "#56B4E9", "m:M", "m:P")
    with pytest.raises(RuntimeError, match="register MNG before importing"):
        register(newcomer)
