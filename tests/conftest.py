"""Shared fixtures: the bundled scenarios and small batches."""

from pathlib import Path

import pytest

from sim.scenario import Scenario, load_scenario

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def baseline() -> Scenario:
    """The bundled baseline scenario."""
    return load_scenario("baseline")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files holding slow tests first, the others in their order.

    ``make test`` hands whole files to its workers in collection order
    (``--no-loadscope-reorder``): the long ones go out first and the many short ones even out
    the end, rather than one worker running a long file alone while the other has finished.
    """
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)
