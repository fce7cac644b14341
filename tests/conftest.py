"""Shared fixtures: the bundled scenarios and small batches."""

from pathlib import Path

import pytest

from sim.scenario import Scenario, load_scenario

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def baseline() -> Scenario:
    """The bundled baseline scenario."""
    return load_scenario("baseline")
