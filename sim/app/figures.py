"""The page's pictures: one history's states as SVG, and many futures as ECharts options.

The history is drawn with ``matplotlib.figure.Figure`` (no global pyplot state) with the colours
and names of :mod:`analysis.style`; text stays text in the SVG, so it is sharp on a projector, and
the SVG has no fixed size, so it scales with the box the page gives it. The many futures are
ECharts options (ECharts is served by NiceGUI itself, offline): the browser draws them in
milliseconds and they scale with their box.
"""

import io
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.style import country_color, country_name
from sim.classroom.futures import QUANTILES, Futures
from sim.countries import COUNTRIES, PRK, SHORT_NAMES
from sim.snapshot import MonthSnapshot

CURRENT_COLOR = "#D55E00"
REFERENCE_COLOR = "#5F5F5F"
FONT_SIZE = 11
AGREEMENT_LABELS = {
    "none": "none",
    "declaratory": "a declaration",
    "freeze_for_relief": "a freeze",
    "disarmament_step": "disarmament",
}
"""Short names of the agreement types under the bars."""
SIZE = re.compile(r'(<svg[^>]*?)\s+width="[^"]*"\s+height="[^"]*"')


def to_svg(fig: Figure) -> str:
    """The figure as SVG text that fills its box, identical bytes for identical figures."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "neasim"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return SIZE.sub(r'\1 width="100%" height="100%"', buffer.getvalue(), count=1)


def _month_axis(ax: Axes, months: Sequence[str], ticks: int = 3) -> None:
    step = max(1, (len(months) - 1) // ticks)
    positions = list(range(0, len(months), step))
    ax.set_xticks(positions, [months[t] for t in positions])
    ax.set_xlim(0, len(months) - 1)
    ax.grid(alpha=0.3)


def history_svg(history: Sequence[MonthSnapshot], months: Sequence[str], truster: int = PRK) -> str:
    """One country's trust in each other, leverage, and domestic pressure, month by month.

    Parameters
    ----------
    history
        The snapshots of one history, month 0 first.
    months
        ``YYYY-MM`` of every step of the scenario (the x axis spans the whole scenario).
    truster
        Index of the country whose trust is drawn.
    """
    fig = Figure(figsize=(12, 3.4), layout="constrained")
    axes = fig.subplots(1, 3)
    steps = np.arange(len(history))
    trust = np.array([s.trust[truster, :] for s in history])
    leverage = np.array([s.leverage for s in history])
    pressure = np.array([s.pressure for s in history])
    for j, code in enumerate(COUNTRIES):
        style = {"color": country_color(code), "lw": 2.5, "label": country_name(code)}
        if j != truster:
            axes[0].plot(steps, trust[:, j], **style)
        axes[1].plot(steps, leverage[:, j], **style)
        axes[2].plot(steps, pressure[:, j], **style)
    titles = (
        f"How far {SHORT_NAMES[COUNTRIES[truster]]} trusts each",
        "Leverage",
        "Pressure at home",
    )
    ylabels = ("trust (0 none, 1 full)", "leverage (0 none, 1 all)", "pressure (0 none, 1 most)")
    for ax, title, ylabel in zip(axes, titles, ylabels, strict=True):
        ax.set_title(title, fontsize=FONT_SIZE + 1)
        ax.set_ylabel(ylabel, fontsize=FONT_SIZE)
        ax.set_ylim(-0.02, 1.02)
        _month_axis(ax, months, ticks=2)
    fig.legend(
        *axes[1].get_legend_handles_labels(),
        loc="outside lower center",
        ncol=len(COUNTRIES),
        fontsize=FONT_SIZE,
        frameon=False,
    )
    return to_svg(fig)


def _percent_axis(name: str) -> dict[str, Any]:
    return {
        "type": "value",
        "name": name,
        "nameLocation": "middle",
        "nameGap": 38,
        "min": 0,
        "max": 1,
        "axisLabel": {":formatter": JS_PERCENT},
    }


JS_PERCENT = "value => Math.round(value * 100) + ' %'"
"""An ECharts label formatter (NiceGUI passes the value of a key starting with ``:`` as code)."""


def _chart(title: str, legend: list[str], x: dict[str, Any], y: dict[str, Any]) -> dict[str, Any]:
    return {
        "animation": False,
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": FONT_SIZE + 3}},
        "legend": {
            "data": legend,
            "top": 24,
            "itemGap": 8,
            "itemWidth": 18,
            "textStyle": {"fontSize": FONT_SIZE},
        },
        "grid": {"left": 56, "right": 16, "top": 56, "bottom": 26},
        "tooltip": {"trigger": "axis"},
        "xAxis": x,
        "yAxis": y,
        "series": [],
    }


def _round(values: Iterable[float]) -> list[float]:
    return [round(float(v), 4) for v in values]


def futures_charts(
    current: Futures,
    reference: Futures,
    names: tuple[str, str] = ("these settings", "reference"),
    individual: bool = False,
) -> dict[str, dict[str, Any]]:
    """ECharts options of the four panels of many futures, the variant against the reference.

    ``summit``: the share of futures that held a summit by each month; ``trust``: North Korea's
    trust in the US, the middle 90 % of futures as a band and their median (with ``individual``,
    about twenty futures one by one); ``agreement``: the most advanced agreement reached;
    ``others``: North Korea's trust in each other country at the end. The charts are drawn in the
    browser, so they scale with their box and redraw in milliseconds.
    """
    variant, base = names
    runs = f"share of {current.runs} futures"
    months = list(current.months)
    series = ((reference, REFERENCE_COLOR, base), (current, CURRENT_COLOR, variant))
    summit = _chart(
        f"A summit held by each month ({runs})",
        [base, variant],
        {"type": "category", "data": months, "boundaryGap": False},
        _percent_axis(runs),
    )
    low, high = 0, len(QUANTILES) - 1
    middle = len(QUANTILES) // 2
    band = f"middle {QUANTILES[high] - QUANTILES[low]:.0%}"
    top = max(
        0.5, float(max(current.trust_quantiles[high].max(), reference.trust_quantiles[high].max()))
    )
    trust_legend = [f"{n}: {label}" for _, _, n in series for label in ("median", band)]
    trust = _chart(
        "North Korea's trust in the US (band: middle 90 % of futures)",
        trust_legend,
        {"type": "category", "data": months, "boundaryGap": False},
        {
            "type": "value",
            "name": "trust (0 none, 1 full)",
            "nameLocation": "middle",
            "nameGap": 38,
            "min": 0,
            "max": min(1.0, math.ceil(top * 11) / 10),
        },
    )
    trust["legend"]["textStyle"]["fontSize"] = FONT_SIZE - 1
    trust["grid"]["top"] = 74
    for futures, color, name in series:
        summit["series"].append(
            {
                "name": name,
                "type": "line",
                "data": _round(futures.summit_by_month),
                "color": color,
                "lineStyle": {"width": 3},
                "showSymbol": False,
            }
        )
        lower = _round(futures.trust_quantiles[low])
        width = _round(futures.trust_quantiles[high] - futures.trust_quantiles[low])
        stack = f"band-{name}"
        trust["series"] += [
            {
                "name": f"{name}: {band}",
                "type": "line",
                "data": lower,
                "stack": stack,
                "lineStyle": {"opacity": 0},
                "showSymbol": False,
                "color": color,
                "tooltip": {"show": False},
            },
            {
                "name": f"{name}: {band}",
                "type": "line",
                "data": width,
                "stack": stack,
                "lineStyle": {"opacity": 0},
                "areaStyle": {"color": color, "opacity": 0.2},
                "showSymbol": False,
                "color": color,
                "tooltip": {"show": False},
            },
            {
                "name": f"{name}: median",
                "type": "line",
                "data": _round(futures.trust_quantiles[middle]),
                "color": color,
                "lineStyle": {"width": 3},
                "showSymbol": False,
            },
        ]
    if individual:
        single = f"{variant}: {len(current.trust_samples)} single futures"
        trust["legend"]["data"].append(single)
        trust["series"] += [
            {
                "name": single,
                "type": "line",
                "data": _round(sample),
                "color": CURRENT_COLOR,
                "lineStyle": {"width": 1, "opacity": 0.6},
                "showSymbol": False,
                "tooltip": {"show": False},
            }
            for sample in current.trust_samples
        ]
    kinds = list(current.agreement_shares)
    agreement = _chart(
        f"The most advanced agreement reached ({runs})",
        [base, variant],
        {
            "type": "category",
            "data": [AGREEMENT_LABELS.get(k, k) for k in kinds],
            "axisLabel": {"interval": 0},
        },
        _percent_axis(runs),
    )
    codes = list(current.trust_in_each)
    others = _chart(
        "North Korea's trust in each country at the end (median of futures)",
        [base, variant],
        {"type": "category", "data": [SHORT_NAMES[c] for c in codes], "axisLabel": {"interval": 0}},
        {
            "type": "value",
            "name": "trust (0 none, 1 full)",
            "nameLocation": "middle",
            "nameGap": 38,
            "min": 0,
            "max": 1,
        },
    )
    for futures, color, name in series:
        agreement["series"].append(
            {
                "name": name,
                "type": "bar",
                "color": color,
                "data": _round(futures.agreement_shares[k] for k in kinds),
            }
        )
        others["series"].append(
            {
                "name": name,
                "type": "bar",
                "color": color,
                "data": _round(futures.trust_in_each[c] for c in codes),
            }
        )
    return {"summit": summit, "trust": trust, "agreement": agreement, "others": others}
