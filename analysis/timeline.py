"""The event timeline of one run: months across, one row per event type.

Each marker is one event, coloured by the acting country. Summits, agreements, collapses and
provocations have their own large, black-edged markers and a tinted row; a held summit also
draws a dashed line through every row. Calendar events (APEC, ...) shade their months and are
named in a top row. Several events of one type in one month are spread across that month.
"""

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.rundir import Run
from analysis.series import month_dates, run_months
from analysis.style import (
    LEGEND_SIZE,
    NO_ACTOR_COLOR,
    country_color,
    country_handles,
    format_month_axis,
    humanize,
)
from sim.events import EVENT_TYPES

EVENT_ORDER: tuple[str, ...] = tuple(kind for kind in EVENT_TYPES if kind != "calendar")
"""Row order, top to bottom; types not listed follow alphabetically."""

KEY_EVENTS: dict[str, tuple[str, float, str]] = {
    "summit_held": ("*", 300.0, "#E4EEF8"),
    "agreement_signed": ("D", 110.0, "#DDF2D8"),
    "agreement_collapsed": ("X", 140.0, "#EEEEEE"),
    "provocation": ("^", 120.0, "#FBE0D6"),
}
"""Marker, marker area and row tint of the events that matter most."""

CALENDAR_TYPE = "calendar"
CALENDAR_SHADE = "#FFF0C2"
CALENDAR_ROW = "calendar"
CALENDAR_TEXT = "#6B5200"
FAILED_DETAILS = frozenset({"failure", "failed"})


def event_rows(events: pd.DataFrame) -> list[str]:
    """Return the event types to show as rows (calendar excluded), top to bottom."""
    present = set(events["type"]) - {CALENDAR_TYPE}
    known = [t for t in EVENT_ORDER if t in present]
    return known + sorted(present - set(EVENT_ORDER))


def event_positions(events: pd.DataFrame) -> np.ndarray:
    """Place events (as datetime64) evenly inside their month.

    The k-th of n events of one type in one month sits at fraction (k + 1) / (n + 1) of it.
    """
    if len(events) == 0:
        return np.array([], dtype="datetime64[ns]")
    starts = month_dates(events["month"])
    keys = pd.DataFrame({"type": events["type"].to_numpy(), "month": events["month"].to_numpy()})
    rank = keys.groupby(["type", "month"]).cumcount().to_numpy()
    count = keys.groupby(["type", "month"])["type"].transform("size").to_numpy()
    days = starts.days_in_month.to_numpy()
    offsets = pd.to_timedelta((rank + 1) / (count + 1) * days, unit="D")
    positions: np.ndarray = (starts + offsets).to_numpy()
    return positions


def plot_timeline(run: Run, ax: Axes) -> None:
    """Draw the run's events; one scatter collection per type, its ``gid`` ``"events:<type>"``."""
    events = run.events
    rows = event_rows(events)
    labels = [*rows, CALENDAR_ROW]
    y_of = {name: len(labels) - 1 - k for k, name in enumerate(labels)}
    months = run_months(run.world)
    x_all = event_positions(events)

    _shade_calendar(ax, events[events["type"] == CALENDAR_TYPE], y_of[CALENDAR_ROW])
    for kind in rows:
        if kind in KEY_EVENTS:
            ax.axhspan(y_of[kind] - 0.5, y_of[kind] + 0.5, color=KEY_EVENTS[kind][2], lw=0)
    failed_trade = False
    for kind in rows:
        mask = (events["type"] == kind).to_numpy()
        chosen = events[mask]
        x = x_all[mask]
        colors = [country_color(a) if a else NO_ACTOR_COLOR for a in chosen["actor"]]
        failed = chosen["detail"].str.lower().isin(FAILED_DETAILS).to_numpy()
        hollow = failed & (kind == "trade_deal")
        failed_trade |= bool(hollow.any())
        faces = ["white" if h else c for h, c in zip(hollow, colors, strict=True)]
        marker, size, _ = KEY_EVENTS.get(kind, ("o", 42.0, ""))
        key = kind in KEY_EVENTS
        edges = ["black" if key and not h else c for h, c in zip(hollow, colors, strict=True)]
        ax.scatter(
            x,
            np.full(len(x), y_of[kind]),
            marker=marker,
            s=size,
            c=faces,
            edgecolors=edges,
            linewidths=1.4 if not key else 0.9,
            zorder=4,
            gid=f"events:{kind}",
        )
        if kind == "summit_held":
            for xi in x:
                ax.axvline(xi, color="#0072B2", lw=1.0, ls="--", alpha=0.5, zorder=1)
        if kind == "agreement_signed":
            for xi, detail in zip(x, chosen["detail"], strict=True):
                ax.annotate(
                    humanize(detail),
                    (xi, y_of[kind]),
                    xytext=(0, 9),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                )

    ax.set_yticks([y_of[n] for n in labels], [humanize(n) for n in labels])
    ax.set_ylim(-0.6, len(labels) - 0.4)
    if len(months):
        ax.set_xlim(date2num(months[0]), date2num(months[-1] + pd.DateOffset(months=1)))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("month")
    ax.set_title(f"Event timeline — {run.label}")
    format_month_axis(ax)
    if not rows:
        ax.text(0.5, 0.5, "no events", transform=ax.transAxes, ha="center", color="grey")
    ax.legend(
        handles=_legend_handles(events, failed_trade),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        title="actor",
        frameon=False,
        fontsize=LEGEND_SIZE,
        title_fontsize=LEGEND_SIZE,
    )


