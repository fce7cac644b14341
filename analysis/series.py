"""Time series pulled out of a run's tables, indexed by calendar month."""

import pandas as pd

from analysis.style import ordered_countries
from sim.errors import InputError


def month_dates(months: pd.Series) -> pd.DatetimeIndex:
    """Turn ``YYYY-MM`` strings into timestamps at the first day of each month."""
    return pd.DatetimeIndex(pd.to_datetime(months, format="%Y-%m"))


def by_country(states: pd.DataFrame, column: str, *, source: str = "states.csv") -> pd.DataFrame:
    """Pivot a ``states`` column: one column per country (canonical order), one row per month.

    ``source`` names the file in error messages.

    Raises
    ------
    sim.errors.InputError
        When ``states`` has no such column or a (month, country) pair appears twice.
    """
    if column not in states.columns:
        raise InputError(f"{source}: no column {column!r}")
    if states.duplicated(["month", "country"]).any():
        raise InputError(f"{source}: a country appears twice in the same month")
    wide = states.pivot(index="month", columns="country", values=column).sort_index()
    wide = wide[ordered_countries(wide.columns)]
    wide.index = month_dates(wide.index.to_series())
    return wide.astype(float)


def world_series(world: pd.DataFrame, column: str, *, source: str = "world.csv") -> pd.Series:
    """Return a ``world`` column as floats indexed by month.

    ``source`` names the file in error messages.

    Raises
    ------
    sim.errors.InputError
        When ``world`` has no such column.
    """
    if column not in world.columns:
        raise InputError(f"{source}: no column {column!r}")
    values = pd.to_numeric(world[column], errors="coerce")
    if values.isna().any():
        raise InputError(f"{source}: column {column!r} has missing or non-numeric values")
    series = pd.Series(
        values.to_numpy(dtype=float),
        index=month_dates(world["month"]),
        name=column,
    )
    return series.sort_index()


def numeric_world_columns(world: pd.DataFrame) -> list[str]:
    """Return the numeric world-level columns, in file order (``step`` excluded)."""
    return [c for c in world.columns if c != "step" and pd.api.types.is_numeric_dtype(world[c])]


def run_months(world: pd.DataFrame) -> pd.DatetimeIndex:
    """Return all months of a run, sorted, from ``world.csv``."""
    return month_dates(world["month"]).sort_values()
