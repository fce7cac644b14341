"""Runs, ensembles and sweeps side by side: overlaid series and a table of run outcomes."""

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from analysis.groups import Group, group_labels, load_group, pool_runs
from analysis.output import save_figure
from analysis.rundir import Run
from analysis.series import by_country, world_series
from analysis.style import RUN_COLORS, bottom_legend, format_month_axis, humanize
from sim.errors import InputError
from sim.runs.naming import unused_path

COMPARED_SERIES: tuple[tuple[str, str, str | None, str], ...] = (
    ("North Korea's trust in the United States", "states", "PRK", "trust_USA"),
    ("Regional tension", "world", None, "tension"),
    ("North Korea's need for sanctions relief", "world", None, "prk_relief_need"),
    ("Japan's domestic pressure", "states", "JPN", "domestic_pressure"),
)
"""Panel title, table, country (for per-country tables) and column of each compared series."""

YLABELS: dict[str, str] = {
    "trust_USA": "trust (0–1)",
    "tension": "tension (0–1)",
    "prk_relief_need": "need for relief (0–1)",
    "domestic_pressure": "domestic pressure (0–1)",
}

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
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
FIGURE_WIDTH = 13.0


def compare(
    paths: Sequence[str | Path],
    out_dir: str | Path | None = None,
    fmt: str = "png",
    pool: bool = False,
) -> list[Path]:
    """Compare saved runs, ensembles and sweeps; write two figures.

    ``compare.<fmt>`` overlays the key series (runs as lines, ensembles and sweeps with
    trajectories as median and 10–90 % band); ``compare_outcomes.<fmt>`` shows the probability
    of a summit by month, the agreement-type shares and the time to the first summit.

    Parameters
    ----------
    paths : sequence of str or Path
        Run, ensemble or sweep directories (at least one).
    out_dir : str or Path, optional
        Where to write; by default ``compare-<UTC yyyymmdd-HHMMSS>`` beside the first path.
    fmt : str
        ``png`` (default), ``svg`` or ``pdf``.
    pool : bool
        Pool single runs that differ only in their seed into one group, drawn as a fan
        (:func:`analysis.groups.pool_runs`).

    Returns
    -------
    list of Path
        The two files written, each atomically.
    """
    from analysis.summits import summits_figure

    if not paths:
        raise ValueError("compare needs at least one directory")
    groups = [load_group(p) for p in paths]
    if pool:
        groups = pool_runs(groups)
    target = Path(out_dir) if out_dir is not None else default_compare_dir(Path(paths[0]))
    labels = group_labels(groups)
    return [
        save_figure(series_figure(groups, labels), target / f"compare.{fmt}"),
        save_figure(summits_figure(groups, labels), target / f"compare_outcomes.{fmt}"),
    ]


