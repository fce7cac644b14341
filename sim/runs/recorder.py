"""Trajectories: recorded states of a batch, as arrays and as rows of states.csv and world.csv."""

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import month_label
from sim.countries import COUNTRIES
from sim.mechanisms.sanctions import effective_sanctions
from sim.mechanisms.winsets import AGREEMENT_TYPES, compromise
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

WORLD_COLUMNS: tuple[str, ...] = (
    "sanctions_regime",
    "effective_sanctions",
    "prk_relief_need",
    "prk_regime_security",
    "rus_flows",
    "military_cooperation",
    "chn_concern",
    "jpn_support",
    "jpn_outreach",
    "rice_price",
    "tariff",
    "kor_leadership",
    "inter_korean_cooperation",
    "fta_progress",
    "talks_alive",
    "expectations",
    "agreement",
    "tension",
    "us_visibility",
    "compromise_nuclear",
    "compromise_sanctions",
)
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
    """World quantities of one state, each (R,)."""
    middle = compromise(state.position, state.leverage, state.salience)
    return {
        "sanctions_regime": state.sanctions_regime,
        "effective_sanctions": effective_sanctions(
            state.sanctions_regime, state.enforcement, state.trade_share
        ),
        "prk_relief_need": state.relief_need,
        "prk_regime_security": state.security,
        "rus_flows": state.rus_flows,
        "military_cooperation": state.military_cooperation,
        "chn_concern": state.chn_concern,
        "jpn_support": state.jpn_support,
        "jpn_outreach": state.jpn_outreach,
        "rice_price": state.rice_price,
        "tariff": state.tariff,
        "kor_leadership": state.kor_leadership,
        "inter_korean_cooperation": state.inter_korean_cooperation,
        "fta_progress": state.fta_progress,
        "talks_alive": state.talks_alive.astype(np.int64),
        "expectations": state.expectations,
        "agreement": state.agreement.astype(np.int64),
        "tension": state.tension,
        "us_visibility": state.us_visibility,
        "compromise_nuclear": middle[:, 0],
        "compromise_sanctions": middle[:, 1],
    }


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
        for name in WORLD_COLUMNS:
            value = traj[name][run, step]
            if name == "agreement":
                row.append(AGREEMENT_TYPES[int(value)])
            elif name == "talks_alive":
                row.append(str(int(value)))
            else:
                row.append(_number(float(value)))
        yield row


__all__ = ["COUNTRY_COLUMNS", "WORLD_COLUMNS", "state_rows", "trajectory", "world_rows"]
