"""Trajectories: recorded states of a batch, as arrays and as rows of states.csv and world.csv."""

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import month_label
from sim.countries import COUNTRIES
from sim.measures import WORLD, Span
from sim.state import ISSUES, WorldState

COUNTRY_COLUMNS: tuple[str, ...] = (
    "leverage",
    "domestic_pressure",
    *(f"trust_{c}" for c in COUNTRIES),
    *(f"position_{issue}" for issue in ISSUES),
    *(f"salience_{issue}" for issue in ISSUES),
    "enforcement",
)
"""Per-country columns of states.csv after ``step``, ``month``, ``country``."""

WORLD_SPAN = Span("", 0)
"""World measures read a state alone: they need no span of months."""

WORLD_COLUMNS: tuple[str, ...] = tuple(measure.name for measure in WORLD)
"""Columns of world.csv after ``step``, ``month``."""


def country_table(state: WorldState) -> dict[str, NDArray[np.float64]]:
    """Per-country quantities of one state, each (R, 6)."""
    table = {"leverage": state.leverage, "domestic_pressure": state.pressure}
    for j, code in enumerate(COUNTRIES):
        table[f"trust_{code}"] = state.trust[:, :, j]
    for k, issue in enumerate(ISSUES):
        table[f"position_{issue}"] = state.position[:, :, k]
        table[f"salience_{issue}"] = state.salience[:, :, k]
    table["enforcement"] = state.enforcement
    return table


def world_table(state: WorldState) -> dict[str, NDArray[Any]]:
    """World quantities of one state, each (R,) (:data:`sim.measures.WORLD`; a category by code)."""
    return {measure.name: measure.read(state, WORLD_SPAN) for measure in WORLD}


def trajectory(history: Sequence[WorldState]) -> dict[str, NDArray[Any]]:
    """Stack recorded states: country quantities (R, T+1, 6), world quantities (R, T+1)."""
    tables = [{**country_table(s), **world_table(s)} for s in history]
    return {name: np.stack([t[name] for t in tables], axis=1) for name in tables[0]}


def _number(value: float) -> str:
    return f"{value:.6f}"


def state_rows(traj: dict[str, NDArray[Any]], run: int, start: str) -> Iterator[list[str]]:
    """The rows of states.csv for one run."""
    steps = traj["leverage"].shape[1]
    for step in range(steps):
        month = month_label(start, step)
        for i, code in enumerate(COUNTRIES):
            values = [_number(traj[name][run, step, i]) for name in COUNTRY_COLUMNS]
            yield [str(step), month, code, *values]


def world_rows(traj: dict[str, NDArray[Any]], run: int, start: str) -> Iterator[list[str]]:
    """The rows of world.csv for one run."""
    steps = traj["tension"].shape[1]
    for step in range(steps):
        row = [str(step), month_label(start, step)]
        for measure in WORLD:
            value = traj[measure.name][run, step]
            if measure.kind == "category":
                row.append(measure.labels[int(value)])
            elif measure.kind == "flag":
                row.append(str(int(value)))
            else:
                row.append(_number(float(value)))
        yield row


__all__ = ["COUNTRY_COLUMNS", "WORLD_COLUMNS", "state_rows", "trajectory", "world_rows"]