def default_compare_dir(first: Path) -> Path:
    """``compare-<UTC yyyymmdd-HHMMSS>`` beside ``first`` (a suffix if it exists)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return unused_path(first.resolve().parent / f"compare-{stamp}")


def compare_runs(paths: Sequence[str | Path], out_path: str | Path) -> Path:
    """Overlay the key series of several saved results in one figure and save it.

    Raises
    ------
    sim.errors.InputError
        When a path is not a complete run, ensemble or sweep directory, or lacks a series.
    """
    if not paths:
        raise ValueError("compare_runs needs at least one run directory")
    groups = [load_group(p) for p in paths]
    return save_figure(series_figure(groups, group_labels(groups)), Path(out_path))


def series_figure(groups: Sequence[Group], labels: Sequence[str]) -> Figure:
    """The key series of each group on shared axes, one panel per series.

    Panels: North Korea's trust in the US, tension, North Korea's need for sanctions relief and
    Japan's domestic pressure. A run is a line (line style and markers differ, so identical runs
    stay visible); an ensemble or a sweep with trajectories is a median and a 10–90 % band; a
    sweep without trajectories is left out of this figure (its outcomes are compared in
    :func:`analysis.summits.summits_figure`). When all start in the same month the x-axis shows
    calendar months, otherwise months since the start.
    """
    from analysis.fan import draw_fan

    same_start = len({g.start for g in groups}) == 1
    fig = Figure(figsize=(FIGURE_WIDTH, 8.5), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True).ravel()
    skipped = []
    columns = [column for _, _, _, column in COMPARED_SERIES]
    for k, (group, label) in enumerate(zip(groups, labels, strict=True)):
        color = RUN_COLORS[k % len(RUN_COLORS)]
        if group.run is None and not group.has_trajectories:
            skipped.append(label)
            continue
        data = None
        for ax, (_, table, country, column) in zip(axes, COMPARED_SERIES, strict=True):
            if group.run is not None:
                series = _series(group.run, table, country, column)
                x: pd.Index | range = series.index if same_start else range(len(series))
                ax.plot(
                    x,
                    series.to_numpy(),
                    color=color,
                    ls=LINE_STYLES[k % len(LINE_STYLES)],
                    marker=MARKERS[k % len(MARKERS)],
                    markevery=(k % 4, 4),
                    ms=5,
                    lw=max(1.2, 3.0 - 0.4 * k),
                    label=label,
                )
                continue
            if data is None:
                data = group.trajectories(list(dict.fromkeys(columns)))
            values = data[column]
            if "country" in values.dims:
                values = values.sel(country=country)
            if not same_start:
                values = values.assign_coords(month=range(values.sizes["month"]))
            draw_fan(ax, values, color, label, LINE_STYLES[k % len(LINE_STYLES)])
    for ax, (title, _, _, column) in zip(axes, COMPARED_SERIES, strict=True):
        ax.set_title(title, fontsize=12)
        ax.set_ylabel(YLABELS.get(column, humanize(column)))
        ax.set_ylim(-0.03, 1.03)
        ax.grid(alpha=0.3)
        if same_start:
            format_month_axis(ax, max_ticks=8)
    for ax in axes[2:]:
        ax.set_xlabel("month" if same_start else "months since the start")
    handles, legend_labels = axes[0].get_legend_handles_labels()
    bottom_legend(fig, handles, legend_labels, FIGURE_WIDTH)
    note = f" (no trajectories kept: {', '.join(skipped)})" if skipped else ""
    fig.suptitle(f"{_title(groups)}{note}")
    return fig


def _title(groups: Sequence[Group]) -> str:
    names = list(dict.fromkeys(g.name for g in groups))
    if len(names) == 1:
        return f"{names[0]}: {len(groups)} results compared"
    return " vs ".join(names)


def summary_table(paths: Sequence[str | Path]) -> pd.DataFrame:
    """One row per run, ensemble or sweep: its directory name, scenario, seed and outcomes.

    Columns: ``run``, ``scenario``, ``seed``, the scalar outcomes of :data:`SUMMARY_KEYS`,
    ``trust_final_PRK_USA`` (North Korea's final trust in the US), ``leadership_changes`` (their
    number), then any further scalar outcomes the summaries hold. An ensemble's or a sweep's row
    summarises its runs (``runs`` says how many): yes/no outcomes become shares, numbers means,
    the agreement type its most common value and the first summit month the earliest.

    Raises
    ------
    sim.errors.InputError
        When a path is not a complete directory or a run's summary lacks an outcome.
    """
    rows = []
    for path in paths:
        group = load_group(path)
        rows.append(_summary_row(group.run) if group.run is not None else _group_row(group))
    return pd.DataFrame(rows)


def _group_row(group: Group) -> dict[str, Any]:
    outcomes = group.outcomes
    row: dict[str, Any] = {"run": group.path.name, "scenario": group.name, "seed": group.seed}
    row["runs"] = len(outcomes)
    for key in SUMMARY_KEYS:
        if key not in outcomes.columns:
            continue
        values = outcomes[key]
        if key == "first_summit_month":
            row[key] = values.dropna().min() if values.notna().any() else None
        elif pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
            row[key] = round(float(values.astype(float).mean()), 6)
        else:
            row[key] = values.mode().iloc[0] if len(values) else None
    trust = "trust_final.PRK.USA"
    if trust in outcomes.columns:
        row["trust_final_PRK_USA"] = round(float(outcomes[trust].mean()), 6)
    return row


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
