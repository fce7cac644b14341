"""Summits and agreements over many runs: probability by month, type shares, time to the first.

Each figure takes :class:`analysis.groups.Group` objects (a run, an ensemble, a sweep) and draws
them on shared axes, so scenarios compare across seeds.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.groups import Group, agreement_shares, months_to_first_summit, summit_probability
from analysis.style import LEGEND_SIZE, RUN_COLORS, bottom_legend, format_month_axis, humanize

AGREEMENT_COLORS: dict[str, str] = {
    "none": "#BBBBBB",
    "declaratory": "#9ecae1",
    "freeze_for_relief": "#4292c6",
    "disarmament_step": "#08519c",
}
FIGURE_WIDTH = 15.0


def summits_figure(groups: Sequence[Group], labels: Sequence[str]) -> Figure:
    """Three panels on shared axes: summit probability by month, agreement shares, time to summit.

    Each result's curve ends at its own last simulated month: a shorter run says nothing about
    the months it did not simulate.

    Parameters
    ----------
    groups : sequence of Group
        The results compared (each with at least one run).
    labels : sequence of str
        One legend label per group.
    """
    same_start = len({g.start for g in groups}) == 1
    fig = Figure(figsize=(FIGURE_WIDTH, 5.8), layout="constrained")
    prob_ax, share_ax, time_ax = fig.subplots(1, 3, width_ratios=(1.3, 1.0, 1.0))
    for k, (group, label) in enumerate(zip(groups, labels, strict=True)):
        probability = summit_probability(group, group.months)
        x = (
            pd.period_range(group.start, periods=group.months + 1, freq="M").to_timestamp()
            if same_start
            else probability.index
        )
        prob_ax.step(
            x,
            probability.to_numpy(),
            where="post",
            color=RUN_COLORS[k % len(RUN_COLORS)],
            lw=2.4 - 0.2 * min(k, 5),
            ls=("-", "--", ":", "-.")[k % 4],
            label=f"#{k + 1} {label}",
        )
    prob_ax.set_ylim(-0.02, 1.02)
    prob_ax.set_ylabel("share of runs with a summit so far")
    prob_ax.set_xlabel("month" if same_start else "months since the start")
    prob_ax.set_title("Probability of a summit by month", fontsize=12)
    prob_ax.grid(alpha=0.3)
    if same_start:
        format_month_axis(prob_ax, max_ticks=6)
    _agreement_bars(share_ax, groups)
    _time_to_summit(time_ax, groups)
    handles, legend_labels = prob_ax.get_legend_handles_labels()
    bottom_legend(fig, handles, legend_labels, FIGURE_WIDTH)
    fig.suptitle("Summits and agreements across seeds")
    return fig


def _agreement_bars(ax: object, groups: Sequence[Group]) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    shares = pd.DataFrame([agreement_shares(g) for g in groups]).fillna(0.0)
    positions = np.arange(len(groups))
    left = np.zeros(len(groups))
    for kind in shares.columns:
        values = shares[kind].to_numpy()
        ax.barh(
            positions,
            values,
            left=left,
            color=AGREEMENT_COLORS.get(kind, "#777777"),
            label=humanize(kind),
            edgecolor="white",
        )
        left += values
    ax.set_yticks(positions, [f"#{k + 1}" for k in positions])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of runs")
    ax.set_ylabel("result (as numbered in the legend order)")
    ax.set_title("Most advanced agreement reached", fontsize=12)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=LEGEND_SIZE)


def _time_to_summit(ax: object, groups: Sequence[Group]) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    positions = np.arange(len(groups))
    ticks = []
    for k, group in enumerate(groups):
        times = months_to_first_summit(group)
        none = 1.0 - times.size / max(1, len(group.outcomes))
        color = RUN_COLORS[k % len(RUN_COLORS)]
        if times.size:
            # drawn by hand: Axes.boxplot reads every rcParam, which imports pyplot
            low, q1, median, q3, high = np.percentile(times, [10, 25, 50, 75, 90])
            ax.hlines(k, low, high, color=color, linewidth=1.5)
            ax.barh(k, q3 - q1, left=q1, height=0.5, color=color, alpha=0.5, edgecolor=color)
            ax.vlines(median, k - 0.25, k + 0.25, color="black", linewidth=2)
        ticks.append(f"#{k + 1}\nno summit: {none:.1%}")
    ax.set_yticks(positions, ticks)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlabel(
        "months to the first summit (runs with one)\nbox 25–75 %, bar median, whiskers 10–90 %"
    )
    ax.set_title("Time to the first summit", fontsize=12)
    ax.grid(axis="x", alpha=0.3)
