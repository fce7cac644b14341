"""The standard figures of one run, and :func:`write_standard_plots` that saves them.

Each ``plot_*`` function draws one figure's content onto the Axes or Figure it is given and
returns nothing; none of them touches pyplot or matplotlib's global settings, so they can be
composed into other figures (the classroom app, notebooks).
"""

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.output import save_figure
from analysis.rundir import Run, load_run
from analysis.series import by_country, month_dates, numeric_world_columns, world_series
from analysis.style import (
    LEGEND_SIZE,
    RUN_COLORS,
    country_color,
    country_handles,
    country_name,
    format_month_axis,
    humanize,
    ordered_countries,
)
from analysis.timeline import plot_timeline

HIGHLIGHT = ("PRK", "USA")
"""The trust pair every trust figure emphasises: North Korea's trust in the United States."""

WORLD_PANELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "North Korea",
        ("prk_relief_need", "prk_regime_security", "rus_flows", "military_cooperation"),
    ),
    ("Sanctions", ("sanctions_regime", "effective_sanctions")),
    ("Tension and dialogue", ("tension", "expectations", "talks_alive", "us_visibility")),
    ("Japan", ("jpn_support", "jpn_outreach", "rice_price", "tariff")),
    ("China", ("chn_concern",)),
    ("South Korea and the region", ("kor_leadership", "inter_korean_cooperation", "fta_progress")),
    (
        "Compromise positions (capability × salience weighted)",
        ("compromise_nuclear", "compromise_sanctions"),
    ),
)
"""Which world series share a panel; numeric columns not listed go to a final "Other" panel."""

WORLD_LABELS: dict[str, str] = {
    "prk_relief_need": "need for sanctions relief",
    "prk_regime_security": "regime security",
    "rus_flows": "Russian flows (labour, food, tourism)",
    "military_cooperation": "military cooperation with Russia",
    "sanctions_regime": "sanctions regime",
    "effective_sanctions": "effective sanctions (regime × enforcement)",
    "tension": "regional tension",
    "expectations": "expectations of a deal",
    "talks_alive": "US–North Korea talks alive (0/1)",
    "us_visibility": "visibility of the calendar to the US",
    "jpn_support": "government support",
    "jpn_outreach": "outreach to North Korea",
    "rice_price": "rice price",
    "tariff": "US tariffs on Japan",
    "chn_concern": "concern for the regional balance",
    "kor_leadership": "South Korea's regional leadership",
    "inter_korean_cooperation": "inter-Korean cooperation",
    "fta_progress": "China–Japan–Korea FTA progress",
    "compromise_nuclear": "nuclear (0 denuclearization first, 1 arms control)",
    "compromise_sanctions": "sanctions (0 maximum pressure, 1 full relief)",
}

WORLD_UNITS: dict[str, str] = {
    "North Korea": "index (0 none – 1 full)",
    "Sanctions": "share of full pressure (0–1)",
    "Tension and dialogue": "index (0 calm – 1 crisis); talks 0/1",
    "Japan": "index (0–1; prices and tariffs scaled)",
    "China": "concern (0 none – 1 acute)",
    "South Korea and the region": "index (0 none – 1 full)",
    "Compromise positions (capability × salience weighted)": "position on the issue (0–1)",
}
"""The y-axis label of each world panel: what its 0–1 scale means."""

AGREEMENT_SHADE = "#D9F0D3"
LEVERAGE_NOTE = "month 0: capability alone; from month 1: capability blended with outside options"


