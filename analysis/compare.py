"""Several runs side by side: an overlay figure and a table of their outcomes."""

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from analysis.output import save_figure
from analysis.rundir import Run, load_run
from analysis.series import by_country, world_series
from analysis.style import RUN_COLORS, format_month_axis
from sim.errors import InputError

COMPARED_SERIES: tuple[tuple[str, str, str | None, str], ...] = (
    ("North Korea's trust in the United States", "states", "PRK", "trust_USA"),
    ("Regional tension", "world", None, "tension"),
    ("North Korea's need for sanctions relief", "world", None, "prk_relief_need"),
    ("Japan's domestic pressure", "states", "JPN", "domestic_pressure"),
)
"""Panel title, table, country (for per-country tables) and column of each compared series."""

SUMMARY_KEYS: tuple[str, ...] = (
    "summit_held",
    "first_summit_month",
    "agreement_type",
    "agreement_active_at_end",
    "provocations",
    "prk_relief_need_final",
    "mean_tension",
)
"""Scalar outcomes every ``summary.json`` holds, in table order."""

LINE_STYLES: tuple[str, ...] = ("-", "--", ":", "-.")


def compare_runs(paths: Sequence[str | Path], out_path: str | Path) -> Path:
    """Overlay the key series of several runs in one figure and save it as a PNG.

    Panels: North Korea's trust in the US, tension, North Korea's need for sanctions relief and
    Japan's domestic pressure. Runs are labelled ``<scenario> (seed <n>)``. When all runs start
    in the same month the x-axis shows calendar months, otherwise months since the start.

    Parameters
    ----------
    paths : sequence of str or Path
        Run directories (at least one).
    out_path : str or Path
        The PNG to write (atomically).

    Returns
    -------
    Path
        ``out_path``.

    Raises
    ------
    sim.errors.InputError
        When a path is not a complete run directory or lacks a compared series.
    """
    if not paths:
        raise ValueError("compare_runs needs at least one run directory")
    runs = [load_run(p) for p in paths]
    labels = _unique_labels(runs)
    same_start = len({_start_month(run) for run in runs}) == 1
    fig = Figure(figsize=(13.0, 8.0), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True).ravel()
    for ax, (title, table, country, column) in zip(axes, COMPARED_SERIES, strict=True):
        for k, (run, label) in enumerate(zip(runs, labels, strict=True)):
            series = _series(run, table, country, column)
            x: Any = series.index if same_start else range(len(series))
            ax.plot(
                x,
                series.to_numpy(),
                color=RUN_COLORS[k % len(RUN_COLORS)],
                ls=LINE_STYLES[(k // len(RUN_COLORS)) % len(LINE_STYLES)],
                lw=max(1.2, 3.2 - 0.5 * k),  # earlier runs wider: coinciding lines stay visible
                label=label,
            )
        ax.set_title(title, fontsize=11)
        ax.set_ylim(-0.03, 1.03)
        ax.grid(alpha=0.3)
    for ax in axes[2:]:
        ax.set_xlabel("month" if same_start else "months since start")
    if same_start:
        for ax in axes:
            format_month_axis(ax, max_ticks=8)
    handles, legend_labels = axes[0].get_legend_handles_labels()
    fig.legend(
        handles, legend_labels, loc="outside lower center", ncol=min(len(runs), 4), frameon=False
    )
    fig.suptitle("Runs compared")
    return save_figure(fig, Path(out_path))


def summary_table(paths: Sequence[str | Path]) -> pd.DataFrame:
    """One row per run: its directory name, scenario, seed and summary outcomes.

    Columns: ``run``, ``scenario``, ``seed``, the scalar outcomes of :data:`SUMMARY_KEYS`,
    ``trust_final_PRK_USA`` (North Korea's final trust in the US), ``leadership_changes`` (their
    number), then any further scalar outcomes the summaries hold.

    Raises
    ------
    sim.errors.InputError
        When a path is not a complete run directory or its summary lacks an outcome.
    """
    rows = [_summary_row(load_run(p)) for p in paths]
    return pd.DataFrame(rows)


def _summary_row(run: Run) -> dict[str, Any]:
    summary = run.summary
    where = run.path / "summary.json"
    for key in (*SUMMARY_KEYS, "trust_final", "leadership_changes"):
        if key not in summary:
            raise InputError(f"{where}: missing key {key!r}")
    try:
        trust = float(summary["trust_final"]["PRK"]["USA"])
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(f"{where}: trust_final.PRK.USA: missing or not a number") from err
    if not isinstance(summary["leadership_changes"], list):
        raise InputError(f"{where}: leadership_changes: expected a list")
    row: dict[str, Any] = {"run": run.path.name, "scenario": run.scenario, "seed": run.seed}
    row.update({key: summary[key] for key in SUMMARY_KEYS})
    row["trust_final_PRK_USA"] = trust
    row["leadership_changes"] = len(summary["leadership_changes"])
    for key, value in summary.items():
        if key not in row and isinstance(value, str | int | float | bool | None):
            row[key] = value
    return row


def _series(run: Run, table: str, country: str | None, column: str) -> pd.Series:
    if table == "world":
        return world_series(run.world, column, source=str(run.path / "world.csv"))
    source = str(run.path / "states.csv")
    wide = by_country(run.states, column, source=source)
    if country not in wide.columns:
        raise InputError(f"{source}: no rows for country {country}")
    return wide[country]


def _start_month(run: Run) -> str:
    return str(run.states["month"].min())


def _unique_labels(runs: Sequence[Run]) -> list[str]:
    """Run labels, with the directory name added where two runs would share a label."""
    counts = Counter(run.label for run in runs)
    return [
        run.label if counts[run.label] == 1 else f"{run.label} [{run.path.name}]" for run in runs
    ]