def calendar_entries(calendar: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp, str]]:
    """Return the calendar events as (first day, day after the end, detail), in date order.

    An event listed in consecutive months with the same detail (APEC, 31 Oct–1 Nov) is one
    entry spanning those months.
    """
    entries: list[tuple[pd.Timestamp, pd.Timestamp, str]] = []
    starts = month_dates(calendar["month"])
    rows = sorted(zip(starts, calendar["detail"], strict=True), key=lambda r: r[0])
    for start, detail in rows:
        end = start + pd.DateOffset(months=1)
        label = detail or "calendar event"
        same = [k for k, e in enumerate(entries) if e[2] == label and e[1] >= start]
        if same:
            first, last, _ = entries[same[-1]]
            entries[same[-1]] = (first, max(last, end), label)
        else:
            entries.append((start, end, label))
    return entries


def _shade_calendar(ax: Axes, calendar: pd.DataFrame, y_label: float) -> None:
    """Shade calendar months, number the events in the calendar row, list them below the axes."""
    if calendar.empty:
        return
    entries = calendar_entries(calendar)
    numbers: dict[pd.Timestamp, list[int]] = {}
    lines = []
    shaded: set[pd.Timestamp] = set()
    for n, (start, end, label) in enumerate(entries, start=1):
        for month in pd.date_range(start, end, freq="MS", inclusive="left"):
            if month not in shaded:
                end_of_month = month + pd.DateOffset(months=1)
                ax.axvspan(date2num(month), date2num(end_of_month), color=CALENDAR_SHADE, lw=0)
                shaded.add(month)
        numbers.setdefault(start, []).append(n)
        last = end - pd.DateOffset(months=1)
        when = start.strftime("%b %Y") if last == start else _month_range(start, last)
        lines.append(f"{n}. {when}: {textwrap.shorten(label, 70)}")
    for start, ns in numbers.items():
        text = ",".join(map(str, ns)) if len(ns) <= 2 else f"{ns[0]}–{ns[-1]}"
        middle = start + pd.Timedelta(days=15)
        ax.text(
            date2num(middle),
            y_label,
            text,
            ha="center",
            va="center",
            fontsize=8,
            color=CALENDAR_TEXT,
            fontweight="bold",
            zorder=5,
        )
    ncols = 1 if len(lines) <= 3 else 2
    per_column = -(-len(lines) // ncols)
    for c in range(ncols):
        ax.annotate(
            "\n".join(lines[c * per_column : (c + 1) * per_column]),
            xy=(0.5 * c, 0.0),
            xycoords="axes fraction",
            xytext=(0, -58),  # below the month labels and the axis label
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=8,
            color=CALENDAR_TEXT,
            annotation_clip=False,
        )


def _month_range(first: pd.Timestamp, last: pd.Timestamp) -> str:
    if first.year == last.year:
        return f"{first:%b}–{last:%b %Y}"
    return f"{first:%b %Y}–{last:%b %Y}"


def _legend_handles(events: pd.DataFrame, failed_trade: bool) -> list[Line2D | Patch]:
    non_calendar = events[events["type"] != CALENDAR_TYPE]
    actors = [a for a in non_calendar["actor"].unique() if a]
    handles: list[Line2D | Patch] = list(country_handles(actors, marker="o"))
    if (non_calendar["actor"] == "").any():
        handles.append(
            Line2D([], [], color=NO_ACTOR_COLOR, marker="o", ls="none", markersize=7, label="none")
        )
    if (events["type"] == CALENDAR_TYPE).any():
        handles.append(Patch(color=CALENDAR_SHADE, label="calendar event"))
    if failed_trade:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="none",
                markerfacecolor="white",
                markeredgecolor="black",
                label="failed trade deal",
            )
        )
    return handles