def plot_trust(run: Run, fig: Figure) -> None:
    """Small multiples of trust: one panel per country, one line per country it trusts.

    Line colours are those of the trusted country; North Korea's trust in the United States is
    drawn thick in every figure, since the model turns on it.
    """
    countries = ordered_countries(run.states["country"].unique())
    ncols = 3
    nrows = max(1, -(-len(countries) // ncols))
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    source = str(run.path / "states.csv")
    trust_in = {c: by_country(run.states, f"trust_{c}", source=source) for c in countries}
    for ax, truster in zip(axes, countries, strict=False):
        for trustee in countries:
            if trustee == truster:
                continue
            series = trust_in[trustee][truster]
            highlight = (truster, trustee) == HIGHLIGHT
            ax.plot(
                series.index,
                series.to_numpy(),
                color=country_color(trustee),
                lw=3.2 if highlight else 1.5,
                zorder=5 if highlight else 2,
            )
        ax.set_title(f"{country_name(truster)}: trust in others", fontsize=10)
        _unit_ylim(ax, run.states[[f"trust_{c}" for c in countries]].to_numpy())
        ax.grid(alpha=0.3)
        format_month_axis(ax, max_ticks=6)
    _hide_unused(axes, len(countries), ncols)
    for ax in axes[::ncols]:
        ax.set_ylabel("trust (0–1)")
    handles = country_handles(countries)
    truster, trustee = HIGHLIGHT
    if truster in countries and trustee in countries:
        handles.append(
            _line_handle(
                country_color(trustee),
                f"{country_name(truster)} → {country_name(trustee)}",
                lw=3.2,
            )
        )
    fig.legend(
        handles=handles,
        loc="outside right upper",
        title="trust in",
        frameon=False,
        fontsize=LEGEND_SIZE,
        title_fontsize=LEGEND_SIZE,
    )
    fig.suptitle(f"Trust over time — {run.label}")


def plot_leverage(run: Run, ax: Axes) -> None:
    """One line per country: its bargaining leverage each month.

    Month 0 shows each country's capability; from month 1 on, leverage blends capability with
    the value of its outside options, which is why the lines jump after the first month. A note
    on the figure says so.
    """
    _plot_country_lines(run, ax, "leverage", "Leverage", "leverage (0–1)")
    explain_leverage_start(ax)


def explain_leverage_start(ax: Axes) -> None:
    """Note on a leverage panel why the lines jump after month 0."""
    ax.text(
        0.01,
        0.02,
        LEVERAGE_NOTE,
        transform=ax.transAxes,
        fontsize=LEGEND_SIZE,
        color="#444444",
        va="bottom",
    )


def plot_pressure(run: Run, ax: Axes) -> None:
    """One line per country: the domestic pressure on its leader each month."""
    _plot_country_lines(
        run, ax, "domestic_pressure", "Domestic pressure", "domestic pressure (0–1)"
    )


def plot_world(run: Run, fig: Figure) -> None:
    """World-level indicators in thematic panels; every numeric column of ``world.csv`` appears.

    Months with an agreement in force (``agreement`` other than ``none``) are shaded in the
    tension panel.
    """
    available = numeric_world_columns(run.world)
    panels = [(title, [c for c in cols if c in available]) for title, cols in WORLD_PANELS]
    listed = {c for _, cols in WORLD_PANELS for c in cols}
    panels.append(("Other", [c for c in available if c not in listed]))
    panels = [(title, cols) for title, cols in panels if cols]
    if not panels:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "world.csv has no numeric series", ha="center", va="center")
        ax.set_axis_off()
        return
    ncols = 2 if len(panels) > 1 else 1
    nrows = -(-len(panels) // ncols)
    axes = fig.subplots(nrows, ncols, sharex=True, squeeze=False).ravel()
    source = str(run.path / "world.csv")
    for k, (ax, (title, columns)) in enumerate(zip(axes, panels, strict=False)):
        dated = k + ncols >= len(panels)  # the lowest panel of its column shows the months
        values = []
        for j, column in enumerate(columns):
            series = world_series(run.world, column, source=source)
            values.append(series.to_numpy())
            ax.plot(
                series.index,
                series.to_numpy(),
                color=RUN_COLORS[j % len(RUN_COLORS)],
                lw=1.8,
                drawstyle="steps-post" if column == "talks_alive" else "default",
                label=WORLD_LABELS.get(column, humanize(column)),
            )
        if "tension" in columns and "agreement" in run.world.columns:
            _shade_agreements(ax, run.world)
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(WORLD_UNITS.get(title, "value"), fontsize=8)
        _unit_ylim(ax, np.concatenate(values))
        ax.grid(alpha=0.3)
        # below the panel, in two columns: the data keep the width
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2 if dated else -0.04),
            ncol=2,
            fontsize=LEGEND_SIZE,
            frameon=False,
            handlelength=1.5,
            columnspacing=1.0,
        )
        format_month_axis(ax, max_ticks=8)
    _hide_unused(axes, len(panels), ncols)
    fig.suptitle(f"World indicators — {run.label}")


PlotFunction = Callable[[Run, Figure], None]

STANDARD_PLOTS: tuple[tuple[str, PlotFunction, tuple[float, float]], ...] = (
    ("trust", plot_trust, (14.0, 7.5)),
    ("leverage", lambda run, fig: plot_leverage(run, fig.add_subplot()), (11.0, 5.0)),
    ("pressure", lambda run, fig: plot_pressure(run, fig.add_subplot()), (11.0, 5.0)),
    ("timeline", lambda run, fig: plot_timeline(run, fig.add_subplot()), (14.0, 8.0)),
    ("world", plot_world, (14.0, 13.0)),
)
"""File stem, drawing function and figure size (inches) of each standard plot."""


