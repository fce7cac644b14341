"""Batch results → Arrow tables: one outcomes row per run, long-format trajectories.

Types follow the numpy arrays: floats ``double``, integers ``int64``, booleans ``bool``, text
``string``. Outcomes of a failed run are null; a run's own NaN stays NaN.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa


def outcome_table(
    run_ids: np.ndarray,
    outcomes: Mapping[str, np.ndarray],
    errors: Sequence[str | None],
    keep: Sequence[str] | None,
) -> pa.Table:
    """``run_id``, ``status`` (``ok``/``failed``), ``error``, then the outcomes kept.

    Parameters
    ----------
    run_ids
        The runs, in order.
    outcomes
        One ``(R,)`` array per outcome; may lack some names when the runs raised.
    errors
        Per run, None or why it failed.
    keep
        The outcome names to keep, in order; None keeps every one, in the order given.
    """
    failed = np.array([error is not None for error in errors], dtype=bool)
    columns: dict[str, pa.Array] = {
        "run_id": pa.array(np.asarray(run_ids, dtype=np.int64)),
        "status": pa.array(np.where(failed, "failed", "ok").tolist(), type=pa.string()),
        "error": pa.array(list(errors), type=pa.string()),
    }
    names = list(outcomes) if keep is None else [name for name in keep if name in outcomes]
    for name in names:
        columns[name] = to_arrow(np.asarray(outcomes[name]), failed)
    return pa.table(columns)


def to_arrow(values: np.ndarray, null: np.ndarray) -> pa.Array:
    """One column, null where ``null`` is true."""
    kind = values.dtype.kind
    if kind == "b":
        return pa.array(values, type=pa.bool_(), mask=null)
    if kind in "iu":
        return pa.array(values.astype(np.int64), type=pa.int64(), mask=null)
    if kind == "f":
        return pa.array(values.astype(np.float64), type=pa.float64(), mask=null)
    items = [None if hidden else _plain(item) for item, hidden in zip(values, null, strict=True)]
    if all(item is None or isinstance(item, str) for item in items):
        return pa.array(items, type=pa.string())
    return pa.array(items)


def _plain(item: Any) -> Any:
    return item.item() if isinstance(item, np.generic) else item


def trajectory_table(
    run_ids: np.ndarray,
    series: Mapping[str, np.ndarray],
    months: Sequence[str],
    countries: Sequence[str],
    keep_runs: np.ndarray,
) -> pa.Table:
    """Long format: one row per run, step and country.

    Columns ``run_id``, ``step``, ``month``, ``country``, then each series: per-country series
    ``(R, T+1, C)`` take their row's country; world series ``(R, T+1)`` repeat on the ``C``
    country rows of their step. Only the runs where ``keep_runs`` is true are written.
    """
    rows = np.flatnonzero(keep_runs)
    n_steps, n_countries = len(months), len(countries)
    per_run = n_steps * n_countries
    columns: dict[str, pa.Array] = {
        "run_id": pa.array(np.repeat(np.asarray(run_ids, dtype=np.int64)[rows], per_run)),
        "step": pa.array(
            np.tile(np.repeat(np.arange(n_steps, dtype=np.int64), n_countries), len(rows))
        ),
        "month": pa.array(
            np.tile(np.repeat(np.asarray(months, dtype=object), n_countries), len(rows)).tolist(),
            type=pa.string(),
        ),
        "country": pa.array(
            np.tile(np.asarray(countries, dtype=object), n_steps * len(rows)).tolist(),
            type=pa.string(),
        ),
    }
    for name, values in series.items():
        picked = np.asarray(values)[rows]
        if picked.ndim == 3:
            flat = picked.reshape(-1)
        else:
            flat = np.repeat(picked.reshape(-1), n_countries)
        columns[name] = to_arrow(flat, np.zeros(len(flat), dtype=bool))
    return pa.table(columns)
