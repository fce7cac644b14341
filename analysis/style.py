"""Fixed colours, names and axis formatting shared by every figure.

Nothing here changes matplotlib's global state: figures are built from
``matplotlib.figure.Figure`` and each helper formats only the Axes it is given.
"""

from collections.abc import Iterable, Sequence

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.dates import date2num, num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedFormatter, FixedLocator

from sim.countries import COLOURS, COUNTRIES, DISPLAY_NAMES

COUNTRY_COLORS: dict[str, str] = COLOURS
"""One colour per country in every figure, from the registry (Okabe–Ito palette, readable by
colour-blind viewers)."""

NO_ACTOR_COLOR = "#9A9A9A"
"""Colour of events without an acting country (calendar entries, shocks)."""

RUN_COLORS: tuple[str, ...] = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
"""Colours for overlaid runs in comparisons (cycled, with line styles, past ten runs)."""

DPI = 120
LEGEND_SIZE = 10
"""Font size (points) of every legend: readable when projected."""
MONTH_STEPS: tuple[int, ...] = (1, 2, 3, 4, 6, 12, 24, 60)


def country_name(code: str) -> str:
    """Return the display name of an ISO code (the code itself when it is not a country)."""
    return DISPLAY_NAMES.get(code, code)


def country_color(code: str) -> str:
    """Return the fixed colour of a country, grey for anything else."""
    return COUNTRY_COLORS.get(code, NO_ACTOR_COLOR)


def ordered_countries(codes: Iterable[str]) -> list[str]:
    """Return ``codes`` in the canonical country order, unknown codes last, alphabetically."""
    present = set(codes)
    known = [c for c in COUNTRIES if c in present]
    return known + sorted(present - set(COUNTRIES))


def humanize(name: str) -> str:
    """Turn a column or event name into words: ``summit_held`` → ``summit held``."""
    return name.replace("_", " ")


def format_month_axis(ax: Axes, *, max_ticks: int = 12) -> None:
    """Label a date x-axis with month names, the year under each January and the first label.

    Ticks fall every 1, 2, 3, 4 or 6 months (always on January) or every 1, 2 or 5 years,
    the finest step giving at most ``max_ticks`` labels over the current x range; use a small
    ``max_ticks`` for narrow panels. Call it after plotting. Fixed ticks are used rather than
    matplotlib's date locators, which are slow to draw on many panels.
    """
    low, high = (num2date(v) for v in ax.get_xlim())
    first = pd.Timestamp(low.year, low.month, 1) + pd.DateOffset(months=1)
    if low.day == 1 and low.hour == 0 and low.minute == 0:
        first = pd.Timestamp(low.year, low.month, 1)
    months = pd.date_range(first, pd.Timestamp(high.replace(tzinfo=None)), freq="MS")
    if len(months) == 0:
        return
    step = next((s for s in MONTH_STEPS if len(months) / s <= max_ticks), MONTH_STEPS[-1])
    ticks = [
        m for m in months if (m.month - 1) % min(step, 12) == 0 and m.year % max(1, step // 12) == 0
    ]
    labels = [
        f"{m:%b}\n{m:%Y}" if m.month == 1 or k == 0 else f"{m:%b}" for k, m in enumerate(ticks)
    ]
    ax.xaxis.set_major_locator(FixedLocator([float(date2num(m)) for m in ticks]))
    ax.xaxis.set_major_formatter(FixedFormatter(labels))
    if 1 < step <= 12:
        ax.xaxis.set_minor_locator(FixedLocator([float(date2num(m)) for m in months]))


def country_handles(codes: Iterable[str], *, marker: str | None = None) -> list[Line2D]:
    """Legend handles, one per country, in the canonical order and fixed colours."""
    handles = []
    for code in ordered_countries(codes):
        if marker is None:
            handle = Line2D([], [], color=country_color(code), lw=2, label=country_name(code))
        else:
            handle = Line2D(
                [],
                [],
                color=country_color(code),
                marker=marker,
                linestyle="none",
                markersize=7,
                label=country_name(code),
            )
        handles.append(handle)
    return handles


def legend_columns(labels: Sequence[str], width_inches: float) -> int:
    """As many legend columns as fit across ``width_inches`` at :data:`LEGEND_SIZE` points.

    >>> legend_columns(["a" * 20] * 6, 13.0)
    5
    """
    if not labels:
        return 1
    longest = max(len(label) for label in labels)
    column_points = LEGEND_SIZE * 0.6 * longest + 45  # text, marker and spacing
    fits = int(width_inches * 72 * 0.95 // column_points)
    return max(1, min(len(labels), fits))


def bottom_legend(
    fig: Figure, handles: Sequence[Artist], labels: Sequence[str], width_inches: float
) -> None:
    """One legend for the whole figure, below it, in as many columns as fit its width."""
    fig.legend(
        list(handles),
        list(labels),
        loc="outside lower center",
        ncol=legend_columns(labels, width_inches),
        frameon=False,
        fontsize=LEGEND_SIZE,
    )