def standard_figure(run: Run, stem: str) -> Figure:
    """One standard figure of a run, by its file stem (``trust``, ``leverage``, ...).

    Raises
    ------
    KeyError
        When ``stem`` is not one of :data:`STANDARD_PLOTS`.
    """
    for name, draw, size in STANDARD_PLOTS:
        if name == stem:
            fig = Figure(figsize=size, layout="constrained")
            draw(run, fig)
            return fig
    raise KeyError(f"no standard plot {stem!r}; there are {[s for s, _, _ in STANDARD_PLOTS]}")


def trust_figure(run: Run) -> Figure:
    """``trust.png``: small multiples of each country's trust in the others."""
    return standard_figure(run, "trust")


def leverage_figure(run: Run) -> Figure:
    """``leverage.png``: each country's leverage by month."""
    return standard_figure(run, "leverage")


def pressure_figure(run: Run) -> Figure:
    """``pressure.png``: the domestic pressure on each leader by month."""
    return standard_figure(run, "pressure")


def timeline_figure(run: Run) -> Figure:
    """``timeline.png``: the events by type, the calendar shaded."""
    return standard_figure(run, "timeline")


def world_figure(run: Run) -> Figure:
    """``world.png``: the world-level indicators in thematic panels."""
    return standard_figure(run, "world")


def write_standard_plots(
    run_dir: str | Path,
    out_dir: str | Path | None = None,
    fmt: str = "png",
    status: str = "complete",
) -> list[Path]:
    """Load a run directory and write its standard plots.

    Parameters
    ----------
    run_dir : str or Path
        A complete run directory.
    out_dir : str or Path, optional
        Where to write; ``<run_dir>/plots`` by default.
    fmt : str
        ``png`` (default), ``svg`` or ``pdf``.
    status : str
        The status the run's manifest must have (see :func:`analysis.rundir.load_run`).

    Returns
    -------
    list of Path
        ``trust.png``, ``leverage.png``, ``pressure.png``, ``timeline.png``, ``world.png``,
        each written atomically.

    Raises
    ------
    sim.errors.InputError
        When ``run_dir`` is not a complete, readable run directory.
    """
    run = load_run(run_dir, status)
    target = run.path / "plots" if out_dir is None else Path(out_dir)
    written = []
    for stem, _, _ in STANDARD_PLOTS:
        fig = standard_figure(run, stem)
        written.append(save_figure(fig, target / f"{stem}.{fmt}"))
        fig.clear()
    return written


def _plot_country_lines(run: Run, ax: Axes, column: str, title: str, ylabel: str) -> None:
    wide = by_country(run.states, column, source=str(run.path / "states.csv"))
    for code in wide.columns:
        ax.plot(
            wide.index,
            wide[code].to_numpy(),
            color=country_color(code),
            lw=2,
            label=country_name(code),
        )
    _unit_ylim(ax, wide.to_numpy())
    ax.set_title(f"{title} — {run.label}")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("month")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=LEGEND_SIZE)
    format_month_axis(ax)


def _shade_agreements(ax: Axes, world: pd.DataFrame) -> None:
    """Shade the months with an agreement in force (world ``agreement`` not ``none``)."""
    dates = month_dates(world["month"])
    no_agreement = world["agreement"].astype(str).str.lower().isin(["", "none", "nan"])
    shaded = False
    for date, absent in zip(dates, no_agreement.to_numpy(), strict=True):
        if absent:
            continue
        end = date + pd.DateOffset(months=1)
        ax.axvspan(
            date2num(date),
            date2num(end),
            color=AGREEMENT_SHADE,
            zorder=0,
            lw=0,
            label=None if shaded else "agreement in force",
        )
        shaded = True


def _hide_unused(axes: np.ndarray, used: int, ncols: int) -> None:
    """Hide the grid cells past ``used``; give the panels above them their own month labels."""
    for k, ax in enumerate(axes):
        if k >= used:
            ax.set_visible(False)
        elif k + ncols >= used:
            ax.xaxis.set_tick_params(labelbottom=True)


def _unit_ylim(ax: Axes, values: np.ndarray) -> None:
    """Fix the y range to [0, 1] (with a margin) when all values lie in it."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size and finite.min() >= 0.0 and finite.max() <= 1.0:
        ax.set_ylim(-0.03, 1.03)


def _line_handle(color: str, label: str, *, lw: float) -> Line2D:
    return Line2D([], [], color=color, lw=lw, label=label)
