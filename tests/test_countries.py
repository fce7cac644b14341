"""Every list of countries derives from the registry in sim/countries.py."""

from sim.agents import COUNTRY_CLASSES
from sim.countries import COUNTRIES, DISPLAY_NAMES, REGISTRY, VETO_HOLDERS
from sim.intentions import Intention
from sim.parameters.schema import Actors
from sim.parameters.table import ParamTable
from sim.runs.recorder import COUNTRY_COLUMNS, country_table
from sim.scenario import load_scenario
from sim.state import initial_state


def test_the_agents_schema_and_intentions_follow_the_registry() -> None:
    assert tuple(cls.code for cls in COUNTRY_CLASSES) == COUNTRIES
    assert tuple(Actors.model_fields) == COUNTRIES
    assert tuple(kind.code for kind in Intention.__subclasses__()) == COUNTRIES
    assert set(DISPLAY_NAMES) == set(COUNTRIES) and len(REGISTRY) == 6


def test_saved_trust_columns_and_vetoes_follow_the_registry() -> None:
    table = country_table(initial_state(ParamTable(load_scenario("baseline"), 1), False))
    assert [f"trust_{code}" for code in COUNTRIES] == [c for c in table if c.startswith("trust_")]
    assert set(COUNTRY_COLUMNS) >= {f"trust_{code}" for code in COUNTRIES}
    assert [COUNTRIES[i] for i in VETO_HOLDERS] == ["RUS", "CHN"]
