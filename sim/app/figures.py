"""The page's pictures, as SVG text: one history's states, and many futures against the scenario.

Figures are built from ``matplotlib.figure.Figure`` (no global pyplot state) with the colours and
names of :mod:`analysis.style`; text stays text in the SVG, so it is sharp on a projector.
"""

import io
from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.style import country_color, country_name
from sim.classroom.futures import QUANTILES, Futures
from sim.countries import COUNTRIES, PRK, SHORT_NAMES
from sim.state import WorldState

CURRENT_COLOR = "#D55E00"
REFERENCE_COLOR = "#7F7F7F"
FONT_SIZE = 12


def to_svg(fig: Figure) -> str:
    """The figure as SVG text, identical bytes for identical figures."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "neasim"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _month_axis(ax: Axes, months: Sequence[str]) -> None:
    ticks = list(range(0, len(months), max(1, (len(months) + 1) // 3)))
    ax.set_xticks(ticks, [months[t] for t in ticks])
    ax.set_xlim(0, len(months) - 1)
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)


def history_svg(history: Sequence[WorldState], months: Sequence[str], truster: int = PRK) -> str:
    """One country's trust in each other, leverage, and domestic pressure, month by month.

    Parameters
    ----------
    history
        The recorded states of a single run (R = 1), month 0 first.
    months
        ``YYYY-MM`` of every step of the scenario (the x axis spans the whole scenario).
    truster
        Index of the country whose trust is drawn.
    """
    fig = Figure(figsize=(13, 3.6))
    axes = fig.subplots(1, 3)
    steps = np.arange(len(history))
    trust = np.array([s.trust[0, truster, :] for s in history])
    leverage = np.array([s.leverage[0] for s in history])
    pressure = np.array([s.pressure[0] for s in history])
    for j, code in enumerate(COUNTRIES):
        style = {"color": country_color(code), "lw": 2.5, "label": country_name(code)}
        if j != truster:
            axes[0].plot(steps, trust[:, j], **style)
        axes[1].plot(steps, leverage[:, j], **style)
        axes[2].plot(steps, pressure[:, j], **style)
    titles = (f"How far {SHORT_NAMES[COUNTRIES[truster]]} trusts…", "Leverage", "Domestic pressure")
    for ax, title in zip(axes, titles, strict=True):
        ax.set_title(title, fontsize=FONT_SIZE + 2)
        _month_axis(ax, months)
    fig.legend(
        *axes[1].get_legend_handles_labels(),
        loc="lower center",
        ncol=len(COUNTRIES),
        fontsize=FONT_SIZE,
        frameon=False,
        bbox_to_anchor=(0.5, -0.08),
    )
    return to_svg(fig)


def futures_svg(current: Futures, reference: Futures) -> str:
    """Summit probability by month, the spread of North Korea's trust in the US, agreements."""
    fig = Figure(figsize=(13, 3.6))
    axes = fig.subplots(1, 3)
    steps = np.arange(len(current.months))
    low, high = 0, len(QUANTILES) - 1
    middle = len(QUANTILES) // 2
    for futures, color, label in (
        (reference, REFERENCE_COLOR, "unchanged scenario"),
        (current, CURRENT_COLOR, "these settings"),
    ):
        axes[0].plot(steps, futures.summit_by_month, color=color, lw=2.5, label=label)
        axes[1].fill_between(
            steps,
            futures.trust_quantiles[low],
            futures.trust_quantiles[high],
            color=color,
            alpha=0.2,
        )
        axes[1].plot(steps, futures.trust_quantiles[middle], color=color, lw=2.5, label=label)
    names = list(current.agreement_shares)
    x = np.arange(len(names))
    axes[2].bar(x - 0.2, [reference.agreement_shares[n] for n in names], 0.4, color=REFERENCE_COLOR)
    axes[2].bar(x + 0.2, [current.agreement_shares[n] for n in names], 0.4, color=CURRENT_COLOR)
    axes[2].set_xticks(x, [n.replace("_", "\n") for n in names])
    axes[2].set_ylim(0, 1.02)
    axes[0].set_title("Probability of a summit by…", fontsize=FONT_SIZE + 2)
    axes[1].set_title(
        f"North Korea's trust in the US ({QUANTILES[low]:.0%}–{QUANTILES[high]:.0%})",
        fontsize=FONT_SIZE + 2,
    )
    axes[2].set_title("Most advanced agreement", fontsize=FONT_SIZE + 2)
    for ax in axes[:2]:
        _month_axis(ax, current.months)
    fig.legend(
        *axes[0].get_legend_handles_labels(),
        loc="lower center",
        ncol=2,
        fontsize=FONT_SIZE,
        frameon=False,
        bbox_to_anchor=(0.5, -0.08),
    )
    return to_svg(fig)
